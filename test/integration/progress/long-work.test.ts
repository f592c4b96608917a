import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src-main/core/clients/commands';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { createBackup, listBackups, restoreBackup } from '../../../src-main/agents/backup/backups';
import { JobBoard, runJob } from '../../../src-main/core/progress/jobs';
import { openStore, type Store } from '../../../src-main/core/store/open';
import { DAY, key, seedShop, seedShopFolder, type Shop } from '../shell/fixtures';
import { watchJob } from '../../support/jobWatch';
import { deskCallerAs } from '../../support/deskCaller';

/**
 * Issue 15: long work shows its progress and can be cancelled where that is safe (docs/architecture.md
 * §24). Real SQLite files; the board is paced (as the e2e test hook does) so the work can be watched
 * and stopped midway.
 */

const t0 = Date.UTC(2026, 2, 10, 6, 0);
let shop: Shop;
let dir: string;
let backupDir: string;

beforeAll(async () => ({ shop, dir, backupDir } = await seedShopFolder('caredesk-progress-', { appointments: 40 })));

afterAll(() => shop?.store.close());

const leftovers = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((name) => name.includes('.partial')) : []);
const pacedBoard = () => new JobBoard({ now: () => t0, paceMs: 3 });

describe('a backup', () => {
  it('shows the pages copied as it goes, and ends at all of them', async () => {
    const jobs = pacedBoard();
    const id = crypto.randomUUID();
    const watch = watchJob(jobs, id);
    const made = await runJob(jobs, { id, name: 'backup', phase: 'copying' }, (job) =>
      createBackup(shop.store, { dir: backupDir, reason: 'manual', now: t0, job }),
    );
    watch.stop();
    expect(made.cancelled).toBe(false);
    const counted = watch.seen.filter((view) => view.phase === 'copying' && view.total !== null);
    const total = counted[0]!.total!;
    expect(total).toBeGreaterThan(20);
    // It advanced through several readings, never past the total, and reached it.
    const dones = counted.map((view) => view.done);
    expect(new Set(dones).size).toBeGreaterThan(3);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(Math.max(...dones)).toBeLessThanOrEqual(total);
    expect(jobs.get(id)?.state).toBe('done');
    expect(listBackups(backupDir)).toHaveLength(1);
  });

  it('cancelled midway, keeps no backup and no half-written file', async () => {
    const jobs = pacedBoard();
    const id = crypto.randomUUID();
    const before = listBackups(backupDir).map((backup) => backup.name);
    const watch = watchJob(jobs, id, { test: (view) => view.done > 0, act: () => jobs.cancel(id) });
    const made = await runJob(jobs, { id, name: 'backup', phase: 'copying' }, (job) =>
      createBackup(shop.store, { dir: backupDir, reason: 'manual', now: t0 + 1, job }),
    );
    watch.stop();
    expect(made).toEqual({ cancelled: true });
    expect(jobs.get(id)).toMatchObject({ state: 'cancelled', cancelRequested: true });
    expect(listBackups(backupDir).map((backup) => backup.name)).toEqual(before);
    expect(leftovers(backupDir)).toEqual([]);
  });
});

