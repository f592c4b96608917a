import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Actor } from '../../../src-shared/authorization';
import { AppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { appSchemaVersion, type Store } from '../../core/store/open';
import { markProgressStale } from '../sync/meta';
import { fileWriteFailed, flushFile, syncDirectory, tempPathFor } from '../../core/disk/files';
import { createPrivateFileSync, databaseFiles, ensurePrivateDir, ensurePrivateDirSync, makePrivate } from '../../core/disk/privateFiles';
import { isCancelled, type Job } from '../../core/progress/jobs';
import { copyFileInSteps } from '../../core/progress/copyInSteps';

/**
 * Local backups (docs/architecture.md §7): SQLite online backups of the open store — automatic daily, before
 * every migration, before a restore, or on request — the newest KEEP_BACKUPS kept; restore (owner
 * only, current database backed up first); export of the raw database file. Every write is
 * awaited; a failure is an AppError, never a success.
 */

export const KEEP_BACKUPS = 14;
export const backupReasons = ['daily', 'pre-migration', 'pre-restore', 'manual'] as const;
export type BackupReason = (typeof backupReasons)[number];

export interface BackupInfo {
  name: string;
  file: string;
  reason: BackupReason;
  createdAt: number;
  sizeBytes: number;
}

const NAME = /^caredesk-(\d{8}T\d{6}(?:\d{3})?Z)-(daily|pre-migration|pre-restore|manual)\.sqlite$/;

function stampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
}

function parseStamp(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(stamp);
  if (!m) return 0;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0));
}

export function backupName(reason: BackupReason, at: number): string {
  return `caredesk-${stampOf(at)}-${reason}.sqlite`;
}

/** Backups in the folder, newest first (files that do not look like backups are ignored). */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name);
    if (!match) continue;
    const file = join(dir, name);
    out.push({ name, file, reason: match[2] as BackupReason, createdAt: parseStamp(match[1] ?? ''), sizeBytes: statSync(file).size });
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** Keep the newest `keep` backups; returns the names removed. */
export async function pruneBackups(dir: string, keep = KEEP_BACKUPS): Promise<string[]> {
  const removed: string[] = [];
  for (const old of listBackups(dir).slice(keep)) {
    await rm(old.file, { force: true });
    removed.push(old.name);
  }
  return removed;
}

/** Open a backup read-only and check it is a CareDesk database this app can open. */
export function verifyBackupFile(file: string, migrationsFolder?: string): { userVersion: number } {
  let probe: Database.Database | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    const hasMeta = probe.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_meta'`).get();
    if (!hasMeta) throw new Error('not a CareDesk database');
    const userVersion = probe.pragma('user_version', { simple: true }) as number;
    if (userVersion > appSchemaVersion(migrationsFolder)) {
      throw refuse('DB_NEWER_THAN_APP', 'backups.newer', undefined, { file: basename(file) });
    }
    return { userVersion };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse('VALIDATION_ERROR', 'backups.notUsable', { file: basename(file) }, { field: 'name', reason: error instanceof Error ? error.message : String(error) });
  } finally {
    probe?.close();
  }
}

/**
 * A copy of a WAL database is itself in WAL mode, so every later opening (the check below, the
 * backup list) would leave -wal and -shm files beside it. A backup is one self-contained file.
 */
