import { isAppError } from '../../../src-shared/errors';
import { tIn, type Language, type resources } from '../../../src-shared/i18n';
import { formatterOf } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';
import { getShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { fileErrorReason } from '../disk/files';
import { clearProblem, reportProblem } from './problems';

/**
 * What each failure that used to reach only a log says to the person at the desk, and where it is
 * reported from. Reporting never throws: the work that failed has its own error path. The words are
 * kept with the problem, so they are written in the shop's language and clock when it is reported
 * (a later report of the same problem rewrites them, in the language of the day).
 */

function safely(work: () => void): void {
  try {
    work();
  } catch {
    // The problem record is a second line of information; its own failure shows as Unsafe.
  }
}

/** The shop's words and clock for a report: its language, and an instant on its clock ("14:05", "2:05 PM"). */
function shopReport(store: Store) {
  const settings = getShopSettings(store);
  const locale = settings?.locale ?? DEFAULT_LOCALE;
  const format = formatterOf(locale);
  return { language: locale.language, t: tIn(locale.language, 'status'), clock: (at: number) => format.clock(at, settings?.timeZone ?? 'UTC') };
}

/**
 * The file system's reason in plain words, or the AppError's own reason when it carries one. A failed
 * write's reason is said afresh from its cause: the error's own copy is in English, for the log.
 */
export function reasonOf(error: unknown, language: Language): string {
  const written = isAppError(error) && error.details?.kind === 'FILE_WRITE_FAILED';
  if (!written && isAppError(error) && typeof error.details?.reason === 'string') return error.details.reason;
  return fileErrorReason((error as { cause?: unknown } | null)?.cause ?? error, language);
}

/** Why a backup could not be written, said of the backup folder (the shared words say "there"). */
function backupReasonOf(error: unknown, language: Language): string {
  const t = tIn(language, 'status');
  const errno = isAppError(error) ? error.details?.errno : (error as { code?: unknown } | null)?.code;
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return t('problem.reason.backupNotAllowed');
    case 'EROFS':
      return t('problem.reason.backupReadOnly');
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EEXIST':
      return t('problem.reason.backupMissing');
    default:
      return reasonOf(error, language);
  }
}

export function reportDailyBackup(store: Store, outcome: { ok: true } | { ok: false; error: unknown }, now: number): void {
  safely(() => {
    if (outcome.ok) return clearProblem(store, 'backup', now);
    const { language, t, clock } = shopReport(store);
    const reason = backupReasonOf(outcome.error, language);
    reportProblem(
      store,
      'backup',
      {
        title: t('problem.backup.title'),
        message: t('problem.backup.message', { time: clock(now), reason }),
        nextStep: reason === t('problem.reason.diskFull') ? t('problem.backup.stepDiskFull') : t('problem.backup.step'),
      },
      now,
    );
  });
}

/** How the off-site copies stand: the problem in words (see agents/backup/offsite.ts), or null when all is well or they are off. */
export function reportOffsiteBackup(store: Store, problem: string | null, now: number): void {
  safely(() => {
    if (problem === null) return clearProblem(store, 'offsite-backup', now);
    const { t } = shopReport(store);
    reportProblem(
      store,
      'offsite-backup',
      {
        title: t('problem.offsite.title'),
        message: t('problem.offsite.message', { problem }),
        nextStep: t('problem.offsite.step'),
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
    const { t } = shopReport(store);
    reportProblem(
      store,
      'server-health',
      {
        title: t('problem.serverHealth.title'),
        message: !health.database ? t('problem.serverHealth.noDatabase') : t('problem.serverHealth.updating'),
        nextStep: t('problem.serverHealth.step'),
      },
      now,
    );
  });
}

/** An update check or download failed (error), or a later check worked (null). */
export function reportUpdateCheck(store: Store, error: unknown, now: number): void {
  safely(() => {
    if (error === null) return clearProblem(store, 'update', now);
    const { t, clock } = shopReport(store);
    reportProblem(
      store,
      'update',
      {
        title: t('problem.update.title'),
        message: t('problem.update.message', { time: clock(now) }),
        nextStep: t('problem.update.step'),
      },
      now,
    );
  });
}

/** The files a person saves, by name: what a failed save names in the shop's language. */
export type SavedFile = keyof (typeof resources)['en']['status']['problem']['fileSave']['what'];

/** The file named in English, for an error's own words (the log's, and the refusal's). */
export const savedFileInEnglish = (what: SavedFile): string => tIn('en', 'status')(`problem.fileSave.what.${what}`);

/** A PDF, support report or export could not be written (error), or the next save worked (null). */
export function reportFileSave(store: Store, what: SavedFile, error: unknown, now: number): void {
  safely(() => {
    if (error === null) return clearProblem(store, 'file-save', now);
    const { language, t, clock } = shopReport(store);
    const file = t(`problem.fileSave.what.${what}`);
    const to = isAppError(error) && typeof error.details?.path === 'string' ? t('problem.fileSave.to', { path: error.details.path }) : '';
    reportProblem(
      store,
      'file-save',
      {
        title: t('problem.fileSave.title', { what: file }),
        message: t('problem.fileSave.message', { what: file, to, time: clock(now), reason: reasonOf(error, language) }),
        nextStep: t('problem.fileSave.step'),
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
    const { t, clock } = shopReport(store);
    if ('failed' in trouble) {
      const reason = isAppError(trouble.failed) ? trouble.failed.message : t('problem.messages.unexpected');
      return reportProblem(
        store,
        'messages',
        {
          title: t('problem.messages.title'),
          message: t('problem.messages.message', { time: clock(now), reason }),
          nextStep: t('problem.messages.step'),
        },
        now,
      );
    }
    const names = trouble.providersDown.map((down) => down.provider).join(` ${t('problem.and')} `);
    const last = trouble.providersDown.find((down) => down.lastError !== null)?.lastError;
    reportProblem(
      store,
      'messages',
      {
        title: t('problem.messages.downTitle', { names, count: trouble.providersDown.length }),
        message: t('problem.messages.downMessage', { names, time: clock(now), last: last === undefined ? '' : t('problem.messages.downLast', { error: last }) }),
        nextStep: t('problem.messages.downStep'),
      },
      now,
    );
  });
}
