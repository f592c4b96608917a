import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID, type DomainEvent } from '../../../src-shared/entities';
import { isAppError } from '../../../src-shared/errors';
import { newId } from '../../../src-shared/ids';
import { LATE_CANCEL_WINDOW_MS } from '../../../src-shared/reports';
import { addDays, localDateOf, localTimeToInstant } from '../../../src-shared/time';
import * as appointments from '../../../src-main/core/appointments/commands';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { recordServerEvent } from '../../../src-main/core/outbox/shadow';
import { ensureReportRollup, rebuildReportRollup } from '../../../src-main/core/store/reportRollup';
import { setServiceProducts } from '../../../src-main/core/services/commands';
import { createProduct, recordStockMovement } from '../../../src-main/core/stock/commands';
import { loadRow, saveRow } from '../../../src-main/core/store/rows';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import type { Store } from '../../../src-main/core/store/open';
import type { RawAppointment } from '../../support/local/ownerNumbersSeed';
import { HOUR_MS, key, makeShopTemplate, openShopCopy, type Shop, type ShopTemplate } from '../../support/local/shop';

/**
 * The owner's numbers' daily rollup (src-main/core/reports/rollup.ts, docs §26) is kept in each
 * write's transaction: after any sequence of bookings, moves, cancellations (early and late), undos,
 * check-outs, no-shows, deletions and restores it equals the figures recomputed from scratch, in
 * plain JS here, from the appointments and their cancel events as SQLite holds them.
 */

const ZONE = 'Europe/London';
const START = Date.UTC(2026, 5, 1, 6, 0);
const RUNS = Number(process.env.CAREDESK_ROLLUP_RUNS ?? 25);

/** `dimension|day|subject` → the eight figures, from the raw rows: only the non-zero ones. */
function fromScratch(store: Store, zone: string): Map<string, number[]> {
  const rows = store.sqlite.prepare('SELECT * FROM appointments').all() as RawAppointment[];
  const cancels = store.sqlite.prepare(`SELECT entity_id AS id, at FROM events WHERE type = 'appointment.cancel'`).all() as { id: string; at: number }[];
  const result = new Map<string, number[]>();
  for (const row of rows) {
    const booking = row.deleted_at === null && row.status !== 'held' && !(row.status === 'cancelled' && row.hold_expires_at !== null);
    if (!booking) continue;
    const kept = ['booked', 'arrived', 'in_service', 'completed'].includes(row.status);
    const lastCancel = Math.max(...cancels.filter((cancel) => cancel.id === row.id).map((cancel) => cancel.at));
    const figures = [
      1,
      row.status === 'completed' ? 1 : 0,
      row.status === 'cancelled' ? 1 : 0,
      row.status === 'no_show' ? 1 : 0,
      row.status === 'cancelled' && row.starts_at - lastCancel < LATE_CANCEL_WINDOW_MS ? 1 : 0,
      kept ? 1 : 0,
      kept ? row.ends_at - row.starts_at : 0,
      row.status === 'completed' ? (row.price_cents ?? 0) - (row.discount_cents ?? 0) : 0,
    ];
    const day = localDateOf(row.starts_at, zone);
    for (const key of [`staff|${day}|${row.staff_id}`, `service|${day}|${row.service_id}`]) {
      const sum = result.get(key) ?? figures.map(() => 0);
      result.set(key, sum.map((value, index) => value + (figures[index] as number)));
    }
  }
  return result;
}

/** `day|product` → what the day's visits used less what was given back, from the raw movements: only the non-zero ones. */
function stockFromScratch(store: Store, zone: string): Map<string, number[]> {
  const rows = store.sqlite
    .prepare(
      `SELECT a.starts_at AS startsAt, m.product_id AS productId, m.quantity AS quantity FROM stock_movements m JOIN appointments a ON a.id = m.appointment_id
        WHERE m.kind IN ('used', 'returned') AND m.deleted_at IS NULL`,
    )
    .all() as { startsAt: number; productId: string; quantity: number }[];
  const result = new Map<string, number[]>();
  for (const row of rows) {
    const rowKey = `${localDateOf(row.startsAt, zone)}|${row.productId}`;
    result.set(rowKey, [(result.get(rowKey)?.[0] ?? 0) - row.quantity]);
  }
  for (const [rowKey, [quantity]] of result) if (quantity === 0) result.delete(rowKey);
  return result;
}

