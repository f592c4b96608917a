import { useEffect, useState } from 'react';
import { useRecovery, useSession, useStaff, useSystemStatus } from '../api/hooks';
import { client, queryClient } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import type { SystemStatus } from '../api/types';
import { retryAll, retryIntent, undoChange } from '../state/actions';
import { useDesk } from '../state/desk';
import { useFailedChanges } from '../state/failedChanges';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

const modeLabels: Record<SystemStatus['mode'], string> = {
  online: 'Online',
  connecting: 'Connecting…',
  standalone: 'Standalone',
  offline: 'Offline',
  degraded: 'Degraded',
  unsafe: 'Unsafe',
};

export const checkNames: Record<string, string> = {
  storage: 'Storage',
  integrity: 'Database check',
  disk: 'Disk space',
  sync: 'Sync',
  server: 'Shop server',
  pending: 'Waiting changes',
  clock: 'Clock',
  backup: 'Backup',
  'server-health': 'Shop server health',
  update: 'Updates',
  'file-save': 'Saving files',
};

/**
 * Always visible: the system status with its checks, and how many changes are waiting, failed or
 * need a decision (docs/architecture.md §6). Every failure leads to the Recovery Center from here.
 */
export function StatusBanner() {
  const status = useSystemStatus();
  const recovery = useRecovery();
  const intents = useDesk((state) => state.intents);
  const setScreen = useDesk((state) => state.setScreen);
  const setTrayOpen = useDesk((state) => state.setTrayOpen);
  const [showChecks, setShowChecks] = useState(false);
  const failed = useFailedChanges().length;
  const saving = intents.filter((intent) => intent.status === 'saving').length;
  const decisions = recovery.data?.items.length ?? 0;
  const waiting = recovery.data?.pending.count ?? 0;
  let mode: SystemStatus['mode'] | 'unknown' = status.data?.mode ?? 'unknown';
  let message: string;
  if (status.isError && !status.data) {
    mode = 'offline';
    message =
      'CareDesk is not answering. What is on screen may be out of date; nothing new can be saved until it answers.';
  } else if (!status.data) {
    message = 'Checking the system…';
  } else if (status.data.mode === 'unsafe') {
    message =
      status.data.checks.find((check) => check.status === 'failed')?.message ??
      'Booking changes are locked. Reading, printing, export and recovery stay open.';
  } else if (status.data.mode === 'standalone') {
    message = 'This desk works on its own: every saved change is confirmed here.';
  } else if (status.data.mode === 'connecting') {
    message = 'Connecting to the shop server… Changes are saved on this desk and sent once it answers.';
  } else {
    const problem =
      status.data.checks.find((check) => check.status === 'failed') ??
      status.data.checks.find((check) => check.status === 'warning' && check.name !== 'sync');
    message =
      problem?.message ??
      (waiting > 0
        ? `Connected to the shop server. ${waiting} change(s) waiting to be sent.`
        : 'Connected to the shop server. Every change has reached it.');
  }
  const attention = mode === 'unsafe' || mode === 'offline' || mode === 'degraded' || failed > 0 || decisions > 0;
  return (
    <section className={`banner mode-${mode}`} aria-label="System status" data-testid="status-banner" data-mode={mode}>
      <span className="mode-pill">{mode === 'unknown' ? 'Checking' : modeLabels[mode]}</span>
      <span className="banner-text" role={mode === 'unsafe' ? 'alert' : undefined} data-testid="banner-text">
        {message}
      </span>
      {failed > 0 ? (
        <button
          type="button"
          className="banner-link failed"
          // After a reload only the Recovery Center still lists them (the tray is this window's).
          onClick={() => (intents.some((intent) => intent.status === 'failed') ? setTrayOpen(true) : setScreen('recovery'))}
        >
          {failed === 1 ? '1 change not saved — Retry' : `${failed} changes not saved — Retry`}
        </button>
      ) : null}
      {decisions > 0 ? (
        <span className="banner-decisions" data-testid="banner-decisions">
          {decisions === 1 ? '1 change needs a decision' : `${decisions} changes need a decision`}
        </span>
      ) : null}
      {waiting > 0 && mode !== 'standalone' ? (
        <span className="banner-saving" data-testid="banner-waiting">
          {waiting === 1 ? '1 change pending sync' : `${waiting} changes pending sync`}
        </span>
      ) : null}
      {saving > 0 ? <span className="banner-saving">Saving {saving}…</span> : null}
      {status.data ? (
        <button
          type="button"
          className="banner-link"
          aria-expanded={showChecks}
          aria-controls="status-checks"
          onClick={() => setShowChecks(!showChecks)}
        >
          {showChecks ? 'Hide checks' : 'Checks'}
        </button>
      ) : null}
      {attention ? (
        <button type="button" className="banner-link strong" onClick={() => setScreen('recovery')}>
          Open Recovery Center
        </button>
      ) : null}
      {showChecks && status.data ? (
        <ul className="banner-checks" id="status-checks" aria-label="System checks">
          {status.data.checks.map((check) => (
            <li key={check.name} className={`check-${check.status}`}>
              <strong>{checkNames[check.name] ?? check.name}:</strong>{' '}
              {check.status === 'ok' ? '' : check.status === 'failed' ? '(failed) ' : '(warning) '}
              {check.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The pending / failed tray: every change not saved yet stays here until it is saved or dismissed. */
export function Tray() {
  const intents = useDesk((state) => state.intents);
  const open = useDesk((state) => state.trayOpen);
  const setOpen = useDesk((state) => state.setTrayOpen);
  const removeIntent = useDesk((state) => state.removeIntent);
  const failed = intents.filter((intent) => intent.status === 'failed');
  const saving = intents.filter((intent) => intent.status === 'saving');
  const summary =
    intents.length === 0
      ? 'nothing waiting to be saved on this desk'
      : [failed.length ? `${failed.length} failed` : '', saving.length ? `${saving.length} saving` : '']
          .filter(Boolean)
          .join(', ');
  return (
    <section
      className={`tray${failed.length ? ' has-failed' : ''}${intents.length === 0 && !open ? ' idle' : ''}`}
      aria-label="Pending and failed changes"
      data-testid="tray"
      data-open={open ? 'true' : 'false'}
    >
      <button type="button" className="tray-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Waiting changes: {summary}
      </button>
      {open ? (
        <div className="tray-body">
          {intents.length === 0 ? (
            <p className="muted">
              Every change you made is saved on this desk. Changes waiting for the shop’s server are listed in the
              Recovery Center.
            </p>
          ) : null}
          <ul>
            {intents.map((intent) => (
              <li key={intent.id} className={`tray-item ${intent.status}`} data-testid="tray-item">
                <p className="tray-label">{intent.label}</p>
                <p className="tray-state">
                  {intent.status === 'saving' ? 'Saving… not saved yet' : 'Failed — retry. Not saved.'}
                </p>
                {intent.error ? <p className="tray-error">{intent.error.message}</p> : null}
                {intent.status === 'failed' ? (
                  <div className="row">
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() => void retryIntent(intent.id)?.catch(() => undefined)}
                    >
                      Retry
                    </button>
                    <button
                      type="button"
                      className="button small ghost"
                      onClick={() => removeIntent(intent.id)}
                      aria-label={`Dismiss: ${intent.label}`}
                    >
                      Dismiss (not saved)
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {failed.length > 1 ? (
            <button type="button" className="button small" onClick={() => void retryAll()}>
              Retry all
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function Toasts() {
  const toasts = useDesk((state) => state.toasts);
  const dismiss = useDesk((state) => state.dismissToast);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      for (const toast of useDesk.getState().toasts) if (toast.expiresAt <= at) dismiss(toast.id);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [toasts.length, dismiss]);
  return (
    <section className="toasts" aria-label="Notifications">
      <div role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast tone-${toast.tone}`} data-testid="toast">
            <span className="toast-text">{toast.message}</span>
            {toast.undo && toast.expiresAt > now ? (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  const target = toast.undo;
                  dismiss(toast.id);
                  if (target) void undoChange(target, toast.message.replace(/ — .*$/, '')).catch(() => undefined);
                }}
              >
                Undo{' '}
                <span className="countdown">
                  ({Math.min(60, Math.max(0, Math.ceil((toast.expiresAt - now) / 1000)))} s)
                </span>
              </button>
            ) : null}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss notification"
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Who is at the desk: the actor of every change. A staff member with a PIN needs it. */
export function StaffSwitch() {
  const close = useDesk((state) => state.closeDialog);
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const session = useSession().data;
  const [chosen, setChosen] = useState(session?.actor.staffId ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<Envelope | null>(null);
  const [busy, setBusy] = useState(false);
  const member = staff.find((item) => item.id === chosen);
  const submit = async () => {
    if (!member) return;
    setBusy(true);
    setError(null);
    try {
      await client.session.signIn.mutate({ staffId: member.id, ...(member.hasPin ? { pin } : {}) });
      await queryClient.invalidateQueries();
      useDesk.getState().pushToast({ message: `${member.name} is now at the desk.`, tone: 'info' });
      close();
    } catch (caught) {
      setError(envelopeOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Who is at the desk?" onClose={close}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="muted">Every change is recorded under this name.</p>
        <fieldset className="staff-choices">
          <legend>Staff</legend>
          {staff.map((item) => (
            <label key={item.id} className="choice">
              <input
                type="radio"
                name="staff"
                value={item.id}
                checked={chosen === item.id}
                onChange={() => setChosen(item.id)}
              />
              {item.name}
              {item.role === 'owner' ? ' (owner)' : ''}
              {item.hasPin ? ' · PIN' : ''}
            </label>
          ))}
        </fieldset>
        {member?.hasPin ? (
          <label>
            PIN for {member.name}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
            />
          </label>
        ) : null}
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={close}>
            Not now
          </button>
          <button type="submit" className="button primary" disabled={!member || busy}>
            Switch
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function QueryError(props: { error: unknown }) {
  return <ErrorNotice error={envelopeOf(props.error) as Envelope} />;
}
