import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { appRouter } from '../../../src-main/api/appRouter';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { localClockOf, localDateOf, localTimeToInstant } from '../../../src-shared/time';
import { book, everyDay, key, makeShop, type Shop } from '../../support/local/shop';

/** "Next available" and the free-time chips through the desk's router, on a real SQLite file. */

const zone = 'Europe/London';
const at = (date: string, time: string) => localTimeToInstant(date, time, zone);
const today = '2026-06-02';
const createCaller = createCallerFactory(appRouter);

describe('next available on the desk', () => {
  let shop: Shop;
  let caller: ReturnType<typeof createCaller>;
  beforeEach(async () => {
    shop = await makeShop({ openingHours: everyDay('09:00', '12:00'), now: at(today, '08:00') });
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.owner.id });
    const ctx: DeskContext = { store: shop.store, session, now: shop.clock.now, requestId: 'req-next' };
    caller = createCaller(ctx);
  });
  afterEach(() => shop.close());

  const named = (slots: { staffName: string; startsAt: number }[]) => slots.map((slot) => `${slot.staffName} ${localDateOf(slot.startsAt, zone)} ${localClockOf(slot.startsAt, zone)}`);

  it('lists the earliest slots with anyone, earliest first, each with the staff member’s name', async () => {
    const [alice] = shop.staff;
    // Alice holds 09:00–10:00 (Colour); Bob and the owner are free.
    book(shop, at(today, '09:00'), { staffId: alice.id, serviceId: shop.services.colour });
    shop.clock.at = at(today, '09:20');
    const slots = await caller.appointments.nextAvailable({ serviceId: shop.services.colour, limit: 6, stepMin: 30 });
    // From now: 09:30 is the first step still to come; names in the order the staff list shows them.
    expect(named(slots)).toEqual([
      'Bob 2026-06-02 09:30',
      'Olive Owner 2026-06-02 09:30',
      'Alice 2026-06-02 10:00',
      'Bob 2026-06-02 10:00',
      'Olive Owner 2026-06-02 10:00',
      'Alice 2026-06-02 10:30',
    ]);
    expect(slots[0]?.endsAt).toBe(at(today, '10:30'));
    expect(slots.every((slot) => slot.staffId !== '')).toBe(true);
  });

  it('with one staff member goes on to the next days when today is full, up to 14 days', async () => {
    const [alice] = shop.staff;
    for (const time of ['09:00', '10:00', '11:00']) book(shop, at(today, time), { staffId: alice.id, serviceId: shop.services.colour });
    const slots = await caller.appointments.nextAvailable({ serviceId: shop.services.colour, staffId: alice.id, limit: 4, stepMin: 60 });
    expect(named(slots)).toEqual(['Alice 2026-06-03 09:00', 'Alice 2026-06-03 10:00', 'Alice 2026-06-03 11:00', 'Alice 2026-06-04 09:00']);
    const late = await caller.appointments.nextAvailable({ serviceId: shop.services.colour, staffId: alice.id, date: '2026-06-20', days: 1, limit: 50, stepMin: 60 });
    expect(named(late)).toEqual(['Alice 2026-06-20 09:00', 'Alice 2026-06-20 10:00', 'Alice 2026-06-20 11:00']);
  });

  it('keeps each held block clear: the Cut’s 10-minute buffer keeps 09:30 from Alice after a 09:00 Cut… until the booking is moved', async () => {
    const [alice] = shop.staff;
    const cut = book(shop, at(today, '09:00'), { staffId: alice.id }).row;
    const chips = await caller.appointments.freeSlots({ date: today, staffId: alice.id, serviceId: shop.services.cut, stepMin: 15 });
    expect(chips.map((slot) => localClockOf(slot.startsAt, zone)).slice(0, 2)).toEqual(['09:45', '10:00']);
    const moving = await caller.appointments.freeSlots({ date: today, staffId: alice.id, serviceId: shop.services.cut, stepMin: 15, ignoreAppointmentId: cut.id });
    expect(localClockOf(moving[0]!.startsAt, zone)).toBe('09:00');
  });

  it('follows working hours, time off, blocked time and who does the service (Tue–Sat 9–13 and 14–18)', async () => {
    const [alice, bob] = shop.staff;
    const split = [
      { open: '09:00', close: '13:00' },
      { open: '14:00', close: '18:00' },
    ];
    const days = { mon: [], tue: split, wed: split, thu: split, fri: split, sat: split, sun: [] };
    const settings = (await caller.settings.get())!;
    await caller.settings.update({ idempotencyKey: key('hours'), id: settings.id, expectedVersion: settings.version, openingHours: everyDay('08:00', '20:00') });
    await caller.staff.setWorkingHours({ idempotencyKey: key('rota'), id: alice.id, expectedVersion: alice.version, workingHours: { weeks: [days], weekAStartsOn: '2026-06-01' } });
    // Only Alice does Colour, and takes 75 minutes over it.
    await caller.services.setSkills({ idempotencyKey: key('skills'), id: shop.services.colour, expectedVersion: 1, performedBy: [{ staffId: alice.id, durationMin: 75, priceCents: null }] });
    // A holiday Wednesday to Friday, and lunch with the team on Saturday 11:00–12:00.
    await caller.timeOff.create({ idempotencyKey: key('holiday'), staffId: alice.id, kind: 'holiday', startsAt: at('2026-06-03', '00:00'), endsAt: at('2026-06-06', '00:00') });
    await caller.blocks.create({ idempotencyKey: key('lunch'), staffId: alice.id, kind: 'meeting', startsAt: at('2026-06-06', '11:00'), endsAt: at('2026-06-06', '12:00') });
    shop.clock.at = at('2026-06-01', '07:00');

    const slots = await caller.appointments.nextAvailable({ serviceId: shop.services.colour, limit: 50, stepMin: 60 });
    expect(slots.every((slot) => slot.staffId === alice.id && slot.endsAt - slot.startsAt === 75 * 60_000)).toBe(true);
    expect(named(slots).slice(0, 9)).toEqual([
      // Monday she does not work; Tuesday 12:00 would run past 13:00 and 13:00 is her break.
      'Alice 2026-06-02 09:00',
      'Alice 2026-06-02 10:00',
      'Alice 2026-06-02 11:00',
      'Alice 2026-06-02 14:00',
      'Alice 2026-06-02 15:00',
      'Alice 2026-06-02 16:00',
      // Wednesday to Friday on holiday; Saturday's meeting holds 11:00–12:00 (10:00 would run into
      // it, 12:00 into her break).
      'Alice 2026-06-06 09:00',
      'Alice 2026-06-06 14:00',
      'Alice 2026-06-06 15:00',
    ]);
    // Bob may not do Colour: the chips for him are empty; for a Cut he is free from opening.
    expect(await caller.appointments.freeSlots({ date: '2026-06-02', staffId: bob.id, serviceId: shop.services.colour, stepMin: 60 })).toEqual([]);
    const cut = await caller.appointments.freeSlots({ date: '2026-06-02', staffId: bob.id, serviceId: shop.services.cut, stepMin: 60 });
    expect(localClockOf(cut[0]!.startsAt, zone)).toBe('08:00');
    const aliceCut = await caller.appointments.freeSlots({ date: '2026-06-02', staffId: alice.id, serviceId: shop.services.cut, stepMin: 30 });
    expect(aliceCut.map((slot) => localClockOf(slot.startsAt, zone))).not.toContain('13:00');
    expect(aliceCut.map((slot) => localClockOf(slot.startsAt, zone))).toContain('12:30');
  });

  it('refuses an unknown service or staff member in plain words', async () => {
    await expect(caller.appointments.nextAvailable({ serviceId: '01a20000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ message: 'That service does not exist.' });
    await expect(caller.appointments.nextAvailable({ serviceId: shop.services.cut, staffId: '01a20000-0000-7000-8000-000000000000' })).rejects.toMatchObject({
      message: 'That staff member does not exist.',
    });
  });
});
