import { commands, newKey } from '../api/commands';
import type { Outputs } from '../api/types';
import { messageActions, messageHow, messageState, messageWhat, when } from '../messageWording';
import { runAction } from '../state/actions';
import { confirmedWording } from '../state/wording';
import { ErrorNotice } from './ErrorNotice';
import { useAttempt } from './useAttempt';
import { useT } from '../i18n';
import { shownName } from '../clientNames';

/**
 * One message as a receptionist reads it (docs/architecture.md §21) — what, how, when, its state
 * in words — with Retry / Cancel / Resend where its record allows. The drawer and the Messages
 * screen both list messages with it; `about` adds the client and appointment where the list is
 * not already about one booking.
 */

export type NamedMessage = Outputs['messages']['list'][number];

const badgeTone = { waiting: 'pending', done: 'confirmed', failed: 'failed', unsure: 'conflict', off: 'cancelled' } as const;

export function MessageItem(props: { message: NamedMessage; zone: string; about?: boolean; disabled?: boolean }) {
  const { t } = useT('components');
  const { message, zone } = props;
  const { busy, error, setError, attemptChange } = useAttempt();
  const now = Date.now();
  const state = messageState(message, zone, now);
  const actions = messageActions(message);
  const what = messageWhat(message);
  const name = t('s2', { clientName: message.clientName, what: what.toLowerCase() });

  const act = (label: string, run: () => Promise<unknown>) =>
    attemptChange(() => runAction({ label, successMessage: confirmedWording(label), entityId: message.id, undoGroup: 'message', run: run as never }));
  const change = { id: message.id, expectedVersion: message.version };
  const retry = () => act(t('retried', { name }), () => commands.message.retry({ ...change, idempotencyKey: newKey() }));
  const cancel = () => act(t('cancelled', { name }), () => commands.message.cancel({ ...change, idempotencyKey: newKey() }));
  const resend = () =>
    act(t('sentAgain', { name }), () =>
      commands.message.create({
        idempotencyKey: newKey(),
        clientId: message.clientId,
        appointmentId: message.appointmentId,
        kind: message.kind,
        channel: message.channel,
        to: message.to,
        reminderOffsetMinutes: message.reminderOffsetMinutes,
      }),
    );

  return (
    <li className={`message-item tone-${state.tone}`} data-testid="message-item" data-status={message.status}>
      <div className="message-line">
        <strong className="message-what">{what}</strong>
        <span className={`badge tone-${badgeTone[state.tone]}`} data-testid="message-state">
          {state.label}
        </span>
      </div>
      {props.about ? (
        <div className="message-about">
          <span>{shownName(message.clientName)}</span>
          {message.appointment ? (
            <span className="muted">
              {t('with', { serviceName: message.appointment.serviceName, staffName: message.appointment.staffName, when: when(message.appointment.startsAt, zone, now) })}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="message-how muted">{messageHow(message)}</div>
      {state.detail ? <div className="message-detail">{state.detail}</div> : null}
      {actions.retry || actions.cancel || actions.resend ? (
        <div className="message-actions">
          {actions.retry ? (
            <button type="button" className="button" disabled={busy || props.disabled} onClick={() => void retry()} aria-label={t('retry2', { name })}>
              {t('retry')}
            </button>
          ) : null}
          {actions.resend ? (
            <button type="button" className="button" disabled={busy || props.disabled} onClick={() => void resend()} aria-label={t('resend2', { name })}>
              {t('resend')}
            </button>
          ) : null}
          {actions.cancel ? (
            <button type="button" className="button ghost" disabled={busy || props.disabled} onClick={() => void cancel()} aria-label={t('cancel2', { name })}>
              {t('cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </li>
  );
}
