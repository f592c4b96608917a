import type { Command } from '../commands';
import { holdsTime, type Appointment, type Product, type ProductUse, type RetailLine, type Service, type StockMovement } from '../entities';
import type { AppError } from '../errors';
import { refuse } from '../refuse';
import { sayIn, type Say } from '../say';
import { newId } from '../ids';
import { unitsSay } from './unitWords';

/**
 * The stock a change to an appointment moves (docs/architecture.md §25). A visit that holds its
 * time (booked, held, in the chair, done) uses what its service uses; a cancelled, no-show or
 * removed one uses nothing. The appointment's own movements say what it has used so far, so every
 * change — a booking, a cancel, a restore, an undo, another service — is the difference between
 * the two, recorded as `used` or `returned` movements. A checked-out visit has sold the retail its
 * checkout carries (`retail`); any other state has sold nothing, so a checkout records `sold`
 * movements and its undo a `sold` movement back into stock for each (`undoesSale`: the ledger stays
 * append-only and the takings, −quantity × price, net to nothing). Pure: the rulebook returns these
 * with its decision and the store runs them in the change's transaction, as it does a change's messages.
 */

export interface StockFollowUpInput {
  after: Appointment;
  /** The service the appointment has after the change. */
  service: Service | null;
  /** The appointment's movements so far (not removed). */
  movements: readonly StockMovement[];
  /** The products it would use, with their levels now. */
  stock: readonly ProductLevel[];
  /** The person chose to book though there is not enough; the shortage is recorded on the movement. */
  allowShortage: boolean;
}

export interface ProductLevel {
  product: Product;
  level: number;
}

export interface StockFollowUp {
  productId: string;
  kind: 'used' | 'returned' | 'sold';
  quantity: number;
  shortBy: number;
  /** A sale: the price charged for each unit. */
  priceCents?: number;
  /** A sale taken back (its checkout undone): the stock comes back in. */
  undoesSale?: true;
}

/** What a visit in this state uses. */
export function wantedUse(after: Appointment, service: Service | null): readonly ProductUse[] {
  if (after.deletedAt !== null || !holdsTime(after.status) || service === null || service.id !== after.serviceId) return [];
  return service.products;
}

/** The retail a visit in this state has sold: what its checkout carried, while it stays checked out. */
export function wantedSale(after: Appointment): readonly RetailLine[] {
  return after.deletedAt === null && after.status === 'completed' ? retailOf(after) : [];
}

/** Rows stored before checkouts carried retail have none. */
function retailOf(row: Appointment): readonly RetailLine[] {
  return (row as Partial<Appointment>).retail ?? [];
}

/**
 * Does this change need the appointment's stock? Only when the service uses products, the service
 * changed, or the visit sold (or sells) retail at its checkout.
 */
export function movesStock(before: Appointment | null, after: Appointment, service: Service | null): boolean {
  if (before !== null && (before.serviceId !== after.serviceId || retailOf(before).length > 0)) return true;
  return retailOf(after).length > 0 || (service !== null && service.products.length > 0);
}

/** The products whose level the change must know: what the visit uses and what it sells. */
export function productsWanted(after: Appointment, service: Service | null): string[] {
  return [...new Set([...wantedUse(after, service).map((use) => use.productId), ...wantedSale(after).map((line) => line.productId)])];
}

/** Units used so far by the appointment, by product. */
function usedSoFar(movements: readonly StockMovement[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const movement of movements) {
    if (movement.deletedAt !== null || (movement.kind !== 'used' && movement.kind !== 'returned')) continue;
    used.set(movement.productId, (used.get(movement.productId) ?? 0) - movement.quantity);
  }
  return used;
}

/**
 * Units sold so far at the visit's checkout, by product and price. Only the checkout's own sales
 * count (they carry their price): a sale recorded apart from a checkout is not the visit's to take back.
 */
function soldSoFar(movements: readonly StockMovement[]): Map<string, { productId: string; priceCents: number; units: number }> {
  const sold = new Map<string, { productId: string; priceCents: number; units: number }>();
  for (const movement of movements) {
    const priceCents = movement.priceCents ?? null;
    if (movement.deletedAt !== null || movement.kind !== 'sold' || priceCents === null) continue;
    const key = saleKey(movement.productId, priceCents);
    const line = sold.get(key) ?? { productId: movement.productId, priceCents, units: 0 };
    sold.set(key, { ...line, units: line.units - movement.quantity });
  }
  return sold;
}

