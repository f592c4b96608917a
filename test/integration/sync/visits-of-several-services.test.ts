import { describe, expect, it } from 'vitest';
import { bookVisit, moveVisit, visitBookings } from '../../../src-main/core/appointments/visits';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import { pairedDesks, syncUntilQuiet } from '../../support/sync/harness';

/**
 * A visit of several services between two desks (issue 12, acceptance 6): booked on one desk, it
 * reaches the other as one visit (its services share their visitId); moved as one there, the move
 * comes back; both desks and the server end with the same rows.
 */

const ZONE = 'Europe/London';
/** Monday 1 June 2026, 08:00 in London, for every machine and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk-visits-of-services-sync', SHOP_TIME);

describe('a visit of several services between two desks', () => {
  it('booked on one desk and moved as one on the other, converging on both and the server', async () => {
    const { a, b, shop, shopId } = await desks.twoDesks('visit-of-services');
    const at = (time: string) => localTimeToInstant('2026-06-02', time, ZONE);
    const { visitId } = bookVisit(a.desk, {
      idempotencyKey: 'visit-of-services-book',
      clientId: shop.clientIds[0]!,
      segments: [
        { serviceId: shop.serviceId, staffId: shop.staffIds[0]!, startsAt: at('10:00') },
        { serviceId: shop.serviceId, staffId: shop.staffIds[1]!, startsAt: at('11:00') },
      ],
    });
    await syncUntilQuiet([a, b]);
    expect(visitBookings(b.store, visitId).map((booking) => localClockOf(booking.startsAt, ZONE))).toEqual([
      '10:00',
      '11:00',
    ]);

    moveVisit(b.desk, { idempotencyKey: 'visit-of-services-move', visitId, startsAt: at('13:00') });
    await syncUntilQuiet([b, a]);
    expect(visitBookings(a.store, visitId).map((booking) => localClockOf(booking.startsAt, ZONE))).toEqual([
      '13:00',
      '14:00',
    ]);
    await desks.expectConverged([a, b], shopId);
    a.close();
    b.close();
  });
});
