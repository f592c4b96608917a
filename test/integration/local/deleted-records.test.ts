import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory } from '../../../src-main/api/trpc';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { loadRow } from '../../../src-main/core/store/rows';
import { localTimeToInstant } from '../../../src-shared/time';
import { book, everyDay, key, makeShop, type Shop } from '../../support/local/shop';

/** Issue 15: the owner sees deleted clients and bookings, with who deleted them and when, and brings them back. */

const zone = 'Europe/London';
const createCaller = createCallerFactory(appRouter);

describe('deleted records', () => {
  let shop: Shop;
  const callerAs = async (staffId: string) => {
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId });
    return createCaller({ store: shop.store, session, now: shop.clock.now, requestId: 'req-deleted' });
  };
  beforeEach(async () => {
    shop = await makeShop({
      openingHours: everyDay('09:00', '18:00'),
      now: localTimeToInstant('2026-06-02', '08:00', zone),
    });
  });
  afterEach(() => shop.close());

  it('lists deleted clients and bookings newest first with who deleted them and why; undelete brings each back and off the list', async () => {
    const [alice] = shop.staff;
    const owner = await callerAs(shop.owner.id);
    const reception = await callerAs(alice.id);
    const booking = book(shop, localTimeToInstant('2026-06-03', '10:00', zone), { staffId: alice.id }).row;
    const zoe = shop.clients[0] as string;

    shop.clock.advance(60_000);
    const deletedBooking = await reception.appointments.delete({
      idempotencyKey: key('del'),
      id: booking.id,
      expectedVersion: booking.version,
      reason: 'Booked twice by mistake',
    });
    shop.clock.advance(60_000);
    const zoeRow = loadRow(shop.store, 'client', zoe)!;
    const deletedClient = await owner.clients.delete({
      idempotencyKey: key('del'),
      id: zoe,
      expectedVersion: zoeRow.version,
    });

    const clients = await owner.history.deleted({ kind: 'client' });
    expect(clients.total).toBe(1);
    expect(clients.rows).toEqual([
      expect.objectContaining({
        id: zoe,
        name: 'Zoë Smith',
        deletedAt: shop.clock.now(),
        deletedByName: 'Olive Owner',
        version: deletedClient.row.version,
      }),
    ]);
    const bookings = await owner.history.deleted({ kind: 'appointment' });
    expect(bookings.rows).toEqual([
      expect.objectContaining({
        id: booking.id,
        clientName: 'Zoë Smith',
        serviceName: 'Cut',
        staffName: 'Alice',
        startsAt: booking.startsAt,
        deletedByName: 'Alice',
        reason: 'Booked twice by mistake',
        version: deletedBooking.row.version,
      }),
    ]);

    // Only the owner sees them.
    await expect(reception.history.deleted({ kind: 'client' })).rejects.toMatchObject({
      message: 'Only the shop owner can see deleted clients and bookings.',
      cause: { code: 'FORBIDDEN' },
    });

    // Brought back with the kind's own restore: off the list, and an event in the history.
    await owner.clients.restore({ idempotencyKey: key('undel'), id: zoe, expectedVersion: deletedClient.row.version });
    await owner.appointments.undelete({
      idempotencyKey: key('undel'),
      id: booking.id,
      expectedVersion: deletedBooking.row.version,
    });
    expect(await owner.history.deleted({ kind: 'client' })).toEqual({ total: 0, rows: [] });
    expect(await owner.history.deleted({ kind: 'appointment' })).toEqual({ total: 0, rows: [] });
    const history = await owner.history.ofEntity({ entityType: 'client', entityId: zoe });
    expect(history.map((event) => event.type)).toEqual(['client.create', 'client.delete', 'client.restore']);
  });

  it('a booking whose creation was undone counts as deleted by whoever undid it', async () => {
    const [alice] = shop.staff;
    const owner = await callerAs(shop.owner.id);
    const reception = await callerAs(alice.id);
    const created = await reception.appointments.create({
      idempotencyKey: key('mk'),
      clientId: shop.clients[1] as string,
      staffId: alice.id,
      serviceId: shop.services.colour,
      startsAt: localTimeToInstant('2026-06-03', '11:00', zone),
    });
    await owner.appointments.undo({
      idempotencyKey: key('undo'),
      id: created.row.id,
      expectedVersion: created.row.version,
      eventId: created.event.id,
    });
    const bookings = await owner.history.deleted({ kind: 'appointment' });
    expect(bookings.rows).toEqual([
      expect.objectContaining({
        id: created.row.id,
        clientName: 'Ann Other',
        serviceName: 'Colour',
        deletedByName: 'Olive Owner',
      }),
    ]);
  });
});
