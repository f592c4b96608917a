import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { client, queryClient, trpc } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import { useSettings, useSyncState } from '../api/hooks';
import { refreshSyncedViews } from '../api/live';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';

/**
 * Settings → Sync (docs/architecture.md §5) and Settings → Backups (§7). Pairing trades a one-time code for
 * a device token (kept encrypted, or in a file only this user can read in browser mode).
 */

function when(at: number | null | undefined, zone: string): string {
  return at === null || at === undefined ? 'not yet' : formatLocalDateTime(at, zone);
}

/**
 * Server address + pairing code → paired. Used in Settings and on the first-run screen. The main
 * process refuses an unencrypted network address, an unconfirmed self-signed certificate and weak
 * key storage before anything is sent; each refusal here becomes the explicit choice it asks for.
 */
export function PairingForm(props: { onPaired?: (result: { queued: number }) => void; submitLabel?: string }) {
  const [serverUrl, setServerUrl] = useState('https://');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('Front desk');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Envelope | null>(null);
  const [allowInsecureHttp, setAllowInsecureHttp] = useState(false);
  const [insecureRefused, setInsecureRefused] = useState(false);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [allowWeakTokenStorage, setAllowWeakTokenStorage] = useState(false);
  const storageWarning = useSyncState().data?.tokenStorageWarning ?? null;
  const submit = async (trustCertificate?: string) => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.sync.pair.mutate({
        serverUrl: serverUrl.trim(),
        code: code.trim(),
        deviceName: deviceName.trim(),
        ...(allowInsecureHttp ? { allowInsecureHttp: true } : {}),
        ...(trustCertificate ? { trustCertificate } : {}),
        ...(allowWeakTokenStorage ? { allowWeakTokenStorage: true } : {}),
      });
      setFingerprint(null);
      await queryClient.invalidateQueries();
      refreshSyncedViews();
      props.onPaired?.(result);
    } catch (caught) {
      const envelope = envelopeOf(caught);
      const presented = envelope.details?.certificateFingerprint;
      if (typeof presented === 'string') {
        // Shown below with its own question instead of as an error.
        setFingerprint(presented);
      } else {
        if (envelope.details?.insecure === true) setInsecureRefused(true);
        setError(envelope);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form"
      aria-label="Pair with the shop’s sync server"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="row">
        <label>
          Server address
          <input
            value={serverUrl}
            onChange={(event) => {
              setServerUrl(event.target.value);
              setFingerprint(null);
              setInsecureRefused(false);
              setAllowInsecureHttp(false);
            }}
            required
            inputMode="url"
            autoComplete="off"
            placeholder="https://192.168.1.20:8787"
          />
        </label>
        <label>
          Pairing code
          <input
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
            autoComplete="off"
            aria-describedby="pair-code-help"
          />
        </label>
        <label>
          Name of this desk
          <input value={deviceName} onChange={(event) => setDeviceName(event.target.value)} required maxLength={100} />
        </label>
      </div>
      <p id="pair-code-help" className="muted">
        The owner gets a one-time code on the server with <code>shop pair-code</code>. It works once and expires after
        15 minutes.
      </p>
      {insecureRefused ? (
        <label className="check">
          <input
            type="checkbox"
            checked={allowInsecureHttp}
            onChange={(event) => setAllowInsecureHttp(event.target.checked)}
          />
          I accept an unencrypted connection: this is a private network I trust, and anyone on it could read the
          pairing code and this desk’s key.
        </label>
      ) : null}
      {storageWarning ? (
        <div className="notice notice-warn" data-testid="token-storage-warning">
          <p>{storageWarning}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={allowWeakTokenStorage}
              onChange={(event) => setAllowWeakTokenStorage(event.target.checked)}
            />
            I am the owner and accept keeping this desk’s key this way.
          </label>
        </div>
      ) : null}
      {fingerprint ? (
        <div className="notice notice-warn" role="alert" data-testid="certificate-fingerprint">
          <p>
            This server proves who it is with its own certificate. Compare its fingerprint with the one the shop’s
            server shows; pair only if every character matches.
          </p>
          <p>
            <code>{fingerprint}</code>
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void submit(fingerprint)}>
            The fingerprints match: trust this server and pair
          </button>
        </div>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <button
        type="submit"
        className="button primary"
        disabled={busy || code.trim().length < 6 || serverUrl.trim().length < 8}
      >
        {busy ? 'Pairing…' : (props.submitLabel ?? 'Pair this desk')}
      </button>
    </form>
  );
}

export function SyncSection(props: { isOwner: boolean }) {
  const state = useSyncState();
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Envelope | null>(null);
  const [confirmUnpair, setConfirmUnpair] = useState<null | { unsent: number | null }>(null);
  const [busy, setBusy] = useState(false);
  const data = state.data;

  const syncNow = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const report = await client.sync.syncNow.mutate({});
      refreshSyncedViews();
      if (report.ok) setMessage(`Synced: ${report.pushed} sent, ${report.pulled} received.`);
      else if (report.error) setError(report.error as Envelope);
    } catch (caught) {
      setError(envelopeOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const unpair = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.sync.unpair.mutate({ force });
      setConfirmUnpair(null);
      await queryClient.invalidateQueries();
      setMessage(
        result.unsent > 0
          ? `Unpaired. ${result.unsent} change(s) the server never accepted stay on this desk only.`
          : 'Unpaired. This desk works on its own again (standalone).',
      );
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (envelope.code === 'INVALID_TRANSITION' && typeof envelope.details?.unsent === 'number') {
        setConfirmUnpair({ unsent: envelope.details.unsent });
      } else {
        setConfirmUnpair(null);
        setError(envelope);
      }
    } finally {
      setBusy(false);
    }
  };

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
                `Paired. ${result.queued} change(s) from this desk are being sent to the shop; they say “Pending sync” until the server accepts them.`,
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
      {message ? (
        <p role="status" className="notice notice-ok">
          {message}
        </p>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {confirmUnpair ? (
        <Dialog title="Unpair this desk?" onClose={() => setConfirmUnpair(null)}>
          <div className="form">
            {confirmUnpair.unsent === null ? (
              <p>
                This desk stops sharing the schedule with the shop’s other desks and works on its own. What it already
                holds stays here. You can pair it again later with a new code.
              </p>
            ) : (
              <p className="notice notice-warn">
                {confirmUnpair.unsent} change(s) on this desk have not been accepted by the server. Unpairing anyway
                keeps them on this desk only — the other desks will never see them. Sync first, or resolve them in the
                Recovery Center, to share them.
              </p>
            )}
            <div className="dialog-actions">
              <button type="button" className="button ghost" onClick={() => setConfirmUnpair(null)}>
                Keep paired
              </button>
              {confirmUnpair.unsent === null ? (
                <button type="button" className="button danger" disabled={busy} onClick={() => void unpair(false)}>
                  Unpair
                </button>
              ) : (
                <button type="button" className="button danger" disabled={busy} onClick={() => void unpair(true)}>
                  Unpair anyway
                </button>
              )}
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

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
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Envelope | null>(null);
  const [restoring, setRestoring] = useState<{ name: string; createdAt: number } | null>(null);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (caught) {
      setError(envelopeOf(caught));
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: trpc.backups.list.queryKey() });
    }
  };

  return (
    <section className="panel" aria-labelledby="backups-title" data-testid="backups">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        A backup is taken every day and before every update; the last 14 are kept, in the data folder’s backups folder.
      </p>
      {list.isError ? <ErrorNotice error={envelopeOf(list.error)} /> : null}
      <table className="table" aria-label="Backups">
        <thead>
          <tr>
            <th scope="col">Taken</th>
            <th scope="col">Why</th>
            <th scope="col">Size</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
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
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const made = await client.backups.create.mutate({});
              return `Backup taken at ${formatLocalDateTime(made.createdAt, zone)} (${size(made.sizeBytes)}).`;
            })
          }
        >
          Back up now
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !props.isOwner}
          onClick={() =>
            void run(async () => {
              const saved = await client.backups.exportDatabase.mutate({});
              return saved.saved
                ? `Database exported to ${saved.path} (${size(saved.bytes)}).`
                : 'Export cancelled; nothing was written.';
            })
          }
        >
          Export database
        </button>
      </div>
      {!props.isOwner ? (
        <p className="muted">
          Only the owner can restore a backup or export the database (it holds every client’s details).
        </p>
      ) : null}
      {message ? (
        <p role="status" className="notice notice-ok">
          {message}
        </p>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {restoring ? (
        <Dialog title="Restore this backup?" onClose={() => setRestoring(null)}>
          <div className="form">
            <p>
              The schedule goes back to how it was on <strong>{formatLocalDateTime(restoring.createdAt, zone)}</strong>.
              Changes made since then are not in that backup. The current database is backed up first, so this can be
              undone by restoring that backup.
            </p>
            <div className="dialog-actions">
              <button type="button" className="button ghost" onClick={() => setRestoring(null)}>
                Keep the current data
              </button>
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    const result = await client.backups.restore.mutate({ name: restoring.name });
                    setRestoring(null);
                    await queryClient.invalidateQueries();
                    return `Restored. The data as it was before is kept as backup ${result.safetyBackup}.`;
                  }).finally(() => setRestoring(null))
                }
              >
                Restore this backup
              </button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
