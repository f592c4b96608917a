import type { Settings, TimeOff, WorkingHours } from '../../../src-shared/entities';
import { shareOf } from '../../../src-shared/reports';
import { workingTimeOn, type Interval } from '../../../src-shared/schedule';
import { timeOffBetween } from '../staff/scheduleQueries';
import type { Store } from '../store/open';
import type { KeptVisits } from './keptVisits';
import type { ShopDays } from './shopDays';

/** A staff member's booked time over their scheduled time in the range. */
export interface StaffUtilisation {
  staffId: string;
  name: string;
  colour: string;
  bookedMinutes: number;
  scheduledMinutes: number;
  /** Booked over scheduled (above 1 when they were booked outside their hours); null with no scheduled time. */
  utilisation: number | null;
}

interface StaffRow {
  id: string;
  name: string;
  colour: string;
  workingHours: string | null;
  deletedAt: number | null;
}

const lengthOf = (intervals: readonly Interval[]) => intervals.reduce((total, interval) => total + interval.end - interval.start, 0);

/**
 * Scheduled time per person: what src-shared/schedule.ts says they work on each of the range's
 * days (their rota or the shop's hours, extra hours added, time off taken away), the one answer
 * the day view and the booking rules use (docs §8). A day is worked out once per rota (people on
 * the same hours share it), and again for one person only on the days their time off or extra
 * hours meet.
 */
function scheduledMs(staff: readonly StaffRow[], days: ShopDays, settings: Settings, timeOff: readonly TimeOff[]): Map<string, number> {
  const usual = new Map<string | null, number[]>();
  const result = new Map<string, number>();
  for (const member of staff) {
    const workingHours = member.workingHours === null ? null : (JSON.parse(member.workingHours) as WorkingHours);
    const person = { id: member.id, workingHours };
    let perDay = usual.get(member.workingHours);
    if (perDay === undefined) {
      perDay = days.dates.map((date) => lengthOf(workingTimeOn(person, settings, date, [])));
      usual.set(member.workingHours, perDay);
    }
    const own = timeOff.filter((entry) => entry.staffId === member.id);
    const touched = new Set<number>();
    for (const entry of own) for (let index = days.indexOf(entry.startsAt); index <= days.indexOf(entry.endsAt - 1); index += 1) touched.add(index);
    let total = 0;
    days.dates.forEach((date, index) => {
      total += touched.has(index) ? lengthOf(workingTimeOn(person, settings, date, own)) : (perDay[index] as number);
    });
    result.set(member.id, total);
  }
  return result;
}

/**
 * Booked time (the service time of the kept visits starting in the range) over scheduled time, per
 * staff member not removed — and any removed one who still has bookings in the range (`kept`: per staff member).
 */
export function utilisationByStaff(store: Store, days: ShopDays, settings: Settings, kept: readonly KeptVisits[]): StaffUtilisation[] {
  const booked = new Map<string, number>();
  for (const row of kept) booked.set(row.subjectId, row.ms);
  const staff = (
    store.sqlite
      .prepare(`SELECT id, name, colour, working_hours AS workingHours, deleted_at AS deletedAt FROM staff ORDER BY name, id`)
      .all() as StaffRow[]
  ).filter((member) => member.deletedAt === null || booked.has(member.id));
  const scheduled = scheduledMs(staff, days, settings, timeOffBetween(store, days.from, days.to));
  return staff.map((member) => {
    const bookedMs = booked.get(member.id) ?? 0;
    const scheduledTotal = scheduled.get(member.id) ?? 0;
    return {
      staffId: member.id,
      name: member.name,
      colour: member.colour,
      bookedMinutes: Math.round(bookedMs / 60_000),
      scheduledMinutes: Math.round(scheduledTotal / 60_000),
      utilisation: shareOf(bookedMs, scheduledTotal),
    };
  });
}
