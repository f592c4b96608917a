import { describe, expect } from 'vitest';
import { addDays, localDateOf, weekdayOf } from '../../../src-shared/time';
import { ownerNumbers } from '../../../src-main/core/reports/ownerNumbers';
import type { Shop } from '../../support/local/shop';
import { HOUR, MONTH, ZONE, at, ownerNumbersShop, seedMonth, type RawAppointment } from '../../support/local/ownerNumbersSeed';
import { shopTest } from '../../support/local/shopTest';

/**
 * Issue 14, acceptance 5: the owner's numbers for a seeded month (test/support/local/ownerNumbersSeed.ts,
 * through the real commands) equal figures computed here, in plain JS, from the rows and events read
 * straight from the SQLite file.
 */
const it = shopTest(ownerNumbersShop);

interface RawMovement {
  product_id: string;
  kind: string;
  quantity: number;
  price_cents: number | null;
  appointment_id: string | null;
  created_at: number;
  deleted_at: number | null;
}

/** The month's figures in plain JS over the rows and events as SQLite holds them. */
function expectedFigures(shop: Shop) {
  const rows = shop.store.sqlite.prepare('SELECT * FROM appointments').all() as RawAppointment[];
  const movements = shop.store.sqlite.prepare('SELECT * FROM stock_movements').all() as RawMovement[];
  const products = new Map((shop.store.sqlite.prepare('SELECT id, name, unit, price_cents FROM products').all() as { id: string; name: string; unit: string; price_cents: number | null }[]).map((row) => [row.id, row]));
  const cancels = shop.store.sqlite.prepare(`SELECT entity_id AS id, at FROM events WHERE type = 'appointment.cancel'`).all() as { id: string; at: number }[];
  const inMonth = (row: RawAppointment) => {
    const date = localDateOf(row.starts_at, ZONE);
    return date >= MONTH.from && date <= MONTH.to;
  };
  const isBooking = (row: RawAppointment) => row.deleted_at === null && row.status !== 'held' && !(row.status === 'cancelled' && row.hold_expires_at !== null);
  const isKept = (row: RawAppointment) => row.deleted_at === null && ['booked', 'arrived', 'in_service', 'completed'].includes(row.status);
  const paid = (row: RawAppointment) => (row.status === 'completed' ? (row.price_cents ?? 0) - (row.discount_cents ?? 0) : 0);
  const bookings = rows.filter((row) => inMonth(row) && isBooking(row));
  const kept = rows.filter((row) => inMonth(row) && isKept(row));
  const perDay = new Map<string, number>();
  for (const row of bookings) perDay.set(localDateOf(row.starts_at, ZONE), (perDay.get(localDateOf(row.starts_at, ZONE)) ?? 0) + 1);
  const cancelledAt = (id: string) => Math.max(...cancels.filter((cancel) => cancel.id === id).map((cancel) => cancel.at));
  const late = bookings.filter((row) => row.status === 'cancelled' && row.starts_at - cancelledAt(row.id) < 24 * HOUR).length;
  const noShows = bookings.filter((row) => row.status === 'no_show').length;
  const bookedMinutes = new Map<string, number>();
  for (const row of kept) bookedMinutes.set(row.staff_id, (bookedMinutes.get(row.staff_id) ?? 0) + (row.ends_at - row.starts_at) / 60_000);
  const services = new Map<string, { visits: number; cents: number }>();
  for (const row of kept) {
    const entry = services.get(row.service_id) ?? { visits: 0, cents: 0 };
    services.set(row.service_id, { visits: entry.visits + 1, cents: entry.cents + paid(row) });
  }
  const firstVisit = new Map<string, number>();
  for (const row of rows.filter(isKept)) firstVisit.set(row.client_id, Math.min(firstVisit.get(row.client_id) ?? Infinity, row.starts_at));
  const seen = new Set(kept.map((row) => row.client_id));
  const monthStart = at(MONTH.from, '00:00');
  // Retail: what was charged at checkout in the month (an older sale without a price at the product's), on the day it was sold.
  const retailPerDay = new Map<string, number>();
  for (const sale of movements.filter((row) => row.kind === 'sold' && row.deleted_at === null)) {
    const date = localDateOf(sale.created_at, ZONE);
    if (date < MONTH.from || date > MONTH.to) continue;
    retailPerDay.set(date, (retailPerDay.get(date) ?? 0) - sale.quantity * (sale.price_cents ?? products.get(sale.product_id)?.price_cents ?? 0));
  }
  // Stock used: what the month's visits used less what their cancellations gave back.
  const startOf = new Map(rows.map((row) => [row.id, row.starts_at]));
  const used = new Map<string, number>();
  for (const movement of movements.filter((row) => (row.kind === 'used' || row.kind === 'returned') && row.deleted_at === null && row.appointment_id !== null)) {
    const date = localDateOf(startOf.get(movement.appointment_id as string) as number, ZONE);
    if (date >= MONTH.from && date <= MONTH.to) used.set(movement.product_id, (used.get(movement.product_id) ?? 0) - movement.quantity);
  }
  return {
    bookings: bookings.length,
    perDay,
    completed: bookings.filter((row) => row.status === 'completed').length,
    cancelled: bookings.filter((row) => row.status === 'cancelled').length,
    late,
    noShows,
    serviceCents: bookings.reduce((total, row) => total + paid(row), 0),
    bookedMinutes,
    services,
    newClients: [...seen].filter((id) => (firstVisit.get(id) as number) >= monthStart).length,
    returningClients: [...seen].filter((id) => (firstVisit.get(id) as number) < monthStart).length,
    retailPerDay,
    retail: [...retailPerDay.values()].reduce((total, cents) => total + cents, 0),
    stockUsed: [...used.entries()]
      .filter(([, quantity]) => quantity !== 0)
      .map(([id, quantity]) => ({ productId: id, name: products.get(id)?.name, unit: products.get(id)?.unit, quantity })),
    soldOutside: movements.some((row) => row.kind === 'sold' && localDateOf(row.created_at, ZONE) < MONTH.from),
    returnedTubes: movements.filter((row) => row.kind === 'returned').length,
  };
}

