import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupBeforeMigrate,
  createBackup,
  exportDatabase,
  removeStaleTempFiles,
  restoreBackup,
} from '../../../src-main/agents/backup/backups';
import { RotatingLog } from '../../../src-main/launch/electron/crashLog';
import { openStore } from '../../../src-main/core/store/open';
import { writeFileDurably } from '../../../src-main/core/disk/files';
import { tightenDataFolder } from '../../../src-main/core/disk/privateFiles';
import { saveSupportReport } from '../../../src-main/files/report/report';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { seedShop, tempDir, type Shop } from './fixtures';

/**
 * Issue 9 item 8: the shop's data is readable by this user only — folders 0700, every file the
 * desk writes 0600 — and no temporary file outlives a write, whether it succeeded or failed.
 * Real files, real SQLite; the process umask is the usual 022, so nothing here is luck.
 */

const posix = process.platform !== 'win32';
// A skip says why: Windows keeps no owner/group/other mode bits to check.
if (!posix) console.log('[private files] Skipped: file modes (0600/0700) are a POSIX check; Windows has no such bits.');

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const t0 = Date.UTC(2026, 2, 10, 6, 0);

/** Every file directly in dir, with its mode. */
function modes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => statSync(join(dir, name)).isFile())
      .map((name) => [name, modeOf(join(dir, name))]),
  );
}

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.includes('.partial'));

