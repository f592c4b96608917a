import { statSync } from 'node:fs';
import { copyFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { fileErrorReason, fileWriteFailed, flushFile, syncDirectory, tempPathFor } from '../../core/disk/files';
import { databaseFiles } from '../../core/disk/privateFiles';
import { getShopSettings, shopWords } from '../../core/settings/queries';
import { reasonOf, reportOffsiteBackup } from '../../core/status/problemReports';
import { deleteLocalMeta, readLocalMeta, writeLocalMeta } from '../../core/store/localMeta';
import type { Store } from '../../core/store/open';
import { KEEP_BACKUPS, listBackups, pruneBackups, verifyBackupFile, type BackupInfo } from './backups';

/**
 * Off-site backups (docs/architecture.md §7): one dead disk must not take the database and all its
 * backups with it, so the owner may name a second folder — a USB drive, a network share, a
 * cloud-synced folder — and every backup is copied there too and verified by opening the copy.
 * The folder belongs to this machine (local_meta), not to the shop: another desk has its own drives.
 */

/** An off-site copy older than this is a warning: the shop would lose more than two days with the disk. */
export const OFFSITE_STALE_MS = 2 * 24 * 60 * 60 * 1000;
const META_KEY = 'offsiteBackup';

interface OffsiteRecord {
  folder: string;
  chosenAt: number;
  /** The newest copy that was written and then opened and checked there. */
  lastVerified: { name: string; at: number } | null;
  /** The newest copy that could not be made, when it is newer than the last verified one. */
  lastFailure: { at: number; reason: string } | null;
}

export type OffsiteState =
  | { state: 'off' }
  | {
      state: 'ok' | 'stale' | 'missing' | 'failed' | 'never';
      folder: string;
      lastVerified: { name: string; at: number } | null;
      /** In a receptionist's words and the shop's language: what is wrong, when something is. */
      problem: string | null;
    };

function record(store: Store): OffsiteRecord | null {
  return readLocalMeta<OffsiteRecord>(store, META_KEY);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The owner names the second folder; it must exist and take a file now, so a typo is caught at once. */
export async function chooseOffsiteFolder(
  store: Store,
  options: { folder: string; backupDir: string; now: number },
): Promise<OffsiteState> {
  const folder = options.folder.trim();
  if (!isAbsolute(folder)) {
    throw refuse('VALIDATION_ERROR', 'backups.wholePath', undefined, { field: 'folder' });
  }
  if (resolve(folder) === resolve(options.backupDir)) {
    throw refuse('VALIDATION_ERROR', 'backups.sameFolder', undefined, { field: 'folder' });
  }
  if (!isFolder(folder))
    throw refuse('VALIDATION_ERROR', 'backups.noFolder', { folder }, { field: 'folder' });
  const probe = tempPathFor(join(folder, 'caredesk-write-check'));
  try {
    await writeFile(probe, 'CareDesk checks it can write here.');
  } catch (error) {
    throw new AppError('VALIDATION_ERROR', `CareDesk cannot write to ${folder}: ${fileErrorReason(error)}.`, {
      field: 'folder',
    });
  } finally {
    await rm(probe, { force: true });
  }
  writeLocalMeta(store, META_KEY, {
    folder,
    chosenAt: options.now,
    lastVerified: null,
    lastFailure: null,
  } satisfies OffsiteRecord);
  return keepOffsiteCopy(store, options.backupDir, options.now);
}

/** No more off-site copies (the ones already there stay where they are). */
export function stopOffsiteCopies(store: Store, now: number): void {
  deleteLocalMeta(store, META_KEY);
  reportOffsiteBackup(store, null, now);
}

/** Copy one backup into the off-site folder (temp name, flushed, opened and checked, then renamed). */
async function copyOffsite(backup: BackupInfo, folder: string): Promise<void> {
  const target = join(folder, backup.name);
  const temp = tempPathFor(target);
  try {
    await copyFile(backup.file, temp);
    await flushFile(temp);
    // Verified where it lies: a copy that will not open is no backup.
    verifyBackupFile(temp);
    await rename(temp, target);
    await syncDirectory(folder);
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL_ERROR') throw error;
    throw fileWriteFailed(folder, error, 'the off-site copy of the backup');
  } finally {
    for (const part of databaseFiles(temp)) await rm(part, { force: true }).catch(() => undefined);
  }
}

/**
 * Bring the off-site folder up to date with the newest local backup, then say how it stands (and
 * keep the attention list's off-site check open or closed accordingly). Never throws: a failure is
 * the state it reports.
 */
export async function keepOffsiteCopy(store: Store, backupDir: string, now: number): Promise<OffsiteState> {
  const current = record(store);
  if (current === null) return { state: 'off' };
  const newest = listBackups(backupDir)[0];
  if (newest !== undefined && isFolder(current.folder) && !isFile(join(current.folder, newest.name))) {
    try {
      await copyOffsite(newest, current.folder);
      await pruneBackups(current.folder, KEEP_BACKUPS);
      writeLocalMeta(store, META_KEY, {
        ...current,
        lastVerified: { name: newest.name, at: now },
        lastFailure: null,
      } satisfies OffsiteRecord);
    } catch (error) {
      // Kept with the record and shown as it is: said in the shop's language when it happened.
      const reason = reasonOf(error, getShopSettings(store)?.locale.language ?? 'en');
      writeLocalMeta(store, META_KEY, { ...current, lastFailure: { at: now, reason } } satisfies OffsiteRecord);
    }
  }
  const state = offsiteState(store, now);
  reportOffsiteBackup(store, state.state === 'off' ? null : state.problem, now);
  return state;
}

/** How the off-site copies stand now, without copying anything. */
export function offsiteState(store: Store, now: number): OffsiteState {
  const current = record(store);
  if (current === null) return { state: 'off' };
  const { folder, lastFailure } = current;
  const t = shopWords(store, 'status');
  if (!isFolder(folder)) {
    // The last copy checked there is still the newest one the shop has off-site, wherever the drive is now.
    return {
      folder,
      lastVerified: current.lastVerified,
      state: 'missing',
      problem: t('problem.offsite.missing', { folder }),
    };
  }
  const lastVerified =
    current.lastVerified !== null && isFile(join(folder, current.lastVerified.name)) ? current.lastVerified : null;
  const base = { folder, lastVerified };
  if (lastFailure !== null && (lastVerified === null || lastFailure.at > lastVerified.at)) {
    return {
      ...base,
      state: 'failed',
      problem: t('problem.offsite.failed', { folder, reason: lastFailure.reason }),
    };
  }
  if (lastVerified === null) return { ...base, state: 'never', problem: t('problem.offsite.never', { folder }) };
  if (now - lastVerified.at > OFFSITE_STALE_MS) {
    return { ...base, state: 'stale', problem: t('problem.offsite.stale', { folder }) };
  }
  return { ...base, state: 'ok', problem: null };
}
