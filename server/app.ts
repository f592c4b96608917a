import { systemClock, type Clock } from '../src-shared/clock';
import { openDatabase, type Database } from './db/connect';
import { listen } from './http';
import { createLogger, type Logger } from './log';
import { AuthCache } from './auth';
import { RateLimiter } from './rate-limit';
import { KeyedSerializer } from './sync/shop-queue';
import type { ServerServices } from './router';
import type { PushHooks } from './sync/push';
import type { ServerKeys } from './messages/secrets';
import { startServerSender, type ServerSender, type ServerSenderOptions } from './messages/sender';

/** Starts the sync server: database (migrated), services, HTTP. */

export interface Limits {
  /** Pairing attempts per IP address per minute. */
  pairAttemptsPerMinute: number;
  /** Health checks per IP address per minute (a desk asks once a minute; several desks may share an address). */
  healthChecksPerMinute: number;
  /** Requests per device per second (sustained) and at once (burst). */
  deviceRequestsPerSecond: number;
  deviceBurst: number;
  /** Confirmation-link requests per IP address per minute (a client opens and clicks a few times). */
  linkRequestsPerMinute: number;
}

export const defaultLimits: Limits = {
  pairAttemptsPerMinute: 10,
  healthChecksPerMinute: 120,
  deviceRequestsPerSecond: 20,
  deviceBurst: 100,
  linkRequestsPerMinute: 30,
};

export interface StartOptions {
  /** Use this database (it stays open after stop unless ownDb). */
  db?: Database;
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  maxConnections?: number;
  port?: number;
  host?: string;
  logger?: Logger;
  limits?: Partial<Limits>;
  hooks?: PushHooks;
  /** The one clock the server reads; the machine's unless a test chose the time. */
  clock?: Clock;
  /**
   * The paired shops' messages (docs/architecture.md §20): the keys derived from the server's
   * secret (null: no secret, so nothing is sent and no confirmation link works).
   */
  keys?: ServerKeys | null;
  /** Where clients reach this server (the links start with it); the listening address by default. */
  publicUrl?: string;
  /** Run the sender (default true when there are keys). */
  sendMessages?: boolean;
  sender?: Pick<ServerSenderOptions, 'resilience' | 'intervalMs'>;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  db: Database;
  log: Logger;
  /** The paired shops' sender; null when the server has no secret key or was told not to send. */
  sender: ServerSender | null;
  stop(timeoutMs?: number): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const log = options.logger ?? createLogger();
  const ownDb = options.db === undefined;
  const db =
    options.db ??
    (await openDatabase({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
      onPoolError: (error) => log.warn({ err: error }, 'database connection lost'),
    }));
  const limits = { ...defaultLimits, ...options.limits };
  const now = (options.clock ?? systemClock).now;
  const services: ServerServices = {
    db,
    now,
    log,
    pairLimiter: new RateLimiter(limits.pairAttemptsPerMinute / 60, limits.pairAttemptsPerMinute),
    healthLimiter: new RateLimiter(limits.healthChecksPerMinute / 60, limits.healthChecksPerMinute),
    deviceLimiter: new RateLimiter(limits.deviceRequestsPerSecond, limits.deviceBurst),
    authCache: new AuthCache(undefined, undefined, now),
    shopQueue: new KeyedSerializer(),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    active: { calls: 0 },
  };
  const keys = options.keys ?? null;
  services.sealingKey = keys?.sealing ?? null;
  const shopQueue = services.shopQueue;
  services.links = {
    db,
    now,
    log,
    key: keys?.links ?? null,
    limiter: new RateLimiter(limits.linkRequestsPerMinute / 60, limits.linkRequestsPerMinute),
    ...(shopQueue === undefined ? {} : { shopQueue }),
  };
  let http;
  try {
    http = await listen(services, options.port ?? 0, options.host ?? '127.0.0.1');
  } catch (error) {
    if (ownDb) await db.close();
    throw error;
  }
  log.info({ url: http.url, database: db.kind }, 'sync server listening');
  services.links.publicUrl = options.publicUrl ?? http.url.replace(/\/trpc$/u, '');
  const sender =
    keys === null || options.sendMessages === false
      ? null
      : startServerSender({
          db,
          now,
          keys,
          log,
          publicUrl: options.publicUrl ?? http.url.replace(/\/trpc$/u, ''),
          ...(shopQueue === undefined ? {} : { shopQueue }),
          ...options.sender,
        });
  if (sender !== null) log.info('message sender started: the paired shops\' messages go from this server');
  if (keys === null) log.warn('no CAREDESK_SECRET_KEY: paired shops\' messages are not sent and confirmation links do not work');
  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    host: http.host,
    db,
    log,
    sender,
    stop(timeoutMs?: number) {
      stopping ??= (async () => {
        log.info('sync server stopping');
        // The sender first: a pass under way finishes its steps before the database closes.
        await sender?.stop();
        await http.close(timeoutMs);
        if (ownDb) await db.close();
        log.info('sync server stopped');
      })();
      return stopping;
    },
  };
}