function selfContained(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** SQLite's pages copied per step of a watched backup: small enough for the screen to see it move. */
const PAGES_PER_STEP = 256;

/**
 * How many pages the next step copies. SQLite's steps cannot wait, so a paced job (a test watching
 * it) copies nothing until its pace has passed, then a twentieth of the file.
 */
function pagesPerStep(job: Job | undefined, totalPages: number, lastStepAt: { at: number }): number {
  if (job === undefined || job.paceMs === 0) return PAGES_PER_STEP;
  if (performance.now() - lastStepAt.at < job.paceMs) return 0;
  lastStepAt.at = performance.now();
  return Math.max(1, Math.ceil(totalPages / 20));
}

/**
 * An online backup of the open store into `target` (temp file, then rename); awaited. A job sees
 * the pages copied (in the phase its caller set) and may cancel until the copy is renamed into
 * place (the temp file goes).
 */
export async function backupTo(store: Store, target: string, what = 'the backup', job?: Job): Promise<{ path: string; bytes: number }> {
  const temp = tempPathFor(target);
  try {
    // Created 0600 first: SQLite keeps the mode of the file it writes into.
    createPrivateFileSync(temp);
    const lastStepAt = { at: performance.now() };
    await store.sqlite.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        job?.report(totalPages - remainingPages, totalPages);
        // Thrown inside SQLite's step: better-sqlite3 closes the backup and rejects with it.
        job?.throwIfCancelled();
        return pagesPerStep(job, totalPages, lastStepAt);
      },
    });
    selfContained(temp);
    await flushFile(temp);
    verifyBackupFile(temp);
    job?.throwIfCancelled();
    await rename(temp, target);
    await syncDirectory(dirname(target));
    return { path: target, bytes: (await stat(target)).size };
  } catch (error) {
    if (isCancelled(error)) throw error;
    if (error instanceof AppError && (error.details as { kind?: string } | undefined)?.kind === 'FILE_WRITE_FAILED') throw error;
    throw fileWriteFailed(target, error, what);
  } finally {
    await removeTempFile(temp);
  }
}

/** A temporary file (and any journal SQLite left beside it) never outlives the write, done or failed. */
async function removeTempFile(temp: string): Promise<void> {
  for (const part of databaseFiles(temp)) await rm(part, { force: true }).catch(() => undefined);
}

/** A new backup in `dir`, then the old ones beyond KEEP_BACKUPS are removed. */
export async function createBackup(
  store: Store,
  options: { dir: string; reason: BackupReason; now: number; keep?: number; job?: Job },
): Promise<BackupInfo> {
  try {
    await ensurePrivateDir(options.dir);
  } catch (error) {
    throw fileWriteFailed(options.dir, error, 'the backup');
  }
  let at = options.now;
  while (existsSync(join(options.dir, backupName(options.reason, at)))) at += 1;
  const name = backupName(options.reason, at);
  const file = join(options.dir, name);
  const { bytes } = await backupTo(store, file, 'the backup', options.job);
  await pruneBackups(options.dir, options.keep ?? KEEP_BACKUPS);
  return { name, file, reason: options.reason, createdAt: at, sizeBytes: bytes };
}

/** Export the raw database file (a consistent online copy) to a path the person chose. */
export async function exportDatabase(store: Store, target: string, job?: Job): Promise<{ path: string; bytes: number }> {
  return backupTo(store, target, 'the database export', job);
}

/**
 * The hook for openStore's beforeMigrate: a synchronous, consistent copy (VACUUM INTO) of the
 * database as it is before the migration. If it cannot be written the migration does not run.
 */
export function backupBeforeMigrate(dir: string, now: () => number = Date.now) {
  return (file: string, fromVersion: number, toVersion: number): void => {
    let source: Database.Database | null = null;
    let target = '';
    let temp = '';
    try {
      ensurePrivateDirSync(dir);
      let at = now();
      while (existsSync(join(dir, backupName('pre-migration', at)))) at += 1;
      target = join(dir, backupName('pre-migration', at));
      temp = tempPathFor(target);
      // VACUUM INTO accepts an empty file and keeps its mode: this user's only.
      createPrivateFileSync(temp);
      source = new Database(file, { readonly: true, fileMustExist: true });
      source.prepare('VACUUM INTO ?').run(temp);
      renameSync(temp, target);
    } catch (error) {
      throw refuse(
        'MIGRATION_FAILED',
        'backups.beforeUpdate',
        undefined,
        { from: fromVersion, to: toVersion, backup: target, reason: error instanceof Error ? error.message : String(error) },
        error,
      );
    } finally {
      source?.close();
      if (temp !== '') for (const part of databaseFiles(temp)) rmSync(part, { force: true });
    }
    // Keep the newest backups; pruning failure is not a reason to stop the migration.
    for (const old of listBackups(dir).slice(KEEP_BACKUPS)) rmSync(old.file, { force: true });
  };
}