describe.skipIf(!posix)('private files', () => {
  let dir: string;
  let shop: Shop;
  let previousUmask: number;

  beforeAll(async () => {
    // The everyday umask: files a library creates with its default mode come out 0644.
    previousUmask = process.umask(0o022);
    dir = join(tempDir(), 'CareDesk');
    shop = await seedShop(join(dir, 'caredesk.sqlite'), { appointments: 4 });
  });
  afterAll(() => {
    shop?.store.close();
    process.umask(previousUmask);
  });

  it('a new store: the data folder is 0700, the database and its WAL and SHM 0600', () => {
    expect(modeOf(dir)).toBe('700');
    expect(existsSync(join(dir, 'caredesk.sqlite-wal'))).toBe(true);
    expect(modes(dir)).toEqual({ 'caredesk.sqlite': '600', 'caredesk.sqlite-wal': '600', 'caredesk.sqlite-shm': '600' });
  });

  it('backups, the raw export and the pre-migration copy are 0600 in a 0700 folder, with nothing left beside them', async () => {
    const backups = join(dir, 'backups');
    const backup = await createBackup(shop.store, { dir: backups, reason: 'manual', now: t0 });
    backupBeforeMigrate(backups, () => t0 + 1)(shop.store.file, 1, 2);
    expect(modeOf(backups)).toBe('700');
    const files = modes(backups);
    expect(Object.keys(files).sort()).toEqual([backup.name, 'caredesk-20260310T060000001Z-pre-migration.sqlite']);
    expect(Object.values(files)).toEqual(['600', '600']);

    const saved = join(dir, 'saved');
    mkdirSync(saved);
    const exported = await exportDatabase(shop.store, join(saved, 'export.sqlite'));
    expect(modeOf(exported.path)).toBe('600');
    expect(readdirSync(saved)).toEqual(['export.sqlite']);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a restore puts the database back 0600 even from a backup someone loosened, and leaves no temporary file', async () => {
    const backups = join(dir, 'backups');
    const backup = await createBackup(shop.store, { dir: backups, reason: 'manual', now: t0 + 10 });
    chmodSync(backup.file, 0o644);
    const owner = shop.owner;
    const { store } = await restoreBackup(shop.store, {
      dir: backups,
      name: backup.name,
      actor: owner,
      now: t0 + 20,
      reopen: (file) => openStore(file),
      swap: () => undefined,
    });
    shop.store = store;
    shop.desk = { ...shop.desk, store };
    expect(modes(dir)).toEqual({ 'caredesk.sqlite': '600', 'caredesk.sqlite-wal': '600', 'caredesk.sqlite-shm': '600' });
    expect(leftovers(backups)).toEqual([]);
  });

  it('saved reports and PDFs, the device token and the log are 0600; a loose token file or log is tightened', async () => {
    const saved = join(dir, 'saved');
    mkdirSync(saved, { recursive: true });
    const report = await saveSupportReport(
      { text: 'report', fileName: 'r.txt', redacted: true } as Parameters<typeof saveSupportReport>[0],
      join(saved, 'r.txt'),
    );
    const pdf = await writeFileDurably(join(saved, 'day.pdf'), new Uint8Array([37, 80, 68, 70]), { what: 'the PDF' });
    expect([modeOf(report.path), modeOf(pdf.path)]).toEqual(['600', '600']);

    const tokenFile = join(dir, 'sync-token');
    writeFileSync(tokenFile, 'old', { mode: 0o644 });
    await fileSecretStore(tokenFile).save('new-token');
    expect(modeOf(tokenFile)).toBe('600');

    const logs = join(dir, 'logs');
    mkdirSync(logs, { mode: 0o755 });
    chmodSync(logs, 0o755);
    writeFileSync(join(logs, 'main.log'), '', { mode: 0o644 });
    new RotatingLog(join(logs, 'main.log')).write({ level: 'info', event: 'test' });
    expect([modeOf(logs), modeOf(join(logs, 'main.log'))]).toEqual(['700', '600']);
  });

  it('an existing data folder left 0755 with a 0644 database is tightened when CareDesk starts', () => {
    const old = join(tempDir(), 'CareDesk');
    const first = openStore(join(old, 'caredesk.sqlite'));
    first.close();
    mkdirSync(join(old, 'backups'));
    mkdirSync(join(old, 'saved'));
    writeFileSync(join(old, 'backups', 'caredesk-20260101T000000Z-daily.sqlite'), 'x');
    writeFileSync(join(old, 'saved', 'day.pdf'), 'x');
    for (const folder of [old, join(old, 'backups'), join(old, 'saved')]) chmodSync(folder, 0o755);
    for (const file of ['caredesk.sqlite', 'backups/caredesk-20260101T000000Z-daily.sqlite', 'saved/day.pdf'])
      chmodSync(join(old, file), 0o644);

    // The store tightens its own folder and files on open; start-up tightens the rest.
    const reopened = openStore(join(old, 'caredesk.sqlite'));
    expect([modeOf(old), modeOf(join(old, 'caredesk.sqlite'))]).toEqual(['700', '600']);
    expect(modeOf(join(old, 'caredesk.sqlite-wal'))).toBe('600');
    reopened.close();
    tightenDataFolder(old);
    expect([modeOf(join(old, 'backups')), modeOf(join(old, 'saved'))]).toEqual(['700', '700']);
    expect(Object.values(modes(join(old, 'backups')))).toEqual(['600']);
    expect(Object.values(modes(join(old, 'saved')))).toEqual(['600']);
  });

  it('a write that fails midway leaves no temporary file, and start-up removes what a crash left', async () => {
    const target = join(dir, 'export-into-a-folder');
    mkdirSync(join(target, 'not-empty'), { recursive: true });
    // The copy is made and checked, then the rename onto an occupied folder fails.
    await expect(exportDatabase(shop.store, target)).rejects.toMatchObject({ details: { kind: 'FILE_WRITE_FAILED' } });
    await expect(writeFileDurably(target, 'x', { what: 'the PDF' })).rejects.toMatchObject({
      details: { kind: 'FILE_WRITE_FAILED' },
    });
    const gone = join(dir, 'a-folder-that-is-gone', 'export.sqlite');
    await expect(exportDatabase(shop.store, gone)).rejects.toMatchObject({ details: { kind: 'FILE_WRITE_FAILED' } });
    expect(leftovers(dir)).toEqual([]);

    const crashed = tempDir();
    for (const name of ['.caredesk.sqlite.1.1.partial', '.caredesk.sqlite.1.1.partial-wal', '.caredesk.sqlite.1.1.partial-shm'])
      writeFileSync(join(crashed, name), 'x');
    writeFileSync(join(crashed, 'caredesk.sqlite'), 'x');
    await removeStaleTempFiles(crashed);
    expect(readdirSync(crashed)).toEqual(['caredesk.sqlite']);
  });
});
