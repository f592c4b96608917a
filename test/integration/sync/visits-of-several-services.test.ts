import { describe, expect, it } from 'vitest';
import { bookVisit, moveVisit, visitBookings } from '../../../src-main/core/appointments/visits';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import type { Machine } from '../../support/sync/harness';
import {
  Clock,
  syncUntilQuiet,
  syncTestbed,
  twoPairedDesks,
  expectConverged as expectConvergedOn,
} from '../../support/sync/harness';

/**
 * A visit of several services between two desks (issue 12, acceptance 6): booked on one desk, it
 * reaches the other as one visit (its services share their visitId); moved as one there, the move
 * comes back; both desks and the server end with the same rows.
 */

const ZONE = 'Europe/London';
/** Monday 1 June 2026, 08:00 in London, for every machine and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const serverClock = new Clock(SHOP_TIME);
const bed = syncTestbed('caredesk-visits-of-services-sync', { clock: serverClock });

const twoMachines = (name: string) => twoPairedDesks(bed.server, serverClock, bed.dir, name, SHOP_TIME);
const expectConverged = (machines: Machine[], shopId: string) => expectConvergedOn(bed.server, machines, shopId);

describe('a visit of several services between two desks', () => {
  it('booked on one desk and moved as one on the other, converging on both and the server', async () => {
    const { a, b, shop, shopId } = await twoMachines('visit-of-services');
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
    await expectConverged([a, b], shopId);
    a.close();
    b.close();
  });
});
