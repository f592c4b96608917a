import { MAX_BUFFER_MIN, MAX_DURATION_MIN } from './commands';
import type { AppError } from './errors';
import { refuse } from './refuse';
import { MINUTE_MS } from './time';
import type { Appointment } from './entities';

/**
 * A booking holds its staff member from the start of its buffer before to the end of its buffer
 * after; blocked time (lunch, a meeting) holds it from its start to its end. The desk and the sync
 * server decide "is this time free?" the same way and answer it in the same words.
 */

/**
 * The longest an appointment can hold its staff member (longest service plus the longest buffers
 * before and after): bounds every overlap scan. Blocked time is never longer than a service.
 */
export const LONGEST_BLOCK_MS = (MAX_DURATION_MIN + 2 * MAX_BUFFER_MIN) * MINUTE_MS;
/** How far before its start a booking's held time may begin (its buffer before). */
export const LONGEST_LEAD_MS = MAX_BUFFER_MIN * MINUTE_MS;

/**
 * The refusal of a booking whose time another booking of the same staff member already holds.
 * `conflictingAppointmentId` names that booking when the store knows it (the server's exclusion
 * constraint can fire without saying which one).
 */
export function slotTakenError(conflictingAppointmentId: string | null): AppError {
  return refuse('SLOT_TAKEN', 'slots.taken', undefined, {
    field: 'startsAt',
    ...(conflictingAppointmentId === null ? {} : { conflictingAppointmentId }),
  });
}

/** The refusal of blocked time put where a booking of the staff member already is. */
export function blockOnBookingError(conflictingAppointmentId: string): AppError {
  return refuse('SLOT_TAKEN', 'slots.blockOnBooking', undefined, { field: 'startsAt', conflictingAppointmentId });
}

/** The refusal of a booking in time blocked for the staff member (lunch, a meeting). */
export function blockedTimeError(conflictingBlockId: string): AppError {
  return refuse('SLOT_TAKEN', 'slots.blocked', undefined, { field: 'startsAt', conflictingBlockId });
}

/**
 * Something that may hold a staff member's time, as a store reads it: a booking (startsAt is the
 * start of its held time, its buffer before included) or, with `block`, blocked time.
 */
export interface SlotHolder {
  id: string;
  startsAt: number;
  blockEndsAt: number;
  block?: true;
}

/** Where a booking's held time starts: its buffer before, or its start on rows from before buffers-before. */
export const heldFrom = (booking: { startsAt: number; blockStartsAt?: number | undefined }): number => booking.blockStartsAt ?? booking.startsAt;

/**
 * The holder among `holders` whose held time meets this booking's held time, if any: two bookings
 * of the same staff member collide exactly then, and so do a booking and blocked time. The booking
 * itself never clashes.
 */
export function clashingBooking(
  holders: readonly SlotHolder[],
  booking: Pick<Appointment, 'id' | 'startsAt' | 'blockEndsAt'> & { blockStartsAt?: number | undefined },
): SlotHolder | undefined {
  const from = heldFrom(booking);
  return holders.find((holder) => holder.id !== booking.id && holder.startsAt < booking.blockEndsAt && from < holder.blockEndsAt);
}
