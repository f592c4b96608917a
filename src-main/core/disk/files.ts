import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { tIn, type Language } from '../../../src-shared/i18n';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './privateFiles';

/**
 * Every file CareDesk saves (support reports, PDFs, backups, exports) goes through here: written
 * to a temporary name beside the target, flushed to disk, then renamed into place, each step
 * awaited. A failure is an AppError a person can read; a half-written file never keeps the real
 * name, and never outlives the write. The file is this user's only (mode 0600 on POSIX).
 * (docs/architecture.md §7: never reported as done before it is.)
 */

/** Plain words for the usual reasons a save fails, in a language (English in errors; the shop's in a system check). */
export function fileErrorReason(error: unknown, language: Language = 'en'): string {
  const t = tIn(language, 'status');
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EACCES':
    case 'EPERM':
      return t('problem.reason.notAllowed');
    case 'EROFS':
      return t('problem.reason.readOnly');
    case 'ENOSPC':
    case 'EDQUOT':
      return t('problem.reason.diskFull');
    case 'ENOENT':
    case 'ENOTDIR':
      return t('problem.reason.noFolder');
    case 'EISDIR':
      return t('problem.reason.folderNamed');
    default:
      return t('problem.reason.refused');
  }
}

export function fileWriteFailed(path: string, error: unknown, what = 'the file'): AppError {
  const reason = fileErrorReason(error);
  return new AppError(
    'INTERNAL_ERROR',
    `CareDesk could not save ${what} to ${path}: ${reason}. Nothing was saved there; choose another folder or try again.`,
    {
      kind: 'FILE_WRITE_FAILED',
      path,
      errno: (error as NodeJS.ErrnoException | undefined)?.code ?? null,
      reason,
    },
    { cause: error },
  );
}

let tempSeq = 0;
export function tempPathFor(path: string): string {
  tempSeq += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${tempSeq}.partial`);
}

/** fsync a directory so a rename inside it survives a power cut (best effort: not every OS allows it). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** fsync a file already written (a copy, a SQLite backup) before it is renamed into place. */
export async function flushFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Write data durably to path (temp file, fsync, rename). Resolves only once it is on disk. */
export async function writeFileDurably(
  path: string,
  data: string | Uint8Array,
  options: { createFolder?: boolean; what?: string } = {},
): Promise<{ path: string; bytes: number }> {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  const temp = tempPathFor(path);
  try {
    if (options.createFolder) await ensurePrivateDir(dirname(path));
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDirectory(dirname(path));
    return { path, bytes };
  } catch (error) {
    throw fileWriteFailed(path, error, options.what);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
