import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelAppointment, createAppointment } from '../../../src-main/core/appointments/commands';
import { dayView } from '../../../src-main/core/appointments/dayView';
import {
  backupBeforeMigrate,
  createBackup,
  exportDatabase,
  KEEP_BACKUPS,
  listBackups,
  restoreBackup,
} from '../../../src-main/agents/backup/backups';
import { DAY_MS, startDailyBackups } from '../../../src-main/agents/backup/schedule';
import { openStore, type Store } from '../../../src-main/core/store/open';
import { AppError } from '../../../src-shared/errors';
import { localTimeToInstant } from '../../../src-shared/time';
import { DAY, key, seedShop, tempDir, ZONE, type Shop } from './fixtures';

/** Acceptance 3 of issue 6: backup, restore and raw export round-trip; failing writes are failures. */

let shop: Shop;
let dir: string;
let backupDir: string;
const t0 = Date.UTC(2026, 2, 10, 6, 0);

beforeAll(async () => {
  dir = tempDir();
  backupDir = join(dir, 'backups');
  shop = await seedShop(join(dir, 'desk.sqlite'), { appointments: 10 });
});

afterAll(() => shop?.store.close());

const view = (store: Store) => dayView(store, { date: DAY });

describe('backups', () => {
  it('backs up, changes, restores: the day view equals the backup’s', async () => {
    const before = view(shop.store);
    const backup = await createBackup(shop.store, { dir: backupDir, reason: 'manual', now: t0 });
    expect(listBackups(backupDir).map((b) => b.name)).toEqual([backup.name]);

    // Change the day after the backup.
    const target = shop.appointments.find((a) => a.status === 'booked')!;
    cancelAppointment(shop.desk, { idempotencyKey: key('c'), id: target.id, expectedVersion: target.version, reason: 'test' } as never);
    createAppointment(shop.desk, {
      idempotencyKey: key('a'),
      clientId: shop.clients[0]!.id,
      staffId: shop.staff[5]!.id,
      serviceId: before.appointments[0]!.service.id,
      startsAt: localTimeToInstant(DAY, '18:00', ZONE),
    } as never);
    const changed = view(shop.store);
    expect(changed).not.toEqual(before);

    // Not the owner: refused, nothing touched.
    const staffActor = { staffId: shop.staff[1]!.id, role: 'staff' as const };
    await expect(
      restoreBackup(shop.store, { dir: backupDir, name: backup.name, actor: staffActor, now: t0 + 1, reopen: openStore, swap: () => undefined }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      restoreBackup(shop.store, { dir: backupDir, name: '../desk.sqlite', actor: shop.owner, now: t0 + 1, reopen: openStore, swap: () => undefined }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(view(shop.store)).toEqual(changed);

    let swapped: Store | null = null;
    const result = await restoreBackup(shop.store, {
      dir: backupDir,
      name: backup.name,
      actor: shop.owner,
      now: t0 + 60_000,
      reopen: (file) => openStore(file),
      swap: (next) => {
        swapped = next;
      },
    });
    expect(swapped).not.toBeNull();
    shop.store = swapped!;
    shop.desk.store = swapped!;
    expect(view(shop.store)).toEqual(before);
    expect(shop.store.deviceId).toBeTruthy();

    // The database as it was before the restore was kept as a backup, and restores too.
    expect(result.safetyBackup.reason).toBe('pre-restore');
    expect(listBackups(backupDir).map((b) => b.reason).sort()).toEqual(['manual', 'pre-restore']);
    await restoreBackup(shop.store, {
      dir: backupDir,
      name: result.safetyBackup.name,
      actor: shop.owner,
      now: t0 + 120_000,
      reopen: openStore,
      swap: (next) => {
        shop.store = next;
        shop.desk.store = next;
      },
    });
    expect(view(shop.store)).toEqual(changed);
  });

  it('exports the raw database file and it opens to the same day', async () => {
    const target = join(dir, 'export.sqlite');
    const saved = await exportDatabase(shop.store, target);
    expect(saved.bytes).toBeGreaterThan(0);
    const copy = openStore(target);
    try {
      expect(view(copy)).toEqual(view(shop.store));
      expect(copy.deviceId).toBe(shop.store.deviceId);
      expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  it('reports a failing write (read-only / missing folder) as a failure', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    for (const attempt of [
      () => createBackup(shop.store, { dir: join(blocker, 'backups'), reason: 'manual', now: t0 }),
      () => exportDatabase(shop.store, join(blocker, 'export.sqlite')),
      () => exportDatabase(shop.store, '/nonexistent-device/export.sqlite'),
    ]) {
      const error = await attempt().then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toMatchObject({ kind: 'FILE_WRITE_FAILED' });
      expect((error as AppError).message).toMatch(/could not save/);
    }
  });

  it(`keeps the newest ${KEEP_BACKUPS}`, async () => {
    const keepDir = join(dir, 'keep');
    for (let i = 0; i < 20; i += 1) await createBackup(shop.store, { dir: keepDir, reason: 'daily', now: t0 + i * DAY_MS });
    const kept = listBackups(keepDir);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(kept[0]!.createdAt).toBe(t0 + 19 * DAY_MS);
    expect(kept.at(-1)!.createdAt).toBe(t0 + 6 * DAY_MS);
  });

  it('takes the daily backup when a day has passed, once', async () => {
    const dailyDir = join(dir, 'daily');
    let clock = t0;
    const results: boolean[] = [];
    const daily = startDailyBackups({
      dir: dailyDir,
      getStore: () => shop.store,
      now: () => clock,
      checkEveryMs: 3_600_000,
      onResult: (result) => results.push(result.ok),
    });
    try {
      await daily.runNow();
      await daily.runNow();
      expect(listBackups(dailyDir)).toHaveLength(1);
      clock += DAY_MS - 1;
      await daily.runNow();
      expect(listBackups(dailyDir)).toHaveLength(1);
      clock += 1;
      await daily.runNow();
      expect(listBackups(dailyDir)).toHaveLength(2);
      expect(results).toEqual([true, true]);
    } finally {
      daily.stop();
    }
  });

  it('backs up before a migration, and refuses to migrate when it cannot', async () => {
    const file = join(dir, 'old.sqlite');
    const old = openStore(file);
    old.close();
    const downgrade = (version: number) => {
      const raw = new Database(file);
      raw.pragma(`user_version = ${version}`);
      raw.close();
    };
    downgrade(1);
    const migrateDir = join(dir, 'pre-migration');
    const reopened = openStore(file, { beforeMigrate: backupBeforeMigrate(migrateDir, () => t0) });
    reopened.close();
    const made = listBackups(migrateDir);
    expect(made).toHaveLength(1);
    expect(made[0]!.reason).toBe('pre-migration');
    const probe = new Database(made[0]!.file, { readonly: true });
    expect(probe.pragma('user_version', { simple: true })).toBe(1);
    probe.close();

    downgrade(1);
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    expect(() => openStore(file, { beforeMigrate: backupBeforeMigrate(join(blocker, 'b'), () => t0) })).toThrow(
      expect.objectContaining({ code: 'MIGRATION_FAILED' }),
    );
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1); // untouched
    after.close();
    expect(existsSync(join(blocker, 'b'))).toBe(false);
  });
});
