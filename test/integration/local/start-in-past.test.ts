import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import { appErrorOf } from '../../../src-shared/trpcErrors';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { checkInvariants } from '../../support/local/invariants';
import { dumpDb, key, makeShop, MIN_MS, type Shop } from '../../support/local/shop';

/**
 * Past times on a real SQLite desk, through the router the screen uses: today's free times start
 * from now, and a booking whose start has passed needs "Record it anyway", which the row and its
 * history keep. The shop's clock is 11:33 in London on Monday 1 June 2026.
 */

const zone = 'Europe/London';
const today = '2026-06-01';
const at = (time: string, date = today) => localTimeToInstant(date, time, zone);
const createCaller = createCallerFactory(appRouter);

/** The typed error a router call was refused with. */
async function refusalOf(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    return appErrorOf(error);
  }
  throw new Error('expected a refusal, but the call succeeded');
}

describe('past times on the desk', () => {
  let shop: Shop;
  let session: DeskSession;
  let caller: ReturnType<typeof createCaller>;
  beforeEach(async () => {
    shop = await makeShop({ now: at('11:33') });
    session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.staff[0].id });
    const ctx: DeskContext = { store: shop.store, session, now: shop.clock.now, requestId: 'req-past' };
    caller = createCaller(ctx);
  });
  afterEach(() => shop.close());

  const newBooking = (startsAt: number, extra: { allowPast?: boolean } = {}) => ({
    idempotencyKey: key('past'),
    clientId: shop.clients[0]!,
    staffId: shop.staff[0].id,
    serviceId: shop.services.cut,
    startsAt,
    ...extra,
  });

  it('free times for today start at the next step after now (11:33 → 11:45); tomorrow starts at opening', async () => {
    const slots = await caller.appointments.freeSlots({ date: today, staffId: shop.staff[0].id, serviceId: shop.services.cut, stepMin: 15 });
    expect(slots.length).toBeGreaterThan(0);
    expect(localClockOf(slots[0]!.startsAt, zone)).toBe('11:45');
    for (const slot of slots) expect(slot.startsAt).toBeGreaterThanOrEqual(shop.clock.now());
    const tomorrow = await caller.appointments.freeSlots({ date: '2026-06-02', staffId: shop.staff[0].id, serviceId: shop.services.cut, stepMin: 15 });
    expect(localClockOf(tomorrow[0]!.startsAt, zone)).toBe('08:00');
    // The slot of the current minute is still offered (the booking rule judges to the minute).
    shop.clock.at = at('11:45') + 30_000;
    const onTheMinute = await caller.appointments.freeSlots({ date: today, staffId: shop.staff[0].id, serviceId: shop.services.cut, stepMin: 15 });
    expect(localClockOf(onTheMinute[0]!.startsAt, zone)).toBe('11:45');
  });

  it('a booking at 10:00 made at 11:34 is refused and writes nothing; recorded anyway it is kept and audited', async () => {
    shop.clock.at = at('11:34');
    const before = dumpDb(shop.store);
    const refused = await refusalOf(() => caller.appointments.create(newBooking(at('10:00'))));
    expect(refused.code).toBe('START_IN_PAST');
    expect(refused.message).toBe('10:00 has already passed. To record a visit that already happened, choose “Record it anyway”.');
    expect(dumpDb(shop.store)).toBe(before);

    const kept = await caller.appointments.create(newBooking(at('10:00'), { allowPast: true }));
    const row = kept.row as Appointment;
    expect(row.recordedAfterStart).toBe(true);
    const history = await caller.appointments.history({ id: row.id });
    expect(history.at(-1)?.after).toMatchObject({ startsAt: at('10:00'), recordedAfterStart: true });
    // The fact is a column of the row and survives a fold of the history.
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('restore and undo that bring a booking back to a start that has passed are refused unless recorded anyway', async () => {
    const booked = (await caller.appointments.create(newBooking(at('12:00')))).row as Appointment;
    const cancelled = await caller.appointments.cancel({ idempotencyKey: key(), id: booked.id, expectedVersion: booked.version, reason: 'ill' });
    shop.clock.advance(60 * MIN_MS); // 12:33
    const change = { id: booked.id, expectedVersion: cancelled.row.version };
    expect((await refusalOf(() => caller.appointments.restore({ idempotencyKey: key(), ...change }))).code).toBe('START_IN_PAST');
    const undo = { ...change, eventId: cancelled.event.id };
    expect((await refusalOf(() => caller.appointments.undo({ idempotencyKey: key(), ...undo }))).code).toBe('START_IN_PAST');
    const restored = await caller.appointments.undo({ idempotencyKey: key(), ...undo, allowPast: true });
    expect(restored.row).toMatchObject({ status: 'booked', recordedAfterStart: true });
    // Under way: a change of staff member is not a new start and needs nothing.
    const staffOnly = await caller.appointments.reschedule({ idempotencyKey: key(), id: booked.id, expectedVersion: restored.row.version, staffId: shop.staff[1].id });
    expect(staffOnly.row).toMatchObject({ staffId: shop.staff[1].id, startsAt: at('12:00') });
    expect(checkInvariants(shop.store)).toEqual([]);
  });
});
