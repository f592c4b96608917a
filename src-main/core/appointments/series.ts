import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import type { Appointment } from '../../../src-shared/entities';
import { toAppError, type ErrorCode } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import {
  occurrenceStarts,
  type BookSeriesInput,
  type cancelFollowingInputSchema,
  type moveFollowingInputSchema,
  type SeriesMiss,
} from '../../../src-shared/recurrence';
import { addDays, localDateOf, localWallClock, clockOfMinutes, localTimeToInstant } from '../../../src-shared/time';
import type { Desk } from '../commands/execute';
import { loadRow } from '../store/rows';
import { requireShopSettings } from '../settings/queries';
import { inShopLanguage } from '../settings/shopLanguage';
import { stepKey } from '../commands/stepKey';
import { groupBookings } from './groups';
import { cancelAppointment, createAppointment, rescheduleAppointment } from './commands';

/**
 * Repeating bookings (issue 12): a series is plain bookings sharing a `seriesId`, each placed,
 * moved or cancelled by the one registered op and so checked by every rule a single booking
 * passes. A visit the rules refuse is reported back by date with the refusal's own words — never
 * skipped in silence — and the visits around it still go ahead. Each visit's change has its own
 * key, derived from the series' key, so a retried series answers what it answered before.
 */

/** The namespace seriesIds are derived in: the same key names the same series on a retry. */
const SERIES_NAMESPACE = '6f1d8a52-2c4e-4f1b-9a57-3b0f0c1e7d21';


/**
 * The refusals that belong to one visit: its time is taken, outside hours, in the past … Anything
 * else (the disk failed, writes are locked, the person was signed out) is not about a date: the
 * series stops there and says so, keeping what it did; the same request again carries on.
 */
const visitRefusals: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION_ERROR',
  'SLOT_TAKEN',
  'OUTSIDE_OPENING_HOURS',
  'OUTSIDE_SCHEDULE',
  'STAFF_NOT_QUALIFIED',
  'START_IN_PAST',
  'INVALID_TRANSITION',
  'VERSION_CONFLICT',
  'NOT_FOUND',
]);

/** A visit's refusal, in the shop's language as every refusal a screen shows (the report lists it as it is). */
function missOf(desk: Desk, error: unknown, date: string, startsAt: number, appointmentId: string | null): SeriesMiss {
  const appError = toAppError(error);
  if (!visitRefusals.has(appError.code)) throw appError;
  return { date, startsAt, appointmentId, code: appError.code, message: inShopLanguage(desk.store, appError.toEnvelope('none')).message };
}

export interface SeriesOutcome {
  seriesId: string;
  /** The visits booked, moved or cancelled. */
  done: Appointment[];
  /** The visits the rules refused, each with why. */
  missed: SeriesMiss[];
}

/** Book every visit of a series the rules allow; list the others with why. */
export function bookSeries(desk: Desk, input: BookSeriesInput): SeriesOutcome {
  const settings = requireShopSettings(desk.store);
  const seriesId = uuidv5(input.idempotencyKey, SERIES_NAMESPACE);
  const { repeat, idempotencyKey, ...first } = input;
  const outcome: SeriesOutcome = { seriesId, done: [], missed: [] };
  let firstRefusal: unknown;
  for (const [index, visit] of occurrenceStarts(input.startsAt, repeat, settings.timeZone).entries()) {
    try {
      const { row } = createAppointment(desk, {
        ...first,
        startsAt: visit.startsAt,
        seriesId,
        idempotencyKey: stepKey(idempotencyKey, String(index)),
      });
      outcome.done.push(row);
    } catch (error) {
      outcome.missed.push(missOf(desk, error, visit.date, visit.startsAt, null));
      firstRefusal ??= error;
    }
  }
  // Nothing booked: the series is refused as the first visit was, so the person sees that refusal
  // and its choices (book anyway, record it anyway) as for a single booking.
  if (outcome.done.length === 0 && firstRefusal !== undefined) throw firstRefusal;
  return outcome;
}

/** A visit of a series, and the series' visits from it on that are still live. */
function visitAndFollowing(desk: Desk, id: string): { visit: Appointment; following: Appointment[] } {
  const visit = loadRow(desk.store, 'appointment', id);
  if (visit === null || visit.deletedAt !== null) throw refuse('NOT_FOUND', 'series.gone');
  if (visit.seriesId === null) throw refuse('INVALID_TRANSITION', 'series.notRepeating');
  const following = groupBookings(desk.store, { seriesId: visit.seriesId }, visit.startsAt).filter((row) => row.status === 'booked');
  return { visit, following };
}

/** Cancel this visit and every later booked visit of its series, with one reason. */
export function cancelFollowing(desk: Desk, input: z.infer<typeof cancelFollowingInputSchema>): SeriesOutcome {
  const zone = requireShopSettings(desk.store).timeZone;
  const { visit, following } = visitAndFollowing(desk, input.id);
  const outcome: SeriesOutcome = { seriesId: visit.seriesId as string, done: [], missed: [] };
  for (const row of following) {
    try {
      const { row: cancelled } = cancelAppointment(desk, {
        idempotencyKey: stepKey(input.idempotencyKey, row.id),
        id: row.id,
        expectedVersion: row.version,
        reason: input.reason,
      });
      outcome.done.push(cancelled);
    } catch (error) {
      outcome.missed.push(missOf(desk, error, localDateOf(row.startsAt, zone), row.startsAt, row.id));
    }
  }
  return outcome;
}

/**
 * Move this visit to a new start (and staff member), and every later booked visit by as many days
 * and to the same time of day. Visits are moved from the far end of the move inwards, so a series
 * shifted by its own interval never collides with itself.
 */
export function moveFollowing(desk: Desk, input: z.infer<typeof moveFollowingInputSchema>): SeriesOutcome {
  const zone = requireShopSettings(desk.store).timeZone;
  const { visit, following } = visitAndFollowing(desk, input.id);
  const from = localWallClock(visit.startsAt, zone);
  const to = localWallClock(input.startsAt, zone);
  const days = Math.round((Date.parse(`${to.date}T00:00:00Z`) - Date.parse(`${from.date}T00:00:00Z`)) / 86_400_000);
  const time = clockOfMinutes(to.minutes);
  const later = input.startsAt > visit.startsAt;
  const order = later ? [...following].reverse() : following;
  const outcome: SeriesOutcome = { seriesId: visit.seriesId as string, done: [], missed: [] };
  for (const row of order) {
    const date = addDays(localDateOf(row.startsAt, zone), days);
    const startsAt = localTimeToInstant(date, time, zone);
    try {
      const { row: moved } = rescheduleAppointment(desk, {
        idempotencyKey: stepKey(input.idempotencyKey, row.id),
        id: row.id,
        expectedVersion: row.version,
        startsAt,
        ...(input.staffId !== undefined ? { staffId: input.staffId } : {}),
        ...(input.allowOutsideHours !== undefined ? { allowOutsideHours: input.allowOutsideHours } : {}),
        ...(input.allowOutsideSchedule !== undefined ? { allowOutsideSchedule: input.allowOutsideSchedule } : {}),
      });
      outcome.done.push(moved);
    } catch (error) {
      outcome.missed.push(missOf(desk, error, date, startsAt, row.id));
    }
  }
  outcome.done.sort((a, b) => a.startsAt - b.startsAt);
  outcome.missed.sort((a, b) => a.startsAt - b.startsAt);
  return outcome;
}

/** The visits of a series, in order (the drawer's "repeats" list). */
export function seriesVisits(desk: Pick<Desk, 'store'>, seriesId: string): Appointment[] {
  return groupBookings(desk.store, { seriesId });
}
