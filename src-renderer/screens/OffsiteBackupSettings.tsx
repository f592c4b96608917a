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
import { Panel } from '../components/Panel';

/**
 * Settings → Shop and this desk → Off-site copy (docs/architecture.md §7): a second folder — a USB
 * drive, a network share, a cloud-synced folder — that every backup is also copied to and checked in.
 */

const stateWords = {
  ok: 'upToDate',
  never: 'nothingCopiedYet',
  stale: 'outOfDate',
  missing: 'folderNotFound',
  failed: 'lastCopyFailed',
} as const;

export function OffsiteBackupSection(props: { isOwner: boolean }) {
  const { t } = useT('backups');
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
      return state.state === 'ok' ? t('backupsWillBeCopiedTo', { folder }) : t('backupsWillBeCopiedTo2', { folder });
    });
  const { t: tp } = useT('progress');
  const copyNow = () =>
    run(async () => {
      const made = await client.backups.create.mutate({});
      if (made.cancelled) return tp('outcomes.backupCancelled');
      return made.offsite.state === 'ok'
        ? t('backupTakenAtAndCopied', { localDateTime: formatLocalDateTime(made.createdAt, zone) })
        : t('backupTakenAtButIt', { localDateTime: formatLocalDateTime(made.createdAt, zone) });
    });
  const stop = () =>
    run(async () => {
      await client.backups.stopOffsiteCopies.mutate({});
      return t('backupsAreNoLongerCopied');
    });

  const state = offsite.data;
  return (
    <Panel titleId="offsite-title" title={t('offSiteCopy')} intro={t('soThatOneBrokenDisk')} testId="offsite-backup">
      {offsite.isError ? <ErrorNotice error={envelopeOf(offsite.error)} /> : null}
      {state !== undefined && state.state !== 'off' ? (
        <dl className="facts">
          <dt>{t('folder')}</dt>
          <dd>{state.folder}</dd>
          <dt>{t('state')}</dt>
          <dd>
            <span className={state.state === 'ok' ? 'badge tone-confirmed' : 'badge tone-failed'}>{t(stateWords[state.state])}</span>
            {state.problem !== null ? <span className="muted"> {state.problem}</span> : null}
          </dd>
          <dt>{t('newestCheckedCopy')}</dt>
          <dd>{state.lastVerified === null ? t('noneYet') : formatLocalDateTime(state.lastVerified.at, zone)}</dd>
        </dl>
      ) : null}
      {props.isOwner ? (
        <SubmitForm className="row" onSubmit={() => void choose()}>
          <TextField
            label={state?.state === 'off' || state === undefined ? t('copyBackupsToThisFolder') : t('moveTheCopiesToAnother')}
            value={folder}
            onChange={setFolder}
            placeholder={t('volumesUsbOrDBackups')}
            required
          />
          <button type="submit" className="button" disabled={busy || folder.trim() === ''}>
            {t('useThisFolder')}
          </button>
        </SubmitForm>
      ) : (
        <p className="muted">{t('onlyTheOwnerCanChoose')}</p>
      )}
      {state !== undefined && state.state !== 'off' ? (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => void copyNow()}>
            {t('backUpAndCopyNow')}
          </button>
          {props.isOwner ? (
            <button type="button" className="button" disabled={busy} onClick={() => void stop()}>
              {t('stopCopyingOffSite')}
            </button>
          ) : null}
        </div>
      ) : null}
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
    </Panel>
  );
}
