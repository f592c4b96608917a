import * as rruleModule from 'rrule';
import { z } from 'zod';
import { idSchema, localDateSchema } from './entities';
import { allowOutsideHours, allowOutsideSchedule, idempotencyKeySchema, newBookingFields, reasonSchema, startsAtSchema } from './registry/fields';
import { addDays, localTimeToInstant, localWallClock, clockOfMinutes } from './time';

// rrule ships CommonJS for Node (its exports then sit on `default`) and ES modules for bundlers.
const { RRule } = (rruleModule as typeof rruleModule & { default?: typeof rruleModule }).default ?? rruleModule;

/** The most bookings one series places: a year of weekly visits. */
export const MAX_OCCURRENCES = 52;
/** The furthest a series may reach from its first visit. */
export const MAX_SERIES_DAYS = 366;

/**
 * How a booking repeats: every N weeks, a number of times or until a date (the first visit counts).
 * The dates are the shop's local dates; each visit keeps the first one's local time of day, so a
 * 10:00 appointment stays at 10:00 across a daylight-saving change.
 */
export const repeatSchema = z
  .strictObject({
    everyWeeks: z.int().min(1, { message: 'must be at least every week' }).max(12, { message: 'must be at most every 12 weeks' }),
    count: z.int().min(2, { message: 'must be at least 2 visits' }).max(MAX_OCCURRENCES, { message: `must be at most ${MAX_OCCURRENCES} visits` }).optional(),
    until: localDateSchema.optional(),
  })
  .refine((repeat) => (repeat.count === undefined) !== (repeat.until === undefined), {
    message: 'needs either a number of visits or an end date',
    path: ['count'],
  });
export type Repeat = z.infer<typeof repeatSchema>;

/** The local dates of a series, its first date included, at most MAX_OCCURRENCES and within MAX_SERIES_DAYS. */
export function occurrenceDates(firstDate: string, repeat: Repeat): string[] {
  const [year, month, day] = firstDate.split('-').map(Number) as [number, number, number];
  const lastAllowed = addDays(firstDate, MAX_SERIES_DAYS);
  const until = repeat.until === undefined ? undefined : repeat.until < lastAllowed ? repeat.until : lastAllowed;
  // rrule counts in "floating" UTC dates: the shop's local dates, untouched by any zone.
  const rule = new RRule({
    freq: RRule.WEEKLY,
    interval: repeat.everyWeeks,
    dtstart: new Date(Date.UTC(year, month - 1, day)),
    ...(repeat.count !== undefined ? { count: repeat.count } : {}),
    ...(until !== undefined ? { until: new Date(`${until}T23:59:59Z`) } : {}),
  });
  return rule
    .all((_date, index) => index < MAX_OCCURRENCES)
    .map((date) => date.toISOString().slice(0, 10))
    .filter((date) => date <= lastAllowed);
}

/** The start of each visit of a series whose first visit starts at `firstStart`, in the shop's zone. */
export function occurrenceStarts(firstStart: number, repeat: Repeat, zone: string): { date: string; startsAt: number }[] {
  const first = localWallClock(firstStart, zone);
  const time = clockOfMinutes(first.minutes);
  return occurrenceDates(first.date, repeat).map((date) => ({ date, startsAt: localTimeToInstant(date, time, zone) }));
}

/** Book a series: the first booking's fields and how it repeats. */
export const bookSeriesInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  ...newBookingFields,
  repeat: repeatSchema,
});
export type BookSeriesInput = z.infer<typeof bookSeriesInputSchema>;

/** Cancel a visit of a series and every later visit still booked. */
export const cancelFollowingInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  id: idSchema,
  reason: reasonSchema,
});

/** Move a visit of a series to a new start (and staff member), and every later visit by the same days and to the same time of day. */
export const moveFollowingInputSchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  id: idSchema,
  startsAt: startsAtSchema,
  staffId: idSchema.optional(),
  allowOutsideHours,
  allowOutsideSchedule,
});

/** A visit of a series that could not be booked, moved or cancelled, and why, in words. */
export const seriesMissSchema = z.object({
  date: localDateSchema,
  startsAt: z.number(),
  appointmentId: idSchema.nullable(),
  code: z.string(),
  message: z.string(),
});
export type SeriesMiss = z.infer<typeof seriesMissSchema>;
