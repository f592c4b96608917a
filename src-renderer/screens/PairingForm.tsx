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
import { CheckField } from '../components/CheckField';

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
  const { t } = useT('sync');
  const [serverUrl, setServerUrl] = useState('https://');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(t('frontDesk'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Envelope | null>(null);
  const [allowInsecureHttp, setAllowInsecureHttp] = useState(false);
  const [insecureRefused, setInsecureRefused] = useState(false);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [allowWeakTokenStorage, setAllowWeakTokenStorage] = useState(false);
  const storageWarning = useSyncState().data?.tokenStorageWarning ?? null;
  const download = useJob();
  const [stopped, setStopped] = useState<string | null>(null);
  const { t: tp } = useT('progress');
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
        setStopped(tp('outcomes.pairingCancelled'));
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
    <SubmitForm className="form" aria-label={t('pairWithTheShopS')} onSubmit={submit}>
      <div className="row">
        <label>
          {t('serverAddress')}
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
          {t('pairingCode')}
          <input
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
            autoComplete="off"
            aria-describedby="pair-code-help"
          />
        </label>
        <label>
          {t('nameOfThisDesk')}
          <input value={deviceName} onChange={(event) => setDeviceName(event.target.value)} required aria-describedby="device-name-limit" />
        </label>
        <LengthLimit id="device-name-limit" value={deviceName} max={textLimits.deviceName} />
      </div>
      <p id="pair-code-help" className="muted">
        {t('theOwnerGetsAOne')}<code>{t('shopPairCode')}</code>{t('itWorksOnceAndExpires')}
      </p>
      {insecureRefused ? (
        <CheckField label={t('iAcceptAnUnencryptedConnection')} checked={allowInsecureHttp} onChange={setAllowInsecureHttp} />
      ) : null}
      {storageWarning ? (
        <div className="notice notice-warn" data-testid="token-storage-warning">
          <p>{storageWarning}</p>
          <CheckField label={t('iAmTheOwnerAnd')} checked={allowWeakTokenStorage} onChange={setAllowWeakTokenStorage} />
        </div>
      ) : null}
      {fingerprint ? (
        <div className="notice notice-warn" role="alert" data-testid="certificate-fingerprint">
          <p>
            {t('thisServerProvesWhoIt')}
          </p>
          <p>
            <code>{fingerprint}</code>
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void submit(fingerprint)}>
            {t('theFingerprintsMatchTrustThis')}
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
        {busy ? t('pairing') : (props.submitLabel ?? t('pairThisDesk'))}
      </button>
    </SubmitForm>
  );
}
