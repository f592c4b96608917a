import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelAppointment } from '../../../src-main/core/appointments/commands';
import { createWaitlistEntry, markWaitlistEntryBooked } from '../../../src-main/core/waitlist/commands';
import { waitingList, waitlistFitting } from '../../../src-main/core/waitlist/queries';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import { appErrorOfCall, book, key, makeShop, type Shop } from '../../support/local/shop';

/** The waitlist on the desk (issue 12, acceptance 4): a freed time shows who it fits, with the time to book. */

const ZONE = 'Europe/London';
const TUESDAY = '2026-06-02';

describe('the waitlist', () => {
  let shop: Shop;
  beforeEach(async () => {
    shop = await makeShop({ now: Date.UTC(2026, 5, 1, 8, 0) });
  });
  afterEach(() => shop.close());

  function wait(overrides: Partial<Parameters<typeof createWaitlistEntry>[1]> = {}) {
    return createWaitlistEntry(shop.receptionDesk, {
      idempotencyKey: key('wait'),
      clientId: shop.clients[1]!,
      serviceId: shop.services.cut,
      fromDate: '2026-06-01',
      toDate: '2026-06-05',
      fromTime: '09:00',
      toTime: '12:00',
      ...overrides,
    }).row;
  }

  it("a cancelled booking's time is offered to the entries it fits, at the time it frees", () => {
    const alice = shop.staff[0];
    const bob = shop.staff[1];
    const booking = book(shop, localTimeToInstant(TUESDAY, '10:00', ZONE), { staffId: alice.id }).row;
    const anyone = wait();
    const withAlice = wait({ staffId: alice.id, clientId: shop.clients[2]! });
    wait({ staffId: bob.id }); // wants Bob only
    wait({ fromTime: '13:00', toTime: '17:00' }); // afternoons only
    wait({ fromDate: '2026-06-03', toDate: '2026-06-05' }); // from Wednesday
    const freed = { staffId: alice.id, from: booking.blockStartsAt ?? booking.startsAt, to: booking.blockEndsAt };
    expect(waitlistFitting(shop.store, freed, shop.clock.now())).toEqual([]);

    cancelAppointment(shop.receptionDesk, { idempotencyKey: key('c'), id: booking.id, expectedVersion: 1, reason: 'Unwell' });
    const fits = waitlistFitting(shop.store, freed, shop.clock.now());
    expect(fits.map((fit) => fit.id)).toEqual([anyone.id, withAlice.id]);
    for (const fit of fits) {
      expect(fit.offer.staffId).toBe(alice.id);
      expect(localClockOf(fit.offer.startsAt, ZONE)).toBe('10:00');
    }
    expect(fits[0]!.client.name).toBeTruthy();
    expect(fits[0]!.service.name).toBe('Cut');
  });

  it('an entry booked or whose window has ended is no longer waiting', () => {
    const entry = wait();
    const later = wait({ fromDate: '2026-06-10', toDate: '2026-06-12' });
    const booking = book(shop, localTimeToInstant(TUESDAY, '10:00', ZONE), { clientId: shop.clients[1]! }).row;
    markWaitlistEntryBooked(shop.receptionDesk, { idempotencyKey: key('b'), id: entry.id, expectedVersion: 1, appointmentId: booking.id });
    expect(waitingList(shop.store, shop.clock.now()).map((row) => row.id)).toEqual([later.id]);
    shop.clock.set(Date.UTC(2026, 5, 13, 8, 0));
    expect(waitingList(shop.store, shop.clock.now())).toEqual([]);
  });

  it('refuses a window that ends before it starts, in words, and writes nothing', async () => {
    const days = await appErrorOfCall(() => wait({ fromDate: '2026-06-05', toDate: '2026-06-01' }));
    expect(days).toMatchObject({ code: 'VALIDATION_ERROR', message: 'The last day must be on or after the first day.' });
    const times = await appErrorOfCall(() => wait({ fromTime: '12:00', toTime: '09:00' }));
    expect(times).toMatchObject({ code: 'VALIDATION_ERROR', message: 'The latest time must be after the earliest time.' });
    const long = await appErrorOfCall(() => wait({ toDate: '2026-12-01' }));
    expect(long.message).toBe('A waitlist entry can cover at most three months. For longer, add another later.');
    expect(waitingList(shop.store, shop.clock.now())).toEqual([]);
  });
});
