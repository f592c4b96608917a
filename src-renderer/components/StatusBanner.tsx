import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useRecovery, useSystemStatus } from '../api/hooks';
import type { SystemStatus } from '../api/types';
import { useDesk } from '../state/desk';
import { useFailedChanges } from '../state/failedChanges';
import { checkNameOf } from './checkNames';
import { MessagesBannerLink } from '../screens/messages/MessageAttention';
import { useT } from '../i18n';
import { AttentionItems, AttentionStep, useAttention } from './AttentionList';

const modeLabels: Record<SystemStatus['mode'], ParseKeys<'components'>> = {
  online: 'online',
  connecting: 'connecting',
  standalone: 'standalone',
  offline: 'offline',
  degraded: 'degraded',
  unsafe: 'unsafe',
};

/**
 * Always visible: the system status with its checks, and how many changes are waiting, failed or
 * need a decision (docs/architecture.md §6). Every failure leads to the Recovery Center from here.
 */
export function StatusBanner() {
  const { t } = useT('components');
  const status = useSystemStatus();
  const recovery = useRecovery();
  const intents = useDesk((state) => state.intents);
  const setScreen = useDesk((state) => state.setScreen);
  const setTrayOpen = useDesk((state) => state.setTrayOpen);
  const [showChecks, setShowChecks] = useState(false);
  const [showAttention, setShowAttention] = useState(false);
  const { t: tAttention } = useT('attention');
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
      t('caredeskIsNotAnsweringWhat');
  } else if (!status.data) {
    message = t('checkingTheSystem');
  } else if (status.data.mode === 'unsafe') {
    message =
      status.data.checks.find((check) => check.status === 'failed')?.message ??
      t('bookingChangesAreLockedReading');
  } else if (status.data.mode === 'standalone') {
    message = t('thisDeskWorksOnIts');
  } else if (status.data.mode === 'connecting') {
    message = t('connectingToTheShopServer');
  } else {
    const problem =
      status.data.checks.find((check) => check.status === 'failed') ??
      status.data.checks.find((check) => check.status === 'warning' && check.name !== 'sync');
    message =
      problem?.message ??
      (waiting > 0
        ? t('connectedWaiting', { count: waiting })
        : t('connectedToTheShopServer2'));
  }
  const attention = mode === 'unsafe' || mode === 'offline' || mode === 'degraded' || failed > 0 || decisions > 0;
  return (
    <section className={`banner mode-${mode}`} aria-label={t('systemStatus')} data-testid="status-banner" data-mode={mode}>
      <span className="mode-pill">{mode === 'unknown' ? t('checking') : t(modeLabels[mode])}</span>
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
          {showAttention ? tAttention('hideAll') : tAttention('more', { count: items.length - 1 })}
        </button>
      ) : null}
      {failed > 0 ? (
        <button
          type="button"
          className="banner-link failed"
          // After a reload only the Recovery Center still lists them (the tray is this window's).
          onClick={() => (intents.some((intent) => intent.status === 'failed') ? setTrayOpen(true) : setScreen('recovery'))}
        >
          {t('changesNotSavedRetry', { count: failed })}
        </button>
      ) : null}
      <MessagesBannerLink />
      {decisions > 0 ? (
        <span className="banner-decisions" data-testid="banner-decisions">
          {t('changesNeedADecision', { count: decisions })}
        </span>
      ) : null}
      {waiting > 0 && mode !== 'standalone' ? (
        <span className="banner-saving" data-testid="banner-waiting">
          {t('changesPendingSync', { count: waiting })}
        </span>
      ) : null}
      {saving > 0 ? <span className="banner-saving">{t('saving2', { saving })}</span> : null}
      {status.data ? (
        <button
          type="button"
          className="banner-link"
          aria-expanded={showChecks}
          aria-controls="status-checks"
          onClick={() => setShowChecks(!showChecks)}
        >
          {showChecks ? t('hideChecks') : t('checks')}
        </button>
      ) : null}
      {attention ? (
        <button type="button" className="banner-link strong" onClick={() => setScreen('recovery')}>
          {t('openRecoveryCenter')}
        </button>
      ) : null}
      {showAttention && items.length > 1 ? <AttentionItems items={items} /> : null}
      {showChecks && status.data ? (
        <ul className="banner-checks" id="status-checks" aria-label={t('systemChecks')}>
          {status.data.checks.map((check) => (
            <li key={check.name} className={`check-${check.status}`}>
              <strong>{checkNameOf(check.name)}:</strong>{' '}
              {check.status === 'ok' ? '' : check.status === 'failed' ? t('failed2') : t('warning')}
              {check.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
