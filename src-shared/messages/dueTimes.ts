import type { MessageChannel, MessageSettings } from '../entities';
import { addDays, clockMinutes, clockOfMinutes, localTimeToInstant, localWallClock, MINUTE_MS } from '../time';

/**
 * When a reminder goes (docs/architecture.md §17), on the shop's calendar:
 *
 * - An offset of whole days (2880 = two days) is counted in the shop's days: the reminder goes at
 *   the appointment's own time of day that many days before, so a Sunday 10:00 appointment is
 *   reminded on Saturday at 10:00 even when the clocks changed in between. Any other offset
 *   (120 = two hours) is counted in real minutes.
 * - A text message due inside the shop's quiet hours goes at their end. Where that end is at or
 *   after the appointment's start (an early appointment's two-hour reminder), it goes instead at
 *   their start, the evening before. Quiet hours run from `from` up to `to` on the shop's wall
 *   clock (across midnight when `to` is earlier): a message may go at exactly either time.
 *   E-mail is never held back.
 */

const DAY_MIN = 24 * 60;

/** The appointment's start less the offset, as described above. */
export function offsetBefore(startsAt: number, offsetMinutes: number, zone: string): number {
  if (offsetMinutes % DAY_MIN !== 0) return startsAt - offsetMinutes * MINUTE_MS;
  const local = localWallClock(startsAt, zone);
  return localTimeToInstant(addDays(local.date, -offsetMinutes / DAY_MIN), clockOfMinutes(local.minutes), zone);
}

/** Whether a wall-clock minute of the day lies strictly inside quiet hours [from, to). */
function insideQuiet(minutes: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minutes > from && minutes < to : minutes > from || minutes < to;
}

/** The instant a reminder due at `dueAt` goes, out of the SMS quiet hours as described above. */
export function outOfQuietHours(dueAt: number, startsAt: number, channel: MessageChannel, settings: MessageSettings, zone: string): number {
  const quiet = settings.quietHours;
  if (channel !== 'sms' || quiet === null) return dueAt;
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  const local = localWallClock(dueAt, zone);
  if (!insideQuiet(local.minutes, from, to)) return dueAt;
  // Quiet hours across midnight began the day before when the time is after midnight, and end the next day when it is before it.
  const acrossMidnight = from > to;
  const endDate = acrossMidnight && local.minutes > from ? addDays(local.date, 1) : local.date;
  const end = localTimeToInstant(endDate, quiet.to, zone);
  if (end < startsAt) return end;
  const startDate = acrossMidnight && local.minutes < to ? addDays(local.date, -1) : local.date;
  return localTimeToInstant(startDate, quiet.from, zone);
}

/** When a reminder `offsetMinutes` before an appointment starting at `startsAt` goes by this channel. */
export function reminderDueAt(startsAt: number, offsetMinutes: number, channel: MessageChannel, settings: MessageSettings, zone: string): number {
  return outOfQuietHours(offsetBefore(startsAt, offsetMinutes, zone), startsAt, channel, settings, zone);
}
