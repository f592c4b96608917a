import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient, trpc } from '../api/client';
import { envelopeOf } from '../api/errors';
import { useSettings } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { OutcomeNotice } from '../components/OutcomeNotice';
import { SubmitForm } from '../components/SubmitForm';
import { TextField } from '../components/TextField';
import { useT } from '../i18n';
import { useReportedAttempt } from '../components/useAttempt';

/**
 * Settings → Shop and this desk → Off-site copy (docs/architecture.md §7): a second folder — a USB
 * drive, a network share, a cloud-synced folder — that every backup is also copied to and checked in.
 */

const stateWords = {
  ok: 'Up to date',
  never: 'Nothing copied yet',
  stale: 'Out of date',
  missing: 'Folder not found',
  failed: 'Last copy failed',
} as const;

export function OffsiteBackupSection(props: { isOwner: boolean }) {
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const offsite = useQuery(trpc.backups.offsite.queryOptions(undefined, { staleTime: 0 }));
  const { busy, error, setError, message, report } = useReportedAttempt();
  const [folder, setFolder] = useState('');

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.backups.offsite.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.status.get.queryKey() }),
    ]);
  const run = (work: () => Promise<string>) => report(work).finally(() => void refresh());

  const choose = () =>
    run(async () => {
      const state = await client.backups.chooseOffsiteFolder.mutate({ folder });
      setFolder('');
      return state.state === 'ok' ? `Backups will be copied to ${folder}. The newest backup is already there.` : `Backups will be copied to ${folder}.`;
    });
  const { t } = useT('progress');
  const copyNow = () =>
    run(async () => {
      const made = await client.backups.create.mutate({});
      if (made.cancelled) return t('outcomes.backupCancelled');
      return made.offsite.state === 'ok'
        ? `Backup taken at ${formatLocalDateTime(made.createdAt, zone)} and copied off-site.`
        : `Backup taken at ${formatLocalDateTime(made.createdAt, zone)}, but it could not be copied off-site (see above).`;
    });
  const stop = () =>
    run(async () => {
      await client.backups.stopOffsiteCopies.mutate({});
      return 'Backups are no longer copied off-site. The copies already there stay where they are.';
    });

  const state = offsite.data;
  return (
    <section className="panel" aria-labelledby="offsite-title" data-testid="offsite-backup">
      <h2 id="offsite-title">Off-site copy</h2>
      <p className="muted">
        So that one broken disk cannot take the bookings and their backups with it, every backup can also be copied to a second folder: a USB
        drive, a network share or a cloud-synced folder. Each copy is opened and checked there.
      </p>
      {offsite.isError ? <ErrorNotice error={envelopeOf(offsite.error)} /> : null}
      {state !== undefined && state.state !== 'off' ? (
        <dl className="facts">
          <dt>Folder</dt>
          <dd>{state.folder}</dd>
          <dt>State</dt>
          <dd>
            <span className={state.state === 'ok' ? 'badge tone-confirmed' : 'badge tone-failed'}>{stateWords[state.state]}</span>
            {state.problem !== null ? <span className="muted"> {state.problem}</span> : null}
          </dd>
          <dt>Newest checked copy</dt>
          <dd>{state.lastVerified === null ? 'None yet' : formatLocalDateTime(state.lastVerified.at, zone)}</dd>
        </dl>
      ) : null}
      {props.isOwner ? (
        <SubmitForm className="row" onSubmit={() => void choose()}>
          <TextField
            label={state?.state === 'off' || state === undefined ? 'Copy backups to this folder' : 'Move the copies to another folder'}
            value={folder}
            onChange={setFolder}
            placeholder="/Volumes/USB or D:\Backups"
            required
          />
          <button type="submit" className="button" disabled={busy || folder.trim() === ''}>
            Use this folder
          </button>
        </SubmitForm>
      ) : (
        <p className="muted">Only the owner can choose where backups are copied.</p>
      )}
      {state !== undefined && state.state !== 'off' ? (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => void copyNow()}>
            Back up and copy now
          </button>
          {props.isOwner ? (
            <button type="button" className="button" disabled={busy} onClick={() => void stop()}>
              Stop copying off-site
            </button>
          ) : null}
        </div>
      ) : null}
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
