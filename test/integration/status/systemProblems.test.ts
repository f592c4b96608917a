import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../../src-main/agents/backup/backups';
import { DAY_MS, startDailyBackups } from '../../../src-main/agents/backup/schedule';
import { openStore } from '../../../src-main/core/store/open';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { reportDailyBackup, reportFileSave, reportUpdateCheck } from '../../../src-main/core/status/problemReports';
import { dismissProblem, problemOf } from '../../../src-main/core/status/problems';
import { fileWriteFailed } from '../../../src-main/core/disk/files';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { requireShopSettings } from '../../../src-main/core/settings/queries';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { systemStatus } from '../../../src-main/agents/status/systemStatus';
import { NIGHT_OF_DAY, plentyOfRoom, seedShopFolder, type Shop } from '../shell/fixtures';

/** Issue 9 item 7: a failed automatic backup is a system check, not a log line. */

let shop: Shop;
let dir: string;
let file: string;

beforeAll(async () => ({ shop, dir, file } = await seedShopFolder('caredesk-problems-', { appointments: 4 })));

afterAll(() => shop?.store.close());

const statusOf = (at: number) => systemStatus(shop.store, at, { agent: null, freeBytes: plentyOfRoom });

function reopen(): void {
  shop.store.close();
  shop.store = openStore(file);
  shop.desk = { ...shop.desk, store: shop.store };
}

