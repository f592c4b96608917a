import type { Store } from '../../core/store/open';
import { listBackups } from './backups';
import { offsiteState } from './offsite';

/**
 * The backups made before a moment (docs/architecture.md §28): erasing a client cleans the live
 * database, not the copies already taken, so the owner is told which still hold the details — the
 * local backups and the off-site copies — with when each was made.
 */

export interface CopyBefore {
  name: string;
  createdAt: number;
}

export interface CopiesBefore {
  local: CopyBefore[];
  /** The off-site folder's copies; the folder is null when the shop copies nowhere, `reachable` false when it is not there now. */
  offsite: { folder: string | null; reachable: boolean; copies: CopyBefore[] };
}

const madeBefore = (dir: string, at: number): CopyBefore[] =>
  listBackups(dir)
    .filter((backup) => backup.createdAt < at)
    .map(({ name, createdAt }) => ({ name, createdAt }));

export function copiesBefore(store: Store, backupDir: string, at: number, now: number): CopiesBefore {
  const offsite = offsiteState(store, now);
  const folder = offsite.state === 'off' ? null : offsite.folder;
  const reachable = folder !== null && offsite.state !== 'missing';
  return { local: madeBefore(backupDir, at), offsite: { folder, reachable, copies: reachable ? madeBefore(folder, at) : [] } };
}
