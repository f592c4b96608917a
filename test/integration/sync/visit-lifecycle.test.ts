import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { keepServerVersion, listRecovery } from '../../../src-main/core/recovery/recovery';
import { entitySyncStates } from '../../../src-main/core/outbox/syncState';
import { loadRow } from '../../../src-main/core/store/rows';
import { events } from '../../../src-main/core/store/schema';
import { and, desc, eq } from 'drizzle-orm';
import { Clock, Machine, pairedDesks, setUpShop, syncUntilQuiet, type ShopSetup } from '../../support/sync/harness';

/**
 * The visit lifecycle between two desks (issue 12, acceptance 6): check-in, start and checkout
 * travel like every change, an undo too, and two desks checking in the same client at once end in
 * the Recovery Center with both versions side by side — neither overwritten.
 */

const MINUTE = 60_000;
/** Monday 1 June 2026, 08:00 in London, for every machine and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk-visits-sync', SHOP_TIME);

function bookAt(machine: Machine, shop: ShopSetup, startsAt: number): string {
  const id = newId();
  machine.run('appointment', 'create', id, {
    clientId: shop.clientIds[0],
    staffId: shop.staffIds[1],
    serviceId: shop.serviceId,
    startsAt,
  });
  return id;
}

const appointmentOn = (machine: Machine, id: string) => loadRow(machine.store, 'appointment', id) as Appointment;

function lastEventId(machine: Machine, id: string): string {
  const row = machine.store.db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.entityType, 'appointment'), eq(events.entityId, id)))
    .orderBy(desc(events.seq))
    .get();
  return row!.id;
}

/** Two paired desks with a booking made on the first for an hour from now, on both by the time the test starts. */
async function bookedOnBoth(name: string) {
  const paired = await desks.twoDesks(name);
  const id = bookAt(paired.a, paired.shop, paired.clock.time + 60 * MINUTE);
  await syncUntilQuiet([paired.a, paired.b]);
  return { ...paired, id };
}

describe('visit lifecycle between two desks', () => {
  it('check-in, start and checkout made on one desk reach the other; an undo of the checkout too', async () => {
    const { a, b, id, shopId, clock } = await bookedOnBoth('visit-steps');
    clock.advance(55 * MINUTE);
    a.run('appointment', 'checkIn', id);
    const arrivedAt = clock.time;
    await syncUntilQuiet([a, b]);
    expect(appointmentOn(b, id)).toMatchObject({ status: 'arrived', arrivedAt, version: 2 });
    clock.advance(5 * MINUTE);
    b.run('appointment', 'startService', id);
    await syncUntilQuiet([b, a]);
    expect(appointmentOn(a, id)).toMatchObject({ status: 'in_service', serviceStartedAt: clock.time, version: 3 });
    clock.advance(30 * MINUTE);
    a.run('appointment', 'checkOut', id, { priceCents: 4500, discountCents: 500, checkoutNote: 'Loyalty card' });
    await syncUntilQuiet([a, b]);
    expect(appointmentOn(b, id)).toMatchObject({
      status: 'completed',
      priceCents: 4500,
      discountCents: 500,
      checkoutNote: 'Loyalty card',
      version: 4,
    });
    b.run('appointment', 'undo', id, { eventId: lastEventId(b, id) });
    await syncUntilQuiet([b, a]);
    expect(appointmentOn(a, id)).toMatchObject({
      status: 'in_service',
      completedAt: null,
      priceCents: null,
      discountCents: null,
      version: 5,
    });
    await desks.expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  it('two desks checking in the same client at once: the second waits in the Recovery Center, neither arrival overwritten', async () => {
    const { a, b, id, shopId, clock } = await bookedOnBoth('visit-conflict');
    clock.advance(50 * MINUTE);
    a.run('appointment', 'checkIn', id);
    const arrivedOnA = clock.time;
    clock.advance(2 * MINUTE);
    b.run('appointment', 'checkIn', id);
    const arrivedOnB = clock.time;
    await syncUntilQuiet([a]);
    await syncUntilQuiet([b]);

    const item = listRecovery(b.store).items.find((candidate) => candidate.entityId === id);
    expect(item?.kind).toBe('conflict');
    expect(item?.error?.code).toBe('VERSION_CONFLICT');
    expect(item?.changes.map((change) => change.op)).toEqual(['checkIn']);
    // Side by side: this desk's arrival and the shop's, each as it was recorded.
    expect((item?.localRow as Appointment).arrivedAt).toBe(arrivedOnB);
    expect((item?.serverRow as Appointment).arrivedAt).toBe(arrivedOnA);
    expect(appointmentOn(b, id)).toMatchObject({ status: 'arrived', arrivedAt: arrivedOnB });
    expect(entitySyncStates(b.store, 'appointment', [id]).get(id)?.state).toBe('conflict');
    // The shop's record keeps the first arrival; the other desk never overwrote it.
    expect((await desks.server.rows(shopId)).get(`appointment:${id}`)).toMatchObject({
      status: 'arrived',
      arrivedAt: arrivedOnA,
      version: 2,
    });
    expect(appointmentOn(a, id)).toMatchObject({ arrivedAt: arrivedOnA, version: 2 });

    keepServerVersion(b.desk, item!);
    await syncUntilQuiet([b, a]);
    expect(listRecovery(b.store).items).toHaveLength(0);
    expect(appointmentOn(b, id)).toMatchObject({ status: 'arrived', arrivedAt: arrivedOnA, version: 2 });
    await desks.expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  it('visits checked in and out on a desk used alone reach the shop when it pairs, stage by stage', async () => {
    desks.serverClock.set(SHOP_TIME);
    const clock = new Clock(SHOP_TIME);
    const solo = new Machine({ dir: desks.dir, name: 'visit-solo', clock: clock.now });
    const shop = setUpShop(solo);
    const done = bookAt(solo, shop, clock.time + 60 * MINUTE);
    const waiting = newId();
    solo.run('appointment', 'create', waiting, {
      clientId: shop.clientIds[1],
      staffId: shop.staffIds[0],
      serviceId: shop.serviceId,
      startsAt: clock.time + 90 * MINUTE,
    });
    clock.advance(55 * MINUTE);
    desks.serverClock.advance(55 * MINUTE);
    solo.run('appointment', 'checkIn', done);
    solo.run('appointment', 'checkIn', waiting);
    solo.run('appointment', 'startService', done);
    solo.run('appointment', 'checkOut', done, { priceCents: 4500, discountCents: 500, checkoutNote: 'Loyalty card' });
    const created = await desks.server.createShop('Visit solo');
    await solo.pair(desks.server, created.code);
    await syncUntilQuiet([solo]);
    expect(listRecovery(solo.store).items).toEqual([]);
    const rows = await desks.server.rows(created.shopId);
    expect(rows.get(`appointment:${done}`)).toMatchObject({
      status: 'completed',
      priceCents: 4500,
      discountCents: 500,
      checkoutNote: 'Loyalty card',
      arrivedAt: expect.any(Number),
    });
    expect(rows.get(`appointment:${waiting}`)).toMatchObject({
      status: 'arrived',
      arrivedAt: expect.any(Number),
      serviceStartedAt: null,
    });
    solo.close();
  });
});