describe('a failed automatic backup', () => {
  it('shows as a check until the next good backup, and survives reopening the store', async () => {
    // The backup folder cannot be made: a file holds its parent's name (as root, permissions would not stop it).
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'not a folder');
    const backupDir = join(blocked, 'backups');
    let clock = NIGHT_OF_DAY;
    const daily = startDailyBackups({ dir: backupDir, getStore: () => shop.store, now: () => clock, checkEveryMs: 3_600_000 });
    try {
      await daily.runNow();
      const status = statusOf(clock);
      expect(status.mode).toBe('degraded');
      const check = status.checks.find((c) => c.name === 'backup');
      expect(check?.status).toBe('warning');
      expect(check?.message).toMatch(/^The automatic backup at 03:00 failed: the backup folder is missing\. Your bookings are safe/);
      expect(check?.problem?.title).toBe('The automatic backup failed');

      reopen();
      clock += 60 * 60_000;
      await daily.runNow();
      const again = statusOf(clock).checks.find((c) => c.name === 'backup');
      expect(again?.problem?.occurrences).toBe(2);
      expect(again?.problem?.firstAt).toBe(NIGHT_OF_DAY);

      // The folder is usable again: the next backup succeeds and the check is gone.
      rmSync(blocked);
      clock += 60 * 60_000;
      await daily.runNow();
      expect(listBackups(backupDir)).toHaveLength(1);
      expect(statusOf(clock).checks.some((c) => c.name === 'backup')).toBe(false);
      expect(statusOf(clock).mode).toBe('standalone');
      expect(problemOf(shop.store, 'backup')).toBeNull();
    } finally {
      daily.stop();
    }
  });

  it('a dismissed check stays dismissed (who and when recorded) after reopening, until the condition clears and comes back', async () => {
    const blocked = join(dir, 'blocked-2');
    writeFileSync(blocked, 'not a folder');
    let clock = NIGHT_OF_DAY + 2 * DAY_MS;
    const daily = startDailyBackups({ dir: join(blocked, 'b'), getStore: () => shop.store, now: () => clock, checkEveryMs: 3_600_000 });
    try {
      await daily.runNow();
      const problem = statusOf(clock).checks.find((c) => c.name === 'backup')?.problem;
      expect(problem).toBeDefined();
      const owner = shop.owner.staffId;
      expect(dismissProblem(shop.store, problem!.id, owner, clock + 1)).toBe(true);
      expect(statusOf(clock).checks.some((c) => c.name === 'backup')).toBe(false);

      reopen();
      clock += 60 * 60_000;
      await daily.runNow();
      expect(statusOf(clock).checks.some((c) => c.name === 'backup')).toBe(false);
      const stored = problemOf(shop.store, 'backup');
      expect(stored).toMatchObject({ id: problem!.id, dismissedBy: owner, dismissedAt: clock - 60 * 60_000 + 1, occurrences: 2 });
    } finally {
      daily.stop();
    }
  });

  it('once the condition cleared, a new failure shows again (a dismissal is not forever); a full disk is said plainly', () => {
    const at = NIGHT_OF_DAY + 3 * DAY_MS;
    const dismissed = problemOf(shop.store, 'backup');
    expect(dismissed?.dismissedAt).not.toBeNull();
    reportDailyBackup(shop.store, { ok: true }, at - 1);
    expect(problemOf(shop.store, 'backup')).toBeNull();
    reportDailyBackup(shop.store, { ok: false, error: fileWriteFailed('/backups', Object.assign(new Error('no space'), { code: 'ENOSPC' }), 'the backup') }, at);
    expect(statusOf(at).checks.find((c) => c.name === 'backup')?.problem?.id).not.toBe(dismissed?.id);
    expect(statusOf(at).checks.find((c) => c.name === 'backup')?.message).toBe(
      'The automatic backup at 03:00 failed: the disk is full. Your bookings are safe on this computer, but there is no new backup of them. Free some disk space, then make a backup now: Settings → Backups → Back up now.',
    );
    reportDailyBackup(shop.store, { ok: true }, at + 1);
    expect(statusOf(at + 1).checks.some((c) => c.name === 'backup')).toBe(false);
  });

  it('a problem the store cannot write still shows, beside the storage check (Unsafe)', async () => {
    const blocked = join(dir, 'blocked-3');
    writeFileSync(blocked, 'not a folder');
    const clock = NIGHT_OF_DAY + 5 * DAY_MS;
    // Every write now fails at the storage layer (SQLITE_READONLY), reads still work.
    shop.store.sqlite.pragma('query_only = ON');
    const daily = startDailyBackups({ dir: join(blocked, 'b'), getStore: () => shop.store, now: () => clock, checkEveryMs: 3_600_000 });
    try {
      await daily.runNow();
      const status = statusOf(clock);
      expect(status.mode).toBe('unsafe');
      expect(status.checks.find((c) => c.name === 'storage')?.status).toBe('failed');
      expect(status.checks.find((c) => c.name === 'backup')?.message).toMatch(/automatic backup at 03:00 failed/);
    } finally {
      daily.stop();
      shop.store.sqlite.pragma('query_only = OFF');
      shop.store.storageFailure = null;
    }
    expect(existsSync(file)).toBe(true);
  });
});

describe('a file that could not be saved', () => {
  it('is a check until the next save works; the owner can dismiss it through the router', async () => {
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.owner.staffId! });
    const blocked = join(dir, 'blocked-output');
    writeFileSync(blocked, 'not a folder');
    const at = NIGHT_OF_DAY + 9 * DAY_MS;
    const callerWith = (outputDir: string) =>
      createCallerFactory(appRouter)({ store: shop.store, session, now: () => at, requestId: 'req-file', shell: { outputDir } } as DeskContext);

    await expect(callerWith(join(blocked, 'out')).backups.exportDatabase({})).rejects.toMatchObject({ cause: { code: 'INTERNAL_ERROR', details: { kind: 'FILE_WRITE_FAILED' } } });
    const check = statusOf(at).checks.find((c) => c.name === 'file-save');
    expect(check?.problem?.title).toBe('Saving the database export failed');
    expect(check?.message).toMatch(/^CareDesk could not save the database export to .*blocked-output\/out\/caredesk-database-2026-03-19\.sqlite at 03:00: /);

    mkdirSync(join(dir, 'good-output'));
    await callerWith(join(dir, 'good-output')).backups.exportDatabase({});
    expect(statusOf(at).checks.some((c) => c.name === 'file-save')).toBe(false);

    await expect(callerWith(join(blocked, 'out')).backups.exportDatabase({})).rejects.toMatchObject({ cause: { code: 'INTERNAL_ERROR', details: { kind: 'FILE_WRITE_FAILED' } } });
    const again = statusOf(at).checks.find((c) => c.name === 'file-save')!;
    expect(await callerWith(dir).status.dismissProblem({ id: again.problem!.id })).toEqual({ dismissed: true });
    expect(statusOf(at).checks.some((c) => c.name === 'file-save')).toBe(false);
    expect(problemOf(shop.store, 'file-save')).toMatchObject({ dismissedBy: shop.owner.staffId, dismissedAt: at });
  });
});

