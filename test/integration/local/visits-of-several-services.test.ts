import { describe, expect } from 'vitest';
import { bookVisit, cancelVisit, moveVisit, undoVisitChange, visitBookings } from '../../../src-main/core/appointments/visits';
import { loadRow } from '../../../src-main/core/store/rows';
import { localClockOf, localTimeToInstant } from '../../../src-shared/time';
import { appErrorOfCall, book, key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/** A visit of several services (issue 12): booked, moved, cancelled and undone as one; each service checked. */

const ZONE = 'Europe/London';
const at = (time: string) => localTimeToInstant('2026-06-02', time, ZONE);

const it = shopTest({ now: at('08:00') });

describe('a cut, then a colour, then a blow-dry, as one visit', () => {
  /** Cut (30 min + 10 buffer) with Alice at 10:00, colour (60 min) with Bob at 10:30, a second cut with Alice at 11:30. */
  function threeServices(shop: Shop) {
    const [alice, bob] = shop.staff;
    return [
      { serviceId: shop.services.cut, staffId: alice.id, startsAt: at('10:00') },
      { serviceId: shop.services.colour, staffId: bob.id, startsAt: at('10:30') },
      { serviceId: shop.services.cut, staffId: alice.id, startsAt: at('11:30') },
    ];
  }

  it('books every service with its own staff member and time, as one visit', ({ shop }) => {
    const { visitId, bookings } = bookVisit(shop.receptionDesk, { idempotencyKey: key('visit'), clientId: shop.clients[0]!, segments: threeServices(shop) });
    expect(bookings.map((booking) => [localClockOf(booking.startsAt, ZONE), booking.staffId, booking.visitId])).toEqual([
      ['10:00', shop.staff[0].id, visitId],
      ['10:30', shop.staff[1].id, visitId],
      ['11:30', shop.staff[0].id, visitId],
    ]);
    expect(visitBookings(shop.store, visitId)).toHaveLength(3);
  });

  it('books none when one service cannot be booked, and says which in words', async ({ shop }) => {
    // Bob is busy at 10:30.
    book(shop, at('10:30'), { staffId: shop.staff[1].id, clientId: shop.clients[1]! });
    const error = await appErrorOfCall(() =>
      bookVisit(shop.receptionDesk, { idempotencyKey: key('visit'), clientId: shop.clients[0]!, segments: threeServices(shop) }),
    );
    expect(error.code).toBe('SLOT_TAKEN');
    const count = shop.store.sqlite.prepare('SELECT count(*) AS n FROM appointments WHERE visit_id IS NOT NULL').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('refuses a service that starts before the one before it ends: one chair at a time', async ({ shop }) => {
    const segments = threeServices(shop);
    segments[1] = { ...segments[1]!, startsAt: at('10:15') };
    const error = await appErrorOfCall(() => bookVisit(shop.receptionDesk, { idempotencyKey: key('visit'), clientId: shop.clients[0]!, segments }));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Colour would start before Cut ends: the client can be in one chair at a time.' });
    expect(shop.store.sqlite.prepare('SELECT count(*) AS n FROM appointments').get()).toEqual({ n: 0 });
  });

  it('moves, cancels and undoes as one', ({ shop }) => {
    const { visitId } = bookVisit(shop.receptionDesk, { idempotencyKey: key('visit'), clientId: shop.clients[0]!, segments: threeServices(shop) });
    const moved = moveVisit(shop.receptionDesk, { idempotencyKey: key('move'), visitId, startsAt: at('13:00') });
    expect(moved.map((booking) => localClockOf(booking.startsAt, ZONE))).toEqual(['13:00', '13:30', '14:30']);
    const back = undoVisitChange(shop.receptionDesk, { idempotencyKey: key('undo'), visitId });
    expect(back.map((booking) => localClockOf(booking.startsAt, ZONE)).sort()).toEqual(['10:00', '10:30', '11:30']);

    const cancelled = cancelVisit(shop.receptionDesk, { idempotencyKey: key('cancel'), visitId, reason: 'Client unwell' });
    expect(cancelled.map((booking) => booking.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    undoVisitChange(shop.receptionDesk, { idempotencyKey: key('undo'), visitId });
    expect(visitBookings(shop.store, visitId).map((booking) => booking.status)).toEqual(['booked', 'booked', 'booked']);
  });

  it('a visit whose services were last changed one by one is undone service by service', async ({ shop }) => {
    const { visitId, bookings } = bookVisit(shop.receptionDesk, { idempotencyKey: key('visit'), clientId: shop.clients[0]!, segments: threeServices(shop) });
    const first = loadRow(shop.store, 'appointment', bookings[0]!.id)!;
    const { updateAppointmentNotes } = await import('../../../src-main/core/appointments/commands');
    updateAppointmentNotes(shop.receptionDesk, { idempotencyKey: key('n'), id: first.id, expectedVersion: first.version, notes: 'Fringe' });
    const error = await appErrorOfCall(() => undoVisitChange(shop.receptionDesk, { idempotencyKey: key('undo'), visitId }));
    expect(error.code).toBe('UNDO_NOT_ALLOWED');
  });
});
