import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll, expect } from 'vitest';
import { createShop } from '../../../server/admin';
import { startServer, type RunningServer, type StartOptions } from '../../../server/app';
import { openPglite, type Database } from '../../../server/db/connect';
import { createLogger } from '../../../server/log';
import { issuePairingCode } from '../../../server/pairing';
import type { AppRouter, ErrorShapeData } from '../../../server/router';
import type { Command } from '../../../src-shared/commands';
import { clockStartingAt } from '../../../src-shared/clock';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { httpStatusOf, type ErrorCode, type ErrorEnvelope } from '../../../src-shared/errors';
import type { Mutation, Outcome, PushOutput } from '../../../src-shared/sync';
import { BASE_URL, createTestDatabase as createPostgresDatabase } from '../../support/postgres';

export { BASE_URL };

export function createTestDatabase(prefix = 'caredesk_srv') {
  return createPostgresDatabase(prefix);
}

export type Client = ReturnType<typeof makeClient>;

export function makeClient(url: string, token?: string | (() => string | undefined)) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url,
        transformer: superjson,
        headers: () => {
          const value = typeof token === 'function' ? token() : token;
          return value === undefined ? {} : { authorization: `Bearer ${value}` };
        },
      }),
    ],
  });
}

/** Asserts the call failed with `code`, with the right HTTP status on the wire; returns the envelope. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<ErrorEnvelope> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(TRPCClientError);
  const clientError = error as TRPCClientError<AppRouter>;
  const data = clientError.data as ErrorShapeData | undefined;
  expect(data?.envelope.code, clientError.message).toBe(code);
  expect(data?.httpStatus).toBe(httpStatusOf[code]);
  const response = clientError.meta?.response as Response | undefined;
  expect(response?.status).toBe(httpStatusOf[code]);
  expect(data?.envelope.requestId).toMatch(/.+/);
  expect(response?.headers.get('x-request-id')).toBe(data?.envelope.requestId);
  return data!.envelope;
}

export interface Backend {
  kind: 'postgres' | 'pglite';
  /** Options to start a server on this file's database. */
  serverOptions(): StartOptions;
  /** A connection for assertions that does not go through the server. */
  db(): Database;
  close(): Promise<void>;
}

export async function postgresBackend(): Promise<Backend & { url: string }> {
  const database = await createTestDatabase();
  // Open once (runs the migrations) and keep a pool for assertions.
  const { openPostgres } = await import('../../../server/db/connect');
  const db = await openPostgres({ url: database.url, maxConnections: 4 });
  return {
    kind: 'postgres',
    url: database.url,
    serverOptions: () => ({ databaseUrl: database.url, maxConnections: 12 }),
    db: () => db,
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

export async function pgliteBackend(dir: string): Promise<Backend> {
  const db = await openPglite(dir);
  return {
    kind: 'pglite',
    serverOptions: () => ({ db }),
    db: () => db,
    close: () => db.close(),
  };
}

export const quietLogger = () => createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export const generousLimits = { pairAttemptsPerMinute: 100_000, deviceRequestsPerSecond: 100_000, deviceBurst: 100_000 };

/**
 * The shop time of the server tests: 1 December 2030, 09:00 UTC, a month before their bookings
 * (DAY), running on in real time. The server, its pairing codes and every mutation's clientTime
 * read it, so no test depends on the machine's date.
 */
export const serverTestClock = clockStartingAt(Date.UTC(2030, 11, 1, 9, 0));

export async function startTestServer(backend: Backend, extra: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({ ...backend.serverOptions(), logger: quietLogger(), limits: generousLimits, clock: serverTestClock, ...extra });
}

/** One paired machine: its client, token and next mutation id. */
export class Device {
  nextMutationId = 1;
  /** Every mutation built so far, as built (a resend must carry the same payload). */
  readonly sent: Mutation[] = [];
  readonly client: Client;

  constructor(
    readonly url: string,
    readonly deviceId: string,
    readonly shopId: string,
    public token: string,
    public actorStaffId: string | null = null,
  ) {
    this.client = makeClient(url, () => this.token);
  }

  /** Builds mutations with the next ids (not yet pushed). */
  mutations(commands: Command[], actorStaffId: string | null = this.actorStaffId): Mutation[] {
    const built = commands.map((command) => ({
      mutationId: this.nextMutationId++,
      eventId: randomUUID(),
      command,
      actorStaffId,
      clientTime: serverTestClock.now(),
    }));
    this.sent.push(...built);
    return built;
  }

  push(mutations: Mutation[]): Promise<PushOutput> {
    return this.client.sync.push.mutate({ mutations });
  }

  async run(commands: Command[], actorStaffId: string | null = this.actorStaffId): Promise<Outcome[]> {
    const result = await this.push(this.mutations(commands, actorStaffId));
    return result.outcomes;
  }
}

export async function pairDevice(url: string, db: Database, shopId: string, name = 'Desk'): Promise<Device> {
  const { code } = await issuePairingCode(db, shopId, { now: serverTestClock.now() });
  const paired = await makeClient(url).pairing.pair.mutate({ code, deviceName: name });
  expect(paired.shopId).toBe(shopId);
  return new Device(url, paired.deviceId, paired.shopId, paired.token);
}

let keyCounter = 0;
export const key = () => `k-${randomUUID()}-${keyCounter++}`;

export const cmd = {
  settingsCreate: (): Command => ({
    entityType: 'settings',
    op: 'create',
    entityId: SETTINGS_ID,
    expectedVersion: null,
    idempotencyKey: key(),
    reason: null,
    args: {
      shopName: 'Test shop',
      timeZone: 'UTC',
      openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '23:59' }]])),
    },
  }),
  staffCreate: (id: string, role: 'owner' | 'staff' = 'owner', name = 'Sam'): Command => ({
    entityType: 'staff',
    op: 'create',
    entityId: id,
    expectedVersion: null,
    idempotencyKey: key(),
    reason: null,
    args: { name, colour: '#3366ff', role },
  }),
  serviceCreate: (id: string, durationMin = 30, bufferAfterMin = 0): Command => ({
    entityType: 'service',
    op: 'create',
    entityId: id,
    expectedVersion: null,
    idempotencyKey: key(),
    reason: null,
    args: { name: 'Cut', durationMin, bufferAfterMin },
  }),
  clientCreate: (id: string, name = 'Alex'): Command => ({
    entityType: 'client',
    op: 'create',
    entityId: id,
    expectedVersion: null,
    idempotencyKey: key(),
    reason: null,
    args: { name },
  }),
  clientUpdate: (id: string, expectedVersion: number, args: Record<string, unknown>): Command => ({
    entityType: 'client',
    op: 'update',
    entityId: id,
    expectedVersion,
    idempotencyKey: key(),
    reason: null,
    args,
  }),
  appointmentCreate: (id: string, refs: { clientId: string; staffId: string; serviceId: string }, startsAt: number): Command => ({
    entityType: 'appointment',
    op: 'create',
    entityId: id,
    expectedVersion: null,
    idempotencyKey: key(),
    reason: null,
    args: { ...refs, startsAt },
  }),
  appointmentCancel: (id: string, expectedVersion: number, reason = 'Client called'): Command => ({
    entityType: 'appointment',
    op: 'cancel',
    entityId: id,
    expectedVersion,
    idempotencyKey: key(),
    reason,
    args: {},
  }),
  undo: (entityType: Command['entityType'], id: string, expectedVersion: number, eventId: string): Command => ({
    entityType,
    op: 'undo',
    entityId: id,
    expectedVersion,
    idempotencyKey: key(),
    reason: null,
    args: { eventId },
  }),
};

