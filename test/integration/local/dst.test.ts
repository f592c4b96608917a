import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpeningHours } from '../../../src-shared/entities';
import { weekdays } from '../../../src-shared/time';
import { createAppointment } from '../../../src-main/core/appointments/commands';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { freeSlots } from '../../../src-main/core/appointments/freeSlots';
import { clientVisits, searchClients } from '../../../src-main/core/clients/queries';
import { appErrorOfCall, book, HOUR_MS, key, makeShop, MIN_MS, type Shop } from '../../support/local/shop';

/**
 * Acceptance 9: day view, free slots and client search across the 2026 DST changes of two time
 * zones. All four change days are Sundays; the shop opens 00:00–04:00 on Sundays (so the change
 * falls inside opening hours) and 08:00–20:00 on other days.
 */

const hours: OpeningHours = Object.fromEntries(
  weekdays.map((day) => [
    day,
    day === 'sun' ? [{ open: '00:00', close: '04:00' }] : [{ open: '08:00', close: '20:00' }],
  ]),
) as OpeningHours;

const zones = [
  { zone: 'Europe/London', spring: '2026-03-29', fall: '2026-10-25', normalSunday: '2026-03-22' },
  { zone: 'America/New_York', spring: '2026-03-08', fall: '2026-11-01', normalSunday: '2026-03-01' },
] as const;

const local = (date: string, time: string, zone: string) => DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
const prevDay = (date: string) => DateTime.fromISO(date).minus({ days: 1 }).toISODate()!;
const nextDay = (date: string) => DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;

