import type { Store } from '../store/open';

/**
 * Where the stock ledger's movements (issue 14, part 1: a `stockMovement` record per product
 * received, sold at checkout, used by a service or counted) join the owner's numbers. The stock
 * work lands separately; until it is wired here the dashboard says retail and stock used are
 * "not recorded on this desk" — it never shows a made-up £0.
 *
 * To wire it, set `stockFigures` below to two aggregates over the movements table (pure SQL with
 * an index on (kind, at)), each over the instants [from, to):
 *  - `retailQuarters`: the takings of movements "sold at checkout" (quantity × price charged),
 *    grouped by `at / 900000` (a quarter hour: the dashboard folds quarters into shop days, §26);
 *  - `stockUsed`: per product, the quantity "used by a service" less what cancellations returned.
 */
export interface StockFigures {
  retailQuarters(store: Store, from: number, to: number): { quarter: number; cents: number }[];
  stockUsed(store: Store, from: number, to: number): StockUsed[];
}

export interface StockUsed {
  productId: string;
  name: string;
  /** The product's unit in words ("tube", "ml"). */
  unit: string;
  quantity: number;
}

/** null: the stock ledger is not wired yet (see above). */
export const stockFigures: StockFigures | null = null;
