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
import { useT } from '../i18n';

/** Settings → Backups (docs/architecture.md §7): the kept backups, back up now, restore, export the database. */

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const reasonLabels: Record<string, string> = {
  daily: 'Daily (automatic)',
  'pre-migration': 'Before an update',
  'pre-restore': 'Before a restore',
  manual: 'Made by hand',
};

export function BackupsSection(props: { isOwner: boolean }) {
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const list = useQuery(trpc.backups.list.queryOptions(undefined, { staleTime: 0 }));
  const { busy, error, setError, message, report } = useReportedAttempt();
  const [restoring, setRestoring] = useState<{ name: string; createdAt: number } | null>(null);
  const work = useJob();
  const { t } = useT('progress');

  /** Every piece of work here may have added a backup (a restore takes one first): the list is read again. */
  const run = (work: () => Promise<string>) =>
    report(work).finally(() => void queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() }));

  const backUpNow = () =>
    run(async () => {
      const made = await work.track((jobId) => client.backups.create.mutate({ jobId }));
      if (made.cancelled) return t('outcomes.backupCancelled');
      return `Backup taken at ${formatLocalDateTime(made.createdAt, zone)} (${size(made.sizeBytes)}).`;
    });

  const exportDatabase = () =>
    run(async () => {
      const saved = await work.track((jobId) => client.backups.exportDatabase.mutate({ jobId }));
      if (saved.cancelled) return t('outcomes.exportCancelled');
      return saved.saved ? `Database exported to ${saved.path} (${size(saved.bytes)}).` : 'Export cancelled; nothing was written.';
    });

  const restore = (name: string) =>
    run(async () => {
      // The dialog closes so the restore's progress (and its Cancel, until the swap) shows here.
      setRestoring(null);
      const result = await work.track((jobId) => client.backups.restore.mutate({ name, jobId }));
      if (result.cancelled) return t('outcomes.restoreCancelled');
      await queryClient.invalidateQueries();
      return `Restored. The data as it was before is kept as backup ${result.safetyBackup}.`;
    }).finally(() => setRestoring(null));

  return (
    <section className="panel" aria-labelledby="backups-title" data-testid="backups">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        A backup is taken every day and before every update; the last 14 are kept, in the data folder’s backups folder.
      </p>
      {list.isError ? <ErrorNotice error={envelopeOf(list.error)} /> : null}
      <table className="table" aria-label="Backups">
        <TableHead columns={['Taken', 'Why', 'Size']} actions />
        <tbody>
          {(list.data ?? []).length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No backups yet.
              </td>
            </tr>
          ) : null}
          {(list.data ?? []).map((backup) => (
            <tr key={backup.name} data-testid="backup-row">
              <td>{formatLocalDateTime(backup.createdAt, zone)}</td>
              <td>{reasonLabels[backup.reason] ?? backup.reason}</td>
              <td>{size(backup.sizeBytes)}</td>
              <td>
                <button
                  type="button"
                  className="button small"
                  disabled={busy || !props.isOwner}
                  aria-label={`Restore the backup taken ${formatLocalDateTime(backup.createdAt, zone)}`}
                  onClick={() => setRestoring({ name: backup.name, createdAt: backup.createdAt })}
                >
                  Restore…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => void backUpNow()}>
          Back up now
        </button>
        <button type="button" className="button" disabled={busy || !props.isOwner} onClick={() => void exportDatabase()}>
          Export database
        </button>
      </div>
      {!props.isOwner ? (
        <p className="muted">
          Only the owner can restore a backup or export the database (it holds every client’s details).
        </p>
      ) : null}
      <JobProgress watch={work} />
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
      {restoring ? (
        <ConfirmDialog
          title="Restore this backup?"
          onClose={() => setRestoring(null)}
          keepLabel="Keep the current data"
          confirm={
            <button type="button" className="button danger" disabled={busy} onClick={() => void restore(restoring.name)}>
              Restore this backup
            </button>
          }
        >
          <p>
            The schedule goes back to how it was on <strong>{formatLocalDateTime(restoring.createdAt, zone)}</strong>.
            Changes made since then are not in that backup. The current database is backed up first, so this can be
            undone by restoring that backup.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