/** Each client's first and last kept visit, from the raw rows, and as the rollup keeps them. */
function spans(store: Store): { scratch: unknown[]; table: unknown[] } {
  const rows = store.sqlite.prepare(`SELECT client_id AS clientId, starts_at AS startsAt, status, deleted_at AS deletedAt FROM appointments`).all() as {
    clientId: string;
    startsAt: number;
    status: string;
    deletedAt: number | null;
  }[];
  const scratch = new Map<string, [number, number]>();
  for (const row of rows) {
    if (row.deletedAt !== null || !['booked', 'arrived', 'in_service', 'completed'].includes(row.status)) continue;
    const [first, last] = scratch.get(row.clientId) ?? [Infinity, -Infinity];
    scratch.set(row.clientId, [Math.min(first, row.startsAt), Math.max(last, row.startsAt)]);
  }
  const table = store.sqlite.prepare(`SELECT client_id AS clientId, first_at AS firstAt, last_at AS lastAt FROM report_clients ORDER BY client_id`).all();
  return {
    scratch: [...scratch.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([clientId, [firstAt, lastAt]]) => ({ clientId, firstAt, lastAt })),
    table,
  };
}

function stockTable(store: Store): Map<string, number[]> {
  const rows = store.sqlite.prepare(`SELECT day || '|' || product_id AS key, quantity FROM report_stock_days WHERE quantity <> 0`).all() as { key: string; quantity: number }[];
  return new Map(rows.map((row) => [row.key, [row.quantity]]));
}

/** A colour uses a tube of Colour 6N: bookings take it from stock, cancellations give it back. */
function colourUsesATube(shop: Shop): void {
  const tube = createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Colour 6N', kind: 'backBar', unit: 'tube', lowStockAt: 0 }).row;
  const service = loadRow(shop.store, 'service', shop.services.colour);
  if (service === null) throw new Error('the colour service is missing');
  setServiceProducts(shop.ownerDesk, { idempotencyKey: key('uses'), id: service.id, expectedVersion: service.version, products: [{ productId: tube.id, quantity: 1 }] });
  recordStockMovement(shop.receptionDesk, { idempotencyKey: key('receive'), productId: tube.id, kind: 'received', quantity: 1000 });
}

function rollupTable(store: Store): Map<string, number[]> {
  const rows = store.sqlite
    .prepare(
      `SELECT dimension || '|' || day || '|' || subject_id AS key, bookings, completed, cancelled, no_shows, late_cancellations, kept, kept_ms, cents
         FROM report_days WHERE bookings <> 0 OR kept_ms <> 0 OR cents <> 0 ORDER BY key`,
    )
    .all() as ({ key: string } & Record<string, number>)[];
  return new Map(rows.map(({ key: rowKey, ...figures }) => [rowKey, Object.values(figures)]));
}

const sorted = (map: Map<string, number[]>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));

type Step =
  | { kind: 'book'; staff: number; service: number; client: number; day: number; slot: number; hold: boolean }
  | { kind: 'move'; appt: number; day: number | null; slot: number; staff: number | null }
  | { kind: 'cancel'; appt: number; hoursBefore: number }
  | { kind: 'restore' | 'noShow' | 'clearNoShow' | 'delete' | 'undelete' | 'checkIn' | 'startService' | 'confirmHold' | 'releaseHold'; appt: number }
  | { kind: 'checkOut'; appt: number; price: number; discount: number }
  | { kind: 'undo'; appt: number; back: number };

