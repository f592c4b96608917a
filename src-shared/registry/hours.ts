import { z } from 'zod';
import { clockTimeSchema, localDateSchema, type OpeningHours, type WorkingHours } from '../entities';
import type { Say, SayParam } from '../say';
import { localClockOf, localTimeToInstant, weekdayOf, weekdays, type Weekday } from '../time';
import { plainFieldError } from './planning';

/**
 * Hours as a person types them (shifts of a rota, a special day's opening): the schemas take any
 * times, and the planner says what is wrong in the person's words ("Tuesday's shifts overlap"),
 * which a schema's per-field message cannot.
 */

const looseInterval = z.strictObject({ open: clockTimeSchema, close: clockTimeSchema });
const looseDay = z.array(looseInterval).max(4);
export const looseWeekSchema = z.strictObject(
  Object.fromEntries(weekdays.map((day) => [day, looseDay])) as Record<Weekday, typeof looseDay>,
);
export const workingHoursArgs = z.strictObject({
  weeks: z.array(looseWeekSchema).min(1).max(2),
  weekAStartsOn: localDateSchema,
});
export const specialDaysArgs = z.array(z.strictObject({ date: localDateSchema, hours: looseDay })).max(1000);

const ordinals = ['first', 'second', 'third', 'fourth'] as const;

/** Each stretch ends after it starts and no two meet; `day` names the day ("Tuesday"), `piece` a stretch ("shift"), `where` its week. */
function checkDay(intervals: readonly { open: string; close: string }[], field: string, day: SayParam, piece: 'shift' | 'opening', where: SayParam = ''): void {
  intervals.forEach((interval, index) => {
    if (interval.close <= interval.open) {
      const ordinal = ordinals[index];
      const which: SayParam = intervals.length === 1 ? '' : ordinal === undefined ? { key: 'hours.which.number', params: { number: index + 1 } } : { key: `hours.which.${ordinal}` };
      plainFieldError(field, 'hours.endsBeforeStarts', { day, which, piece: { key: `hours.piece.${piece}` }, where });
    }
  });
  const sorted = [...intervals].sort((a, b) => a.open.localeCompare(b.open));
  for (let index = 1; index < sorted.length; index += 1) {
    if ((sorted[index] as { open: string }).open < (sorted[index - 1] as { close: string }).close) {
      plainFieldError(field, 'hours.overlap', { day, pieces: { key: `hours.pieces.${piece}` }, where });
    }
  }
}

/** A rota the planner may store: every shift ends after it starts, none overlap, week A starts on a Monday. */
export function checkedWorkingHours(hours: z.output<typeof workingHoursArgs>): WorkingHours {
  if (weekdayOf(hours.weekAStartsOn) !== 'mon')
    plainFieldError('weekAStartsOn', 'hours.weekAMonday', { date: { date: hours.weekAStartsOn } });
  hours.weeks.forEach((week, weekIndex) => {
    const ofWeek: SayParam = hours.weeks.length === 1 ? '' : ({ key: 'hours.inWeek', params: { week: weekIndex === 0 ? 'A' : 'B' } } satisfies Say);
    for (const day of weekdays) checkDay(week[day], 'workingHours', { key: `place.days.${day}` }, 'shift', ofWeek);
  });
  return hours;
}

/**
 * Special opening days: each date once, each opening ends after it starts, none overlap, and every
 * time exists on that date in the shop's zone (not in the hour the clocks skip).
 */
export function checkedSpecialDays(days: z.output<typeof specialDaysArgs>, zone: string): { date: string; hours: OpeningHours[Weekday] }[] {
  const seen = new Set<string>();
  for (const day of days) {
    if (seen.has(day.date)) plainFieldError('specialDays', 'hours.listedTwice', { date: { date: day.date } });
    seen.add(day.date);
    checkDay(day.hours, 'specialDays', { date: day.date }, 'opening');
    for (const time of day.hours.flatMap((interval) => [interval.open, interval.close])) {
      if (localClockOf(localTimeToInstant(day.date, time, zone), zone) !== time) {
        plainFieldError('specialDays', 'hours.noSuchTime', { date: { date: day.date }, time });
      }
    }
  }
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}