describe('the owner’s numbers', () => {
  it('equal the month’s figures computed from the raw rows and events', async ({ shop }) => {
    await seedMonth(shop);
    const expected = expectedFigures(shop);
    const numbers = ownerNumbers(shop.store, MONTH);

    // The seed gives every kind of figure something to count.
    expect(expected.bookings).toBeGreaterThan(150);
    for (const figure of [expected.completed, expected.cancelled, expected.late, expected.noShows, expected.newClients, expected.returningClients, expected.retail, expected.returnedTubes]) {
      expect(figure).toBeGreaterThan(0);
    }
    expect(numbers.days.map((day) => day.date)).toHaveLength(30);
    expect(numbers.days.map((day) => day.bookings)).toEqual(numbers.days.map((day) => expected.perDay.get(day.date) ?? 0));
    expect(numbers.days.map((day) => day.retailCents)).toEqual(numbers.days.map((day) => expected.retailPerDay.get(day.date) ?? 0));
    expect(expected.soldOutside).toBe(true);
    expect(numbers.totals).toMatchObject({
      bookings: expected.bookings,
      completed: expected.completed,
      cancelled: expected.cancelled,
      lateCancellations: expected.late,
      noShows: expected.noShows,
      serviceCents: expected.serviceCents,
      revenueCents: expected.serviceCents + expected.retail,
      retailCents: expected.retail,
    });
    expect(numbers.totals.noShowRate).toBeCloseTo(expected.noShows / expected.bookings, 12);
    expect(numbers.totals.lateCancellationRate).toBeCloseTo(expected.late / expected.bookings, 12);
    expect(numbers.clients).toEqual({ newClients: expected.newClients, returningClients: expected.returningClients });
    // Colour 6N: a tube for each of June's colour visits (booked in May), less the cancelled ones' given back.
    expect(numbers.stockUsed).toHaveLength(1);
    expect(numbers.stockUsed[0]?.quantity).toBeGreaterThan(0);
    expect(numbers.stockUsed).toEqual(expected.stockUsed);

    // Scheduled time, from what the shop set: the owner and Bob work the shop's 08:00–20:00 every
    // day (Bob not on his day off), Alice 09:00–17:00 on weekdays.
    const weekdays = Array.from({ length: 30 }, (_, index) => addDays(MONTH.from, index)).filter((date) => !['sat', 'sun'].includes(weekdayOf(date))).length;
    const scheduled = { [shop.owner.id]: 30 * 12 * 60, [shop.staff[0].id]: weekdays * 8 * 60, [shop.staff[1].id]: 29 * 12 * 60 };
    expect(numbers.utilisation.map((row) => [row.name, row.bookedMinutes, row.scheduledMinutes])).toEqual(
      [shop.staff[0], shop.staff[1], shop.owner].map((member) => [member.name, expected.bookedMinutes.get(member.id) ?? 0, scheduled[member.id]]),
    );
    for (const row of numbers.utilisation) expect(row.utilisation).toBeCloseTo(row.bookedMinutes / row.scheduledMinutes, 12);

    expect(numbers.topServices.map((row) => [row.serviceId, row.visits, row.cents])).toEqual(
      [...expected.services.entries()].sort((a, b) => b[1].visits - a[1].visits || b[1].cents - a[1].cents).map(([id, figure]) => [id, figure.visits, figure.cents]),
    );
  });
});
