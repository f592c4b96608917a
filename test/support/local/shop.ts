import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../../src-shared/authorization';
import { ManualClock as Clock } from '../../../src-shared/clock';
import { getTableName } from 'drizzle-orm';
import { entityTypes, type OpeningHours, type Staff } from '../../../src-shared/entities';
import { entityTables } from '../../../src-main/core/store/schema';
import { isAppError, type ErrorCode } from '../../../src-shared/errors';
import { weekdays } from '../../../src-shared/time';
import { createAppointment } from '../../../src-main/core/appointments/commands';
import { createClient } from '../../../src-main/core/clients/commands';
import type { Desk } from '../../../src-main/core/commands/execute';
import { createService } from '../../../src-main/core/services/commands';
import { setUpShop } from '../../../src-main/core/settings/commands';
import { createStaffMember } from '../../../src-main/core/staff/commands';
import { openStore, type OpenOptions, type Store } from '../../../src-main/core/store/open';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'caredesk-local-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let keyCounter = 0;
/** A fresh idempotency key. */
export function key(label = 'k'): string {
  keyCounter += 1;
  return `${label}-${keyCounter}-${randomUUID()}`;
}

/** A controllable clock (epoch ms): the shared manual clock. */
export { Clock };

export const HOUR_MS = 3_600_000;
export const MIN_MS = 60_000;

export function everyDay(open: string, close: string): OpeningHours {
  return Object.fromEntries(weekdays.map((day) => [day, [{ open, close }]])) as OpeningHours;
}

export interface ShopOptions {
  timeZone?: string;
  openingHours?: OpeningHours;
  /** Start of the clock; defaults to 2026-06-01T06:00Z. */
  now?: number;
  /** Reuse this file instead of a new temp dir (the caller owns it). */
  file?: string;
  openOptions?: OpenOptions;
  clientNames?: { name: string; phone?: string | null }[];
}

export interface Shop {
  dir: string;
  file: string;
  store: Store;
  clock: Clock;
  owner: Staff;
  /** Two non-owner staff members. */
  staff: [Staff, Staff];
  /** cut: 30 min + 10 min buffer; colour: 60 min, no buffer; long: 720 min + 240 buffer (the maximum). */
  services: { cut: string; colour: string; long: string };
  clients: string[];
  /** A desk acting as the given staff member (default: the owner). */
  desk(actor?: Staff | Actor): Desk;
  ownerDesk: Desk;
  receptionDesk: Desk;
  close(): void;
}

/** A desk (store + actor + clock). */
export function deskFor(store: Store, actor: Actor, now: () => number): Desk {
  return { store, actor, now };
}

export function actorOf(member: Staff): Actor {
  return { staffId: member.id, role: member.role };
}

/**
 * Open a store on a real SQLite file in a temp dir and set the shop up the way the first-run
 * flow does: settings and the owner with no one signed in, then staff, services and clients.
 */
export async function makeShop(options: ShopOptions = {}): Promise<Shop> {
  const temp = options.file === undefined ? tempDir() : { dir: '', cleanup: () => undefined };
  const file = options.file ?? join(temp.dir, 'caredesk.sqlite');
  const store = openStore(file, options.openOptions);
  const clock = new Clock(options.now ?? Date.UTC(2026, 5, 1, 6, 0));
  const nobody = deskFor(store, { staffId: null, role: null }, clock.now);
  setUpShop(nobody, {
    idempotencyKey: key('setup'),
    shopName: 'Test Cuts',
    timeZone: options.timeZone ?? 'Europe/London',
    openingHours: options.openingHours ?? everyDay('08:00', '20:00'),
  });
  const member = async (desk: Desk, name: string, colour: string, role: Staff['role']) =>
    (await createStaffMember(desk, { idempotencyKey: key(role), name, colour, role })).row as Staff;
  const owner = await member(nobody, 'Olive Owner', '#112233', 'owner');
  const ownerDesk = deskFor(store, actorOf(owner), clock.now);
  const alice = await member(ownerDesk, 'Alice', '#aa0000', 'staff');
  const bob = await member(ownerDesk, 'Bob', '#0000bb', 'staff');
  const cut = createService(ownerDesk, { idempotencyKey: key('svc'), name: 'Cut', durationMin: 30, bufferAfterMin: 10 })
    .row.id;
  const colour = createService(ownerDesk, { idempotencyKey: key('svc'), name: 'Colour', durationMin: 60 }).row.id;
  const long = createService(ownerDesk, {
    idempotencyKey: key('svc'),
    name: 'Marathon',
    durationMin: 720,
    bufferAfterMin: 240,
  }).row.id;
  const receptionDesk = deskFor(store, actorOf(alice), clock.now);
  const clientNames = options.clientNames ?? [
    { name: 'Zoë Smith', phone: '07700 900123' },
    { name: 'Ann Other', phone: '+44 20 7946 0000' },
    { name: 'Björn Berg', phone: null },
  ];
  const clients = clientNames.map(
    (client) =>
      createClient(receptionDesk, { idempotencyKey: key('client'), name: client.name, phone: client.phone ?? null }).row
        .id,
  );
  return assemble(
    { dir: temp.dir, file, store, clock, owner, staff: [alice, bob], services: { cut, colour, long }, clients },
    temp.cleanup,
  );
}

