import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createShop } from '../../../server/admin';
import { startServer, type RunningServer, type StartOptions } from '../../../server/app';
import { openPostgres, type Database } from '../../../server/db/connect';
import { createLogger } from '../../../server/log';
import { issuePairingCode } from '../../../server/pairing';
import type { Actor } from '../../../src-shared/authorization';
import { ManualClock, systemClock, type Clock as ClockReading } from '../../../src-shared/clock';
import { getTableName } from 'drizzle-orm';
import { entityTypes, SETTINGS_ID, type AnyRow, type DomainEvent, type EntityType } from '../../../src-shared/entities';
import { entityTables } from '../../../src-main/core/store/schema';
import { newId } from '../../../src-shared/ids';
import type { Command } from '../../../src-shared/commands';
import { createBackup, restoreBackup, type BackupInfo } from '../../../src-main/agents/backup/backups';
import { executeCommand, type CommandResult, type Desk } from '../../../src-main/core/commands/execute';
import { transact } from '../../../src-main/core/store/transaction';
import { writeOutboxIfPaired } from '../../../src-main/core/outbox/outbox';
import { openStore, type Store } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { SyncAgent, type SyncAgentOptions } from '../../../src-main/agents/sync/agent';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import type { Fetch } from '../../../src-main/agents/sync/transport';
import { BASE_URL, createTestDatabase as createPostgresDatabase } from '../postgres';

/** Test support for the sync agent: a real server on a fresh PostgreSQL database, machines on real SQLite files, a fault layer. */

export { BASE_URL };

export function createTestDatabase(prefix = 'caredesk_sync') {
  return createPostgresDatabase(prefix);
}

const limits = { pairAttemptsPerMinute: 100_000, deviceRequestsPerSecond: 100_000, deviceBurst: 100_000 };

/** A sync server that can be stopped and started again on the same port and database. */
export class TestServer {
  server: RunningServer | null = null;
  port = 0;
  private constructor(
    readonly databaseUrl: string,
    readonly db: Database,
    private readonly dropDb: () => Promise<void>,
    /** The server's clock; tests that compare desk and server time share one. */
    private readonly clock: ClockReading = systemClock,
    /** More of the server's start options (its keys and sender, for the messaging tests). */
    private readonly extra: Partial<StartOptions> = {},
  ) {}

  static async create(options: { clock?: ClockReading; server?: Partial<StartOptions> } = {}): Promise<TestServer> {
    const database = await createTestDatabase();
    const db = await openPostgres({ url: database.url, maxConnections: 4 });
    const server = new TestServer(database.url, db, database.drop, options.clock, options.server);
    await server.start();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = await startServer({
      databaseUrl: this.databaseUrl,
      maxConnections: 6,
      port: this.port,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      limits,
      clock: this.clock,
      ...this.extra,
    });
    this.port = this.server.port;
  }

  async stop(): Promise<void> {
    await this.server?.stop(2_000);
    this.server = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async createShop(name = 'Test shop'): Promise<{ shopId: string; code: string }> {
    const shop = await createShop(this.db, name, { now: this.clock.now() });
    return { shopId: shop.shopId, code: shop.code };
  }

  async pairingCode(shopId: string): Promise<string> {
    return (await issuePairingCode(this.db, shopId, { now: this.clock.now() })).code;
  }

  /** The server's rows of a shop, by entity key. */
  async rows(shopId: string): Promise<Map<string, Record<string, unknown>>> {
    const result = await this.db.query<{ entity_type: string; id: string; data: Record<string, unknown> }>(
      'SELECT entity_type, id, data FROM entity_rows WHERE shop_id = $1',
      [shopId],
    );
    return new Map(result.rows.map((row) => [`${row.entity_type}:${row.id}`, row.data]));
  }

  async close(): Promise<void> {
    await this.stop();
    await this.db.close();
    await this.dropDb();
  }
}

/** A seeded PRNG: the same seed gives the same run. */
export { seededRandom as rng } from '../../../src-shared/seededRandom';

export interface FaultRates {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  /** A copy of the request is kept and delivered later (a late duplicate). */
  delay: number;
}

export const noFaults: FaultRates = { dropRequest: 0, dropResponse: 0, duplicate: 0, delay: 0 };

/** Sits between an agent and the server: drops requests and responses, duplicates and delays deliveries. */
export class FaultLayer {
  rates: FaultRates = noFaults;
  /** Delayed copies waiting to be delivered. */
  held: (() => Promise<void>)[] = [];
  /** Called when a request reaches the server (tests kill machines mid-sync from here). */
  onDelivered: (() => void) | null = null;
  counts = { requests: 0, droppedRequests: 0, droppedResponses: 0, duplicates: 0, delayed: 0 };

