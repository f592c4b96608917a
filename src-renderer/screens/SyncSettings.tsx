import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient } from '../api/client';
import { envelopeOf, EnvelopeError } from '../api/errors';
import { useSettings, useSyncState } from '../api/hooks';
import { refreshSyncedViews } from '../api/live';
import { PairingForm } from './PairingForm';
import { agreeing, counted } from '../../src-shared/counted';
import { useReportedAttempt } from '../components/useAttempt';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { OutcomeNotice } from '../components/OutcomeNotice';

/** Settings → Sync (docs/architecture.md §5): pair this desk with the shop's server, sync now, unpair. */

function when(at: number | null | undefined, zone: string): string {
  return at === null || at === undefined ? 'not yet' : formatLocalDateTime(at, zone);
}

export function SyncSection(props: { isOwner: boolean }) {
  const state = useSyncState();
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const { busy, error, setError, attempt, message, setMessage, report } = useReportedAttempt();
  const [confirmUnpair, setConfirmUnpair] = useState<null | { unsent: number | null }>(null);
  const data = state.data;

  const syncNow = () =>
    report(async () => {
      const outcome = await client.sync.syncNow.mutate({});
      refreshSyncedViews();
      if (outcome.ok) return `Synced: ${outcome.pushed} sent, ${outcome.pulled} received.`;
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
            ? `Unpaired. ${counted(result.unsent, 'change')} the server never accepted ${agreeing(result.unsent, 'stays', 'stay')} on this desk only.`
            : 'Unpaired. This desk works on its own again (standalone).',
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
      <h2 id="sync-title">Sync with other desks</h2>
      {!data ? <p className="muted">Reading the sync settings…</p> : null}
      {data && !data.paired ? (
        <>
          <p>
            This desk works on its own (standalone). To share one schedule with other front-desk machines, pair it with
            the shop’s sync server. Everything this desk holds is sent to the shop; any booking that clashes with the
            shop’s schedule goes to the Recovery Center — nothing is dropped.
          </p>
          <PairingForm
            onPaired={(result) =>
              setMessage(
                `Paired. ${counted(result.queued, 'change')} from this desk ${agreeing(result.queued, 'is', 'are')} being sent to the shop; ${agreeing(result.queued, 'it says', 'they say')} “Pending sync” until the server accepts ${agreeing(result.queued, 'it', 'them')}.`,
              )
            }
          />
        </>
      ) : null}
      {data?.paired ? (
        <>
          <dl className="facts wide-facts" data-testid="sync-facts">
            <dt>Server</dt>
            <dd>
              {data.serverUrl}
              {data.insecureHttp ? <span className="muted"> (unencrypted, accepted at pairing)</span> : null}
            </dd>
            {data.certificateFingerprint ? (
              <>
                <dt>Server certificate</dt>
                <dd>
                  Trusted at pairing: <code>{data.certificateFingerprint}</code>
                </dd>
              </>
            ) : null}
            {data.tokenStorageWarning ? (
              <>
                <dt>Desk key</dt>
                <dd data-testid="token-storage-warning">{data.tokenStorageWarning}</dd>
              </>
            ) : null}
            <dt>This desk</dt>
            <dd>
              {data.deviceName} <span className="muted">(device {data.deviceId?.slice(0, 8)})</span>
            </dd>
            <dt>Paired</dt>
            <dd>{when(data.pairedAt, zone)}</dd>
            <dt>Last sync</dt>
            <dd data-testid="last-sync">{when(data.connection.lastSuccessAt, zone)}</dd>
            <dt>Connection</dt>
            <dd>
              {data.connection.reachable === null
                ? 'Connecting…'
                : data.connection.reachable
                  ? 'The server answers.'
                  : `The server cannot be reached${data.connection.nextAttemptAt ? `; next try at ${when(data.connection.nextAttemptAt, zone)}` : ''}.`}
            </dd>
            {data.oldestPendingAt !== null ? (
              <>
                <dt>Waiting</dt>
                <dd>Changes waiting to be sent since {when(data.oldestPendingAt, zone)}.</dd>
              </>
            ) : null}
          </dl>
          <div className="row">
            <button type="button" className="button primary" disabled={busy} onClick={() => void syncNow()}>
              Sync now
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || !props.isOwner}
              onClick={() => setConfirmUnpair({ unsent: null })}
            >
              Unpair this desk…
            </button>
          </div>
          {!props.isOwner ? <p className="muted">Only the owner can unpair this desk.</p> : null}
        </>
      ) : null}
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
      {confirmUnpair ? (
        <ConfirmDialog
          title="Unpair this desk?"
          onClose={() => setConfirmUnpair(null)}
          keepLabel="Keep paired"
          confirm={
            <button type="button" className="button danger" disabled={busy} onClick={() => void unpair(confirmUnpair.unsent !== null)}>
              {confirmUnpair.unsent === null ? 'Unpair' : 'Unpair anyway'}
            </button>
          }
        >
          {confirmUnpair.unsent === null ? (
            <p>
              This desk stops sharing the schedule with the shop’s other desks and works on its own. What it already
              holds stays here. You can pair it again later with a new code.
            </p>
          ) : (
            <p className="notice notice-warn">
              {counted(confirmUnpair.unsent, 'change')} on this desk {agreeing(confirmUnpair.unsent, 'has', 'have')} not been accepted by the server. Unpairing anyway
              keeps them on this desk only — the other desks will never see them. Sync first, or resolve them in the
              Recovery Center, to share them.
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
