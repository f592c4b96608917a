import { useState } from 'react';
import { useRecovery, useSystemStatus } from '../api/hooks';
import type { SystemStatus } from '../api/types';
import { useDesk } from '../state/desk';
import { useFailedChanges } from '../state/failedChanges';
import { checkNames } from './checkNames';
import { counted } from '../../src-shared/counted';
import { MessagesBannerLink } from '../screens/messages/MessageAttention';
import { useT } from '../i18n';
import { AttentionItems, AttentionStep, useAttention } from './AttentionList';

const modeLabels: Record<SystemStatus['mode'], string> = {
  online: 'Online',
  connecting: 'Connecting…',
  standalone: 'Standalone',
  offline: 'Offline',
  degraded: 'Degraded',
  unsafe: 'Unsafe',
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
  const [showAttention, setShowAttention] = useState(false);
  const { t } = useT('attention');
  const items = useAttention().data ?? [];
  const top = items[0];
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
        ? `Connected to the shop server. ${counted(waiting, 'change')} waiting to be sent.`
        : 'Connected to the shop server. Every change has reached it.');
  }
  const attention = mode === 'unsafe' || mode === 'offline' || mode === 'degraded' || failed > 0 || decisions > 0;
  return (
    <section className={`banner mode-${mode}`} aria-label="System status" data-testid="status-banner" data-mode={mode}>
      <span className="mode-pill">{mode === 'unknown' ? 'Checking' : modeLabels[mode]}</span>
      <span className="banner-text" role={mode === 'unsafe' ? 'alert' : undefined} data-testid="banner-text">
        {top === undefined ? (
          message
        ) : (
          // The most urgent thing across the product (§23), in place of the status sentence it outranks.
          <>
            <strong data-testid="banner-top-attention" data-kind={top.kind}>
              {top.title}
            </strong>{' '}
            {top.detail}
          </>
        )}
      </span>
      {/* A failure's next step is the Recovery Center's own button below. */}
      {top !== undefined && top.nextStep.screen !== 'recovery' ? <AttentionStep item={top} testId="banner-next-step" /> : null}
      {items.length > 1 ? (
        <button
          type="button"
          className="banner-link"
          aria-expanded={showAttention}
          aria-controls="attention-list"
          data-testid="banner-attention-more"
          onClick={() => setShowAttention(!showAttention)}
        >
          {showAttention ? t('hideAll') : t('more', { count: items.length - 1 })}
        </button>
      ) : null}
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
      <MessagesBannerLink />
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
      {showAttention && items.length > 1 ? <AttentionItems items={items} /> : null}
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