describe.each(zones)('acceptance 9: DST in $zone', ({ zone, spring, fall, normalSunday }) => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await makeShop({
      timeZone: zone,
      openingHours: hours,
      // Before every DST day of the year, so each one can still be booked.
      now: Date.UTC(2026, 0, 5, 9, 0),
      // British numbers in international form: a shop reads a number without a country code as its own country's.
      clientNames: [
        { name: 'Zoë Smith', phone: '+44 7700 900123' },
        { name: 'ZOË BROWN', phone: '+1 (212) 555-0100' },
        { name: 'Zoe Plain', phone: null },
        { name: 'Chloé Zoeller', phone: '+44 161 496 0000' },
        { name: 'Björn Berg', phone: '+44 20 7946 0000' },
        { name: 'Ann Other', phone: '+44 770 1234 555' },
      ],
    });
  });
  afterAll(() => shop.close());

  it.each([
    ['spring', spring, 23],
    ['fall', fall, 25],
    ['normal', normalSunday, 24],
  ] as const)('the %s day %s is %i hours long, from local midnight to local midnight', (_kind, date, length) => {
    const view = dayView(shop.store, { date });
    expect((view.dayEnd - view.dayStart) / HOUR_MS).toBe(length);
    expect(view.dayStart).toBe(local(date, '00:00', zone));
    expect(DateTime.fromMillis(view.dayEnd, { zone }).toISO()).toMatch(new RegExp(`^${nextDay(date)}T00:00:00`));
    expect(view.timeZone).toBe(zone);
  });

  it.each([
    ['spring', spring],
    ['fall', fall],
  ] as const)('on the %s day, appointments at 00:30 and 23:30 local show on that day only', (_kind, date) => {
    const staffId = shop.staff[0].id;
    const early = book(shop, local(date, '00:30', zone), { staffId }).row;
    const late = book(shop, local(date, '23:30', zone), { staffId, allowOutsideHours: true }).row;
    const dayBeforeLate = book(shop, local(prevDay(date), '23:30', zone), { staffId, allowOutsideHours: true }).row;
    const dayAfterEarly = book(shop, local(nextDay(date), '00:30', zone), { staffId, allowOutsideHours: true }).row;
    expect(early.outsideHours).toBe(false);
    expect(late.outsideHours).toBe(true);

    const ids = (d: string) =>
      dayView(shop.store, { date: d, staffId }).appointments.map((appointment) => appointment.id);
    expect(ids(date)).toEqual([early.id, late.id]);
    expect(ids(prevDay(date))).toContain(dayBeforeLate.id);
    expect(ids(prevDay(date))).not.toContain(early.id);
    expect(ids(nextDay(date))).toContain(dayAfterEarly.id);
    expect(ids(nextDay(date))).not.toContain(late.id);
    for (const appointment of dayView(shop.store, { date }).appointments) {
      expect(DateTime.fromMillis(appointment.startsAt, { zone }).toISODate()).toBe(date);
    }
    // 23:30 is 22.5 or 24.5 real hours after midnight on a DST day.
    expect((late.startsAt - early.startsAt) / HOUR_MS).toBe(date === spring ? 22 : 24);
  });

  it('free slots on the spring day cover exactly the 3 real hours the shop is open (00:00–04:00 local)', () => {
    const staffId = shop.staff[1].id;
    const opens = local(spring, '00:00', zone);
    const closes = local(spring, '04:00', zone);
    expect(closes - opens).toBe(3 * HOUR_MS);
    const slots = freeSlots(shop.store, { date: spring, staffId, serviceId: shop.services.cut, stepMin: 15 }, shop.clock.now());
    // A 30-minute cut fits at every quarter hour from 00:00 until 03:30 real time: (180 − 30) / 15 + 1.
    expect(slots).toHaveLength(11);
    expect(slots[0]!.startsAt).toBe(opens);
    expect(slots.at(-1)!.endsAt).toBe(closes);
    slots.forEach((slot, index) => {
      expect(slot.startsAt).toBe(opens + index * 15 * MIN_MS);
      expect(slot.endsAt - slot.startsAt).toBe(30 * MIN_MS);
    });
    // No slot shows a wall-clock time that does not exist that night.
    const clocks = slots.map((slot) => DateTime.fromMillis(slot.startsAt, { zone }).toFormat('HH:mm'));
    const gap = zone === 'Europe/London' ? ['01:00', '01:15', '01:30', '01:45'] : ['02:00', '02:15', '02:30', '02:45'];
    for (const clock of gap) expect(clocks).not.toContain(clock);
  });

  it('free slots on the fall day cover the 5 real hours (the repeated hour twice), on a normal Sunday 4 hours', () => {
    const staffId = shop.staff[1].id;
    const slots = freeSlots(shop.store, { date: fall, staffId, serviceId: shop.services.cut, stepMin: 15 }, shop.clock.now());
    expect(local(fall, '04:00', zone) - local(fall, '00:00', zone)).toBe(5 * HOUR_MS);
    expect(slots).toHaveLength((300 - 30) / 15 + 1);
    const clocks = slots.map((slot) => DateTime.fromMillis(slot.startsAt, { zone }).toFormat('HH:mm'));
    expect(clocks.filter((clock) => clock === '01:15')).toHaveLength(2);
    expect(new Set(slots.map((slot) => slot.startsAt)).size).toBe(slots.length);
    const normal = freeSlots(shop.store, { date: normalSunday, staffId, serviceId: shop.services.cut, stepMin: 15 }, shop.clock.now());
    expect(normal).toHaveLength((240 - 30) / 15 + 1);
  });

  it('free slots agree with what booking accepts, and a booking removes its block (buffer included)', async () => {
    const staffId = shop.staff[1].id;
    const date = spring;
    const before = freeSlots(shop.store, { date, staffId, serviceId: shop.services.cut, stepMin: 15 }, shop.clock.now());
    const last = before.at(-1)!;
    // The last offered slot is inside opening hours; 15 minutes later is not.
    const booked = createAppointment(shop.receptionDesk, {
      idempotencyKey: key(),
      clientId: shop.clients[0]!,
      staffId,
      serviceId: shop.services.cut,
      startsAt: last.startsAt,
    });
    expect(booked.row.outsideHours).toBe(false);
    const refused = await appErrorOfCall(() =>
      createAppointment(shop.receptionDesk, {
        idempotencyKey: key(),
        clientId: shop.clients[1]!,
        staffId: shop.staff[0].id,
        serviceId: shop.services.cut,
        startsAt: last.startsAt + 15 * MIN_MS,
      }),
    );
    expect(refused.code).toBe('OUTSIDE_OPENING_HOURS');
    // A booking across the jump (00:45 local + 30 min + 10 min buffer) blocks the right real minutes.
    const across = book(shop, local(date, '00:45', zone), { staffId }).row;
    const after = freeSlots(shop.store, { date, staffId, serviceId: shop.services.cut, stepMin: 15 }, shop.clock.now());
    for (const slot of after) {
      const blockEnd = slot.startsAt + 40 * MIN_MS;
      expect(slot.startsAt >= across.blockEndsAt || blockEnd <= across.startsAt).toBe(true);
      expect(slot.startsAt >= booked.row.blockEndsAt || blockEnd <= booked.row.startsAt).toBe(true);
    }
    // Only slots whose 40-minute block overlaps one of the two bookings disappeared.
    const clash = (start: number) =>
      [across, booked.row].some((other) => start < other.blockEndsAt && other.startsAt < start + 40 * MIN_MS);
    expect(after.map((slot) => slot.startsAt)).toEqual(
      before.map((slot) => slot.startsAt).filter((start) => !clash(start)),
    );
    const withIgnore = freeSlots(shop.store, {
      date,
      staffId,
      serviceId: shop.services.cut,
      stepMin: 15,
      ignoreAppointmentId: across.id,
    }, shop.clock.now());
    expect(withIgnore.length).toBeGreaterThan(after.length);
  });

  it('the opening hours in the day view are real instants on DST days', () => {
    const view = dayView(shop.store, { date: spring });
    expect(view.openingHours).toEqual([
      { opensAt: local(spring, '00:00', zone), closesAt: local(spring, '04:00', zone) },
    ]);
    expect(view.openingHours[0]!.closesAt - view.openingHours[0]!.opensAt).toBe(3 * HOUR_MS);
    const fallView = dayView(shop.store, { date: fall });
    expect(fallView.openingHours[0]!.closesAt - fallView.openingHours[0]!.opensAt).toBe(5 * HOUR_MS);
  });

  it('client search is case- and accent-insensitive, by any word or phone prefix', () => {
    const names = (query: string) =>
      searchClients(shop.store, { query, limit: 20, includeDeleted: false })
        .map((client) => client.name)
        .sort();
    const zoes = ['Chloé Zoeller', 'Zoe Plain', 'ZOË BROWN', 'Zoë Smith'].sort();
    expect(names('zoe')).toEqual(zoes);
    expect(names('Zoë')).toEqual(zoes);
    expect(names('ZOË')).toEqual(zoes);
    expect(names('zoe\u0308')).toEqual(zoes); // decomposed ë
    expect(names('  ZoE  ')).toEqual(zoes);
    expect(names('zoë s')).toEqual(['Zoë Smith']);
    expect(names('smi')).toEqual(['Zoë Smith']);
    expect(names('bjorn')).toEqual(['Björn Berg']);
    expect(names('BJÖRN')).toEqual(['Björn Berg']);
    expect(names('chloe')).toEqual(['Chloé Zoeller']);
    expect(names('zoey')).toEqual([]);
    expect(names('oe')).toEqual([]); // prefixes of words, not substrings
    expect(names('07700')).toEqual(['Zoë Smith']);
    expect(names('0770')).toEqual(['Ann Other', 'Zoë Smith']);
    expect(names('0770 0900')).toEqual(['Zoë Smith']); // the digits 07700900, spaces ignored
    expect(names('+1 212')).toEqual(['ZOË BROWN']);
    expect(names('%')).toEqual([]);
    expect(names('_')).toEqual([]);
  });

  it('a client’s visits count the DST-day appointments', () => {
    const clientId = shop.clients[5]!;
    book(shop, local(fall, '01:30', zone), { staffId: shop.staff[0].id, clientId });
    shop.clock.at = local(fall, '12:00', zone);
    const visits = clientVisits(shop.store, clientId, shop.clock.now());
    expect(visits.counts.total).toBe(1);
    expect(visits.counts.attended).toBe(1);
  });
});
