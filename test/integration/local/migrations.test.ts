import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appSchemaVersion, defaultMigrationsFolder, openStore, type Store } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { rowSchemas, SETTINGS_ID } from '../../../src-shared/entities';
import { checkInvariants } from '../../support/local/invariants';
import { book, dumpDb, makeShop, tempDir } from '../../support/local/shop';
import { refusal } from '../../support/refusal';
import { nineToFiveJson, olderIds, olderShopFile } from '../../support/local/olderShopFile';

const fileHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Content of a database file read with a plain connection (no migrations, no pragmas set). */
function dumpFile(file: string): string {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return dumpDb({ sqlite } as unknown as Store);
  } finally {
    sqlite.close();
  }
}


describe('opening the store: newer databases and failed migrations leave the file untouched', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('caredesk-migrate-');
  });
  afterEach(() => dir.cleanup());

  it('a file that is not a database is refused with DB_UNREADABLE and left byte-identical', () => {
    const file = join(dir.dir, 'caredesk.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const before = fileHash(file);
    const error = refusal(() => openStore(file));
    expect(error.code).toBe('DB_UNREADABLE');
    expect(error.message).toMatch(/backup/);
    expect(fileHash(file)).toBe(before);
  });

  it('a fresh store is at the app schema version, in WAL mode with synchronous=FULL and foreign keys on', () => {
    const store = openStore(join(dir.dir, 'fresh.sqlite'));
    try {
      expect(store.schemaVersion).toBe(appSchemaVersion());
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(appSchemaVersion());
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.deviceId).toMatch(/\S{8,}/);
    } finally {
      store.close();
    }
    // The device id is stable across opens.
    const again = openStore(join(dir.dir, 'fresh.sqlite'));
    const id = again.deviceId;
    again.close();
    const third = openStore(join(dir.dir, 'fresh.sqlite'));
    expect(third.deviceId).toBe(id);
    third.close();
  });

  it('a database from a newer app is refused with DB_NEWER_THAN_APP and left byte-identical', async () => {
    const file = join(dir.dir, 'newer.sqlite');
    const shop = await makeShop({ file });
    book(shop, Date.UTC(2026, 5, 2, 9, 0));
    shop.store.close();
    const newer = appSchemaVersion() + 1;
    const raw = new Database(file);
    raw.pragma(`user_version = ${newer}`);
    raw.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const bytes = fileHash(file);
    const content = dumpFile(file);

    const error = refusal(() => openStore(file));
    expect(error.code).toBe('DB_NEWER_THAN_APP');
    expect(error.details).toEqual({ databaseVersion: newer, appVersion: appSchemaVersion() });
    expect(error.message).toMatch(/newer version/i);
    expect(fileHash(file)).toBe(bytes);
    expect(dumpFile(file)).toBe(content);
    // Refused again on the next try, still untouched.
    expect(refusal(() => openStore(file)).code).toBe('DB_NEWER_THAN_APP');
    expect(fileHash(file)).toBe(bytes);
  });

  it('a failing migration rolls back every pending migration: content unchanged, MIGRATION_FAILED, the backup hook ran first', async () => {
    const migrations = join(dir.dir, 'migrations');
    cpSync(defaultMigrationsFolder, migrations, { recursive: true });
    const file = join(dir.dir, 'shop.sqlite');
    const shop = await makeShop({ file, openOptions: { migrationsFolder: migrations } });
    book(shop, Date.UTC(2026, 5, 2, 9, 0));
    shop.store.close();
    const known = appSchemaVersion(migrations);
    const bytes = fileHash(file);
    const content = dumpFile(file);

    // Two new migrations: a good one, then one that fails half-way through.
    const journalFile = join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; when: number; tag: string }[];
    };
    const last = journal.entries.at(-1)!;
    const add = (tag: string, sql: string, offset: number) => {
      writeFileSync(join(migrations, `${tag}.sql`), sql);
      journal.entries.push({ ...last, idx: last.idx + offset, when: last.when + offset * 1000, tag });
    };
    add(
      '9001_good',
      'CREATE TABLE `future_things` (`id` text PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nALTER TABLE `clients` ADD `nickname` text;',
      1,
    );
    add(
      '9002_broken',
      "INSERT INTO `future_things` (`id`) VALUES ('x');\n--> statement-breakpoint\nUPDATE `appointments` SET `notes` = 'migrated';\n--> statement-breakpoint\nTHIS IS NOT SQL;",
      2,
    );
    writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    expect(appSchemaVersion(migrations)).toBe(known + 2);

    const beforeMigrate = vi.fn();
    const error = refusal(() => openStore(file, { migrationsFolder: migrations, beforeMigrate }));
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.details).toEqual({ from: known, to: known + 2 });
    expect(error.message).toMatch(/unchanged/);
    expect(beforeMigrate).toHaveBeenCalledTimes(1);
    expect(beforeMigrate).toHaveBeenCalledWith(file, known, known + 2);

    expect(dumpFile(file)).toBe(content);
    expect(fileHash(file)).toBe(bytes);

    // The app that matches the file still opens it, with everything in place.
    const store = openStore(file);
    try {
      expect(store.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
      expect(checkInvariants(store)).toEqual([]);
      expect(
        (store.sqlite.prepare(`SELECT count(*) AS n FROM appointments WHERE notes = 'migrated'`).get() as { n: number })
          .n,
      ).toBe(0);
    } finally {
      store.close();
    }
  });

  it('an older database is migrated forward with the backup hook called before', async () => {
    const migrations = join(dir.dir, 'old-migrations');
    cpSync(defaultMigrationsFolder, migrations, { recursive: true });
    const journalFile = join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    const full = journal.entries.length;
    if (full < 2) return; // nothing older to start from
    // An "older app": only the first migration.
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
    const file = join(dir.dir, 'old.sqlite');
    const old = openStore(file, { migrationsFolder: migrations });
    expect(old.schemaVersion).toBe(1);
    old.close();
    const beforeMigrate = vi.fn((path: string) => {
      // The hook sees the file as the old app left it (a backup taken here is a true copy).
      const probe = new Database(path, { readonly: true });
      expect(probe.pragma('user_version', { simple: true })).toBe(1);
      probe.close();
    });
    const store = openStore(file, { beforeMigrate });
    try {
      expect(beforeMigrate).toHaveBeenCalledWith(file, 1, full);
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(full);
    } finally {
      store.close();
    }
  });

  it('a shop file from before schedules keeps its rows, read with the defaults of the new fields', () => {
    const { old, file } = olderShopFile(dir.dir, '_schedules');
    // Written as the app before schedules wrote them (its columns only).
    const ids = olderIds;
    const t = Date.UTC(2026, 5, 1, 9, 0);
    old.sqlite.exec(`
      INSERT INTO settings VALUES ('${SETTINGS_ID}', 1, ${t}, ${t}, NULL, 'Old Cuts', 'Europe/London', '${nineToFiveJson}', '[]', 'A4');
      INSERT INTO staff VALUES ('${ids.staff}', 1, ${t}, ${t}, NULL, 'Olive', '#112233', 'owner', NULL, 1);
      INSERT INTO services VALUES ('${ids.service}', 1, ${t}, ${t}, NULL, 'Cut', 30, 10, 2500, 0);
      INSERT INTO clients VALUES ('${ids.client}', 1, ${t}, ${t}, NULL, 'Zoë', NULL, NULL, '', 'zoe', NULL);
      INSERT INTO appointments VALUES ('${ids.booking}', 1, ${t}, ${t}, NULL, '${ids.client}', '${ids.staff}', '${ids.service}',
        ${t}, ${t + 30 * 60_000}, ${t + 40 * 60_000}, 'booked', '', NULL, 0, 0);
    `);
    old.close();

    const store = openStore(file);
    try {
      const staff = rowSchemas.staff.parse(loadRow(store, 'staff', ids.staff));
      expect(staff.workingHours).toBeNull();
      const service = rowSchemas.service.parse(loadRow(store, 'service', ids.service));
      expect(service).toMatchObject({ category: null, colour: null, bufferBeforeMin: 0, performedBy: null, durationMin: 30 });
      expect(rowSchemas.settings.parse(loadRow(store, 'settings', SETTINGS_ID)).specialDays).toEqual([]);
      const booking = loadRow(store, 'appointment', ids.booking);
      // A booking from before buffers-before reads without a block start of its own (its block starts at its start).
      expect(booking).not.toHaveProperty('blockStartsAt');
      expect(rowSchemas.appointment.parse(booking)).toMatchObject({ outsideSchedule: false, startsAt: t });
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM time_off').get()).toEqual({ n: 0 });
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM blocks').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
  it('a shop file from before the visit lifecycle: its bookings read as booked with no visit yet', () => {
    const { old, file } = olderShopFile(dir.dir, '_visit_lifecycle', 'before-visits.sqlite');
    const ids = olderIds;
    const t = Date.UTC(2026, 5, 1, 9, 0);
    // Written as the app before the visit lifecycle wrote them (its columns only, named).
    old.sqlite.exec(`
      INSERT INTO staff (id, version, created_at, updated_at, name, colour, role, active) VALUES ('${ids.staff}', 1, ${t}, ${t}, 'Olive', '#112233', 'owner', 1);
      INSERT INTO services (id, version, created_at, updated_at, name, duration_min, buffer_after_min, price_cents, archived) VALUES ('${ids.service}', 1, ${t}, ${t}, 'Cut', 30, 10, 2500, 0);
      INSERT INTO clients (id, version, created_at, updated_at, name, notes, search_name) VALUES ('${ids.client}', 1, ${t}, ${t}, 'Zoë', '', 'zoe');
      INSERT INTO appointments (id, version, created_at, updated_at, client_id, staff_id, service_id, starts_at, ends_at, block_ends_at, status, notes, outside_hours)
        VALUES ('${ids.booking}', 1, ${t}, ${t}, '${ids.client}', '${ids.staff}', '${ids.service}', ${t}, ${t + 30 * 60_000}, ${t + 40 * 60_000}, 'booked', '', 0);
    `);
    old.close();

    const store = openStore(file);
    try {
      const booking = rowSchemas.appointment.parse(loadRow(store, 'appointment', ids.booking));
      expect(booking).toMatchObject({ status: 'booked', arrivedAt: null, serviceStartedAt: null, completedAt: null, priceCents: null, discountCents: null, checkoutNote: null });
    } finally {
      store.close();
    }
  });
});
