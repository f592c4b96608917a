import { z } from 'zod';
import { idSchema, type Appointment } from './entities';
import { refuse } from './refuse';
import { allowOutsideHours, allowOutsideSchedule, idempotencyKeySchema, notes, reasonSchema, startsAtSchema } from './registry/fields';

/**
 * A visit of several services (a cut, then a colour, then a blow-dry): each service is a booking
 * of its own, with its own staff member and time, and every booking rule applies to each; the
 * visit's own rule is that the client is in one chair at a time — each service starts when the one
 * before it has ended — and that it is one day's visit.
 */

export const MAX_SEGMENTS = 6;
/** The longest a visit may run from its first start to its last end. */
const LONGEST_VISIT_MS = 12 * 60 * 60_000;

const segmentSchema = z.strictObject({ serviceId: idSchema, staffId: idSchema, startsAt: startsAtSchema });

export const bookVisitInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema.max(100),
  clientId: idSchema,
  segments: z
    .array(segmentSchema)
    .min(2, { message: 'must have at least two services (one service is an ordinary booking)' })
    .max(MAX_SEGMENTS, { message: `can have at most ${MAX_SEGMENTS} services` }),
  notes: notes.optional(),
  allowOutsideHours,
  allowOutsideSchedule,
});
export type BookVisitInput = z.infer<typeof bookVisitInputSchema>;

export const moveVisitInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema.max(100),
  visitId: idSchema,
  /** The new start of the visit's first service; every service moves by as much. */
  startsAt: startsAtSchema,
  allowOutsideHours,
  allowOutsideSchedule,
});

export const cancelVisitInputSchema = z.strictObject({ idempotencyKey: idempotencyKeySchema.max(100), visitId: idSchema, reason: reasonSchema });

export const undoVisitInputSchema = z.strictObject({ idempotencyKey: idempotencyKeySchema.max(100), visitId: idSchema });

/**
 * The visit's bookings in order, checked as one visit: each starts once the one before has ended
 * (the client cannot be in two chairs), and the whole fits in a day. `names` says each service in a
 * receptionist's words.
 */
export function checkVisitSequence(bookings: readonly Appointment[], names: (serviceId: string) => string): void {
  const ordered = [...bookings].sort((a, b) => a.startsAt - b.startsAt);
  for (let index = 1; index < ordered.length; index += 1) {
    const before = ordered[index - 1] as Appointment;
    const next = ordered[index] as Appointment;
    if (next.startsAt < before.endsAt) {
      throw refuse('VALIDATION_ERROR', 'visits.overlap', { next: names(next.serviceId), before: names(before.serviceId) }, { field: 'segments' });
    }
  }
  const first = ordered[0];
  const last = ordered.at(-1);
  if (first !== undefined && last !== undefined && last.endsAt - first.startsAt > LONGEST_VISIT_MS) {
    throw refuse('VALIDATION_ERROR', 'visits.tooLong', undefined, { field: 'segments' });
  }
}
