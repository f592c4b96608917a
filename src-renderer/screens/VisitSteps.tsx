import { useState, type ReactNode } from 'react';
import { visitTotalCents } from '../../src-shared/entities';
import { localClockOf, localDateOf } from '../../src-shared/time';
import { commands, type CommandResult } from '../api/commands';
import type { DayAppointment } from '../api/types';
import { CheckoutDialog } from './CheckoutDialog';
import { formatMoney } from './settings/money';
import { useNow } from './VisitStage';
import { useT } from '../i18n';

/**
 * The drawer's part of the visit lifecycle: when the client arrived, sat down and left, and the
 * one next step (Check in, Start, Check out…). Each step is a registry op with its own undo.
 */

type Perform = (label: string, success: string, call: (key: string, version: number) => Promise<CommandResult>) => Promise<void>;

/** The booking's steps that need nothing but the booking and its version. */
type PlainStep = 'checkIn' | 'startService' | 'markNoShow' | 'clearNoShow' | 'confirmHold' | 'releaseHold';

/**
 * A button that takes a booking one step (`op`, a registry op with its own undo) through the
 * drawer's `perform`: `label` names the change in the tray, `success` in the toast.
 */
export function StepButton(props: {
  appointmentId: string;
  perform: Perform;
  disabled: boolean;
  op: PlainStep;
  label: string;
  success: string;
  primary?: boolean;
  title?: string | undefined;
  children: ReactNode;
}) {
  const { appointmentId: id, op } = props;
  return (
    <button
      type="button"
      className={props.primary ? 'button primary' : 'button'}
      disabled={props.disabled}
      title={props.title}
      onClick={() =>
        void props.perform(props.label, props.success, (key, version) => commands.appointment[op]({ idempotencyKey: key, id, expectedVersion: version }))
      }
    >
      {props.children}
    </button>
  );
}

export function VisitFacts(props: { appointment: DayAppointment; zone: string }) {
  const { t } = useT('booking');
  const { appointment, zone } = props;
  // Only a visit under way or done shows its moments (a step undone puts its moment back to none).
  const underWay = appointment.status === 'arrived' || appointment.status === 'in_service' || appointment.status === 'completed';
  if (!underWay || (appointment.arrivedAt === null && appointment.completedAt === null)) return null;
  const total = visitTotalCents(appointment);
  return (
    <dl className="facts visit-facts" data-testid="visit-facts">
      {appointment.arrivedAt === null ? null : (
        <>
          <dt>{t('checkedIn')}</dt>
          <dd>{localClockOf(appointment.arrivedAt, zone)}</dd>
        </>
      )}
      {appointment.serviceStartedAt === null ? null : (
        <>
          <dt>{t('inTheChair')}</dt>
          <dd>{t('from', { clock: localClockOf(appointment.serviceStartedAt, zone) })}</dd>
        </>
      )}
      {appointment.completedAt === null ? null : (
        <>
          <dt>{t('checkedOut2')}</dt>
          <dd>{localClockOf(appointment.completedAt, zone)}</dd>
          <dt>{t('charged')}</dt>
          <dd data-testid="visit-charged">
            {formatMoney(appointment.priceCents)}
            {appointment.discountCents ? t('lessDiscount', { money: formatMoney(appointment.discountCents) }) : ''} ={' '}
            <strong>{formatMoney(total)}</strong>
          </dd>
          {appointment.checkoutNote === null ? null : (
            <>
              <dt>{t('checkoutNote')}</dt>
              <dd>{appointment.checkoutNote}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

export function VisitSteps(props: { appointment: DayAppointment; zone: string; disabled: boolean; perform: Perform }) {
  const { t } = useT('booking');
  const { appointment, zone, disabled, perform } = props;
  const [checkingOut, setCheckingOut] = useState(false);
  const now = useNow();
  const notYetItsDay = localDateOf(now, zone) < localDateOf(appointment.startsAt, zone);
  const step = { appointmentId: appointment.id, perform };
  return (
    <>
      {appointment.status === 'booked' ? (
        <StepButton
          {...step}
          op="checkIn"
          label={t('checkIn')}
          success={t('checkedIn')}
          primary
          disabled={disabled || notYetItsDay}
          title={notYetItsDay ? t('aClientCanBeChecked') : undefined}
        >
          {t('checkIn')}
        </StepButton>
      ) : null}
      {appointment.status === 'arrived' ? (
        <StepButton {...step} op="startService" label={t('startService')} success={t('inTheChair')} primary disabled={disabled}>
          {t('start')}
        </StepButton>
      ) : null}
      {appointment.status === 'arrived' || appointment.status === 'in_service' ? (
        <button
          type="button"
          className={appointment.status === 'in_service' ? 'button primary' : 'button'}
          disabled={disabled}
          onClick={() => setCheckingOut(true)}
        >
          {t('checkOut4')}
        </button>
      ) : null}
      {checkingOut ? <CheckoutDialog appointment={appointment} zone={zone} onClose={() => setCheckingOut(false)} /> : null}
    </>
  );
}
