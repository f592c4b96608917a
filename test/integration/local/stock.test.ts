import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect } from 'vitest';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { cancelAppointment, checkIn, checkOut, restoreAppointment, undoAppointmentChange } from '../../../src-main/core/appointments/commands';
import { setServiceProducts } from '../../../src-main/core/services/commands';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { lowStockAttention } from '../../../src-main/core/stock/attention';
import { createProduct, recordStockMovement } from '../../../src-main/core/stock/commands';
import { countStock } from '../../../src-main/core/stock/count';
import { productHistory, productStock } from '../../../src-main/core/stock/queries';
import { loadRow } from '../../../src-main/core/store/rows';
import { SETTINGS_ID, type Appointment } from '../../../src-shared/entities';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { localTimeToInstant } from '../../../src-shared/time';
import { refusal } from '../../support/refusal';
import { book, dumpDb, everyDay, key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/** Issue 14, stock: a visit uses what its service uses, a cancel returns it, a restore re-validates it. */

const zone = 'Europe/London';
const it = shopTest({ openingHours: everyDay('09:00', '18:00'), now: localTimeToInstant('2026-06-02', '08:00', zone) });
const at = (time: string) => localTimeToInstant('2026-06-03', time, zone);

/** A colour that uses one tube of Colour 6N, with `tubes` tubes received. */
function colourWithTubes(shop: Shop, tubes: number) {
  const tube = createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Colour 6N', kind: 'backBar', unit: 'tube', lowStockAt: 1 }).row;
  const shampoo = createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Silk shampoo', kind: 'retail', unit: 'bottle', priceCents: 1200 }).row;
  setServiceProducts(shop.ownerDesk, {
    idempotencyKey: key('uses'),
    id: shop.services.colour,
    expectedVersion: loadRow(shop.store, 'service', shop.services.colour)!.version,
    products: [{ productId: tube.id, quantity: 1 }],
  });
  if (tubes > 0) recordStockMovement(shop.receptionDesk, { idempotencyKey: key('receive'), productId: tube.id, kind: 'received', quantity: tubes });
  recordStockMovement(shop.receptionDesk, { idempotencyKey: key('receive'), productId: shampoo.id, kind: 'received', quantity: 5 });
  return { tube, shampoo };
}

const levelOf = (shop: Shop, productId: string) => productStock(shop.store, productId)?.level;
const current = (shop: Shop, id: string) => loadRow(shop.store, 'appointment', id) as Appointment;

describe('stock', () => {
  it('acceptance 1: a colour visit uses a tube, cancelling returns it, restoring after the last tube was sold refuses OUT_OF_STOCK and books only when told to, recording the shortage', ({ shop }) => {
    const { tube } = colourWithTubes(shop, 1);
    const visit = book(shop, at('10:00'), { serviceId: shop.services.colour }).row;
    expect(levelOf(shop, tube.id)).toBe(0);

    cancelAppointment(shop.receptionDesk, { idempotencyKey: key('cancel'), id: visit.id, expectedVersion: current(shop, visit.id).version, reason: 'Client unwell' });
    expect(levelOf(shop, tube.id)).toBe(1);

    // Meanwhile the last tube goes to another client.
    recordStockMovement(shop.receptionDesk, { idempotencyKey: key('sell'), productId: tube.id, kind: 'sold', quantity: 1 });
    expect(levelOf(shop, tube.id)).toBe(0);

    const before = dumpDb(shop.store);
    const refused = refusal(() => restoreAppointment(shop.receptionDesk, { idempotencyKey: key('restore'), id: visit.id, expectedVersion: current(shop, visit.id).version }));
    expect(refused.code).toBe('OUT_OF_STOCK');
    expect(refused.message).toMatch(/^Only 0 tubes of Colour 6N left, and this visit uses 1\./);
    expect(refused.details).toMatchObject({ productName: 'Colour 6N', left: 0, needed: 1 });
    expect(dumpDb(shop.store)).toEqual(before);
    expect(current(shop, visit.id).status).toBe('cancelled');

    restoreAppointment(shop.receptionDesk, { idempotencyKey: key('restore'), id: visit.id, expectedVersion: current(shop, visit.id).version, allowShortage: true });
    expect(current(shop, visit.id).status).toBe('booked');
    expect(levelOf(shop, tube.id)).toBe(-1);
    const history = productHistory(shop.store, { productId: tube.id });
    expect(history[0]).toMatchObject({ kind: 'used', quantity: -1, shortBy: 1, appointmentId: visit.id, by: 'Alice', clientName: 'Zoë Smith', serviceName: 'Colour' });
    expect(history.map((line) => line.kind)).toEqual(['used', 'sold', 'returned', 'used', 'received']);
    // The shortage is in the movement's own event too (what history and sync carry).
    const event = shop.store.sqlite.prepare(`SELECT "after" FROM "events" WHERE "entity_id" = ?`).pluck().get(history[0]!.id) as string;
    expect(JSON.parse(event)).toMatchObject({ kind: 'used', shortBy: 1 });
  });

  it('a shop that sends messages: the refusal and the restore anyway both answer', ({ shop }) => {
    const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key('on'), id: SETTINGS_ID, expectedVersion: settings.version, messages: { ...settings.messages, channels: { email: true, sms: false } } });
    const { tube } = colourWithTubes(shop, 1);
    const visit = book(shop, at('14:00'), { serviceId: shop.services.colour }).row;
    cancelAppointment(shop.receptionDesk, { idempotencyKey: key('cancel'), id: visit.id, expectedVersion: current(shop, visit.id).version, reason: 'Unwell' });
    recordStockMovement(shop.receptionDesk, { idempotencyKey: key('sold'), productId: tube.id, kind: 'sold', quantity: 1 });
    expect(refusal(() => restoreAppointment(shop.receptionDesk, { idempotencyKey: key('restore'), id: visit.id, expectedVersion: current(shop, visit.id).version })).code).toBe('OUT_OF_STOCK');
    restoreAppointment(shop.receptionDesk, { idempotencyKey: key('restore'), id: visit.id, expectedVersion: current(shop, visit.id).version, allowShortage: true });
    expect(levelOf(shop, tube.id)).toBe(-1);
  });

  it('an undone cancel re-validates stock like a restore', ({ shop }) => {
    const { tube } = colourWithTubes(shop, 1);
    const visit = book(shop, at('10:00'), { serviceId: shop.services.colour }).row;
    const cancelled = cancelAppointment(shop.receptionDesk, { idempotencyKey: key('cancel'), id: visit.id, expectedVersion: visit.version, reason: 'Moving' });
    recordStockMovement(shop.receptionDesk, { idempotencyKey: key('used'), productId: tube.id, kind: 'sold', quantity: 1 });
    const undo = { id: visit.id, expectedVersion: cancelled.row.version, eventId: cancelled.event.id };
    expect(refusal(() => undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('undo'), ...undo })).code).toBe('OUT_OF_STOCK');
    undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('undo'), ...undo, allowShortage: true });
    expect(levelOf(shop, tube.id)).toBe(-1);
  });

  it('a new booking short of stock is refused too, and booked when told to', ({ shop }) => {
    const { tube } = colourWithTubes(shop, 0);
    const bookColour = (allowShortage?: true) =>
      book(shop, at('11:00'), { serviceId: shop.services.colour, ...(allowShortage ? { allowShortage } : {}) });
    expect(refusal(() => bookColour()).code).toBe('OUT_OF_STOCK');
    bookColour(true);
    expect(levelOf(shop, tube.id)).toBe(-1);
    expect(lowStockAttention(shop.store)).toEqual([
      { kind: 'low-stock', key: `low-stock:${tube.id}`, title: 'Colour 6N is low on stock', detail: '1 tube short; reorder at 1.', nextStep: { label: 'Open Stock', screen: 'stock' } },
    ]);
  });

  it('low stock is said in the shop’s language: what is left, what is short', ({ shop }) => {
    const { tube } = colourWithTubes(shop, 0);
    const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key('es'), id: SETTINGS_ID, expectedVersion: settings.version, locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' } });
    expect(lowStockAttention(shop.store)).toEqual([
      { kind: 'low-stock', key: `low-stock:${tube.id}`, title: 'Queda poco stock de Colour 6N', detail: 'Quedan 0 tubos; hay que pedir más cuando queden 1.', nextStep: { label: 'Abrir Inventario', screen: 'stock' } },
    ]);
    book(shop, at('11:00'), { serviceId: shop.services.colour, allowShortage: true });
    book(shop, at('13:00'), { serviceId: shop.services.colour, allowShortage: true });
    expect(lowStockAttention(shop.store)[0]?.detail).toBe('Faltan 2 tubos; hay que pedir más cuando queden 1.');
  });

  describe('retail sold at checkout', () => {
    /** A cut checked in at 10:00 on the day, the clock there. */
    function checkedIn(shop: Shop) {
      const visit = book(shop, at('10:00')).row;
      shop.clock.set(at('10:00'));
      return checkIn(shop.receptionDesk, { idempotencyKey: key('in'), id: visit.id, expectedVersion: visit.version }).row;
    }
    const soldLines = (shop: Shop, productId: string) =>
      productHistory(shop.store, { productId }).filter((line) => line.kind === 'sold').map(({ quantity, priceCents, shortBy, appointmentId }) => ({ quantity, priceCents, shortBy, appointmentId }));

    it('the checkout records its sale in the same change, and undoing it takes the stock back', ({ shop }) => {
      const { shampoo } = colourWithTubes(shop, 0);
      const visit = checkedIn(shop);
      const retail = [{ productId: shampoo.id, quantity: 2, priceCents: 1100 }];
      const done = checkOut(shop.receptionDesk, { idempotencyKey: key('out'), id: visit.id, expectedVersion: visit.version, priceCents: 3000, retail });
      expect(done.row).toMatchObject({ status: 'completed', retail });
      expect(levelOf(shop, shampoo.id)).toBe(3);
      expect(soldLines(shop, shampoo.id)).toEqual([{ quantity: -2, priceCents: 1100, shortBy: 0, appointmentId: visit.id }]);
      // The sale's movement is keyed by the checkout's event: one change, one transaction.
      const saleKey = shop.store.sqlite.prepare(`SELECT "idempotency_key" FROM "events" WHERE "type" = 'stockMovement.create' ORDER BY "at" DESC, "rowid" DESC LIMIT 1`).pluck().get();
      expect(saleKey).toBe(`stock:${done.event.id}:0`);

      const undone = undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('undo'), id: visit.id, expectedVersion: done.row.version, eventId: done.event.id });
      expect(undone.row).toMatchObject({ status: 'arrived', retail: [] });
      expect(levelOf(shop, shampoo.id)).toBe(5);
      // Append-only: the sale stays, and a movement of the same kind and price brings the stock back.
      expect(soldLines(shop, shampoo.id)).toEqual([
        { quantity: 2, priceCents: 1100, shortBy: 0, appointmentId: visit.id },
        { quantity: -2, priceCents: 1100, shortBy: 0, appointmentId: visit.id },
      ]);
      expect(productHistory(shop.store, { productId: shampoo.id })[0]).toMatchObject({ kind: 'sold', quantity: 2, clientName: 'Zoë Smith' });

      // Undoing the undo sells it again.
      undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('redo'), id: visit.id, expectedVersion: undone.row.version, eventId: undone.event.id });
      expect(current(shop, visit.id)).toMatchObject({ status: 'completed', retail });
      expect(levelOf(shop, shampoo.id)).toBe(3);
    });

    it('a sale the shelf cannot cover is refused with nothing written, and sold anyway records the shortage', ({ shop }) => {
      const { shampoo } = colourWithTubes(shop, 0);
      const visit = checkedIn(shop);
      const sale = { id: visit.id, expectedVersion: visit.version, priceCents: 3000, retail: [{ productId: shampoo.id, quantity: 7, priceCents: 1200 }] };
      const before = dumpDb(shop.store);
      const refused = refusal(() => checkOut(shop.receptionDesk, { idempotencyKey: key('out'), ...sale }));
      expect(refused.code).toBe('OUT_OF_STOCK');
      expect(refused.message).toMatch(/^Only 5 bottles of Silk shampoo left, and this sale needs 7\. To sell it anyway, choose “Sell anyway”/);
      expect(refused.details).toMatchObject({ productId: shampoo.id, left: 5, needed: 7, field: 'retail' });
      expect(dumpDb(shop.store)).toEqual(before);
      expect(current(shop, visit.id).status).toBe('arrived');

      checkOut(shop.receptionDesk, { idempotencyKey: key('out'), ...sale, allowShortage: true });
      expect(current(shop, visit.id).status).toBe('completed');
      expect(levelOf(shop, shampoo.id)).toBe(-2);
      expect(soldLines(shop, shampoo.id)).toEqual([{ quantity: -7, priceCents: 1200, shortBy: 2, appointmentId: visit.id }]);
    });

    it('a product no longer in the stock list cannot be sold', ({ shop }) => {
      const visit = checkedIn(shop);
      const refused = refusal(() =>
        checkOut(shop.receptionDesk, { idempotencyKey: key('out'), id: visit.id, expectedVersion: visit.version, priceCents: 3000, retail: [{ productId: randomUUID(), quantity: 1, priceCents: 500 }] }),
      );
      expect(refused).toMatchObject({ code: 'NOT_FOUND', details: { field: 'retail' } });
      expect(current(shop, visit.id).status).toBe('arrived');
    });
  });

  it('acceptance 3: a negative receipt and a count that is not a number are refused in words, nothing written', ({ shop }) => {
    const { tube } = colourWithTubes(shop, 3);
    const before = dumpDb(shop.store);
    const negative = refusal(() => recordStockMovement(shop.receptionDesk, { idempotencyKey: key('receive'), productId: tube.id, kind: 'received', quantity: -2 }));
    expect(negative).toMatchObject({ code: 'VALIDATION_ERROR', message: 'The number received must be more than 0.', details: { field: 'quantity' } });
    const notANumber = refusal(() => countStock(shop.receptionDesk, { idempotencyKey: key('count'), productId: tube.id, counted: 'three', reason: 'Shelf count' }));
    expect(notANumber.code).toBe('VALIDATION_ERROR');
    expect(notANumber.message).toBe('Counted must be a whole number.');
    expect(notANumber.details).toMatchObject({ field: 'counted' });
    const negativeCount = refusal(() => countStock(shop.receptionDesk, { idempotencyKey: key('count'), productId: tube.id, counted: -1 }));
    expect(negativeCount.message).toBe('Counted must be 0 or more.');
    expect(dumpDb(shop.store)).toEqual(before);
    expect(levelOf(shop, tube.id)).toBe(3);
  });

  it('a count records the difference with its reason, and the level becomes what was counted', ({ shop }) => {
    const { tube } = colourWithTubes(shop, 5);
    countStock(shop.receptionDesk, { idempotencyKey: key('count'), productId: tube.id, counted: 3, reason: 'Two tubes dried out' });
    expect(levelOf(shop, tube.id)).toBe(3);
    expect(productHistory(shop.store, { productId: tube.id })[0]).toMatchObject({ kind: 'counted', quantity: -2, counted: 3, reason: 'Two tubes dried out', by: 'Alice' });
  });

  it('exports levels and movements as CSV through the router, refusing bad input with the field named', async ({ shop }) => {
    const { tube, shampoo } = colourWithTubes(shop, 4);
    book(shop, at('10:00'), { serviceId: shop.services.colour });
    const outputDir = join(shop.dir, 'saved');
    mkdirSync(outputDir);
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.owner.id });
    const caller = createCallerFactory(appRouter)({ store: shop.store, session, now: shop.clock.now, requestId: 'req-stock', shell: { outputDir } } as DeskContext);

    const badCount = await caller.stock.count({ idempotencyKey: key('count'), productId: tube.id, counted: Number.NaN }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(badCount?.message).toBe('Counted must be a whole number.');

    const levels = await caller.exports.stockLevels();
    const rows = Papa.parse<string[]>(readFileSync(levels.path!, 'utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Product', 'Kind', 'Unit', 'Supplier', 'Cost', 'Price', 'In stock', 'Low-stock level', 'Low']);
    expect(rows.slice(1)).toEqual([
      ['Colour 6N', 'Back-bar', 'tube', '', '', '', '3', '1', ''],
      ['Silk shampoo', 'Retail', 'bottle', '', '', '12.00', '5', '0', ''],
    ]);
    const movements = await caller.exports.stockMovements({ from: '2026-06-02', to: '2026-06-02' });
    const lines = Papa.parse<string[]>(readFileSync(movements.path!, 'utf8').slice(1), { skipEmptyLines: true }).data;
    expect(lines.slice(1).map((line) => [line[2], line[3], line[4], line[7]])).toEqual([
      ['Colour 6N', 'Received', '4', ''],
      ['Silk shampoo', 'Received', '5', ''],
      ['Colour 6N', 'Used by a service', '-1', 'Zoë Smith'],
    ]);
    void shampoo;
  });
});
