import type { EntityType, WorkingHours } from '../../../src-shared/entities';
import { seededRandom } from '../../../src-shared/seededRandom';
import { addDays, localTimeToInstant, weekdayOf } from '../../../src-shared/time';
import {
  cancelAppointment,
  checkIn,
  checkOut,
  createAppointment,
  deleteAppointment,
  markNoShow,
  releaseHold,
  startService,
} from '../../../src-main/core/appointments/commands';
import { createClient } from '../../../src-main/core/clients/commands';
import { setServiceProducts } from '../../../src-main/core/services/commands';
import { createProduct, recordStockMovement } from '../../../src-main/core/stock/commands';
import { createTimeOff, setWorkingHours } from '../../../src-main/core/staff/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { key, type Shop } from './shop';

/**
 * A month of a lived shop for the owner's numbers (docs/architecture.md §26), seeded through the
 * real commands: bookings, check-in to checkout with prices and discounts, cancellations early and
 * late, no-shows, a released hold, a deleted booking, a rota and a day off; a visit either side.
 * Stock: every colour uses a tube of Colour 6N (booked in May, so used on June's days, and given
 * back when cancelled), and some checkouts sell shampoo or a serum at the till.
 * Make the shop with `ownerNumbersShop` (its clock starts before the month).
 */
export const ZONE = 'Europe/London';
export const MONTH = { from: '2026-06-01', to: '2026-06-30' };
export const ownerNumbersShop = { now: Date.UTC(2026, 4, 1, 9, 0), timeZone: ZONE };
export const HOUR = 3_600_000;

/** An appointment as SQLite holds it, for tests that recompute the figures from the raw rows. */
export interface RawAppointment {
  id: string;
  staff_id: string;
  service_id: string;
  client_id: string;
  starts_at: number;
  ends_at: number;
  status: string;
  deleted_at: number | null;
  hold_expires_at: number | null;
  price_cents: number | null;
  discount_cents: number | null;
}
export const at = (date: string, time: string) => localTimeToInstant(date, time, ZONE);

const weekdaysOnly: WorkingHours = {
  weeks: [
    Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, ['sat', 'sun'].includes(day) ? [] : [{ open: '09:00', close: '17:00' }]]),
    ) as WorkingHours['weeks'][number],
  ],
  weekAStartsOn: '2026-06-01',
};
export const BOB_OFF = '2026-06-10';

function versioned(shop: Shop, entity: EntityType, id: string) {
  const row = loadRow(shop.store, entity, id) as { version: number };
  return { idempotencyKey: key('step'), id, expectedVersion: row.version };
}

type Outcome = 'completed' | 'early-cancel' | 'late-cancel' | 'no-show' | 'booked';
interface Planned {
  id: string;
  startsAt: number;
  endsAt: number;
  outcome: Outcome;
  price: number;
  discount: number;
}