const saleKey = (productId: string, priceCents: number) => `${productId}:${priceCents}`;

/**
 * The movements that bring what the appointment has used to what it uses now; refuses
 * (OUT_OF_STOCK) a use there is not enough for, unless the person chose to book anyway.
 */
export function stockFollowUps(input: StockFollowUpInput): StockFollowUp[] {
  const used = usedSoFar(input.movements);
  const wanted = new Map(wantedUse(input.after, input.service).map((use) => [use.productId, use.quantity]));
  // What is left of each product as the change takes it: a visit that uses a tube and sells one needs two.
  const left = new Map(input.stock.map((stock) => [stock.product.id, Math.max(0, stock.level)]));
  const take = (productId: string, units: number, sale: boolean): number => {
    const stock = input.stock.find((candidate) => candidate.product.id === productId);
    if (sale && stock === undefined) throw refuse('NOT_FOUND', 'stock.soldGone', undefined, { field: 'retail', productId });
    const there = left.get(productId) ?? 0;
    const shortBy = Math.max(0, units - there);
    if (shortBy > 0 && !input.allowShortage) throw outOfStock(stock, there, units, sale);
    left.set(productId, Math.max(0, there - units));
    return shortBy;
  };
  const followUps: StockFollowUp[] = [];
  for (const productId of new Set([...used.keys(), ...wanted.keys()])) {
    const difference = (wanted.get(productId) ?? 0) - (used.get(productId) ?? 0);
    if (difference < 0) followUps.push({ productId, kind: 'returned', quantity: -difference, shortBy: 0 });
    if (difference <= 0) continue;
    followUps.push({ productId, kind: 'used', quantity: difference, shortBy: take(productId, difference, false) });
  }
  const sold = soldSoFar(input.movements);
  const selling = new Map<string, { productId: string; priceCents: number; units: number }>();
  for (const line of wantedSale(input.after)) {
    const key = saleKey(line.productId, line.priceCents);
    selling.set(key, { productId: line.productId, priceCents: line.priceCents, units: (selling.get(key)?.units ?? 0) + line.quantity });
  }
  for (const key of new Set([...sold.keys(), ...selling.keys()])) {
    const line = selling.get(key) ?? sold.get(key);
    if (line === undefined) continue;
    const difference = (selling.get(key)?.units ?? 0) - (sold.get(key)?.units ?? 0);
    const { productId, priceCents } = line;
    if (difference < 0) followUps.push({ productId, kind: 'sold', quantity: -difference, shortBy: 0, priceCents, undoesSale: true });
    if (difference > 0) followUps.push({ productId, kind: 'sold', quantity: difference, shortBy: take(productId, difference, true), priceCents });
  }
  return followUps;
}

function outOfStock(stock: ProductLevel | undefined, left: number, needed: number, sale: boolean): AppError {
  const someProduct: Say = { key: 'stock.someProduct' };
  const name = stock?.product.name ?? someProduct;
  const unit = stock?.product.unit ?? 'unit';
  const details = { productId: stock?.product.id ?? null, productName: typeof name === 'string' ? name : sayIn(name, 'en'), left, needed, ...(sale ? { field: 'retail' } : {}) };
  return refuse('OUT_OF_STOCK', sale ? 'stock.shortSale' : 'stock.shortVisit', { left: unitsSay(left, unit), name, needed }, details);
}

/** The follow-ups as stock movement commands, each keyed by the event that caused it. */
export function stockCommands(followUps: readonly StockFollowUp[], causedBy: { eventId: string; appointmentId: string }): Command[] {
  return followUps.map((followUp, index) => ({
    entityType: 'stockMovement',
    op: 'create',
    entityId: newId(),
    expectedVersion: null,
    idempotencyKey: `stock:${causedBy.eventId}:${index}`,
    reason: null,
    args: {
      productId: followUp.productId,
      kind: followUp.kind,
      quantity: followUp.quantity,
      appointmentId: causedBy.appointmentId,
      ...(followUp.shortBy > 0 ? { shortBy: followUp.shortBy } : {}),
      ...(followUp.priceCents === undefined ? {} : { priceCents: followUp.priceCents }),
      ...(followUp.undoesSale === true ? { undoesSale: true } : {}),
    },
  }));
}
