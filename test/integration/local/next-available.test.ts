import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { appRouter } from '../../../src-main/api/appRouter';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { localClockOf, localDateOf, localTimeToInstant } from '../../../src-shared/time';
import { book, everyDay, makeShop, type Shop } from '../../support/local/shop';

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

  it('refuses an unknown service or staff member in plain words', async () => {
    await expect(caller.appointments.nextAvailable({ serviceId: '01a20000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ message: 'That service does not exist.' });
    await expect(caller.appointments.nextAvailable({ serviceId: shop.services.cut, staffId: '01a20000-0000-7000-8000-000000000000' })).rejects.toMatchObject({
      message: 'That staff member does not exist.',
    });
  });
});
