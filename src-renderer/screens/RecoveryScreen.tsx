import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { useSession, useSettings, useSystemStatus } from '../api/hooks';
import { transport } from '../api/client';
import { retryAll, retryIntent } from '../state/actions';
import { useDesk } from '../state/desk';

/**
 * The Recovery Center. Conflicts and rejections come from the sync agent (recovery.list, not
 * built yet); what this desk knows today — changes in flight, failed writes, the system checks —
 * is here, with Retry, Retry all and the support report.
 */
export function RecoveryScreen() {
  const status = useSystemStatus().data;
  const session = useSession().data;
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const intents = useDesk((state) => state.intents);
  const removeIntent = useDesk((state) => state.removeIntent);
  const [copied, setCopied] = useState<string | null>(null);
  const failed = intents.filter((intent) => intent.status === 'failed');
  const saving = intents.filter((intent) => intent.status === 'saving');

  const report = () =>
    JSON.stringify(
      {
        app: 'CareDesk',
        transport: transport(),
        generatedAt: new Date().toISOString(),
        deviceId: session?.deviceId,
        status,
        // Client names are redacted: only what failed, its code and request id.
        failures: failed.map((intent) => ({
          code: intent.error?.code,
          requestId: intent.error?.requestId,
          message: intent.error?.message,
          startedAt: new Date(intent.startedAt).toISOString(),
        })),
        inFlight: saving.length,
      },
      null,
      2,
    );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(report());
      setCopied('The support report is on the clipboard. Paste it into your message to support.');
    } catch {
      setCopied('The clipboard is not available here. Select the report below and copy it by hand.');
    }
  };

  return (
    <section className="screen recovery" aria-labelledby="recovery-title">
      <h1 id="recovery-title">Recovery Center</h1>
      <p className="muted">Everything that is not saved, or needs a decision, is listed here until it is resolved.</p>
      <section className="panel" aria-labelledby="failures-title">
        <h2 id="failures-title">Failures ({failed.length})</h2>
        {failed.length === 0 ? <p className="muted">No failed changes.</p> : null}
        <ul className="recovery-list">
          {failed.map((intent) => (
            <li key={intent.id} className="tray-item failed" data-testid="recovery-failure">
              <p className="tray-label">{intent.label}</p>
              <p className="tray-state">Failed — retry. Not saved.</p>
              {intent.error ? (
                <p className="tray-error">
                  {intent.error.message} <span className="muted">(reference {intent.error.requestId})</span>
                </p>
              ) : null}
              <div className="row">
                <button type="button" className="button small primary" onClick={() => void retryIntent(intent.id)?.catch(() => undefined)}>
                  Retry
                </button>
                <button type="button" className="button small ghost" aria-label={`Dismiss: ${intent.label}`} onClick={() => removeIntent(intent.id)}>
                  Dismiss (not saved)
                </button>
              </div>
            </li>
          ))}
        </ul>
        {failed.length > 0 ? (
          <button type="button" className="button primary" onClick={() => void retryAll()}>
            Retry all
          </button>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="pending-title">
        <h2 id="pending-title">Pending ({saving.length})</h2>
        {saving.length === 0 ? <p className="muted">Nothing is waiting to be saved.</p> : null}
        <ul className="recovery-list">
          {saving.map((intent) => (
            <li key={intent.id}>
              {intent.label} — saving since {formatLocalDateTime(intent.startedAt, zone)}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">Conflicts and rejections</h2>
        <p className="muted">
          None. Conflicts appear here, side by side with your version and the shop’s, when this desk syncs with other desks — that arrives with the sync
          agent. On a standalone desk there is nothing to reconcile.
        </p>
      </section>
      <section className="panel" aria-labelledby="checks-title">
        <h2 id="checks-title">System checks</h2>
        <ul className="checks">
          {(status?.checks ?? []).map((check) => (
            <li key={check.name} className={`check-${check.status}`}>
              <strong>{check.name === 'storage' ? 'Storage' : check.name === 'integrity' ? 'Integrity' : 'Sync'}:</strong> {check.message}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="support-title">
        <h2 id="support-title">Support report</h2>
        <p className="muted">Status, checks and failures with their reference numbers. Client names are left out.</p>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy support report
        </button>
        {copied ? <p role="status">{copied}</p> : null}
        <details>
          <summary>Show the report</summary>
          <pre className="report">{report()}</pre>
        </details>
      </section>
    </section>
  );
}
