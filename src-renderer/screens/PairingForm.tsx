import { useState } from 'react';
import { client, queryClient } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import { useSyncState } from '../api/hooks';
import { refreshSyncedViews } from '../api/live';
import { ErrorNotice } from '../components/ErrorNotice';
import { isTooLong, LengthLimit, textLimits } from '../components/LengthLimit';
import { SubmitForm } from '../components/SubmitForm';
import { DoneNotice } from '../components/DoneNotice';
import { JobProgress, useJob } from '../components/JobProgress';
import { useT } from '../i18n';

/**
 * Pairing trades a one-time code for a device token (kept encrypted, or in a file only this user can
 * read in browser mode).
 */

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
  const download = useJob();
  const [stopped, setStopped] = useState<string | null>(null);
  const { t } = useT('progress');
  const submit = async (trustCertificate?: string) => {
    setBusy(true);
    setError(null);
    setStopped(null);
    try {
      const result = await download.track((jobId) =>
        client.sync.pair.mutate({
          serverUrl: serverUrl.trim(),
          code: code.trim(),
          deviceName: deviceName.trim(),
          ...(allowInsecureHttp ? { allowInsecureHttp: true } : {}),
          ...(trustCertificate ? { trustCertificate } : {}),
          ...(allowWeakTokenStorage ? { allowWeakTokenStorage: true } : {}),
          jobId,
        }),
      );
      if (result.cancelled) {
        setStopped(t('outcomes.pairingCancelled'));
        return;
      }
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
    <SubmitForm className="form" aria-label="Pair with the shop’s sync server" onSubmit={submit}>
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
          <input value={deviceName} onChange={(event) => setDeviceName(event.target.value)} required aria-describedby="device-name-limit" />
        </label>
        <LengthLimit id="device-name-limit" value={deviceName} max={textLimits.deviceName} />
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
      <JobProgress watch={download} />
      <DoneNotice message={stopped} />
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <button
        type="submit"
        className="button primary"
        disabled={busy || code.trim().length < 6 || serverUrl.trim().length < 8 || isTooLong(deviceName, textLimits.deviceName)}
      >
        {busy ? 'Pairing…' : (props.submitLabel ?? 'Pair this desk')}
      </button>
    </SubmitForm>
  );
}
