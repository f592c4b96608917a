import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import type { Appointment } from '../../../src-shared/entities';
import { refuse } from '../../../src-shared/refuse';
import {
  checkVisitSequence,
  type BookVisitInput,
  type cancelVisitInputSchema,
  type moveVisitInputSchema,
  type undoVisitInputSchema,
} from '../../../src-shared/visitSegments';
import type { Desk } from '../commands/execute';
import { entityHistory } from '../history/entityHistory';
import type { Store } from '../store/open';
import { services } from '../store/schema';
import { transact } from '../store/transaction';
import { stepKey } from '../commands/stepKey';
import { groupBookings } from './groups';
import { cancelAppointment, createAppointment, rescheduleAppointment, undoAppointmentChange } from './commands';

/**
 * Visits of several services (issue 12): each service is a booking of its own, placed, moved,
 * cancelled and undone by the registered appointment ops — so every rule a booking passes applies
 * to each — and all of a visit's changes are made in one transaction: the whole visit or nothing.
 * The visit's own rule (one chair at a time, one day) is src-shared/visitSegments.ts. On the sync
 * server each service arrives as its own change; one the server refuses waits in the Recovery
 * Center like any other, and the rest of the visit stands.
 */

/** The namespace visitIds are derived in: the same request names the same visit on a retry. */
const VISIT_NAMESPACE = '0b6c2a57-8f1d-4d3e-b2a9-5e7f4c1d9a36';


function serviceNames(store: Store): (serviceId: string) => string {
  const names = new Map(store.db.select({ id: services.id, name: services.name }).from(services).all().map((row) => [row.id, row.name]));
  return (serviceId) => names.get(serviceId) ?? 'the service';
}

/** The visit's bookings that are not deleted, in time order. */
export function visitBookings(store: Store, visitId: string): Appointment[] {
  return groupBookings(store, { visitId });
}

function requireVisit(store: Store, visitId: string): Appointment[] {
  const bookings = visitBookings(store, visitId);
  if (bookings.length === 0) throw refuse('NOT_FOUND', 'visits.gone', undefined, { field: 'visitId' });
  return bookings;
}

/** Book every service of a visit, or none: each passes every booking rule, and the visit its own. */
export function bookVisit(desk: Desk, input: BookVisitInput): { visitId: string; bookings: Appointment[] } {
  const visitId = uuidv5(input.idempotencyKey, VISIT_NAMESPACE);
  return transact(desk.store, () => {
    const bookings = input.segments.map(
      (segment, index) =>
        createAppointment(desk, {
          idempotencyKey: stepKey(input.idempotencyKey, String(index)),
          clientId: input.clientId,
          staffId: segment.staffId,
          serviceId: segment.serviceId,
          startsAt: segment.startsAt,
          visitId,
          ...(input.notes === undefined || input.notes === '' ? {} : { notes: input.notes }),
          ...(input.allowOutsideHours === undefined ? {} : { allowOutsideHours: input.allowOutsideHours }),
          ...(input.allowOutsideSchedule === undefined ? {} : { allowOutsideSchedule: input.allowOutsideSchedule }),
        }).row,
    );
    checkVisitSequence(bookings, serviceNames(desk.store));
    return { visitId, bookings };
  });
}

/** Move the whole visit: its first service to the new start, every other by as much, each with its own staff member. */
export function moveVisit(desk: Desk, input: z.output<typeof moveVisitInputSchema>): Appointment[] {
  return transact(desk.store, () => {
    const live = requireVisit(desk.store, input.visitId).filter((booking) => booking.status === 'booked');
    const first = live[0];
    if (first === undefined) throw refuse('INVALID_TRANSITION', 'visits.notBooked');
    const shift = input.startsAt - first.startsAt;
    // From the far end of the move inwards, so a visit never collides with itself.
    const order = shift > 0 ? [...live].reverse() : live;
    const moved = order.map(
      (booking) =>
        rescheduleAppointment(desk, {
          idempotencyKey: stepKey(input.idempotencyKey, booking.id),
          id: booking.id,
          expectedVersion: booking.version,
          startsAt: booking.startsAt + shift,
          ...(input.allowOutsideHours === undefined ? {} : { allowOutsideHours: input.allowOutsideHours }),
          ...(input.allowOutsideSchedule === undefined ? {} : { allowOutsideSchedule: input.allowOutsideSchedule }),
        }).row,
    );
    checkVisitSequence(moved, serviceNames(desk.store));
    return moved.sort((a, b) => a.startsAt - b.startsAt);
  });
}

/** Cancel every booked service of the visit, with one reason. */
export function cancelVisit(desk: Desk, input: z.output<typeof cancelVisitInputSchema>): Appointment[] {
  return transact(desk.store, () =>
    requireVisit(desk.store, input.visitId)
      .filter((booking) => booking.status === 'booked')
      .map(
        (booking) =>
          cancelAppointment(desk, {
            idempotencyKey: stepKey(input.idempotencyKey, booking.id),
            id: booking.id,
            expectedVersion: booking.version,
            reason: input.reason,
          }).row,
      ),
  );
}

/**
 * Undo the visit's last change made as one (booked, moved or cancelled together): each service's
 * latest change is undone in one transaction. When the services were last changed one by one, each
 * is undone from its own history instead.
 */
export function undoVisitChange(desk: Desk, input: z.output<typeof undoVisitInputSchema>): Appointment[] {
  return transact(desk.store, () => {
    const bookings = requireVisit(desk.store, input.visitId);
    const latest = bookings.map((booking) => {
      const history = entityHistory(desk.store, { entityType: 'appointment', entityId: booking.id });
      return { booking, event: history.at(-1) };
    });
    const kinds = new Set(latest.map(({ event }) => event?.type));
    if (kinds.size !== 1 || latest.some(({ event }) => event === undefined || event.undoesEventId !== null)) {
      throw refuse('UNDO_NOT_ALLOWED', 'visits.undoOneByOne');
    }
    return latest.map(
      ({ booking, event }) =>
        undoAppointmentChange(desk, {
          idempotencyKey: stepKey(input.idempotencyKey, booking.id),
          id: booking.id,
          expectedVersion: booking.version,
          eventId: (event as { id: string }).id,
        }).row,
    );
  });
}
