import { describe, expect, it } from 'vitest';
import type { WaitlistEntry, WalkIn } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { listRecovery } from '../../../src-main/core/recovery/recovery';
import { loadRow } from '../../../src-main/core/store/rows';
import { pairedDesks, syncUntilQuiet, waitForAMorning } from '../../support/sync/harness';

/**
 * The waitlist and walk-ins between two desks (issue 12, acceptance 6): entries and walk-ins made on
 * one desk reach the other, a booking from the waitlist and a walk-in who left too; two desks
 * changing the same entry at once end in the Recovery Center, neither overwritten.
 */

const MINUTE = 60_000;
/** Monday 1 June 2026, 08:00 in London, for every machine and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk-waiting-sync', SHOP_TIME);

describe('waiting clients between two desks', () => {
  it('a waitlist entry and a walk-in made on one desk reach the other, and so do their outcomes', async () => {
    const { a, b, shop, shopId, clock } = await desks.twoDesks('waiting-travel');
    const entry = waitForAMorning(a, shop);
    const walkIn = newId();
    b.run('walkIn', 'create', walkIn, { name: 'Wendy Walkin', serviceId: shop.serviceId });
    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);
    expect(loadRow(b.store, 'waitlist', entry)).toMatchObject({ status: 'waiting', clientId: shop.clientIds[0] });
    expect(loadRow(a.store, 'walkIn', walkIn)).toMatchObject({ status: 'waiting', name: 'Wendy Walkin' });

    const booking = newId();
    clock.advance(30 * MINUTE);
    b.run('appointment', 'create', booking, {
      clientId: shop.clientIds[0],
      staffId: shop.staffIds[1],
      serviceId: shop.serviceId,
      startsAt: clock.time + 60 * MINUTE,
    });
    b.run('waitlist', 'markBooked', entry, { appointmentId: booking });
    a.run('walkIn', 'leave', walkIn);
    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);
    expect(loadRow(a.store, 'waitlist', entry)).toMatchObject({ status: 'booked', appointmentId: booking, version: 2 });
    expect((loadRow(b.store, 'walkIn', walkIn) as WalkIn).status).toBe('left');
    await desks.expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  it('two desks acting on the same waitlist entry at once: the second waits in the Recovery Center', async () => {
    const { a, b, shop, shopId } = await desks.twoDesks('waiting-conflict');
    const entry = waitForAMorning(a, shop);
    await syncUntilQuiet([a, b]);
    a.run('waitlist', 'update', entry, { note: 'Mornings only' });
    b.run('waitlist', 'delete', entry);
    await syncUntilQuiet([a]);
    await syncUntilQuiet([b]);
    const item = listRecovery(b.store).items.find((candidate) => candidate.entityId === entry);
    expect(item?.kind).toBe('conflict');
    expect(item?.error?.code).toBe('VERSION_CONFLICT');
    expect((item?.serverRow as WaitlistEntry).note).toBe('Mornings only');
    // The shop's record keeps the first change; the other desk's removal waits for a person.
    expect((await desks.server.rows(shopId)).get(`waitlist:${entry}`)).toMatchObject({
      note: 'Mornings only',
      deletedAt: null,
      version: 2,
    });
    a.close();
    b.close();
  });
});
