import { describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import type { Appointment, Staff } from '../../../src-shared/entities';
import { listRecovery } from '../../../src-main/core/recovery/recovery';
import { Clock, Machine, setUpShop, syncUntilQuiet, syncTestbed } from '../../support/sync/harness';

const MIN = 60_000;
/** Tuesday 3 March 2026, 09:00 in London: a fixed instant, never the machine's date. */
const SHOP_TIME = Date.UTC(2026, 2, 3, 9, 0);

const bed = syncTestbed('caredesk-upload-actors');

describe('a standalone desk that pairs uploads its rows in the name of people the shop lets act', () => {
  it('a booking made by someone since deactivated, and an owner who stepped down first, reach the server', async () => {
    const clock = new Clock(SHOP_TIME);
    const solo = new Machine({ dir: bed.dir, name: 'solo', clock: clock.now });
    const shop = setUpShop(solo, { staff: 3, clients: 2 });
    const leaver = shop.staffIds[1]!;

    // The leaver books a client, then leaves the shop.
    const owner = solo.actor;
    solo.actor = { staffId: leaver, role: 'staff' };
    const booking = newId();
    solo.run('appointment', 'create', booking, {
      clientId: shop.clientIds[0],
      staffId: shop.staffIds[2],
      serviceId: shop.serviceId,
      startsAt: SHOP_TIME + 26 * 60 * MIN,
      allowOutsideHours: true,
    });
    solo.actor = owner;

    // A second owner takes over and the first one steps down: the first-created owner is inactive.
    const successor = newId();
    solo.run('staff', 'create', successor, { name: 'Nia New-Owner', colour: '#335577', role: 'owner' });
    solo.actor = { staffId: successor, role: 'owner' };
    solo.run('staff', 'deactivate', shop.ownerId, {});
    solo.run('staff', 'deactivate', leaver, {});

    const created = await bed.server.createShop('Upload shop');
    await solo.pair(bed.server, created.code);
    await syncUntilQuiet([solo]);

    expect(listRecovery(solo.store).items).toEqual([]);
    const rows = await bed.server.rows(created.shopId);
    expect((rows.get(`appointment:${booking}`) as Appointment).status).toBe('booked');
    expect((rows.get(`staff:${shop.ownerId}`) as Staff).active).toBe(false);
    expect((rows.get(`staff:${leaver}`) as Staff).active).toBe(false);
    expect((rows.get(`staff:${successor}`) as Staff).active).toBe(true);
  });
});
