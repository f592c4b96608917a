import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, instantSchema, type Product, type StockMovement } from '../../../src-shared/entities';
import { nameColumns } from '../store/namedRows';
import type { Store } from '../store/open';
import { appointments, clients, events, products, services, staff, stockMovements } from '../store/schema';

/**
 * The shop's stock as people read it (docs/architecture.md §25): each product with its level — the
 * sum of its movements, never a stored counter — and each movement with who made it and when.
 */

export interface ProductStock extends Product {
  level: number;
  /** At or under its low-stock level. */
  low: boolean;
}

// Served by stock_movements_product. Spelled out: drizzle leaves a column inside sql`` unqualified, which a correlated subquery misreads.
const levelOf = sql<number>`coalesce((SELECT sum(m."quantity") FROM "stock_movements" m
  WHERE m."product_id" = "products"."id" AND m."deleted_at" IS NULL), 0)`;

/** Every product not removed, by name, with its level. */
export function stockList(store: Store): ProductStock[] {
  const rows = store.db
    .select({ product: products, level: levelOf })
    .from(products)
    .where(isNull(products.deletedAt))
    .orderBy(asc(products.name))
    .all() as { product: Product; level: number }[];
  return rows.map(({ product, level }) => ({ ...product, level, low: level <= product.lowStockAt }));
}

/** One product with its level, or null when the shop has none such (or it was removed). */
export function productStock(store: Store, productId: string): ProductStock | null {
  return stockList(store).find((product) => product.id === productId) ?? null;
}

export const productHistoryInputSchema = z.strictObject({ productId: idSchema });

export interface StockMovementLine extends StockMovement {
  /** Who recorded it (the staff member's name), and when. */
  by: string | null;
  at: number;
  reason: string | null;
  /** The visit that used, returned or sold it: its client and service. */
  clientName: string | null;
  serviceName: string | null;
}

/** A product's movements, newest first, with who recorded each and the visit behind it. */
export function productHistory(store: Store, input: z.infer<typeof productHistoryInputSchema>): StockMovementLine[] {
  return movementLines(store, eq(stockMovements.productId, input.productId), 'newest');
}

export const movementsRangeInputSchema = z.strictObject({ from: instantSchema, to: instantSchema });

/** Every movement made in [from, to), oldest first (the CSV export). */
export function movementsBetween(store: Store, input: z.infer<typeof movementsRangeInputSchema>): (StockMovementLine & { productName: string; unit: string })[] {
  const rows = movementQuery(store)
    .where(and(gte(stockMovements.createdAt, input.from), lt(stockMovements.createdAt, input.to), isNull(stockMovements.deletedAt)))
    .orderBy(asc(stockMovements.createdAt), asc(stockMovements.id))
    .all();
  return rows.map(lineOf);
}

function movementQuery(store: Store) {
  return store.db
    // The staff member named is the one who recorded the movement (its event's actor).
    .select({ movement: stockMovements, productName: products.name, unit: products.unit, ...nameColumns, at: events.at, reason: events.reason })
    .from(stockMovements)
    .innerJoin(products, eq(products.id, stockMovements.productId))
    // The movement's one event: the create that made it (who and when).
    .leftJoin(events, and(eq(events.entityId, stockMovements.id), eq(events.type, 'stockMovement.create')))
    .leftJoin(staff, eq(staff.id, events.actorStaffId))
    .leftJoin(appointments, eq(appointments.id, stockMovements.appointmentId))
    .leftJoin(clients, eq(clients.id, appointments.clientId))
    .leftJoin(services, eq(services.id, appointments.serviceId));
}

type MovementRow = ReturnType<ReturnType<typeof movementQuery>['all']>[number];

function lineOf(row: MovementRow): StockMovementLine & { productName: string; unit: string } {
  return {
    ...(row.movement as StockMovement),
    productName: row.productName,
    unit: row.unit,
    by: row.staffName,
    at: row.at ?? row.movement.createdAt,
    reason: row.reason,
    clientName: row.clientName,
    serviceName: row.serviceName,
  };
}

function movementLines(store: Store, where: ReturnType<typeof eq>, order: 'newest'): StockMovementLine[] {
  const rows = movementQuery(store)
    .where(and(where, isNull(stockMovements.deletedAt)))
    .orderBy(order === 'newest' ? desc(stockMovements.createdAt) : asc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(500)
    .all();
  return rows.map(lineOf);
}
