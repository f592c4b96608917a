import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient } from '../api/client';
import { envelopeOf, EnvelopeError } from '../api/errors';
import { useSettings, useSyncState } from '../api/hooks';
import { refreshSyncedViews } from '../api/live';
import { PairingForm } from './PairingForm';
import { useReportedAttempt } from '../components/useAttempt';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { OutcomeNotice } from '../components/OutcomeNotice';
import { useT, screenT } from '../i18n';

/** Settings → Sync (docs/architecture.md §5): pair this desk with the shop's server, sync now, unpair. */

function when(at: number | null | undefined, zone: string): string {
  const t = screenT('sync');
  return at === null || at === undefined ? t('notYet') : formatLocalDateTime(at, zone);
}

export function SyncSection(props: { isOwner: boolean }) {
  const { t } = useT('sync');
  const state = useSyncState();
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const { busy, error, setError, attempt, message, setMessage, report } = useReportedAttempt();
  const [confirmUnpair, setConfirmUnpair] = useState<null | { unsent: number | null }>(null);
  const data = state.data;

  const syncNow = () =>
    report(async () => {
      const outcome = await client.sync.syncNow.mutate({});
      refreshSyncedViews();
      if (outcome.ok) return t('syncedSentReceived', { pushed: outcome.pushed, pulled: outcome.pulled });
      if (outcome.error) throw new EnvelopeError(outcome.error);
      return null;
    });

  const unpair = (force: boolean) =>
    attempt(async () => {
      try {
        const result = await client.sync.unpair.mutate({ force });
        setConfirmUnpair(null);
        await queryClient.invalidateQueries();
        setMessage(
          result.unsent > 0
            ? t('unpairedUnsent', { count: result.unsent })
            : t('unpairedThisDeskWorksOn'),
        );
      } catch (caught) {
        const envelope = envelopeOf(caught);
        // Changes the server never accepted: ask again, saying how many (docs/architecture.md §5).
        if (envelope.code === 'INVALID_TRANSITION' && typeof envelope.details?.unsent === 'number') {
          setConfirmUnpair({ unsent: envelope.details.unsent });
          return;
        }
        setConfirmUnpair(null);
        throw caught;
      }
    });

  return (
    <section
      className="panel"
      aria-labelledby="sync-title"
      data-testid="sync-pairing"
      data-paired={data?.paired ? 'true' : 'false'}
    >
      <h2 id="sync-title">{t('syncWithOtherDesks')}</h2>
      {!data ? <p className="muted">{t('readingTheSyncSettings')}</p> : null}
      {data && !data.paired ? (
        <>
          <p>
            {t('thisDeskWorksOnIts')}
          </p>
          <PairingForm
            onPaired={(result) =>
              setMessage(
                t('pairedQueued', { count: result.queued }),
              )
            }
          />
        </>
      ) : null}
      {data?.paired ? (
        <>
          <dl className="facts wide-facts" data-testid="sync-facts">
            <dt>{t('server')}</dt>
            <dd>
              {data.serverUrl}
              {data.insecureHttp ? <span className="muted">{t('unencryptedAcceptedAtPairing')}</span> : null}
            </dd>
            {data.certificateFingerprint ? (
              <>
                <dt>{t('serverCertificate')}</dt>
                <dd>
                  {t('trustedAtPairing')}<code>{data.certificateFingerprint}</code>
                </dd>
              </>
            ) : null}
            {data.tokenStorageWarning ? (
              <>
                <dt>{t('deskKey')}</dt>
                <dd data-testid="token-storage-warning">{data.tokenStorageWarning}</dd>
              </>
            ) : null}
            <dt>{t('thisDesk')}</dt>
            <dd>
              {data.deviceName} <span className="muted">{t('device', { slice: data.deviceId?.slice(0, 8) })}</span>
            </dd>
            <dt>{t('paired')}</dt>
            <dd>{when(data.pairedAt, zone)}</dd>
            <dt>{t('lastSync')}</dt>
            <dd data-testid="last-sync">{when(data.connection.lastSuccessAt, zone)}</dd>
            <dt>{t('connection')}</dt>
            <dd>
              {data.connection.reachable === null
                ? t('connecting')
                : data.connection.reachable
                  ? t('theServerAnswers')
                  : data.connection.nextAttemptAt
                    ? t('unreachableNextTry', { when: when(data.connection.nextAttemptAt, zone) })
                    : t('unreachable')}
            </dd>
            {data.oldestPendingAt !== null ? (
              <>
                <dt>{t('waiting')}</dt>
                <dd>{t('changesWaitingToBeSent', { when: when(data.oldestPendingAt, zone) })}</dd>
              </>
            ) : null}
          </dl>
          <div className="row">
            <button type="button" className="button primary" disabled={busy} onClick={() => void syncNow()}>
              {t('syncNow')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || !props.isOwner}
              onClick={() => setConfirmUnpair({ unsent: null })}
            >
              {t('unpairThisDesk')}
            </button>
          </div>
          {!props.isOwner ? <p className="muted">{t('onlyTheOwnerCanUnpair')}</p> : null}
        </>
      ) : null}
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
      {confirmUnpair ? (
        <ConfirmDialog
          title={t('unpairThisDesk2')}
          onClose={() => setConfirmUnpair(null)}
          keepLabel={t('keepPaired')}
          confirmLabel={confirmUnpair.unsent === null ? t('unpair') : t('unpairAnyway')}
          onConfirm={() => void unpair(confirmUnpair.unsent !== null)}
          busy={busy}
        >
          {confirmUnpair.unsent === null ? (
            <p>
              {t('thisDeskStopsSharingThe')}
            </p>
          ) : (
            <p className="notice notice-warn">
              {t('unpairUnsentWarning', { count: confirmUnpair.unsent })}
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
