import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The shop's data is for the person running the desk only: on POSIX every folder CareDesk keeps
 * data in is 0700 and every file it writes 0600. Modes are set explicitly, never left to the
 * process umask (another library in the process may change it, and SQLite creates its WAL and
 * SHM files with the database file's mode). Windows has no such modes; these are no-ops there.
 */

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const posix = process.platform !== 'win32';

/** Create the folder (and missing parents) for this user only, and tighten it if it was looser. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix) chmodSync(dir, PRIVATE_DIR_MODE);
}

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Make an existing file this user's only (missing files are fine: nothing to tighten). */
export function makePrivateSync(file: string): void {
  if (!posix) return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export async function makePrivate(file: string): Promise<void> {
  if (!posix) return;
  try {
    await chmod(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Create an empty file with mode 0600 (it must not exist yet). SQLite keeps the mode of a file it
 * opens, so a database, backup or export created this way — and its -wal and -shm — start private.
 */
export function createPrivateFileSync(file: string): void {
  closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
}

/** A database file and the journal files SQLite keeps beside it. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/**
 * Tighten a data folder left with loose modes (an older CareDesk, a copy, a restore from
 * elsewhere): the folder and the named subfolders become 0700, the files directly in them 0600.
 * Symbolic links are left alone; other folders (e.g. Chromium's own in Electron's user data) too.
 */
export function tightenDataFolder(dir: string, subfolders: readonly string[] = ['backups', 'logs', 'saved']): void {
  if (!posix || !existsSync(dir)) return;
  for (const folder of [dir, ...subfolders.map((name) => join(dir, name))]) {
    if (!existsSync(folder) || !lstatSync(folder).isDirectory()) continue;
    chmodSync(folder, PRIVATE_DIR_MODE);
    for (const name of readdirSync(folder)) {
      const entry = join(folder, name);
      if (lstatSync(entry).isFile()) chmodSync(entry, PRIVATE_FILE_MODE);
    }
  }
}