const nat = (max: number) => fc.nat({ max });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('book' as const), staff: nat(2), service: nat(2), client: nat(3), day: nat(3), slot: nat(20), hold: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), appt: nat(20), day: fc.option(nat(3)), slot: nat(20), staff: fc.option(nat(2)) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), appt: nat(20), hoursBefore: fc.constantFrom(1, 3, 23, 25, 72) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('restore' as const, 'noShow' as const, 'clearNoShow' as const, 'delete' as const, 'undelete' as const, 'checkIn' as const, 'startService' as const, 'confirmHold' as const, 'releaseHold' as const),
      appt: nat(20),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkOut' as const), appt: nat(20), price: nat(9000), discount: nat(500) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), appt: nat(20), back: nat(3) }) },
);

function runStep(shop: Shop, booked: string[], step: Step): void {
  const services = [shop.services.cut, shop.services.colour, shop.services.long];
  const people = [shop.owner.id, shop.staff[0].id, shop.staff[1].id];
  const when = (day: number, slot: number) => localTimeToInstant(addDays('2026-06-02', day), '09:00', ZONE) + slot * 30 * 60_000;
  const versioned = (id: string) => ({ idempotencyKey: key('rollup'), id, expectedVersion: (loadRow(shop.store, 'appointment', id) as { version: number }).version });
  const anyway = { allowOutsideHours: true, allowOutsideSchedule: true, allowPast: true };
  const desk = shop.receptionDesk;
  if (step.kind === 'book') {
    const made = appointments.createAppointment(desk, {
      idempotencyKey: key('book'),
      clientId: shop.clients[step.client % shop.clients.length] as string,
      staffId: people[step.staff] as string,
      serviceId: services[step.service] as string,
      startsAt: when(step.day, step.slot),
      ...anyway,
      ...(step.hold ? { holdMinutes: 30 } : {}),
    });
    booked.push(made.row.id);
    return;
  }
  const id = booked[step.appt % Math.max(1, booked.length)];
  if (id === undefined) return;
  const row = loadRow(shop.store, 'appointment', id);
  if (row === null) return;
  switch (step.kind) {
    case 'move':
      appointments.rescheduleAppointment(desk, {
        ...versioned(id),
        startsAt: step.day === null ? row.startsAt : when(step.day, step.slot),
        ...(step.staff === null ? {} : { staffId: people[step.staff] as string }),
        ...anyway,
      });
      return;
    case 'cancel':
      // Cancelled this long before its start: under 24 hours is late.
      shop.clock.set(row.startsAt - step.hoursBefore * HOUR_MS);
      appointments.cancelAppointment(desk, { ...versioned(id), reason: 'Client rang' });
      return;
    case 'checkOut':
      appointments.checkOut(desk, { ...versioned(id), priceCents: step.price, discountCents: Math.min(step.discount, step.price) });
      return;
    case 'undo': {
      const history = entityHistory(shop.store, { entityType: 'appointment', entityId: id });
      const event = history[Math.max(0, history.length - 1 - (step.back % history.length))];
      if (event !== undefined) appointments.undoAppointmentChange(desk, { ...versioned(id), eventId: event.id });
      return;
    }
    default: {
      const commands = {
        restore: appointments.restoreAppointment,
        noShow: appointments.markNoShow,
        clearNoShow: appointments.clearNoShow,
        delete: appointments.deleteAppointment,
        undelete: appointments.undeleteAppointment,
        checkIn: appointments.checkIn,
        startService: appointments.startService,
        confirmHold: appointments.confirmHold,
        releaseHold: appointments.releaseHold,
      };
      commands[step.kind](desk, { ...versioned(id), ...(step.kind === 'restore' ? { ...anyway, allowShortage: true } : {}) });
    }
  }
}

