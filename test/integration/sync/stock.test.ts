import { describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import type { Machine, ShopSetup } from '../../support/sync/harness';
import { pairedDesks, syncUntilQuiet } from '../../support/sync/harness';
import { productStock, stockList } from '../../../src-main/core/stock/queries';

/**
 * Stock between two desks (issue 14, acceptance 2): the ledger's movements made on each desk,
 * offline from each other, all reach both; a level is their sum, so it never differs between desks
 * once they have synced — nothing is overwritten, a shortage from two desks selling the last one
 * shows as a negative level on both.
 */

const MINUTE = 60_000;
/** Monday 1 June 2026, 08:00 in London. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk-stock-sync', SHOP_TIME);

function tubesFor(a: Machine, shop: ShopSetup) {
  const tube = newId();
  a.run('product', 'create', tube, { name: 'Colour 6N', kind: 'backBar', unit: 'tube', lowStockAt: 1 });
  a.run('service', 'setProducts', shop.serviceId, { products: [{ productId: tube, quantity: 1 }] });
  a.run('stockMovement', 'create', newId(), { productId: tube, kind: 'received', quantity: 3 });
  return tube;
}

const levelOn = (machine: Machine, productId: string) => productStock(machine.store, productId)?.level;

describe('stock between two desks', () => {
  it('acceptance 2: movements from two desks converge and the level never differs between desks after sync', async () => {
    const { a, b, shop, shopId, clock } = await desks.twoDesks('stock-converge');
    const tube = tubesFor(a, shop);
    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);
    expect(levelOn(b, tube)).toBe(3);

    // Offline from each other: A books two visits that use a tube each, B sells two and receives one.
    clock.advance(5 * MINUTE);
    const first = newId();
    const second = newId();
    for (const [id, hour] of [
      [first, 10],
      [second, 11],
    ] as const)
      a.run('appointment', 'create', id, { clientId: shop.clientIds[0], staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt: Date.UTC(2026, 5, 2, hour, 0) });
    b.run('stockMovement', 'create', newId(), { productId: tube, kind: 'sold', quantity: 2 });
    b.run('stockMovement', 'create', newId(), { productId: tube, kind: 'received', quantity: 1 });
    expect(levelOn(a, tube)).toBe(1);
    expect(levelOn(b, tube)).toBe(2);

    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);
    // 3 − 2 used − 2 sold + 1 received: both desks sold the same last tube, and both say so.
    expect(levelOn(a, tube)).toBe(0);
    expect(levelOn(b, tube)).toBe(0);

    // A cancels one visit (its tube comes back) while B counts the shelf.
    clock.advance(5 * MINUTE);
    a.run('appointment', 'cancel', first, {}, 'Client unwell');
    b.run('stockMovement', 'create', newId(), { productId: tube, kind: 'counted', quantity: 0, counted: 0 });
    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);
    expect(levelOn(a, tube)).toBe(1);
    expect(stockList(a.store)).toEqual(stockList(b.store));
    expect(b.store.sqlite.prepare(`SELECT count(*) FROM stock_movements WHERE product_id = ?`).pluck().get(tube)).toBe(7);
    await desks.expectConverged([a, b], shopId);
    a.close();
    b.close();
  });
});
