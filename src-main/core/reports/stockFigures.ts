import type { Store } from '../store/open';
import { QUARTER_MS } from '../../../src-shared/reports';
import type { ShopDays } from './shopDays';

/**
 * The stock ledger's part of the owner's numbers (docs/architecture.md §25–26), read from its
 * movements — never from the checkout call that made them.
 */

export interface StockUsed {
  productId: string;
  name: string;
  /** The product's unit in words ("tube", "ml"). */
  unit: string;
  quantity: number;
}

/**
 * Retail takings per quarter hour of [from, to) (the dashboard folds quarters into shop days): the
 * movements "sold at checkout", when they were recorded (the index on kind and created at), each
 * quantity at the price charged. An undone checkout's sale is a movement of the opposite sign at
 * the same price, so the two cancel out; a sale recorded before sales kept their price counts at
 * the product's.
 */
export function retailQuarters(store: Store, from: number, to: number): { quarter: number; cents: number }[] {
  return store.sqlite
    .prepare(
      `SELECT m.created_at / ${QUARTER_MS} AS quarter, sum(-m.quantity * coalesce(m.price_cents, p.price_cents, 0)) AS cents
         FROM stock_movements m INDEXED BY stock_movements_kind_created_at JOIN products p ON p.id = m.product_id
        WHERE m.kind = 'sold' AND m.created_at >= @from AND m.created_at < @to AND m.deleted_at IS NULL
        GROUP BY quarter`,
    )
    .all({ from, to }) as { quarter: number; cents: number }[];
}

/**
 * Per product, what the range's visits used less what their cancellations gave back, by name,
 * dated by the visit's start (the daily rollup's stock rows, reportRollup.ts); a product whose use was
 * all given back is left out.
 */
export function stockUsed(store: Store, days: ShopDays): StockUsed[] {
  return store.sqlite
    .prepare(
      `SELECT p.id AS productId, p.name AS name, p.unit AS unit, sum(r.quantity) AS quantity
         FROM report_stock_days r JOIN products p ON p.id = r.product_id
        WHERE r.day >= @from AND r.day <= @to
        GROUP BY p.id HAVING sum(r.quantity) <> 0
        ORDER BY p.name, p.id`,
    )
    .all({ from: days.dates[0], to: days.dates[days.dates.length - 1] }) as StockUsed[];
}