describe('the owner’s numbers’ daily rollup', () => {
  let template: ShopTemplate;
  beforeAll(async () => {
    template = await makeShopTemplate({ now: START, timeZone: ZONE });
  });
  afterAll(() => template.cleanup());

  it('equals a from-scratch recomputation after any sequence of changes', () => {
    let refused = 0;
    let usedTubes = 0;
    let steps = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 40 }), (sequence) => {
        const shop = openShopCopy(template, START);
        try {
          colourUsesATube(shop);
          const booked: string[] = [];
          for (const step of sequence) {
            steps += 1;
            try {
              runStep(shop, booked, step);
            } catch (error) {
              // A step the rules refuse (a cancel of a cancelled booking, a stale undo) changes nothing.
              if (!isAppError(error)) throw error;
              refused += 1;
            }
            shop.clock.set(START);
          }
          expect(sorted(rollupTable(shop.store))).toEqual(sorted(fromScratch(shop.store, ZONE)));
          expect(sorted(stockTable(shop.store))).toEqual(sorted(stockFromScratch(shop.store, ZONE)));
          usedTubes += stockTable(shop.store).size;
          const clientSpans = spans(shop.store);
          expect(clientSpans.table).toEqual(clientSpans.scratch);
        } finally {
          shop.close();
        }
      }),
      { numRuns: RUNS, seed: 20_261_130 },
    );
    // The sequences did change things, and not everything was refused.
    expect(steps - refused).toBeGreaterThan(RUNS * 5);
    expect(usedTubes).toBeGreaterThan(0);
  });

  it('follows rows and cancel events written by a pull, and is rebuilt for another zone', async () => {
    const shop = openShopCopy(template, START);
    try {
      colourUsesATube(shop);
      const booked: string[] = [];
      for (let slot = 0; slot < 6; slot += 1) runStep(shop, booked, { kind: 'book', staff: slot % 3, service: slot % 2, client: slot, day: 0, slot: slot * 2, hold: false });
      // The server's stream: a booking cancelled on another desk two hours before its start arrives
      // as its row, then its event (saveRow is where a pull writes rows: shadow.ts adoptServerRow).
      const id = booked[0] as string;
      const row = loadRow(shop.store, 'appointment', id);
      if (row === null) throw new Error('the booking is missing');
      const pulled: DomainEvent = {
        id: newId(),
        entityType: 'appointment',
        entityId: id,
        type: 'appointment.cancel',
        version: row.version + 1,
        actorStaffId: shop.owner.id,
        deviceId: 'other-desk',
        at: row.startsAt - 2 * HOUR_MS,
        reason: 'Rang the other desk',
        before: { status: 'booked' },
        after: { status: 'cancelled' },
        undoesEventId: null,
      };
      shop.store.sqlite.transaction(() => {
        saveRow(shop.store, 'appointment', { ...row, status: 'cancelled', version: row.version + 1, cancelReason: 'Rang the other desk' }, false);
        recordServerEvent(shop.store, pulled);
        // The same event again (a pull repeated) changes nothing.
        recordServerEvent(shop.store, pulled);
      })();
      const late = () => shop.store.sqlite.prepare(`SELECT sum(late_cancellations) AS n FROM report_days WHERE dimension = 'staff'`).get() as { n: number };
      expect(late().n).toBe(1);
      expect(sorted(rollupTable(shop.store))).toEqual(sorted(fromScratch(shop.store, ZONE)));

      // Another zone: the shop's days move, and so does every row of the rollup.
      const settings = loadRow(shop.store, 'settings', SETTINGS_ID);
      if (settings === null) throw new Error('the settings are missing');
      updateShopSettings(shop.ownerDesk, { idempotencyKey: key('zone'), id: settings.id, expectedVersion: settings.version, timeZone: 'Pacific/Auckland' });
      expect(sorted(rollupTable(shop.store))).toEqual(sorted(fromScratch(shop.store, 'Pacific/Auckland')));
      expect(sorted(stockTable(shop.store))).toEqual(sorted(stockFromScratch(shop.store, 'Pacific/Auckland')));
      expect(ensureReportRollup(shop.store)).toBe(false);
      // A rebuild from nothing (what a store migrated to the rollup gets at open) agrees too.
      rebuildReportRollup(shop.store);
      expect(sorted(rollupTable(shop.store))).toEqual(sorted(fromScratch(shop.store, 'Pacific/Auckland')));
      expect(sorted(stockTable(shop.store))).toEqual(sorted(stockFromScratch(shop.store, 'Pacific/Auckland')));
      expect(stockTable(shop.store).size).toBeGreaterThan(0);
      const clientSpans = spans(shop.store);
      expect(clientSpans.table).toEqual(clientSpans.scratch);
    } finally {
      shop.close();
    }
  });
});