type ShopParts = Pick<Shop, 'dir' | 'file' | 'store' | 'clock' | 'owner' | 'staff' | 'services' | 'clients'>;

function assemble(parts: ShopParts, cleanup: () => void): Shop {
  const { store, clock, owner } = parts;
  return {
    ...parts,
    desk: (actor = owner) => deskFor(store, 'id' in actor ? actorOf(actor) : actor, clock.now),
    ownerDesk: deskFor(store, actorOf(owner), clock.now),
    receptionDesk: deskFor(store, actorOf(parts.staff[0]), clock.now),
    close: () => {
      try {
        store.close();
      } finally {
        cleanup();
      }
    },
  };
}

/** A set-up shop saved to a file, to copy for many short-lived shops (property runs). */
export type ShopTemplate = Omit<ShopParts, 'store' | 'clock'> & { cleanup(): void };

export async function makeShopTemplate(options: ShopOptions = {}): Promise<ShopTemplate> {
  const shop = await makeShop(options);
  shop.store.close(); // checkpoints the WAL: the file alone is the whole database
  const { store: _store, clock: _clock, desk: _desk, ownerDesk: _o, receptionDesk: _r, close: _close, ...parts } = shop;
  return { ...parts, cleanup: () => rmSync(shop.dir, { recursive: true, force: true }) };
}

/** A fresh copy of a template shop in its own temp dir (same ids), with its own clock. */
export function openShopCopy(template: ShopTemplate, now: number): Shop {
  const temp = tempDir('caredesk-copy-');
  const file = join(temp.dir, 'caredesk.sqlite');
  copyFileSync(template.file, file);
  const store = openStore(file);
  const { cleanup: _cleanup, ...parts } = template;
  return assemble({ ...parts, dir: temp.dir, file, store, clock: new Clock(now) }, temp.cleanup);
}

/** Every table's content (schema, rows in rowid order, user_version) as one string. */
export function dumpDb(store: Store): string {
  const sqlite = store.sqlite;
  const tables = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
    name: string;
    sql: string;
  }[];
  const parts: string[] = [`user_version=${String(sqlite.pragma('user_version', { simple: true }))}`];
  const schemaRows = sqlite.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all();
  parts.push(JSON.stringify(schemaRows));
  for (const table of tables) {
    // A full-text index is dumped through its shadow tables, some of which have no rowid.
    if (/^CREATE VIRTUAL TABLE/i.test(table.sql)) continue;
    const order = /WITHOUT ROWID/i.test(table.sql) ? '1, 2' : 'rowid';
    const rows = sqlite
      .prepare(`SELECT * FROM "${table.name.replace(/"/g, '""')}" ORDER BY ${order}`)
      .raw()
      .all();
    parts.push(
      `${table.name}:${JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value))}`,
    );
  }
  return parts.join('\n');
}

export function dumpHash(store: Store): string {
  return createHash('sha256').update(dumpDb(store)).digest('hex');
}

/** Run `work` and return the AppError code it threw (fails the test when it did not throw an AppError). */
export async function errorCodeOf(work: () => unknown): Promise<ErrorCode> {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** The AppError a call threw, or fails. */
export async function appErrorOfCall(work: () => unknown) {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** Book an appointment (Alice, a cut, the first client) at `startsAt` unless told otherwise. */
export function book(
  shop: Shop,
  startsAt: number,
  overrides: { staffId?: string; serviceId?: string; clientId?: string; allowOutsideHours?: boolean; allowShortage?: boolean; desk?: Desk } = {},
) {
  const { desk = shop.receptionDesk, ...rest } = overrides;
  return createAppointment(desk, {
    idempotencyKey: key('book'),
    clientId: rest.clientId ?? shop.clients[0]!,
    staffId: rest.staffId ?? shop.staff[0].id,
    serviceId: rest.serviceId ?? shop.services.cut,
    startsAt,
    ...(rest.allowOutsideHours === undefined ? {} : { allowOutsideHours: rest.allowOutsideHours }),
    ...(rest.allowShortage === undefined ? {} : { allowShortage: rest.allowShortage }),
  });
}

/**
 * What a refused or replayed call must leave as it was: every record table's rows, versions and
 * removals (a change always bumps a version), the events and their keys, the desk's own notes. Not
 * SQLite's total_changes(): a visit of several services whose third is refused writes its first two
 * and rolls them back, which that counter still counts.
 */
export function contentFingerprint(store: Store): string {
  const events = store.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT max(seq) FROM events) AS seq,
              (SELECT count(idempotency_key) FROM events) AS keys,
              (SELECT group_concat(key || '=' || value) FROM local_meta) AS meta`,
    )
    .get();
  const records = entityTypes.map((entityType) =>
    store.sqlite
      .prepare(`SELECT count(*) AS n, total(version) AS versions, count(deleted_at) AS deleted FROM "${getTableName(entityTables[entityType])}"`)
      .get(),
  );
  return JSON.stringify({ events, records });
}
