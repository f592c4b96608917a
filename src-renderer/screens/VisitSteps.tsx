import { useState } from 'react';
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
  const id = appointment.id;
  const notYetItsDay = localDateOf(now, zone) < localDateOf(appointment.startsAt, zone);
  return (
    <>
      {appointment.status === 'booked' ? (
        <button
          type="button"
          className="button primary"
          disabled={disabled || notYetItsDay}
          title={notYetItsDay ? 'A client can be checked in on the day of their appointment.' : undefined}
          onClick={() =>
            void perform('Check in', 'Checked in', (key, version) =>
              commands.appointment.checkIn({ idempotencyKey: key, id, expectedVersion: version }),
            )
          }
        >
          Check in
        </button>
      ) : null}
      {appointment.status === 'arrived' ? (
        <button
          type="button"
          className="button primary"
          disabled={disabled}
          onClick={() =>
            void perform('Start service', 'In the chair', (key, version) =>
              commands.appointment.startService({ idempotencyKey: key, id, expectedVersion: version }),
            )
          }
        >
          Start
        </button>
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