  constructor(private readonly random: () => number) {}

  readonly fetch: Fetch = async (input, init) => {
    this.counts.requests += 1;
    const { dropRequest, dropResponse, duplicate, delay } = this.rates;
    const roll = this.random();
    if (roll < dropRequest) {
      this.counts.droppedRequests += 1;
      throw new TypeError('fetch failed: request dropped by the fault layer');
    }
    const plain = { ...init, signal: undefined };
    if (roll < dropRequest + duplicate) {
      this.counts.duplicates += 1;
      await (await fetch(input, plain)).text().catch(() => undefined);
    } else if (roll < dropRequest + duplicate + delay) {
      this.counts.delayed += 1;
      this.held.push(async () => {
        await (await fetch(input, plain)).text();
      });
    }
    const response = await fetch(input, init);
    this.onDelivered?.();
    if (this.random() < dropResponse) {
      this.counts.droppedResponses += 1;
      await response.text().catch(() => undefined);
      throw new TypeError('fetch failed: response dropped by the fault layer');
    }
    return response;
  };

  /** Delivers the delayed copies (late duplicates), in order, ignoring their answers. */
  async deliverHeld(): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const deliver of held) await deliver().catch(() => undefined);
  }
}

/** The shared manual clock (src-shared/clock.ts), read as `time` here. */
export class Clock extends ManualClock {
  constructor(time = Date.UTC(2026, 2, 2, 8, 0)) {
    super(time);
  }
  get time(): number {
    return this.at;
  }
}

export interface MachineOptions {
  dir: string;
  name: string;
  clock: () => number;
  random?: () => number;
  faults?: FaultLayer;
  agent?: Partial<SyncAgentOptions>;
}

/** One front-desk machine: its SQLite file, its agent (driven by hand), who is at the desk. */
export class Machine {
  store: Store;
  agent: SyncAgent;
  actor: Actor = { staffId: null, role: null };
  readonly file: string;

  constructor(readonly options: MachineOptions) {
    this.file = join(options.dir, `${options.name}.sqlite`);
    this.store = openStore(this.file);
    this.agent = this.makeAgent();
  }

  private makeAgent(): SyncAgent {
    return new SyncAgent({
      store: this.store,
      secrets: fileSecretStore(`${this.file}.token`),
      now: this.options.clock,
      random: this.options.random ?? Math.random,
      autoRun: false,
      healthIntervalMs: Infinity,
      requestTimeoutMs: 10_000,
      ...(this.options.faults ? { fetch: this.options.faults.fetch } : {}),
      ...this.options.agent,
    });
  }

  get desk(): Desk {
    return { store: this.store, actor: this.actor, now: this.options.clock };
  }

  /** Killed (mid-sync or not) and started again on the same files. */
  async restart(): Promise<void> {
    this.agent.kill();
    this.store.close();
    this.store = openStore(this.file);
    this.agent = this.makeAgent();
  }

  /** Where this machine keeps its backups. */
  get backupDir(): string {
    return join(this.options.dir, `${this.options.name}-backups`);
  }

  backUp(): Promise<BackupInfo> {
    return createBackup(this.store, { dir: this.backupDir, reason: 'manual', now: this.options.clock() });
  }

