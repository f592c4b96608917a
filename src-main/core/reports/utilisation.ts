import type { Settings, TimeOff, WorkingHours } from '../../../src-shared/entities';
import { shareOf } from '../../../src-shared/reports';
import { workingTimeOn } from '../../../src-shared/schedule';
import { timeOffBetween } from '../staff/scheduleQueries';
import type { Store } from '../store/open';
import { IN_RANGE, KEPT } from './bookingScope';
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

/**
 * Booked time is the service time (start to end, buffers left out) of the kept visits starting in
 * the range, summed per person in SQL; scheduled time is what src-shared/schedule.ts says each
 * person works on each of the range's days (their rota or the shop's hours, extra hours added,
 * time off taken away), the one answer the day view and the booking rules use (docs §8).
 */
export function utilisationByStaff(store: Store, days: ShopDays, settings: Settings): StaffUtilisation[] {
  const booked = new Map(
    (
      store.sqlite
        .prepare(
          `SELECT a.staff_id AS staffId, sum(a.ends_at - a.starts_at) AS ms
             FROM appointments a INDEXED BY appointments_report WHERE ${IN_RANGE} AND ${KEPT} GROUP BY a.staff_id`,
        )
        .all({ from: days.from, to: days.to }) as { staffId: string; ms: number }[]
    ).map((row) => [row.staffId, row.ms]),
  );
  const staff = store.sqlite
    .prepare(`SELECT id, name, colour, working_hours AS workingHours, deleted_at AS deletedAt FROM staff ORDER BY name, id`)
    .all() as StaffRow[];
  const timeOff = timeOffBetween(store, days.from, days.to);
  return staff
    .filter((member) => member.deletedAt === null || booked.has(member.id))
    .map((member) => {
      const own: TimeOff[] = timeOff.filter((entry) => entry.staffId === member.id);
      const person = { id: member.id, workingHours: member.workingHours === null ? null : (JSON.parse(member.workingHours) as WorkingHours) };
      let scheduledMs = 0;
      for (const date of days.dates) {
        for (const interval of workingTimeOn(person, settings, date, own)) scheduledMs += interval.end - interval.start;
      }
      const bookedMs = booked.get(member.id) ?? 0;
      return {
        staffId: member.id,
        name: member.name,
        colour: member.colour,
        bookedMinutes: Math.round(bookedMs / 60_000),
        scheduledMinutes: Math.round(scheduledMs / 60_000),
        utilisation: shareOf(bookedMs, scheduledMs),
      };
    });
}
