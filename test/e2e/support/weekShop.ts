import { join } from 'node:path';
import * as appointmentCommands from '../../../src-main/core/appointments/commands';
import type { CommandResult, Desk } from '../../../src-main/core/commands/execute';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { demoTextsIn } from '../../../src-main/core/demo/texts';
import type { Language } from '../../../src-shared/i18n/languages';
import { e2eLanguage } from './spoken';
import { createBlock, createTimeOff, setWorkingHours } from '../../../src-main/core/staff/commands';
import { openStore, type Store } from '../../../src-main/core/store/open';
import { addDays, localTimeToInstant } from '../../../src-shared/time';

/**
 * A busy week for the week view's test and benchmark: the demo shop with 20 staff, and 300
 * appointments from Monday `weekStart` to Sunday (15 a person, two of them cancelled). Sam Taylor
 * keeps Wednesday from 10:00 free, where the test drags a booking to; one of his bookings is on
 * Sunday after the shop closes.
 */

export const WEEK_STAFF = 20;
export const WEEK_PER_STAFF = 15;
export const WEEK_ZONE = 'Europe/London';

type Run = (desk: Desk, input: Record<string, unknown>) => CommandResult;

export async function seedWeekShop(store: Store, options: { now: number; weekStart: string; language: Language }): Promise<{ appointments: number }> {
  const { now, weekStart } = options;
  // The demo's shop, services, clients and 20 staff; no demo bookings (daysAfter < daysBefore).
  await seedDemo(store, { timeZone: WEEK_ZONE, now, staffCount: WEEK_STAFF, daysBefore: 0, daysAfter: -1, language: options.language });
  const staffRows = store.sqlite.prepare(`SELECT id, name, role FROM staff ORDER BY name`).all() as { id: string; name: string; role: string }[];
  const owner = staffRows.find((row) => row.role === 'owner');
  const services = store.sqlite.prepare(`SELECT id, name FROM services ORDER BY name`).all() as { id: string; name: string }[];
  const clientRows = store.sqlite.prepare(`SELECT id FROM clients ORDER BY name`).all() as { id: string }[];
  const desk: Desk = { store, actor: { staffId: owner?.id ?? null, role: 'owner' }, now: () => now };
  const create = appointmentCommands.createAppointment as unknown as Run;
  const cancel = appointmentCommands.cancelAppointment as unknown as Run;
  const serviceNamed = (name: string) => services.find((service) => service.name === name)?.id ?? services[0]?.id;
  // The demo's records in the language it was seeded in.
  const demo = demoTextsIn(options.language);
  const rotation = [demo.services.haircut, demo.services.beardTrim, demo.services.blowDry, demo.services.colour, demo.services.kidsCut];
  let count = 0;
  store.sqlite.pragma('synchronous = NORMAL');
  try {
    for (const [index, member] of staffRows.entries()) {
      for (let slot = 0; slot < WEEK_PER_STAFF; slot += 1) {
        const dayIndex = (slot + index) % 7;
        const date = addDays(weekStart, dayIndex);
        // Up to three bookings a day a person, two hours apart, staggered by person.
        const round = Math.floor(slot / 7);
        const minutes = (dayIndex === 6 ? 10 * 60 : 9 * 60) + round * 120 + (index % 3) * 30;
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        if (member.name === 'Sam Taylor' && dayIndex === 2 && round >= 1) continue;
        const result = create(desk, {
          idempotencyKey: `week-${index}-${slot}`,
          clientId: clientRows[(index * WEEK_PER_STAFF + slot) % clientRows.length]?.id,
          staffId: member.id,
          serviceId: serviceNamed(rotation[(index + slot) % rotation.length] as string),
          startsAt: localTimeToInstant(date, time, WEEK_ZONE),
          allowOutsideHours: true,
        });
        count += 1;
        if (slot === 3 && index % 10 === 0) {
          cancel(desk, { idempotencyKey: `week-cancel-${index}`, id: result.row.id, expectedVersion: 1, reason: demo.cancelReasons.unwell });
        }
      }
    }
    // Sam's skipped Wednesday afternoon bookings go to Sunday after closing (booked anyway), so the
    // week still holds 300 and Sunday shows the closed shop shaded beside them.
    const sam = staffRows.find((row) => row.name === 'Sam Taylor');
    let evening = 16 * 60 + 15;
    while (count < WEEK_STAFF * WEEK_PER_STAFF && sam !== undefined) {
      const time = `${String(Math.floor(evening / 60)).padStart(2, '0')}:${String(evening % 60).padStart(2, '0')}`;
      create(desk, {
        idempotencyKey: `week-extra-${count}`,
        clientId: clientRows[count % clientRows.length]?.id,
        staffId: sam.id,
        serviceId: serviceNamed(demo.services.beardTrim),
        startsAt: localTimeToInstant(addDays(weekStart, 6), time, WEEK_ZONE),
        allowOutsideHours: true,
      });
      count += 1;
      evening += 30;
    }
    // Schedules, set after the bookings (which stay, as bookings made before a schedule changed do):
    // Priya Shah works weekday mornings only, Maya Okafor is on holiday on Friday, Sam Taylor has a
    // meeting on Wednesday afternoon and Luca Romano cleans his station at 16:00 every weekday.
    const named = (name: string) => staffRows.find((row) => row.name === name);
    const mornings = [{ open: '09:00', close: '14:00' }];
    const runAny = (fn: unknown, input: Record<string, unknown>) => (fn as Run)(desk, input);
    const priya = named('Priya Shah');
    if (priya) {
      runAny(setWorkingHours, {
        idempotencyKey: 'week-hours-priya',
        id: priya.id,
        expectedVersion: 1,
        workingHours: { weeks: [{ mon: mornings, tue: mornings, wed: mornings, thu: mornings, fri: mornings, sat: [], sun: [] }], weekAStartsOn: weekStart },
      });
    }
    /** From `from` on the week's day `day` to `to` on day `untilDay` (the same day unless told), in the shop's zone. */
    const span = (day: number, from: string, to: string, untilDay = day) => ({
      startsAt: localTimeToInstant(addDays(weekStart, day), from, WEEK_ZONE),
      endsAt: localTimeToInstant(addDays(weekStart, untilDay), to, WEEK_ZONE),
    });
    const away = [
      {
        member: named('Maya Okafor'),
        run: createTimeOff,
        idempotencyKey: 'week-holiday-maya',
        kind: 'holiday',
        ...span(4, '00:00', '00:00', 5),
        note: 'Family wedding',
      },
      { member: sam, run: createBlock, idempotencyKey: 'week-meeting-sam', kind: 'meeting', ...span(2, '15:00', '16:00'), note: 'Supplier visit' },
    ];
    for (const { member, run, ...input } of away) {
      if (member) runAny(run, { ...input, staffId: member.id });
    }
    const luca = named('Luca Romano');
    for (let day = 0; day < 5 && luca !== undefined; day += 1) {
      try {
        runAny(createBlock, {
          idempotencyKey: `week-cleaning-luca-${day}`,
          staffId: luca.id,
          kind: 'cleaning',
          ...span(day, '16:00', '16:45'),
        });
      } catch {
        // A day whose cleaning time is booked keeps its booking.
      }
    }
  } finally {
    store.sqlite.pragma('synchronous = FULL');
  }
  return { appointments: count };
}

/** `tsx test/e2e/support/weekShop.ts <data dir> <now ISO> <week start>`: fill a desk's data folder before it starts. */
if (process.argv[1]?.endsWith('weekShop.ts') === true) {
  const [dataDir, nowIso, weekStart] = process.argv.slice(2);
  if (dataDir === undefined || nowIso === undefined || weekStart === undefined) throw new Error('usage: weekShop.ts <data dir> <now> <week start>');
  const store = openStore(join(dataDir, 'caredesk.sqlite'));
  // In the run's language, as the suite's other demo desks are (CAREDESK_E2E_LANGUAGE reaches this process).
  const { appointments } = await seedWeekShop(store, { now: Date.parse(nowIso), weekStart, language: e2eLanguage });
  store.close();
  console.log(`week shop: ${appointments} appointments`);
}
