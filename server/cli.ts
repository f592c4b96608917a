import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { startClock, type Clock } from '../src-shared/clock';
import { idSchema } from '../src-shared/entities';
import { toAppError } from '../src-shared/errors';
import { createShop, listDevices, revokeDevice } from './admin';
import { defaultLimits, startServer } from './app';
import { DEFAULT_DATA_DIR, openDatabase, type Database } from './db/connect';
import { createLogger } from './log';
import { issuePairingCode } from './pairing';
import { saveShopProviders } from './messages/providerStore';
import { SECRET_KEY_ENV, serverKeysFromEnv } from './messages/secrets';

/**
 * The sync server's command line. `serve` runs it; the other commands are the owner's
 * administration and talk to the same database (DATABASE_URL, or the PGlite data directory —
 * stop the server first when using PGlite, which one process at a time may open).
 */

const program = new Command('caredesk-server').description('CareDesk sync server').showHelpAfterError();
program.option('--data-dir <dir>', 'PGlite data directory when DATABASE_URL is not set', process.env.CAREDESK_DATA_DIR ?? DEFAULT_DATA_DIR);
program.option('--now <instant>', 'tests only (CAREDESK_TEST_HOOKS=1): start the clock at this ISO instant (env CAREDESK_NOW)', process.env.CAREDESK_NOW);

/** The one clock of this process (src-shared/clock.ts): the machine's unless a test chose the time. */
function clock(): Clock {
  const testHooks = process.env.CAREDESK_TEST_HOOKS === '1';
  return startClock({ now: program.opts<{ now?: string }>().now, since: process.env.CAREDESK_NOW_SINCE, testHooks });
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function id(value: string): string {
  if (!idSchema.safeParse(value).success) throw new InvalidArgumentError('must be an id (uuid)');
  return value;
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 7 * 24 * 60) throw new InvalidArgumentError('must be a number of minutes (up to a week)');
  return n;
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: program.opts<{ dataDir: string }>().dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const expiry = (at: number) => new Date(at).toISOString();

interface ServeOptions {
  port: number;
  host: string;
  deviceRps: number;
  deviceBurst: number;
  pairPerMinute: number;
  healthPerMinute: number;
  maxConnections: number;
}

program
  .command('serve')
  .description('run the sync server')
  .option('--port <port>', 'port to listen on (env PORT)', port, process.env.PORT === undefined ? 8787 : port(process.env.PORT))
  .option('--host <host>', 'address to bind (env HOST); loopback by default', process.env.HOST ?? '127.0.0.1')
  .option('--device-rps <n>', 'requests per second allowed per device', positive, defaultLimits.deviceRequestsPerSecond)
  .option('--device-burst <n>', 'requests a device may send at once', positive, defaultLimits.deviceBurst)
  .option('--pair-per-minute <n>', 'pairing attempts per minute per IP address', positive, defaultLimits.pairAttemptsPerMinute)
  .option('--health-per-minute <n>', 'health checks per minute per IP address', positive, defaultLimits.healthChecksPerMinute)
  .option('--max-connections <n>', 'PostgreSQL connections (DATABASE_URL only)', positive, 10)
  .action(async (options: ServeOptions) => {
    const log = createLogger();
    const server = await startServer({
      clock: clock(),
      databaseUrl: process.env.DATABASE_URL,
      dataDir: program.opts<{ dataDir: string }>().dataDir,
      port: options.port,
      host: options.host,
      logger: log,
      maxConnections: options.maxConnections,
      keys: serverKeysFromEnv(),
      ...(process.env.CAREDESK_PUBLIC_URL === undefined ? {} : { publicUrl: process.env.CAREDESK_PUBLIC_URL }),
      limits: {
        deviceRequestsPerSecond: options.deviceRps,
        deviceBurst: options.deviceBurst,
        pairAttemptsPerMinute: options.pairPerMinute,
        healthChecksPerMinute: options.healthPerMinute,
      },
    });
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      server.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });

const shop = program.command('shop').description('shops and pairing codes');
shop
  .command('create')
  .description('create a shop; prints its id and a one-time pairing code')
  .requiredOption('--name <name>', 'the shop name')
  .option('--ttl <minutes>', 'minutes the pairing code stays valid', minutes, 15)
  .action(async (options: { name: string; ttl: number }) => {
    const created = await withDatabase((db) => createShop(db, options.name, { ttlMs: options.ttl * 60_000, now: clock().now() }));
    console.log(`shop id:      ${created.shopId}`);
    console.log(`pairing code: ${created.code}  (one use, expires ${expiry(created.expiresAt)})`);
  });
shop
  .command('pair-code')
  .description('issue another one-time pairing code for a shop')
  .requiredOption('--shop <id>', 'the shop id', id)
  .option('--ttl <minutes>', 'minutes the pairing code stays valid', minutes, 15)
  .action(async (options: { shop: string; ttl: number }) => {
    const issued = await withDatabase((db) => issuePairingCode(db, options.shop, { ttlMs: options.ttl * 60_000, now: clock().now() }));
    console.log(`pairing code: ${issued.code}  (one use, expires ${expiry(issued.expiresAt)})`);
  });

const messages = program.command('messages').description("a shop's message providers (the paired shop's sender)");
messages
  .command('set-providers')
  .description(`store a shop's message providers from a JSON file (secrets sealed with ${SECRET_KEY_ENV})`)
  .requiredOption('--shop <id>', 'the shop id', id)
  .requiredOption('--file <path>', 'JSON: { email: { primary, fallback } | null, sms: { primary, fallback } | null }')
  .action(async (options: { shop: string; file: string }) => {
    const keys = serverKeysFromEnv();
    if (keys === null) throw new InvalidArgumentError(`set ${SECRET_KEY_ENV} first: the credentials are sealed with it`);
    const settings: unknown = JSON.parse(await readFile(options.file, 'utf8'));
    await withDatabase((db) => saveShopProviders(db, options.shop, settings, keys.sealing, clock().now()));
    console.log(`message providers of shop ${options.shop} saved`);
  });

const devices = program.command('devices').description('paired machines');
devices
  .command('list')
  .description("list a shop's devices")
  .requiredOption('--shop <id>', 'the shop id', id)
  .option('--json', 'print JSON')
  .action(async (options: { shop: string; json?: boolean }) => {
    const list = await withDatabase((db) => listDevices(db, options.shop));
    if (options.json) {
      console.log(JSON.stringify(list, null, 2));
      return;
    }
    if (list.length === 0) console.log('no devices');
    for (const device of list) {
      const state = device.revokedAt === null ? 'active' : `revoked ${expiry(device.revokedAt)}`;
      const seen = device.lastSeenAt === null ? '' : `, last seen ${expiry(device.lastSeenAt)}`;
      console.log(`${device.id}  ${device.name}  (${state}, paired ${expiry(device.createdAt)}${seen}, last mutation ${device.lastMutationId})`);
    }
  });
devices
  .command('revoke')
  .description("revoke a device: its token stops working at once")
  .requiredOption('--device <id>', 'the device id', id)
  .action(async (options: { device: string }) => {
    await withDatabase((db) => revokeDevice(db, options.device, clock().now()));
    console.log(`device ${options.device} revoked`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  const appError = toAppError(error);
  console.error(`error ${appError.code}: ${appError.message}`);
  if (appError.code === 'INTERNAL_ERROR' || appError.code === 'MIGRATION_FAILED') console.error(appError.cause ?? error);
  process.exitCode = 1;
});
