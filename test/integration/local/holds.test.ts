import { describe, expect } from 'vitest';
import { confirmHold, createAppointment, expireHold, releaseHold, undoAppointmentChange } from '../../../src-main/core/appointments/commands';
import { freeSlots } from '../../../src-main/core/appointments/freeSlots';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { loadRow } from '../../../src-main/core/store/rows';
import { expireDueHolds } from '../../../src-main/agents/holds/expiry';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import { appErrorOfCall, book, key, MIN_MS, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/** Holds (issue 12): a pencilled-in time holds the slot, becomes a booking in one step, or runs out by itself. */

const ZONE = 'Europe/London';
const at = (time: string) => localTimeToInstant('2026-06-02', time, ZONE);

const it = shopTest({ now: at('09:00') });

describe('holds', () => {
  const pencil = (shop: Shop, minutes = 60) =>
    createAppointment(shop.receptionDesk, {
      idempotencyKey: key('hold'),
      clientId: shop.clients[0]!,
      staffId: shop.staff[0].id,
      serviceId: shop.services.cut,
      startsAt: at('14:00'),
      holdMinutes: minutes,
    }).row;

  it('holds the slot until it runs out, shows when, and the finder does not offer it', async ({ shop }) => {
    const hold = pencil(shop, 90);
    expect(hold).toMatchObject({ status: 'held', holdExpiresAt: at('10:30') });
    const taken = await appErrorOfCall(() => book(shop, at('14:00'), { clientId: shop.clients[1]! }));
    expect(taken.code).toBe('SLOT_TAKEN');
    const offered = freeSlots(shop.store, { date: '2026-06-02', staffId: shop.staff[0].id, serviceId: shop.services.cut, stepMin: 15 }, shop.clock.now());
    expect(offered.map((slot) => localClockOf(slot.startsAt, ZONE))).not.toContain('14:00');
  });

  it('becomes a booking in one step, which undo turns back into the hold', ({ shop }) => {
    const hold = pencil(shop);
    const confirmed = confirmHold(shop.receptionDesk, { idempotencyKey: key('c'), id: hold.id, expectedVersion: 1 });
    expect(confirmed.row).toMatchObject({ status: 'booked', holdExpiresAt: null });
    undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('u'), id: hold.id, expectedVersion: 2, eventId: confirmed.event.id });
    expect(loadRow(shop.store, 'appointment', hold.id)).toMatchObject({ status: 'held', holdExpiresAt: at('10:00') });
  });

  it('runs out by itself once its time has passed: an event in its history, and the slot is free again', ({ shop }) => {
    const hold = pencil(shop, 60);
    shop.clock.set(at('09:59'));
    expect(expireDueHolds(shop.store, shop.clock.now())).toBe(0);
    shop.clock.set(at('10:00'));
    expect(expireDueHolds(shop.store, shop.clock.now())).toBe(1);
    const ran = loadRow(shop.store, 'appointment', hold.id)!;
    expect(ran).toMatchObject({ status: 'cancelled', cancelReason: 'The hold ran out' });
    const history = entityHistory(shop.store, { entityType: 'appointment', entityId: hold.id });
    expect(history.map((event) => [event.type, event.actorStaffId])).toEqual([
      ['appointment.create', shop.receptionDesk.actor.staffId],
      ['appointment.expireHold', shop.receptionDesk.actor.staffId],
    ]);
    expect(book(shop, at('14:00'), { clientId: shop.clients[1]! }).row.status).toBe('booked');
    // Nothing left to close.
    expect(expireDueHolds(shop.store, shop.clock.now() + 60 * MIN_MS)).toBe(0);
  });

  it('refuses to close a hold before its time, and a released hold frees the slot with a reason', async ({ shop }) => {
    const hold = pencil(shop, 60);
    const early = await appErrorOfCall(() => expireHold(shop.receptionDesk, { idempotencyKey: key('x'), id: hold.id, expectedVersion: 1 }));
    expect(early).toMatchObject({ code: 'INVALID_TRANSITION', message: 'This hold runs until Tue 2 Jun 2026, 10:00.' });
    const released = releaseHold(shop.receptionDesk, { idempotencyKey: key('r'), id: hold.id, expectedVersion: 1 });
    expect(released.row).toMatchObject({ status: 'cancelled', cancelReason: 'Hold released' });
    const again = await appErrorOfCall(() => confirmHold(shop.receptionDesk, { idempotencyKey: key('c'), id: hold.id, expectedVersion: 2 }));
    expect(again).toMatchObject({ code: 'INVALID_TRANSITION', message: 'This time is not held: there is nothing to confirm.' });
  });

  it('a hold of a start already passed is refused like a booking', async ({ shop }) => {
    shop.clock.set(at('15:00'));
    const error = await appErrorOfCall(() => pencil(shop));
    expect(error.code).toBe('START_IN_PAST');
  });
});
