import { isAppError } from '../../../src-shared/errors';
import { localClockOf } from '../../../src-shared/time';
import { getShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { fileErrorReason } from '../disk/files';
import { clearProblem, reportProblem } from './problems';

/**
 * What each failure that used to reach only a log says to the person at the desk, and where it is
 * reported from. Reporting never throws: the work that failed has its own error path.
 */

function safely(work: () => void): void {
  try {
    work();
  } catch {
    // The problem record is a second line of information; its own failure shows as Unsafe.
  }
}

function shopClock(store: Store, at: number): string {
  const zone = getShopSettings(store)?.timeZone ?? 'UTC';
  return localClockOf(at, zone);
}

/** The file system's reason in plain words, or the AppError's own reason when it carries one. */
function reasonOf(error: unknown): string {
  if (isAppError(error) && typeof error.details?.reason === 'string') return error.details.reason;
  return fileErrorReason((error as { cause?: unknown } | null)?.cause ?? error);
}

/** Why a backup could not be written, said of the backup folder (the shared words say "there"). */
function backupReasonOf(error: unknown): string {
  const errno = isAppError(error) ? error.details?.errno : (error as { code?: unknown } | null)?.code;
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return 'CareDesk is not allowed to write to the backup folder';
    case 'EROFS':
      return 'the backup folder is on a read-only disk';
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EEXIST':
      return 'the backup folder is missing';
    default:
      return reasonOf(error);
  }
}

export function reportDailyBackup(store: Store, outcome: { ok: true } | { ok: false; error: unknown }, now: number): void {
  safely(() => {
    if (outcome.ok) return clearProblem(store, 'backup', now);
    const reason = backupReasonOf(outcome.error);
    reportProblem(
      store,
      'backup',
      {
        title: 'The automatic backup failed',
        message: `The automatic backup at ${shopClock(store, now)} failed: ${reason}. Your bookings are safe on this computer, but there is no new backup of them.`,
        nextStep:
          reason === 'the disk is full'
            ? 'Free some disk space, then make a backup now: Settings → Backups → Back up now.'
            : 'Make a backup now: Settings → Backups → Back up now. If that fails too, send the support report from the Recovery Center.',
      },
      now,
    );
  });
}

/** How the off-site copies stand: the problem in words (see agents/backup/offsite.ts), or null when all is well or they are off. */
export function reportOffsiteBackup(store: Store, problem: string | null, now: number): void {
  safely(() => {
    if (problem === null) return clearProblem(store, 'offsite-backup', now);
    reportProblem(
      store,
      'offsite-backup',
      {
        title: 'The off-site backup needs attention',
        message: `${problem} Your bookings are safe on this computer and in its own backups.`,
        nextStep: 'Plug the drive back in or reconnect the shared folder, or choose another folder: Settings → Backups → Off-site copy.',
      },
      now,
    );
  });
}

/** The shop server's own health answer: "degraded" means its database is down or out of date. */
export function reportServerHealth(
  store: Store,
  health: { status: 'ok' | 'degraded'; database: boolean; schemaCurrent: boolean },
  now: number,
): void {
  safely(() => {
    if (health.status === 'ok') return clearProblem(store, 'server-health', now);
    reportProblem(
      store,
      'server-health',
      {
        title: 'The shop server has a problem',
        message: !health.database
          ? 'The shop server answers, but it cannot reach its database, so changes from this desk cannot be shared with other desks.'
          : 'The shop server answers, but it has not finished updating, so changes from this desk may not be shared with other desks.',
        nextStep: 'Keep working: changes are kept on this desk and sent when the server is fixed. Tell whoever looks after the shop server.',
      },
      now,
    );
  });
}

/** An update check or download failed (error), or a later check worked (null). */
export function reportUpdateCheck(store: Store, error: unknown, now: number): void {
  safely(() => {
    if (error === null) return clearProblem(store, 'update', now);
    reportProblem(
      store,
      'update',
      {
        title: 'CareDesk could not check for updates',
        message: `Looking for a new version of CareDesk at ${shopClock(store, now)} failed. This desk keeps working with the version it has.`,
        nextStep: 'Check the internet connection; CareDesk tries again every day, or use Help → Check for Updates….',
      },
      now,
    );
  });
}

/** A PDF, support report or export could not be written (error), or the next save worked (null). */
export function reportFileSave(store: Store, what: string, error: unknown, now: number): void {
  safely(() => {
    if (error === null) return clearProblem(store, 'file-save', now);
    const path = isAppError(error) && typeof error.details?.path === 'string' ? ` to ${error.details.path}` : '';
    reportProblem(
      store,
      'file-save',
      {
        title: `Saving ${what} failed`,
        message: `CareDesk could not save ${what}${path} at ${shopClock(store, now)}: ${reasonOf(error)}. Nothing was saved there.`,
        nextStep: 'Save it again and choose another folder, or free some disk space.',
      },
      now,
    );
  });
}

/** What stands in the way of the desk's messages (docs/architecture.md §18); null: nothing, they go. */
export type MessageSendingTrouble =
  | { providersDown: { provider: string; lastError: string | null }[] }
  | { failed: unknown }
  | null;

/** A provider whose circuit is open, or a sender that could not run, until messages go again. */
export function reportMessageSending(store: Store, trouble: MessageSendingTrouble, now: number): void {
  safely(() => {
    if (trouble === null) return clearProblem(store, 'messages', now);
    if ('failed' in trouble) {
      const reason = isAppError(trouble.failed) ? trouble.failed.message : 'CareDesk hit an unexpected problem.';
      return reportProblem(
        store,
        'messages',
        {
          title: 'Messages to clients are not going out',
          message: `CareDesk could not send the messages due at ${shopClock(store, now)}: ${reason} They wait and go once this is fixed.`,
          nextStep: 'Check the message providers in Settings, or send the Support report.',
        },
        now,
      );
    }
    const names = trouble.providersDown.map((down) => down.provider).join(' and ');
    const last = trouble.providersDown.find((down) => down.lastError !== null)?.lastError;
    reportProblem(
      store,
      'messages',
      {
        title: `${names} ${trouble.providersDown.length === 1 ? 'is' : 'are'} not taking messages`,
        message: `${names} failed several times in a row (${shopClock(store, now)}${last === undefined ? '' : `; last: ${last}`}). Messages go by the other provider if there is one; the rest are kept and tried again later.`,
        nextStep: 'Nothing is lost. If it lasts, check the provider’s status page or its settings.',
      },
      now,
    );
  });
}