/** Books the month (and a visit either side of it) at 2026-05-01, then lives each booking's outcome in time order. */
export async function seedMonth(shop: Shop): Promise<void> {
  const random = seededRandom(14_05);
  const [alice, bob] = shop.staff;
  setWorkingHours(shop.ownerDesk, { ...versioned(shop, 'staff', alice.id), workingHours: weekdaysOnly });
  createTimeOff(shop.ownerDesk, { idempotencyKey: key('off'), staffId: bob.id, kind: 'holiday', startsAt: at(BOB_OFF, '00:00'), endsAt: at(addDays(BOB_OFF, 1), '00:00') });
  const tube = createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Colour 6N', kind: 'backBar', unit: 'tube', lowStockAt: 0 }).row;
  const retail = [
    createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Silk shampoo', kind: 'retail', unit: 'bottle', priceCents: 1200, lowStockAt: 0 }).row,
    createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Repair serum', kind: 'retail', unit: 'bottle', priceCents: 2350, lowStockAt: 0 }).row,
  ];
  setServiceProducts(shop.ownerDesk, { ...versioned(shop, 'service', shop.services.colour), products: [{ productId: tube.id, quantity: 1 }] });
  for (const product of [tube, ...retail]) {
    recordStockMovement(shop.receptionDesk, { idempotencyKey: key('receive'), productId: product.id, kind: 'received', quantity: 500 });
  }
  const clients = [...shop.clients];
  for (const name of ['Dee Walker', 'Eli Stone', 'Fay Moss']) {
    clients.push(createClient(shop.receptionDesk, { idempotencyKey: key('client'), name, phone: null }).row.id);
  }
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const planned: Planned[] = [];
  const bookAt = (startsAt: number, staffId: string, clientId: string, serviceId: string, outcome: Outcome) => {
    const made = createAppointment(shop.receptionDesk, { idempotencyKey: key('book'), clientId, staffId, serviceId, startsAt });
    planned.push({ id: made.row.id, startsAt, endsAt: made.row.endsAt, outcome, price: 2000 + Math.floor(random() * 40) * 100, discount: random() < 0.3 ? 500 : 0 });
    return made.row.id;
  };
  // Either side of the month: the day before (a returning client's earlier visit) and the day after.
  bookAt(at('2026-05-31', '19:00'), shop.owner.id, clients[1] as string, shop.services.cut, 'completed');
  bookAt(at('2026-07-01', '09:00'), shop.owner.id, clients[2] as string, shop.services.cut, 'completed');
  for (let date = MONTH.from; date <= MONTH.to; date = addDays(date, 1)) {
    const weekend = ['sat', 'sun'].includes(weekdayOf(date));
    for (const member of [shop.owner, alice, bob]) {
      if (member.id === alice.id && weekend) continue;
      if (member.id === bob.id && date === BOB_OFF) continue;
      for (const time of ['09:00', '11:00', '14:00']) {
        if (random() < 0.25) continue;
        const roll = random();
        const outcome: Outcome = roll < 0.45 ? 'completed' : roll < 0.6 ? 'early-cancel' : roll < 0.7 ? 'late-cancel' : roll < 0.8 ? 'no-show' : 'booked';
        // The first client only ever comes in June: a new client, as are the three added above.
        bookAt(at(date, time), member.id, pick(clients), random() < 0.5 ? shop.services.cut : shop.services.colour, outcome);
      }
    }
  }
  // A hold released and a booking deleted: never counted.
  const hold = createAppointment(shop.receptionDesk, { idempotencyKey: key('hold'), clientId: clients[3] as string, staffId: shop.owner.id, serviceId: shop.services.cut, startsAt: at('2026-06-15', '17:00'), holdMinutes: 30 });
  releaseHold(shop.receptionDesk, versioned(shop, 'appointment', hold.row.id));
  const removed = bookAt(at('2026-06-16', '17:00'), shop.owner.id, clients[4] as string, shop.services.cut, 'booked');
  deleteAppointment(shop.receptionDesk, versioned(shop, 'appointment', removed));
  planned.pop();

  for (const visit of [...planned].sort((a, b) => a.startsAt - b.startsAt)) {
    const step = (entity: EntityType = 'appointment') => versioned(shop, entity, visit.id);
    switch (visit.outcome) {
      case 'early-cancel':
        shop.clock.set(visit.startsAt - 3 * 24 * HOUR);
        cancelAppointment(shop.receptionDesk, { ...step(), reason: 'Client rang, a week away' });
        break;
      case 'late-cancel':
        shop.clock.set(visit.startsAt - 2 * HOUR);
        cancelAppointment(shop.receptionDesk, { ...step(), reason: 'Client rang this morning' });
        break;
      case 'no-show':
        shop.clock.set(visit.startsAt + 30 * 60_000);
        markNoShow(shop.receptionDesk, step());
        break;
      case 'completed':
        shop.clock.set(visit.startsAt);
        checkIn(shop.receptionDesk, step());
        startService(shop.receptionDesk, step());
        shop.clock.set(visit.endsAt);
        {
          // The visit the day before always sells something: a sale outside the month. Some sales
          // are a pound off the list price: takings are what was charged.
          const sells = visit.startsAt < at(MONTH.from, '00:00') || random() < 0.4;
          const product = sells ? pick(retail) : null;
          const sale =
            product === null
              ? []
              : [{ productId: product.id, quantity: 1 + Math.floor(random() * 2), priceCents: (product.priceCents ?? 0) - (random() < 0.5 ? 100 : 0) }];
          checkOut(shop.receptionDesk, { ...step(), priceCents: visit.price, discountCents: visit.discount, retail: sale });
        }
        break;
      case 'booked':
        break;
    }
  }
}
