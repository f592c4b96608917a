import { MAX_BUFFER_MIN, MAX_DURATION_MIN } from './commands';
import { AppError } from './errors';
import { MINUTE_MS } from './time';
import type { Appointment } from './entities';

/**
 * A booking holds its staff member from its start to the end of its buffer. The desk and the sync
 * server decide "is this time free?" the same way and answer it in the same words.
 */

/** The longest an appointment can hold its staff member (longest service plus longest buffer): bounds every overlap scan. */
export const LONGEST_BLOCK_MS = (MAX_DURATION_MIN + MAX_BUFFER_MIN) * MINUTE_MS;

/**
 * The refusal of a booking whose time another booking of the same staff member already holds.
 * `conflictingAppointmentId` names that booking when the store knows it (the server's exclusion
 * constraint can fire without saying which one).
 */
export function slotTakenError(conflictingAppointmentId: string | null): AppError {
  return new AppError(
    'SLOT_TAKEN',
    'That time is already booked for this staff member. Choose another time or another staff member.',
    {
      field: 'startsAt',
      ...(conflictingAppointmentId === null ? {} : { conflictingAppointmentId }),
    },
  );
}

/** A booking that may hold a staff member's time, as a store reads it. */
export interface SlotHolder {
  id: string;
  startsAt: number;
  blockEndsAt: number;
}

/**
 * The booking among `holders` whose block (start to end of buffer) meets this booking's block, if
 * any: two bookings of the same staff member collide exactly then. The booking itself never clashes.
 */
export function clashingBooking(holders: readonly SlotHolder[], booking: Pick<Appointment, 'id' | 'startsAt' | 'blockEndsAt'>): SlotHolder | undefined {
  return holders.find((holder) => holder.id !== booking.id && holder.startsAt < booking.blockEndsAt && booking.startsAt < holder.blockEndsAt);
}
