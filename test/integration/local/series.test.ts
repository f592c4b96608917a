import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookSeries, cancelFollowing, moveFollowing, seriesVisits } from '../../../src-main/core/appointments/series';
import { createTimeOff } from '../../../src-main/core/staff/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { occurrenceDates } from '../../../src-shared/recurrence';
import { localClockOf, localDateOf, localTimeToInstant } from '../../../src-shared/time';
import { appErrorOfCall, book, key, makeShop, type Shop } from '../../support/local/shop';

/** Repeating bookings on the desk (issue 12, acceptance 3): every visit passes every rule, refusals are listed. */

const ZONE = 'Europe/London';
/** Tuesday 6 October 2026, 10:00 in London (BST): the clocks go back on Sunday 25 October. */
const FIRST = localTimeToInstant('2026-10-06', '10:00', ZONE);

/** A cut every week at 10:00 from Tuesday 6 October 2026, `count` visits, for the first client with Alice. */
const weeklyCuts = (shop: Shop, count: number) =>
  bookSeries(shop.receptionDesk, {
    idempotencyKey: key('series'),
    clientId: shop.clients[0]!,
    staffId: shop.staff[0].id,
    serviceId: shop.services.cut,
    startsAt: FIRST,
    repeat: { everyWeeks: 1, count },
  });

