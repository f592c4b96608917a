import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebookOffer } from '../../../src-main/core/appointments/rebook';
import { createTimeOff } from '../../../src-main/core/staff/commands';
import { localClockOf, localDateOf, localTimeToInstant } from '../../../src-shared/time';
import { book, key, makeShop, type Shop } from '../../support/local/shop';

/** "Book again" (issue 12): the same service and person N weeks on, at the free time nearest the visit's own. */

const ZONE = 'Europe/London';

describe('book again', () => {
  let shop: Shop;
  beforeEach(async () => {
    shop = await makeShop({ now: localTimeToInstant('2026-06-02', '08:00', ZONE) });
  });
  afterEach(() => shop.close());

  it('offers the same time six weeks on, or the nearest free time that day, with the same person', () => {
    const visit = book(shop, localTimeToInstant('2026-06-02', '10:00', ZONE), { clientId: shop.clients[0]! });
    const free = rebookOffer(shop.store, { appointmentId: visit.row.id, weeks: 6 }, shop.clock.now())!;
    expect(localDateOf(free.startsAt, ZONE)).toBe('2026-07-14');
    expect(localClockOf(free.startsAt, ZONE)).toBe('10:00');
    expect(free).toMatchObject({ staffId: shop.staff[0].id, serviceId: visit.row.serviceId, clientId: visit.row.clientId, onWantedDate: true });

    // Someone else has 10:00 that day (a cut holds 10:00–10:40): 09:15 and 10:45 are as near; the earlier is offered.
    book(shop, localTimeToInstant('2026-07-14', '10:00', ZONE), { clientId: shop.clients[1]! });
    const near = rebookOffer(shop.store, { appointmentId: visit.row.id, weeks: 6 }, shop.clock.now())!;
    expect(localClockOf(near.startsAt, ZONE)).toBe('09:15');
  });

  it('moves to the nearest day when the person is away that day', () => {
    const visit = book(shop, localTimeToInstant('2026-06-02', '10:00', ZONE), { clientId: shop.clients[0]! });
    createTimeOff(shop.ownerDesk, {
      idempotencyKey: key('off'),
      staffId: shop.staff[0].id,
      kind: 'training',
      startsAt: localTimeToInstant('2026-07-14', '00:00', ZONE),
      endsAt: localTimeToInstant('2026-07-15', '00:00', ZONE),
    });
    const free = rebookOffer(shop.store, { appointmentId: visit.row.id, weeks: 6 }, shop.clock.now())!;
    expect(localDateOf(free.startsAt, ZONE)).toBe('2026-07-15');
    expect(localClockOf(free.startsAt, ZONE)).toBe('10:00');
    expect(free.onWantedDate).toBe(false);
  });
});
