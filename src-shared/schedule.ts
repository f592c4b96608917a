import type { OpeningHours, Settings, Staff, TimeOff, WorkingHours } from './entities';
import { addDays, localDateOf, localTimeToInstant, weekdayOf } from './time';

/**
 * When the shop is open and when each person works, as instants (docs/architecture.md §8). The
 * booking rules, the free-time finder, the day and week views and the printed day all read
 * working time from here, so "is Priya working at 13:00?" has one answer everywhere.
 */

/** A stretch of time [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const DAY_MS = 24 * 60 * 60_000;

/** The week's hours as instants on one shop-local date (wall-clock times, so DST days get what the sign says). */
function hoursOn(hours: OpeningHours[keyof OpeningHours], date: string, zone: string): Interval[] {
  return hours.map((interval) => ({
    start: localTimeToInstant(date, interval.open, zone),
    end: localTimeToInstant(date, interval.close, zone),
  }));
}

/** The shop's opening hours on a date: none on a closed date, a special day's own hours, else its weekday's. */
export function shopHoursOn(settings: Settings, date: string): Interval[] {
  if (settings.closedDates.includes(date)) return [];
  const special = settings.specialDays.find((day) => day.date === date);
  return hoursOn(special === undefined ? settings.openingHours[weekdayOf(date)] : special.hours, date, settings.timeZone);
}

/** Which week of a rota a date falls in (0 = week A), counting whole weeks from weekAStartsOn. */
export function rotaWeekOf(workingHours: WorkingHours, date: string): number {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${workingHours.weekAStartsOn}T00:00:00Z`)) / DAY_MS);
  const weeks = Math.floor(days / 7);
  const count = workingHours.weeks.length;
  return ((weeks % count) + count) % count;
}

/** The person's usual hours on a date, before any time off: the rota's, or the shop's when they have none. */
export function usualHoursOn(staff: Pick<Staff, 'workingHours'>, settings: Settings, date: string): Interval[] {
  if (staff.workingHours === null) return shopHoursOn(settings, date);
  const week = staff.workingHours.weeks[rotaWeekOf(staff.workingHours, date)] as OpeningHours;
  return hoursOn(week[weekdayOf(date)], date, settings.timeZone);
}

/** Sorted, with overlapping or touching stretches joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** `from` less every stretch of `away`. */
export function subtractIntervals(from: readonly Interval[], away: readonly Interval[]): Interval[] {
  let left = mergeIntervals(from);
  for (const cut of mergeIntervals(away)) {
    left = left.flatMap((interval) => {
      if (cut.end <= interval.start || cut.start >= interval.end) return [interval];
      const pieces: Interval[] = [];
      if (cut.start > interval.start) pieces.push({ start: interval.start, end: cut.start });
      if (cut.end < interval.end) pieces.push({ start: cut.end, end: interval.end });
      return pieces;
    });
  }
  return left;
}

/** The time off (and extra hours) of one person that is not removed. */
function liveExceptions(staffId: string, timeOff: readonly TimeOff[]): TimeOff[] {
  return timeOff.filter((entry) => entry.staffId === staffId && entry.deletedAt === null);
}

/**
 * When the person works on a shop-local date: their usual hours plus extra hours, less time off,
 * clipped to the date. `timeOff` may hold anyone's entries; only theirs count.
 */
export function workingTimeOn(staff: Pick<Staff, 'id' | 'workingHours'>, settings: Settings, date: string, timeOff: readonly TimeOff[]): Interval[] {
  const day = { start: localTimeToInstant(date, '00:00', settings.timeZone), end: localTimeToInstant(addDays(date, 1), '00:00', settings.timeZone) };
  const own = liveExceptions(staff.id, timeOff);
  const extra = own.filter((entry) => entry.kind === 'extra_hours').map(({ startsAt, endsAt }) => ({ start: startsAt, end: endsAt }));
  const away = own.filter((entry) => entry.kind !== 'extra_hours').map(({ startsAt, endsAt }) => ({ start: startsAt, end: endsAt }));
  const working = subtractIntervals([...usualHoursOn(staff, settings, date), ...extra], away);
  return working
    .map((interval) => ({ start: Math.max(interval.start, day.start), end: Math.min(interval.end, day.end) }))
    .filter((interval) => interval.end > interval.start);
}

/** Does the person work the whole of [start, end)? (A booking may not straddle a break.) */
export function worksThroughout(staff: Pick<Staff, 'id' | 'workingHours'>, settings: Settings, timeOff: readonly TimeOff[], start: number, end: number): boolean {
  const date = localDateOf(start, settings.timeZone);
  return workingTimeOn(staff, settings, date, timeOff).some((interval) => interval.start <= start && end <= interval.end);
}

/** The time off that meets [start, end), if any (to name it in a refusal: "Priya is on holiday then"). */
export function timeOffDuring(staffId: string, timeOff: readonly TimeOff[], start: number, end: number): TimeOff | undefined {
  return liveExceptions(staffId, timeOff).find((entry) => entry.kind !== 'extra_hours' && entry.startsAt < end && start < entry.endsAt);
}
