import Database from 'better-sqlite3';
import { newId } from '../src-shared/ids';
import type { OpeningHours, WorkingHours } from '../src-shared/entities';
import { addDays, localTimeToInstant, weekdays } from '../src-shared/time';
import { openStore } from '../src-main/core/store/open';
import { BENCH_ZONE, FIRST_DAY } from './localDataset';

/**
 * Issue 11's figures are taken on a shop whose 20 staff have schedules and time off: a quarter
 * work whenever the shop is open, a quarter a split shift Tue–Sat, a quarter a fortnightly rota,
 * a quarter weekdays 9–17; each has a week's holiday every ten weeks (staggered), a sick day a
 * month and some extra hours. Added once to the cached dataset (the store's migrations first);
 * the bookings stay where they are, as a shop that changed its rota would find them.
 */

type Day = (typeof weekdays)[number];
const week = (days: Partial<Record<Day, [string, string][]>>): OpeningHours =>
  Object.fromEntries(weekdays.map((day) => [day, (days[day] ?? []).map(([open, close]) => ({ open, close }))])) as OpeningHours;
const split: [string, string][] = [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
];
const full: [string, string][] = [['09:00', '18:00']];

function scheduleOf(index: number): WorkingHours | null {
  switch (index % 4) {
    case 0:
      return null;
    case 1:
      return { weeks: [week({ tue: split, wed: split, thu: split, fri: split, sat: split })], weekAStartsOn: '2026-01-05' };
    case 2:
      return {
        weeks: [week({ mon: full, tue: full, wed: full, thu: full, fri: full }), week({ wed: [['12:00', '18:00']], sat: full, sun: full })],
        weekAStartsOn: '2026-01-05',
      };
    default:
      return { weeks: [week(Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [['09:00', '17:00']]])))], weekAStartsOn: '2026-01-05' };
  }
}

export function addSchedules(file: string, days: number): void {
  // Migrations first: a dataset cached before schedules existed gains the tables and columns.
  openStore(file).close();
  const db = new Database(file);
  try {
    const done = db.prepare(`SELECT COUNT(*) AS n FROM time_off`).get() as { n: number };
    if (done.n > 0) return;
    const staffIds = (db.prepare('SELECT id FROM staff ORDER BY name').all() as { id: string }[]).map((row) => row.id);
    const ownerId = (db.prepare(`SELECT id FROM staff WHERE role = 'owner'`).get() as { id: string }).id;
    const device = newId();
    const now = Date.UTC(2026, 10, 1);
    const setHours = db.prepare(`UPDATE staff SET working_hours = ?, version = version + 1 WHERE id = ?`);
    const insertTimeOff = db.prepare(
      `INSERT INTO time_off (id, version, created_at, updated_at, deleted_at, staff_id, kind, starts_at, ends_at, note) VALUES (?, 1, ?, ?, NULL, ?, ?, ?, ?, '')`,
    );
    const insertEvent = db.prepare(
      `INSERT INTO events (id, entity_type, entity_id, type, version, actor_staff_id, device_id, at, reason, before, after, undoes_event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)`,
    );
    const at = (date: string, time: string) => localTimeToInstant(date, time, BENCH_ZONE);
    db.transaction(() => {
      staffIds.forEach((staffId, index) => {
        const workingHours = scheduleOf(index);
        setHours.run(workingHours === null ? null : JSON.stringify(workingHours), staffId);
        insertEvent.run(newId(), 'staff', staffId, 'staff.setWorkingHours', 2, ownerId, device, now, JSON.stringify({ workingHours: null }), JSON.stringify({ workingHours }));
        const add = (kind: string, startsAt: number, endsAt: number) => {
          const id = newId();
          insertTimeOff.run(id, now, now, staffId, kind, startsAt, endsAt);
          insertEvent.run(newId(), 'timeOff', id, 'timeOff.create', 1, ownerId, device, now, '{}', JSON.stringify({ staffId, kind, startsAt, endsAt, note: '', deletedAt: null }));
        };
        // From two weeks after FIRST_DAY back over every day of the dataset.
        for (let back = -14 + index * 3; back < days; back += 70) {
          const first = addDays(FIRST_DAY, -back);
          add('holiday', at(first, '00:00'), at(addDays(first, 7), '00:00'));
        }
        for (let back = index; back < days; back += 30) {
          const day = addDays(FIRST_DAY, -back);
          add('sick', at(day, '00:00'), at(addDays(day, 1), '00:00'));
          if (index % 5 === 0) add('extra_hours', at(addDays(day, 2), '18:00'), at(addDays(day, 2), '20:00'));
        }
      });
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}