  /** Restores one of this machine's backups through the app's own restore; the agent starts again on the restored file. */
  async restore(name: string): Promise<void> {
    this.agent.kill();
    try {
      await restoreBackup(this.store, {
        dir: this.backupDir,
        name,
        actor: this.actor,
        now: this.options.clock(),
        reopen: (file) => openStore(file),
        swap: (next) => {
          this.store = next;
        },
      });
    } finally {
      this.agent = this.makeAgent();
    }
  }

  /**
   * Queues a change as a raw mutation, past this machine's validation and without touching its
   * rows: what a desk with a bug (or an older, laxer version) could send.
   */
  queueRaw(command: Omit<Command, 'idempotencyKey' | 'expectedVersion'>): string {
    const current = command.op === 'create' ? null : loadRow(this.store, command.entityType, command.entityId);
    const event = { id: newId(), actorStaffId: this.actor.staffId, at: this.options.clock() } as DomainEvent;
    transact(this.store, () =>
      writeOutboxIfPaired(
        this.store,
        { ...command, expectedVersion: current?.version ?? null, idempotencyKey: `raw-${newId()}` } as Command,
        event,
      ),
    );
    return event.id;
  }

  pair(server: TestServer, code: string) {
    return this.agent.pair({ serverUrl: server.url, code, deviceName: this.options.name });
  }

  row<E extends EntityType>(entityType: E, id: string) {
    return loadRow(this.store, entityType, id);
  }

  run(
    entityType: EntityType,
    op: string,
    entityId: string,
    args: Record<string, unknown> = {},
    reason: string | null = null,
  ): CommandResult {
    const current = op === 'create' ? null : loadRow(this.store, entityType, entityId);
    return executeCommand(this.desk, {
      entityType,
      op,
      entityId,
      expectedVersion: current?.version ?? null,
      idempotencyKey: `t-${newId()}`,
      reason,
      args,
    });
  }

  close(): void {
    this.agent.kill();
    this.store.close();
  }
}

export const allWeek = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ open: '00:00', close: '23:59' }]]),
);

export interface ShopSetup {
  ownerId: string;
  staffIds: string[];
  serviceId: string;
  clientIds: string[];
}

/** Settings, an owner, more staff, a 30-minute service and some clients, made on one machine. */
export function setUpShop(machine: Machine, options: { staff?: number; clients?: number } = {}): ShopSetup {
  machine.run('settings', 'create', SETTINGS_ID, {
    shopName: 'Test shop',
    timeZone: 'Europe/London',
    openingHours: allWeek,
  });
  const ownerId = newId();
  machine.run('staff', 'create', ownerId, { name: 'Olive Owner', colour: '#112233', role: 'owner' });
  machine.actor = { staffId: ownerId, role: 'owner' };
  const staffIds = [ownerId];
  for (let i = 1; i < (options.staff ?? 3); i += 1) {
    const id = newId();
    machine.run('staff', 'create', id, { name: `Staff ${i}`, colour: '#445566', role: 'staff' });
    staffIds.push(id);
  }
  const serviceId = newId();
  machine.run('service', 'create', serviceId, { name: 'Cut', durationMin: 30, bufferAfterMin: 0 });
  const clientIds: string[] = [];
  for (let i = 0; i < (options.clients ?? 5); i += 1) {
    const id = newId();
    machine.run('client', 'create', id, { name: `Client ${i}` });
    clientIds.push(id);
  }
  return { ownerId, staffIds, serviceId, clientIds };
}

/**
 * One sync server on real PostgreSQL and one temporary folder for the machines of a test file:
 * started before its tests, closed and removed after them.
 */