export interface RestoreOptions {
  dir: string;
  name: string;
  actor: Actor;
  now: number;
  /** Opens the restored file (openStore with the app's options, so it migrates if it is older). */
  reopen: (file: string) => Store;
  /** Receives the store to use from now on: the restored one, or the previous one reopened after a failure. */
  swap: (next: Store) => void;
  /** Watches the restore; it may cancel until the swap, never after (docs/architecture.md §24). */
  job?: Job;
}

/**
 * Restore a backup over the live database. Owner only. The current database is backed up first
 * ('pre-restore'); the store is closed, the backup copied into place (temp + rename, the old WAL
 * removed), and the reopened store handed to `swap`. If anything fails after closing, the previous
 * file is reopened, handed to `swap`, and the error reported. A cancel before the swap leaves the
 * live database as it was (the safety backup stays, like any backup); from the swap on it is refused.
 */
export async function restoreBackup(store: Store, options: RestoreOptions): Promise<{ store: Store; safetyBackup: BackupInfo }> {
  if (options.actor.role !== 'owner' || options.actor.staffId === null) {
    throw refuse('FORBIDDEN', 'backups.ownerRestores');
  }
  if (basename(options.name) !== options.name || !NAME.test(options.name)) {
    throw refuse('VALIDATION_ERROR', 'backups.chooseListed', undefined, { field: 'name' });
  }
  const source = join(options.dir, options.name);
  if (!existsSync(source)) throw refuse('NOT_FOUND', 'backups.gone', undefined, { field: 'name' });
  const job = options.job;
  job?.phase('checking');
  verifyBackupFile(source);
  job?.phase('safetyBackup');
  const safetyBackup = await createBackup(store, {
    dir: options.dir,
    reason: 'pre-restore',
    now: options.now,
    keep: KEEP_BACKUPS + 1,
    ...(job === undefined ? {} : { job }),
  });
  const file = store.file;
  const temp = tempPathFor(file);
  try {
    try {
      // Created 0600 first: the live database is this user's only, whatever the backup's mode.
      createPrivateFileSync(temp);
      job?.phase('copying');
      await copyFileInSteps(source, temp, job);
      await makePrivate(temp);
      await flushFile(temp);
    } catch (error) {
      if (isCancelled(error)) throw error;
      throw fileWriteFailed(file, error, 'the restored database');
    }
    // The point of no return: from the close on, stopping would leave no database open.
    job?.pastReturn('swapping');
    store.close();
    try {
      for (const suffix of ['-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
      await rename(temp, file);
      await syncDirectory(dirname(file));
    } catch (error) {
      options.swap(options.reopen(file));
      throw fileWriteFailed(file, error, 'the restored database');
    }
  } finally {
    await removeTempFile(temp);
  }
  let restored: Store | undefined;
  try {
    restored = options.reopen(file);
    // A paired machine's sync progress is now the backup's, behind what the server has seen from
    // it: the agent re-bases (renumbers its changes, pulls) before it sends anything.
    markProgressStale(restored);
  } catch (error) {
    // The backup would not open (e.g. its migration failed): put the previous database back.
    restored?.close();
    await copyFile(safetyBackup.file, file);
    await makePrivate(file);
    for (const suffix of ['-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
    options.swap(options.reopen(file));
    throw error;
  }
  options.swap(restored);
  await pruneBackups(options.dir);
  return { store: restored, safetyBackup };
}

/** The folder backups live in, beside the database unless configured. */
export function defaultBackupDir(databaseFile: string): string {
  return join(dirname(databaseFile), 'backups');
}

/** Clean up temp files a crash may have left, and SQLite's journals beside them (never a real backup). */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of await readdir(dir)) if (/\.partial(-wal|-shm|-journal)?$/.test(name)) await rm(join(dir, name), { force: true });
}