/** A day in the future, at midnight UTC, so bookings are never in the past. */
export const DAY = Date.UTC(2031, 0, 6);
export const HOUR = 3_600_000;

export interface ShopFixture {
  shopId: string;
  devices: Device[];
  ownerId: string;
  serviceId: string;
  clientId: string;
  refs: { clientId: string; staffId: string; serviceId: string };
}

/** A shop with settings, an owner, a 30-minute service and a client, and `count` paired devices. */
export async function setupShop(url: string, db: Database, count = 1, name = 'Shop'): Promise<ShopFixture> {
  const { shopId } = await createShop(db, name, { now: serverTestClock.now() });
  const devices: Device[] = [];
  for (let i = 0; i < count; i += 1) devices.push(await pairDevice(url, db, shopId, `Desk ${i + 1}`));
  const ownerId = randomUUID();
  const serviceId = randomUUID();
  const clientId = randomUUID();
  const first = devices[0]!;
  const setup = await first.run([cmd.settingsCreate(), cmd.staffCreate(ownerId)], null);
  const more = await first.run([cmd.serviceCreate(serviceId), cmd.clientCreate(clientId)], ownerId);
  for (const outcome of [...setup, ...more]) expect(outcome.error, JSON.stringify(outcome.error)).toBeNull();
  for (const device of devices) device.actorStaffId = ownerId;
  return { shopId, devices, ownerId, serviceId, clientId, refs: { clientId, staffId: ownerId, serviceId } };
}

export async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.query<{ n: string | number }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

/** Everything the server holds for a shop, for before/after comparisons. */
export async function shopSnapshot(db: Database, shopId: string): Promise<unknown> {
  const [shop, rows, events, outcomes, idem] = await Promise.all([
    db.query('SELECT change_counter FROM shops WHERE id = $1', [shopId]),
    db.query('SELECT entity_type, id, version, data FROM entity_rows WHERE shop_id = $1 ORDER BY id', [shopId]),
    db.query('SELECT id, change_id FROM events WHERE shop_id = $1 ORDER BY change_id', [shopId]),
    db.query(
      'SELECT o.device_id, o.mutation_id, o.outcome FROM mutation_outcomes o JOIN devices d ON d.id = o.device_id WHERE d.shop_id = $1 ORDER BY 1, 2',
      [shopId],
    ),
    db.query('SELECT key, payload_hash FROM idempotency WHERE shop_id = $1 ORDER BY key', [shopId]),
  ]);
  const devices = await db.query('SELECT id, last_mutation_id, revoked_at FROM devices WHERE shop_id = $1 ORDER BY id', [shopId]);
  return { shop: shop.rows, rows: rows.rows, events: events.rows, outcomes: outcomes.rows, idem: idem.rows, devices: devices.rows };
}

export function shuffle<T>(items: T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * A backend with a sync server on it for one test file or describe block: opened and started
 * before its tests, stopped and closed after them.
 */
export function serverTestbed<B extends Backend>(
  openBackend: () => Promise<B>,
  extra: Partial<StartOptions> = {},
): { readonly backend: B; readonly server: RunningServer } {
  let backend: B | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    backend = await openBackend();
    server = await startTestServer(backend, extra);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await backend?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The test database and server start in beforeAll.');
    return value;
  };
  return {
    get backend() {
      return started(backend);
    },
    get server() {
      return started(server);
    },
  };
}

/** A fresh PostgreSQL database with a sync server on it, dropped after the tests. */
export const postgresTestbed = (extra: Partial<StartOptions> = {}) => serverTestbed(postgresBackend, extra);

/** A PGlite backend in a fresh temporary folder, removed on close (creating one costs seconds and ~1 GB). */
export async function pgliteTempBackend(prefix: string): Promise<Backend> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const backend = await pgliteBackend(join(dir, 'data'));
  return {
    ...backend,
    async close() {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
