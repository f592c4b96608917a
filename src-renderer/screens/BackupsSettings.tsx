import type { ParseKeys } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient, trpc } from '../api/client';
import { envelopeOf } from '../api/errors';
import { useSettings } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { TableHead } from '../components/TableHead';
import { useReportedAttempt } from '../components/useAttempt';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { OutcomeNotice } from '../components/OutcomeNotice';
import { JobProgress, useJob } from '../components/JobProgress';
import { useT, screenT } from '../i18n';
import { Panel } from '../components/Panel';

/** Settings → Backups (docs/architecture.md §7): the kept backups, back up now, restore, export the database. */

function size(bytes: number): string {
  const t = screenT('backups');
  return bytes >= 1024 * 1024
    ? t('mb', { value: (bytes / 1024 / 1024).toFixed(1) })
    : t('kb', { max: Math.max(1, Math.round(bytes / 1024)) });
}

const reasonLabels: Record<string, ParseKeys<'backups'>> = {
  daily: 'dailyAutomatic',
  'pre-migration': 'beforeAnUpdate',
  'pre-restore': 'beforeARestore',
  manual: 'madeByHand',
};

export function BackupsSection(props: { isOwner: boolean }) {
  const { t } = useT('backups');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const list = useQuery(trpc.backups.list.queryOptions(undefined, { staleTime: 0 }));
  const { busy, error, setError, message, report } = useReportedAttempt();
  const [restoring, setRestoring] = useState<{ name: string; createdAt: number } | null>(null);
  const work = useJob();
  const { t: tp } = useT('progress');

  /** Every piece of work here may have added a backup (a restore takes one first): the list is read again. */
  const run = (work: () => Promise<string>) =>
    report(work).finally(() => void queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() }));

  const backUpNow = () =>
    run(async () => {
      const made = await work.track((jobId) => client.backups.create.mutate({ jobId }));
      if (made.cancelled) return tp('outcomes.backupCancelled');
      return t('backupTakenAt', { localDateTime: formatLocalDateTime(made.createdAt, zone), size: size(made.sizeBytes) });
    });

  const exportDatabase = () =>
    run(async () => {
      const saved = await work.track((jobId) => client.backups.exportDatabase.mutate({ jobId }));
      if (saved.cancelled) return tp('outcomes.exportCancelled');
      return saved.saved ? t('databaseExportedTo', { path: saved.path, size: size(saved.bytes) }) : t('exportCancelledNothingWasWritten');
    });

  const restore = (name: string) =>
    run(async () => {
      // The dialog closes so the restore's progress (and its Cancel, until the swap) shows here.
      setRestoring(null);
      const result = await work.track((jobId) => client.backups.restore.mutate({ name, jobId }));
      if (result.cancelled) return tp('outcomes.restoreCancelled');
      await queryClient.invalidateQueries();
      return t('restoredTheDataAsIt', { safetyBackup: result.safetyBackup });
    }).finally(() => setRestoring(null));

  return (
    <Panel titleId="backups-title" title={t('backups')} intro={t('aBackupIsTakenEvery')} testId="backups">
      {list.isError ? <ErrorNotice error={envelopeOf(list.error)} /> : null}
      <table className="table" aria-label={t('backups')}>
        <TableHead columns={[t('taken'), t('why'), t('size')]} actions />
        <tbody>
          {(list.data ?? []).length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t('noBackupsYet')}
              </td>
            </tr>
          ) : null}
          {(list.data ?? []).map((backup) => (
            <tr key={backup.name} data-testid="backup-row">
              <td>{formatLocalDateTime(backup.createdAt, zone)}</td>
              <td>{backup.reason in reasonLabels ? t(reasonLabels[backup.reason]!) : backup.reason}</td>
              <td>{size(backup.sizeBytes)}</td>
              <td>
                <button
                  type="button"
                  className="button small"
                  disabled={busy || !props.isOwner}
                  aria-label={t('restoreTheBackupTaken', { localDateTime: formatLocalDateTime(backup.createdAt, zone) })}
                  onClick={() => setRestoring({ name: backup.name, createdAt: backup.createdAt })}
                >
                  {t('restore')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => void backUpNow()}>
          {t('backUpNow')}
        </button>
        <button type="button" className="button" disabled={busy || !props.isOwner} onClick={() => void exportDatabase()}>
          {t('exportDatabase')}
        </button>
      </div>
      {!props.isOwner ? (
        <p className="muted">
          {t('onlyTheOwnerCanRestore')}
        </p>
      ) : null}
      <JobProgress watch={work} />
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
      {restoring ? (
        <ConfirmDialog
          title={t('restoreThisBackup2')}
          onClose={() => setRestoring(null)}
          keepLabel={t('keepTheCurrentData')}
          confirmLabel={t('restoreThisBackup')}
          onConfirm={() => void restore(restoring.name)}
          busy={busy}
        >
          <p>
            {t('theScheduleGoesBackTo')}<strong>{formatLocalDateTime(restoring.createdAt, zone)}</strong>{t('changesMadeSinceThenAre')}
          </p>
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}
