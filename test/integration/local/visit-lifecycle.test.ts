import { describe, expect } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { eventLabels, wordingOf } from '../../../src-shared/registry';
import { checkIn, checkOut, startService, undoAppointmentChange, cancelAppointment } from '../../../src-main/core/appointments/commands';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { clientVisits } from '../../../src-main/core/clients/queries';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { loadRow } from '../../../src-main/core/store/rows';
import { buildPrintableSchedule, renderScheduleHtml } from '../../../src-main/files/print/schedule';
import { updateService } from '../../../src-main/core/services/commands';
import { checkInvariants } from '../../support/local/invariants';
import { book, key, MIN_MS, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';
import { refusal } from '../../support/refusal';

/**
 * The visit lifecycle on the desk's real SQLite store: each step writes its row and its event,
 * undo walks back one stage at a time, a refusal writes nothing, and the day view, the client's
 * visits, the printed day and the history read the stages.
 */

const DAY = '2026-06-01';
/** 10:00 in London on the shop's day (the shop's clock starts at 07:00 local). */
const TEN = Date.UTC(2026, 5, 1, 9, 0);

const it = shopTest();
const row = (shop: Shop, id: string) => loadRow(shop.store, 'appointment', id) as Appointment;

describe('visit lifecycle on the desk', () => {
  it('check in, start, check out: each a new event with who and when; undo walks back one stage at a time', ({ shop }) => {
    updateService(shop.ownerDesk, { idempotencyKey: key('price'), id: shop.services.cut, expectedVersion: 1, priceCents: 4500 });
    const id = book(shop, TEN).row.id;
    shop.clock.set(TEN - 5 * MIN_MS);
    checkIn(shop.receptionDesk, { idempotencyKey: key('in'), id, expectedVersion: 1 });
    expect(row(shop, id)).toMatchObject({ status: 'arrived', arrivedAt: TEN - 5 * MIN_MS, version: 2 });
    shop.clock.set(TEN + 2 * MIN_MS);
    startService(shop.receptionDesk, { idempotencyKey: key('start'), id, expectedVersion: 2 });
    shop.clock.set(TEN + 35 * MIN_MS);
    checkOut(shop.receptionDesk, { idempotencyKey: key('out'), id, expectedVersion: 3, discountCents: 500, checkoutNote: 'Loyalty card' });
    expect(row(shop, id)).toMatchObject({
      status: 'completed',
      arrivedAt: TEN - 5 * MIN_MS,
      serviceStartedAt: TEN + 2 * MIN_MS,
      completedAt: TEN + 35 * MIN_MS,
      priceCents: 4500,
      discountCents: 500,
      checkoutNote: 'Loyalty card',
    });

    const history = entityHistory(shop.store, { entityType: 'appointment', entityId: id });
    const steps = history.filter((event) => ['appointment.checkIn', 'appointment.startService', 'appointment.checkOut'].includes(event.type));
    expect(steps.map((event) => [event.type, event.actorStaffId, event.at])).toEqual(
      expect.arrayContaining([
        ['appointment.checkIn', shop.staff[0].id, TEN - 5 * MIN_MS],
        ['appointment.startService', shop.staff[0].id, TEN + 2 * MIN_MS],
        ['appointment.checkOut', shop.staff[0].id, TEN + 35 * MIN_MS],
      ]),
    );

    // Each undo returns to the stage before, newest first.
    const undoLatest = (expectedVersion: number) => {
      const latest = entityHistory(shop.store, { entityType: 'appointment', entityId: id })
        .filter((event) => event.type !== 'appointment.undo' && event.undoneByEventId === null)
        .at(-1);
      return undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('undo'), id, expectedVersion, eventId: latest!.id });
    };
    undoLatest(4);
    expect(row(shop, id)).toMatchObject({ status: 'in_service', completedAt: null, priceCents: null, discountCents: null, checkoutNote: null });
    undoLatest(5);
    expect(row(shop, id)).toMatchObject({ status: 'arrived', serviceStartedAt: null, arrivedAt: TEN - 5 * MIN_MS });
    undoLatest(6);
    expect(row(shop, id)).toMatchObject({ status: 'booked', arrivedAt: null, version: 7 });
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('refusals in a receptionist’s words, nothing written', ({ shop }) => {
    updateService(shop.ownerDesk, { idempotencyKey: key('price'), id: shop.services.cut, expectedVersion: 1, priceCents: 4500 });
    const id = book(shop, TEN).row.id;
    const tomorrow = book(shop, TEN + 24 * 60 * MIN_MS).row.id;
    shop.clock.set(TEN - 5 * MIN_MS);
    const early = refusal(() => checkIn(shop.receptionDesk, { idempotencyKey: key('early'), id: tomorrow, expectedVersion: 1 }));
    expect(early.code).toBe('INVALID_TRANSITION');
    expect(early.message).toBe('This appointment is on Tuesday 2 June 2026. A client can be checked in on the day of their appointment.');
    expect(refusal(() => startService(shop.receptionDesk, { idempotencyKey: key('s'), id, expectedVersion: 1 })).message).toBe('Check the client in first.');
    checkIn(shop.receptionDesk, { idempotencyKey: key('in'), id, expectedVersion: 1 });
    const cancel = refusal(() => cancelAppointment(shop.receptionDesk, { idempotencyKey: key('c'), id, expectedVersion: 2, reason: 'Changed mind' }));
    expect(cancel.message).toBe('This client has already checked in, so the appointment cannot be cancelled. Undo the check-in first.');
    const tooMuch = refusal(() => checkOut(shop.receptionDesk, { idempotencyKey: key('o'), id, expectedVersion: 2, discountCents: 5000 }));
    expect(tooMuch).toMatchObject({ code: 'VALIDATION_ERROR', message: 'The discount cannot be more than the price.', details: { field: 'discountCents' } });
    const negative = refusal(() => checkOut(shop.receptionDesk, { idempotencyKey: key('n'), id, expectedVersion: 2, priceCents: -1 }));
    expect(negative.code).toBe('VALIDATION_ERROR');
    expect(negative.message).toBe('Price must be at least 0.');
    expect(row(shop, id)).toMatchObject({ status: 'arrived', version: 2, priceCents: null });
  });

  it('the day view, the client’s visits, the printed day and the wording read the stages', ({ shop }) => {
    updateService(shop.ownerDesk, { idempotencyKey: key('price'), id: shop.services.cut, expectedVersion: 1, priceCents: 4500 });
    const done = book(shop, TEN).row.id;
    const waiting = book(shop, TEN + 60 * MIN_MS, { clientId: shop.clients[1]! }).row.id;
    shop.clock.set(TEN);
    checkIn(shop.receptionDesk, { idempotencyKey: key('a'), id: done, expectedVersion: 1 });
    checkOut(shop.receptionDesk, { idempotencyKey: key('b'), id: done, expectedVersion: 2, priceCents: 4000 });
    checkIn(shop.receptionDesk, { idempotencyKey: key('c'), id: waiting, expectedVersion: 1 });

    const day = dayView(shop.store, { date: DAY });
    const byId = new Map(day.appointments.map((appointment) => [appointment.id, appointment]));
    expect(byId.get(done)).toMatchObject({ status: 'completed', priceCents: 4000, discountCents: 0, listPriceCents: 4500 });
    expect(byId.get(waiting)).toMatchObject({ status: 'arrived', arrivedAt: TEN, listPriceCents: 4500 });

    // A visit checked in counts as attended even before its start.
    expect(clientVisits(shop.store, shop.clients[1]!, shop.clock.now()).counts).toMatchObject({ attended: 1, upcoming: 0 });

    const printed = buildPrintableSchedule(shop.store, { date: DAY }, shop.clock.now());
    expect(printed.counts.booked).toBe(2);
    const html = renderScheduleHtml(printed);
    expect(html).toContain('<span class="badge">Done</span>');
    expect(html).toContain('<span class="badge">Arrived</span>');

    expect(eventLabels['appointment.checkIn']).toBe('Checked in');
    expect(eventLabels['appointment.startService']).toBe('Service started');
    expect(eventLabels['appointment.checkOut']).toBe('Checked out');
    expect(wordingOf('appointment.checkIn')?.verb).toBe('checked in');
  });
});
