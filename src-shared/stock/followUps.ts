import type { Command } from '../commands';
import { holdsTime, type Appointment, type Product, type ProductUse, type Service, type StockMovement } from '../entities';
import { AppError } from '../errors';
import { newId } from '../ids';

/**
 * The stock a change to an appointment moves (docs/architecture.md §25). A visit that holds its
 * time (booked, held, in the chair, done) uses what its service uses; a cancelled, no-show or
 * removed one uses nothing. The appointment's own movements say what it has used so far, so every
 * change — a booking, a cancel, a restore, an undo, another service — is the difference between
 * the two, recorded as `used` or `returned` movements. Pure: the rulebook returns these with its
 * decision and the store runs them in the change's transaction, as it does a change's messages.
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
  kind: 'used' | 'returned';
  quantity: number;
  shortBy: number;
}

/** What a visit in this state uses. */
export function wantedUse(after: Appointment, service: Service | null): readonly ProductUse[] {
  if (after.deletedAt !== null || !holdsTime(after.status) || service === null || service.id !== after.serviceId) return [];
  return service.products;
}

/** Does this change need the appointment's stock? Only when the service uses products, or the service changed. */
export function movesStock(before: Appointment | null, after: Appointment, service: Service | null): boolean {
  if (before !== null && before.serviceId !== after.serviceId) return true;
  return service !== null && service.products.length > 0;
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

/** "1 tube", "3 tubes": a unit counted, in words. */
export function unitsOf(count: number, unit: string): string {
  return `${count} ${count === 1 ? unit : pluralOf(unit)}`;
}

function pluralOf(unit: string): string {
  if (unit === '') return unit;
  return /(s|x|ch|sh)$/i.test(unit) ? `${unit}es` : `${unit}s`;
}

/**
 * The movements that bring what the appointment has used to what it uses now; refuses
 * (OUT_OF_STOCK) a use there is not enough for, unless the person chose to book anyway.
 */
export function stockFollowUps(input: StockFollowUpInput): StockFollowUp[] {
  const used = usedSoFar(input.movements);
  const wanted = new Map(wantedUse(input.after, input.service).map((use) => [use.productId, use.quantity]));
  const followUps: StockFollowUp[] = [];
  for (const productId of new Set([...used.keys(), ...wanted.keys()])) {
    const difference = (wanted.get(productId) ?? 0) - (used.get(productId) ?? 0);
    if (difference < 0) followUps.push({ productId, kind: 'returned', quantity: -difference, shortBy: 0 });
    if (difference <= 0) continue;
    const stock = input.stock.find((candidate) => candidate.product.id === productId);
    const left = Math.max(0, stock?.level ?? 0);
    const shortBy = Math.max(0, difference - left);
    if (shortBy > 0 && !input.allowShortage) throw outOfStock(stock, left, difference);
    followUps.push({ productId, kind: 'used', quantity: difference, shortBy });
  }
  return followUps;
}

function outOfStock(stock: ProductLevel | undefined, left: number, needed: number): AppError {
  const name = stock?.product.name ?? 'a product this service uses';
  const unit = stock?.product.unit ?? 'unit';
  return new AppError(
    'OUT_OF_STOCK',
    `Only ${unitsOf(left, unit)} of ${name} left, and this visit uses ${needed}. To book it anyway, choose “Book anyway”: the shortage is recorded.`,
    { productId: stock?.product.id ?? null, productName: name, left, needed },
  );
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
    },
  }));
}
