import { useState, type ReactNode } from 'react';
import { visitTotalCents } from '../../src-shared/entities';
import { localClockOf, localDateOf } from '../../src-shared/time';
import { commands, type CommandResult } from '../api/commands';
import type { DayAppointment } from '../api/types';
import { CheckoutDialog } from './CheckoutDialog';
import { formatMoney } from './settings/money';
import { useNow } from './VisitStage';

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
  const { appointment, zone } = props;
  // Only a visit under way or done shows its moments (a step undone puts its moment back to none).
  const underWay = appointment.status === 'arrived' || appointment.status === 'in_service' || appointment.status === 'completed';
  if (!underWay || (appointment.arrivedAt === null && appointment.completedAt === null)) return null;
  const total = visitTotalCents(appointment);
  return (
    <dl className="facts visit-facts" data-testid="visit-facts">
      {appointment.arrivedAt === null ? null : (
        <>
          <dt>Checked in</dt>
          <dd>{localClockOf(appointment.arrivedAt, zone)}</dd>
        </>
      )}
      {appointment.serviceStartedAt === null ? null : (
        <>
          <dt>In the chair</dt>
          <dd>from {localClockOf(appointment.serviceStartedAt, zone)}</dd>
        </>
      )}
      {appointment.completedAt === null ? null : (
        <>
          <dt>Checked out</dt>
          <dd>{localClockOf(appointment.completedAt, zone)}</dd>
          <dt>Charged</dt>
          <dd data-testid="visit-charged">
            {formatMoney(appointment.priceCents)}
            {appointment.discountCents ? ` less ${formatMoney(appointment.discountCents)} discount` : ''} ={' '}
            <strong>{formatMoney(total)}</strong>
          </dd>
          {appointment.checkoutNote === null ? null : (
            <>
              <dt>Checkout note</dt>
              <dd>{appointment.checkoutNote}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

export function VisitSteps(props: { appointment: DayAppointment; zone: string; disabled: boolean; perform: Perform }) {
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
          label="Check in"
          success="Checked in"
          primary
          disabled={disabled || notYetItsDay}
          title={notYetItsDay ? 'A client can be checked in on the day of their appointment.' : undefined}
        >
          Check in
        </StepButton>
      ) : null}
      {appointment.status === 'arrived' ? (
        <StepButton {...step} op="startService" label="Start service" success="In the chair" primary disabled={disabled}>
          Start
        </StepButton>
      ) : null}
      {appointment.status === 'arrived' || appointment.status === 'in_service' ? (
        <button
          type="button"
          className={appointment.status === 'in_service' ? 'button primary' : 'button'}
          disabled={disabled}
          onClick={() => setCheckingOut(true)}
        >
          Check out…
        </button>
      ) : null}
      {checkingOut ? <CheckoutDialog appointment={appointment} zone={zone} onClose={() => setCheckingOut(false)} /> : null}
    </>
  );
}