export function syncTestbed(
  prefix: string,
  options: { clock?: ClockReading; server?: Partial<StartOptions> } = {},
): { readonly server: TestServer; readonly dir: string } {
  let server: TestServer | undefined;
  let temp: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    server = await TestServer.create(options);
    temp = tempDir(prefix);
  });
  afterAll(async () => {
    await server?.close();
    temp?.remove();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('The test server starts in beforeAll.');
      return server;
    },
    get dir() {
      if (temp === undefined) throw new Error('The test folder is made in beforeAll.');
      return temp.dir;
    },
  };
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows of one machine, by entity key (shape of the server's data). */
export function localRows(store: Store): Map<string, AnyRow> {
  const map = new Map<string, AnyRow>();
  for (const entityType of entityTypes) {
    const table = getTableName(entityTables[entityType]);
    const ids = store.sqlite.prepare(`SELECT id FROM "${table}"`).all() as { id: string }[];
    for (const { id } of ids) map.set(`${entityType}:${id}`, loadRow(store, entityType, id) as AnyRow);
  }
  return map;
}

/** Syncs until nothing is left to send or pull (or gives up after `rounds`). */
export async function syncUntilQuiet(machines: Machine[], rounds = 30): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    let busy = false;
    for (const machine of machines) {
      const report = await machine.agent.syncNow();
      if (!report.ok || report.pushed > 0 || report.pulled > 0 || report.moreWork) busy = true;
    }
    if (!busy) return;
  }
}

/**
 * Two paired desks of a new shop on `server`, the shop set up on the first. The desks share one
 * clock that carries the server's along (a change's time is never later than the server's own).
 */
export async function twoPairedDesks(
  server: TestServer,
  serverClock: Clock,
  dir: string,
  name: string,
  shopTime: number,
): Promise<{ a: Machine; b: Machine; shop: ShopSetup; shopId: string; clock: Clock }> {
  serverClock.set(shopTime);
  const clock = new Clock(shopTime);
  const advance = clock.advance.bind(clock);
  clock.advance = (ms: number) => {
    serverClock.advance(ms);
    return advance(ms);
  };
  const created = await server.createShop(name);
  const a = new Machine({ dir, name: `${name}-a`, clock: clock.now });
  await a.pair(server, created.code);
  const shop = setUpShop(a);
  await syncUntilQuiet([a]);
  const b = new Machine({ dir, name: `${name}-b`, clock: clock.now });
  await b.pair(server, await server.pairingCode(created.shopId));
  b.actor = { ...a.actor };
  await syncUntilQuiet([a, b]);
  return { a, b, shop, shopId: created.shopId, clock };
}

/** Every desk holds exactly the server's rows. */
export async function expectConverged(server: TestServer, machines: Machine[], shopId: string): Promise<void> {
  const { expect } = await import('vitest');
  const serverRows = await server.rows(shopId);
  for (const machine of machines) {
    for (const [key, row] of localRows(machine.store))
      expect(row, `${machine.options.name} ${key}`).toEqual(serverRows.get(key));
  }
}

/**
 * A test file's paired desks: one sync server for the file (started in beforeAll, on a clock that
 * starts at `shopTime`) and, for each test that asks, two desks of a new shop paired to it.
 */
export function pairedDesks(prefix: string, shopTime: number) {
  const serverClock = new Clock(shopTime);
  const bed = syncTestbed(prefix, { clock: serverClock });
  return {
    serverClock,
    get server() {
      return bed.server;
    },
    get dir() {
      return bed.dir;
    },
    /** Two desks of a new shop named `name`, the clocks set back to `shopTime`. */
    twoDesks: (name: string) => twoPairedDesks(bed.server, serverClock, bed.dir, name, shopTime),
    expectConverged: (machines: Machine[], shopId: string) => expectConverged(bed.server, machines, shopId),
  };
}

/** The first client waits, on `machine`, for the service any morning of the shop's first week; the entry's id. */
export function waitForAMorning(machine: Machine, shop: ShopSetup): string {
  const entry = newId();
  machine.run('waitlist', 'create', entry, {
    clientId: shop.clientIds[0],
    serviceId: shop.serviceId,
    fromDate: '2026-06-01',
    toDate: '2026-06-05',
    fromTime: '09:00',
    toTime: '12:00',
  });
  return entry;
}