describe('an update check that failed', () => {
  it('is a check until a later check works', () => {
    const at = NIGHT_OF_DAY + 10 * DAY_MS;
    reportUpdateCheck(shop.store, new Error('net::ERR_INTERNET_DISCONNECTED'), at);
    const check = statusOf(at).checks.find((c) => c.name === 'update');
    expect(check?.message).toBe(
      'Looking for a new version of CareDesk at 03:00 failed. This desk keeps working with the version it has. Check the internet connection; CareDesk tries again every day, or use Help → Check for Updates….',
    );
    reportUpdateCheck(shop.store, null, at + 1);
    expect(statusOf(at + 1).checks.some((c) => c.name === 'update')).toBe(false);
  });
});

describe('a problem in a shop that speaks Spanish', () => {
  it('is written in its language and on its clock', () => {
    updateShopSettings({ ...shop.desk, actor: shop.owner }, {
      idempotencyKey: randomUUID(),
      id: SETTINGS_ID,
      expectedVersion: requireShopSettings(shop.store).version,
      locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '12h', weekStart: 1, currency: 'EUR' },
    });
    // Before the clocks go forward, as the other reports here: 03:00 in the shop is 3:00 a. m.
    const at = NIGHT_OF_DAY + 9 * DAY_MS;
    reportDailyBackup(shop.store, { ok: false, error: fileWriteFailed('/backups', Object.assign(new Error('no space'), { code: 'ENOSPC' }), 'the backup') }, at);
    const backup = statusOf(at).checks.find((c) => c.name === 'backup');
    expect(backup?.problem?.title).toBe('La copia de seguridad automática falló');
    // The clock's narrow space ("3:00 a. m.") read as a plain one.
    expect(backup?.message.replace(/\s/gu, ' ')).toBe(
      'La copia de seguridad automática de las 3:00 a. m. falló: el disco está lleno. Tus citas están a salvo en este puesto, pero no hay una copia nueva de ellas. Libera espacio en el disco y haz una copia ahora: Ajustes → Copias de seguridad → Hacer copia ahora.',
    );
    reportUpdateCheck(shop.store, new Error('net::ERR_INTERNET_DISCONNECTED'), at);
    expect(statusOf(at).checks.find((c) => c.name === 'update')?.problem?.title).toBe('CareDesk no pudo buscar actualizaciones');
    // The save dismissed above worked since: this failure is a new one.
    reportFileSave(shop.store, 'pdf', null, at - 1);
    reportFileSave(shop.store, 'pdf', fileWriteFailed('/nowhere/day.pdf', Object.assign(new Error('denied'), { code: 'EACCES' }), 'the PDF'), at);
    const saving = statusOf(at).checks.find((c) => c.name === 'file-save');
    expect(saving?.problem?.title).toBe('No se pudo guardar el PDF');
    expect(saving?.message).toMatch(/^CareDesk no pudo guardar el PDF en \/nowhere\/day\.pdf a las 3:00\sa\.\sm\.: CareDesk no tiene permiso para escribir ahí\. No se guardó nada ahí\. /u);
    reportDailyBackup(shop.store, { ok: true }, at + 1);
    reportUpdateCheck(shop.store, null, at + 1);
    reportFileSave(shop.store, 'pdf', null, at + 1);
  });
});