describe('a restore', () => {
  it('cancelled before the swap leaves the live store open, unchanged and writable', async () => {
    const backup = await createBackup(shop.store, { dir: backupDir, reason: 'manual', now: t0 + 10 });
    // A client made after the backup: a restore that went through would lose it.
    const later = createClient(shop.desk, { idempotencyKey: key('later'), name: 'Zara After-Backup' } as never);
    const dayBefore = dayView(shop.store, { date: DAY });
    const jobs = pacedBoard();
    const id = crypto.randomUUID();
    let swapped = 0;
    // Cancelled while the backup is being copied over the temporary file: the last moment it is safe.
    const watch = watchJob(jobs, id, { test: (view) => view.phase === 'copying' && view.done > 0, act: () => jobs.cancel(id) });
    const result = await runJob(jobs, { id, name: 'restore' }, (job) =>
      restoreBackup(shop.store, { dir: backupDir, name: backup.name, actor: shop.owner, now: t0 + 11, reopen: openStore, swap: () => (swapped += 1), job }),
    );
    watch.stop();
    expect(result).toEqual({ cancelled: true });
    expect(watch.phases()).toEqual(expect.arrayContaining(['safetyBackup', 'copying']));
    expect(watch.phases()).not.toContain('swapping');
    expect(swapped).toBe(0);
    // The old store: still open, still holding what was made after the backup, still taking changes.
    expect(shop.store.sqlite.open).toBe(true);
    expect(shop.store.sqlite.prepare('SELECT name FROM clients WHERE id = ?').get(later.row.id)).toEqual({ name: 'Zara After-Backup' });
    expect(dayView(shop.store, { date: DAY })).toEqual(dayBefore);
    createClient(shop.desk, { idempotencyKey: key('after-cancel'), name: 'Yusuf Still-Writable' } as never);
    expect(leftovers(dir)).toEqual([]);
    // The safety backup it took first stays, like any backup (the screen says so).
    expect(listBackups(backupDir).some((b) => b.reason === 'pre-restore')).toBe(true);
  });

  it('runs through every phase when left alone, and the swap cannot be cancelled', async () => {
    const file = join(dir, 'restored.sqlite');
    const own = await seedShop(file, { appointments: 10 });
    const ownBackups = join(dir, 'own-backups');
    const backup = await createBackup(own.store, { dir: ownBackups, reason: 'manual', now: t0 });
    const jobs = pacedBoard();
    const id = crypto.randomUUID();
    const refusals: string[] = [];
    const watch = watchJob(jobs, id);
    let current: Store = own.store;
    // Reopening the restored file happens after the old store closed: a cancel asked then is refused.
    const reopen = (path: string) => {
      try {
        jobs.cancel(id);
      } catch (error) {
        refusals.push((error as Error).message);
      }
      return openStore(path);
    };
    const result = await runJob(jobs, { id, name: 'restore' }, (job) =>
      restoreBackup(own.store, { dir: ownBackups, name: backup.name, actor: own.owner, now: t0 + 1, reopen, swap: (next) => (current = next), job }),
    );
    watch.stop();
    expect(result.cancelled).toBe(false);
    expect(current).not.toBe(own.store);
    expect(jobs.get(id)?.state).toBe('done');
    expect(watch.phases()).toEqual(expect.arrayContaining(['safetyBackup', 'copying']));
    expect(refusals).toEqual(['This can no longer be stopped safely; it will finish in a moment.']);
    current.close();
  });
});

describe('exports through the desk router', () => {
  /** An empty folder for the file, a paced board, the owner's caller saving there, and a job id. */
  const exportRun = async (folder: string) => {
    const out = join(dir, folder);
    mkdirSync(out);
    const jobs = pacedBoard();
    const caller = await deskCallerAs(shop.store, shop.owner.staffId!, { now: () => t0, requestId: 'req-progress', shell: { outputDir: out, jobs } });
    return { out, jobs, caller, id: crypto.randomUUID() };
  };

  it('a CSV export shows the rows written, and `jobs.get` reads it', async () => {
    const { caller, id } = await exportRun('csv-out');
    const readings: { done: number; total: number | null; phase: string }[] = [];
    const poll = setInterval(() => {
      void caller.jobs.get({ id }).then((view) => view && readings.push(view));
    }, 2);
    const clientCount = (shop.store.sqlite.prepare('SELECT count(*) AS n FROM clients WHERE deleted_at IS NULL').get() as { n: number }).n;
    const saved = await caller.exports.clients({ jobId: id });
    clearInterval(poll);
    expect(saved).toMatchObject({ saved: true, cancelled: false });
    const rows = readings.filter((reading) => reading.phase === 'writingRows');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((reading) => reading.total === clientCount)).toBe(true);
    expect(rows.some((reading) => reading.done > 0 && reading.done < clientCount)).toBe(true);
    // The file is the same as one made in a single piece.
    const text = readFileSync(saved.path!, 'utf8');
    expect(text.split('\r\n')).toHaveLength(clientCount + 1);
    expect(text.startsWith('\uFEFFName,Phone,Email')).toBe(true);
  });

  it('a CSV export cancelled midway writes nothing', async () => {
    const { out, jobs, caller, id } = await exportRun('csv-cancelled');
    const watch = watchJob(jobs, id, { test: (view) => view.phase === 'writingRows' && view.done > 0, act: () => void caller.jobs.cancel({ id }) });
    const saved = await caller.exports.activity({ from: '2026-03-01', to: '2026-03-31', jobId: id });
    watch.stop();
    expect(saved).toEqual({ saved: false, cancelled: true, path: null });
    expect(readdirSync(out)).toEqual([]);
  });

  it('the raw database export can be cancelled too, leaving nothing', async () => {
    const { out, jobs, caller, id } = await exportRun('db-cancelled');
    const watch = watchJob(jobs, id, { test: (view) => view.done > 0, act: () => void caller.jobs.cancel({ id }) });
    const saved = await caller.backups.exportDatabase({ jobId: id });
    watch.stop();
    expect(saved).toEqual({ saved: false, cancelled: true, path: null });
    expect(readdirSync(out)).toEqual([]);
  });
});