describe('a weekly series over 12 weeks across the end of summer time and a holiday', () => {
  let shop: Shop;
  beforeEach(async () => {
    shop = await makeShop({ now: Date.UTC(2026, 9, 1, 8, 0) });
  });
  afterEach(() => shop.close());

  it('books every visit at 10:00 local, and lists the holiday visits with why', () => {
    const alice = shop.staff[0];
    // Alice is on holiday the weeks of 3 and 10 November.
    createTimeOff(shop.ownerDesk, {
      idempotencyKey: key('off'),
      staffId: alice.id,
      kind: 'holiday',
      startsAt: localTimeToInstant('2026-11-02', '00:00', ZONE),
      endsAt: localTimeToInstant('2026-11-15', '00:00', ZONE),
    });
    const outcome = weeklyCuts(shop, 12);
    expect(outcome.done).toHaveLength(10);
    expect(outcome.missed.map((miss) => miss.date)).toEqual(['2026-11-03', '2026-11-10']);
    for (const miss of outcome.missed) {
      expect(miss.code).toBe('OUTSIDE_SCHEDULE');
      expect(miss.message).toMatch(new RegExp(`^${alice.name} is on holiday then`));
    }
    // Every visit at 10:00 in London, before and after the clocks go back (09:00Z then 10:00Z).
    for (const visit of outcome.done) {
      expect(localClockOf(visit.startsAt, ZONE)).toBe('10:00');
      expect(visit.seriesId).toBe(outcome.seriesId);
    }
    expect(new Date(outcome.done[0]!.startsAt).toISOString()).toBe('2026-10-06T09:00:00.000Z');
    expect(new Date(outcome.done.at(-1)!.startsAt).toISOString()).toBe('2026-12-22T10:00:00.000Z');
    expect(seriesVisits(shop.receptionDesk, outcome.seriesId).map((visit) => localDateOf(visit.startsAt, ZONE))).toEqual(
      occurrenceDates('2026-10-06', { everyWeeks: 1, count: 12 }).filter((date) => !['2026-11-03', '2026-11-10'].includes(date)),
    );
  });

  it('a visit taken by another booking is listed; the same request again answers the same and books nothing twice', () => {
    book(shop, localTimeToInstant('2026-10-20', '10:00', ZONE), { clientId: shop.clients[1]! });
    const input = {
      idempotencyKey: key('series'),
      clientId: shop.clients[0]!,
      staffId: shop.staff[0].id,
      serviceId: shop.services.cut,
      startsAt: FIRST,
      repeat: { everyWeeks: 2, until: '2026-11-17' },
    };
    const first = bookSeries(shop.receptionDesk, input);
    expect(first.done.map((visit) => localDateOf(visit.startsAt, ZONE))).toEqual(['2026-10-06', '2026-11-03', '2026-11-17']);
    expect(first.missed).toMatchObject([{ date: '2026-10-20', code: 'SLOT_TAKEN' }]);
    const again = bookSeries(shop.receptionDesk, input);
    expect(again.seriesId).toBe(first.seriesId);
    expect(again.done.map((visit) => visit.id)).toEqual(first.done.map((visit) => visit.id));
    expect(seriesVisits(shop.receptionDesk, first.seriesId)).toHaveLength(3);
  });

  it('a series none of whose visits can be booked is refused as a whole', async () => {
    const error = await appErrorOfCall(() =>
      bookSeries(shop.receptionDesk, {
        idempotencyKey: key('series'),
        clientId: shop.clients[0]!,
        staffId: shop.staff[0].id,
        serviceId: shop.services.cut,
        startsAt: localTimeToInstant('2026-10-06', '03:00', ZONE),
        repeat: { everyWeeks: 1, count: 3 },
      }),
    );
    expect(error.code).toBe('OUTSIDE_OPENING_HOURS');
    expect(error.message).toMatch(/^That time is outside the shop's opening hours/);
  });

  it('cancels this visit and the following ones, leaving earlier ones booked', () => {
    const outcome = weeklyCuts(shop, 5);
    const third = outcome.done[2]!;
    const cancelled = cancelFollowing(shop.receptionDesk, { idempotencyKey: key('cancel'), id: third.id, reason: 'Moving away' });
    expect(cancelled.done.map((visit) => visit.id)).toEqual(outcome.done.slice(2).map((visit) => visit.id));
    const statuses = seriesVisits(shop.receptionDesk, outcome.seriesId).map((visit) => visit.status);
    expect(statuses).toEqual(['booked', 'booked', 'cancelled', 'cancelled', 'cancelled']);
    expect(loadRow(shop.store, 'appointment', third.id)!.cancelReason).toBe('Moving away');
    // Each cancellation is its own event, undoable on its own.
    expect(entityHistory(shop.store, { entityType: 'appointment', entityId: third.id }).map((event) => event.type)).toEqual([
      'appointment.create',
      'appointment.cancel',
    ]);
  });

  it('moves this visit and the following ones a week later at 11:00, without colliding with itself', () => {
    const outcome = weeklyCuts(shop, 4);
    const second = outcome.done[1]!;
    const moved = moveFollowing(shop.receptionDesk, {
      idempotencyKey: key('move'),
      id: second.id,
      startsAt: localTimeToInstant('2026-10-20', '11:00', ZONE),
    });
    expect(moved.missed).toEqual([]);
    const visits = seriesVisits(shop.receptionDesk, outcome.seriesId);
    expect(visits.map((visit) => `${localDateOf(visit.startsAt, ZONE)} ${localClockOf(visit.startsAt, ZONE)}`)).toEqual([
      '2026-10-06 10:00',
      '2026-10-20 11:00',
      '2026-10-27 11:00',
      '2026-11-03 11:00',
    ]);
  });

  it('says so when the appointment does not repeat', async () => {
    const single = book(shop, FIRST).row;
    const error = await appErrorOfCall(() => cancelFollowing(shop.receptionDesk, { idempotencyKey: key('c'), id: single.id, reason: 'x' }));
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', message: 'This appointment does not repeat.' });
  });
});

describe('the dates of a series', () => {
  it('every 2 weeks until a date, at most a year ahead, at most 52 visits', () => {
    expect(occurrenceDates('2026-12-29', { everyWeeks: 2, until: '2027-02-09' })).toEqual([
      '2026-12-29',
      '2027-01-12',
      '2027-01-26',
      '2027-02-09',
    ]);
    expect(occurrenceDates('2028-02-22', { everyWeeks: 1, count: 3 })).toEqual(['2028-02-22', '2028-02-29', '2028-03-07']);
    expect(occurrenceDates('2026-01-01', { everyWeeks: 1, until: '2030-01-01' })).toHaveLength(52);
    expect(occurrenceDates('2026-01-01', { everyWeeks: 4, until: '2030-01-01' }).at(-1)! <= '2027-01-02').toBe(true);
  });
});
