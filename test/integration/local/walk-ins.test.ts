import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWalkIn, markWalkInLeft, undoWalkInChange } from '../../../src-main/core/walkIns/commands';
import { seatWalkIn, walkInQueue } from '../../../src-main/core/walkIns/queue';
import { loadRow } from '../../../src-main/core/store/rows';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import { appErrorOfCall, book, key, makeShop, type Shop } from '../../support/local/shop';

/** Walk-ins on the desk (issue 12): the queue's estimated times, seating with the next free person, leaving unserved. */

const ZONE = 'Europe/London';
const TEN = localTimeToInstant('2026-06-02', '10:00', ZONE);

describe('walk-ins', () => {
  let shop: Shop;
  beforeEach(async () => {
    shop = await makeShop({ now: TEN });
  });
  afterEach(() => shop.close());

  it('the queue gives each walk-in, in arrival order, the earliest free time no one ahead of them has', () => {
    const [alice, bob] = shop.staff;
    // Everyone but Alice and Bob is busy: the owner does not do cuts.
    book(shop, TEN, { staffId: alice.id });
    book(shop, TEN, { staffId: shop.owner.id });
    const first = createWalkIn(shop.receptionDesk, { idempotencyKey: key('w'), name: 'Wendy First', serviceId: shop.services.cut }).row;
    shop.clock.advance(60_000);
    const second = createWalkIn(shop.receptionDesk, { idempotencyKey: key('w'), name: 'Walter Second', serviceId: shop.services.cut, staffId: bob.id }).row;
    const queue = walkInQueue(shop.store, shop.clock.now());
    expect(queue.map((row) => row.id)).toEqual([first.id, second.id]);
    // Wendy takes Bob's next five minutes; Walter, who asked for Bob, waits until Bob is free after her cut and its buffer.
    expect(queue[0]!.offer).toMatchObject({ staffId: bob.id });
    expect(localClockOf(queue[0]!.offer!.startsAt, ZONE)).toBe('10:05');
    expect(queue[1]!.offer).toMatchObject({ staffId: bob.id });
    expect(localClockOf(queue[1]!.offer!.startsAt, ZONE)).toBe('10:45');
  });

  it('seating books the next free qualified person, makes a client of a first-time walk-in and marks them seated', () => {
    const walkIn = createWalkIn(shop.receptionDesk, { idempotencyKey: key('w'), name: 'Nina New', serviceId: shop.services.cut, note: 'Fringe only' }).row;
    const seated = seatWalkIn(shop.receptionDesk, { idempotencyKey: key('seat'), id: walkIn.id });
    expect(seated.walkIn).toMatchObject({ status: 'seated', appointmentId: seated.appointment.id });
    expect(seated.appointment.startsAt).toBeGreaterThanOrEqual(shop.clock.now());
    expect(seated.appointment.notes).toBe('Walk-in: Fringe only');
    const client = loadRow(shop.store, 'client', seated.walkIn.clientId!)!;
    expect(client.name).toBe('Nina New');
    expect(walkInQueue(shop.store, shop.clock.now())[0]).toMatchObject({ status: 'seated', offer: null });
  });

  it('a walk-in who leaves is recorded, can be undone, and cannot be seated once gone', async () => {
    const walkIn = createWalkIn(shop.receptionDesk, { idempotencyKey: key('w'), name: 'Larry Leaves', serviceId: shop.services.cut }).row;
    const left = markWalkInLeft(shop.receptionDesk, { idempotencyKey: key('l'), id: walkIn.id, expectedVersion: 1 });
    expect(left.row.status).toBe('left');
    const refused = await appErrorOfCall(() => seatWalkIn(shop.receptionDesk, { idempotencyKey: key('seat'), id: walkIn.id }));
    expect(refused).toMatchObject({ code: 'INVALID_TRANSITION', message: 'Larry Leaves is no longer waiting.' });
    undoWalkInChange(shop.receptionDesk, { idempotencyKey: key('u'), id: walkIn.id, expectedVersion: 2, eventId: left.event.id });
    expect(loadRow(shop.store, 'walkIn', walkIn.id)!.status).toBe('waiting');
  });

  it('a walk-in needs a name or a client, in words, and nothing is written', async () => {
    const error = await appErrorOfCall(() => createWalkIn(shop.receptionDesk, { idempotencyKey: key('w'), serviceId: shop.services.cut }));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Give the walk-in’s name or choose the client.' });
    expect(walkInQueue(shop.store, shop.clock.now())).toEqual([]);
  });
});
