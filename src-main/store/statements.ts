import { and, eq, getTableColumns, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { EntityType } from '../../src-shared/entities';
import type { Store } from './open';
import { appointments, entityTables, events, idempotencyRecords, localMeta, staff } from './schema';

/**
 * The write path's statements, prepared once per store. Building a drizzle query costs more than
 * running it on SQLite, and a booking runs about ten of them, so the hot path reuses these.
 */

const p = (name: string) => sql.placeholder(name);

function placeholdersFor(entityType: EntityType) {
  const columns = getTableColumns(entityTables[entityType]);
  return Object.fromEntries(Object.keys(columns).map((key) => [key, p(key)]));
}

function build(store: Store) {
  const { db } = store;
  const insertRow = {} as Record<EntityType, { run(values: Record<string, unknown>): unknown }>;
  const updateRow = {} as Record<EntityType, { run(values: Record<string, unknown>): unknown }>;
  for (const entityType of Object.keys(entityTables) as EntityType[]) {
    const table = entityTables[entityType];
    const values = placeholdersFor(entityType);
    insertRow[entityType] = db.insert(table).values(values as never).prepare();
    const { id: _id, ...changes } = values;
    updateRow[entityType] = db
      .update(table)
      .set(changes as never)
      .where(eq(table.id, p('id')))
      .prepare();
  }
  return {
    insertRow,
    updateRow,
    insertEvent: db
      .insert(events)
      .values(Object.fromEntries(Object.keys(getTableColumns(events)).filter((key) => key !== 'seq').map((key) => [key, p(key)])) as never)
      .prepare(),
    eventById: db.select().from(events).where(eq(events.id, p('id'))).prepare(),
    undoOf: db.select({ id: events.id }).from(events).where(eq(events.undoesEventId, p('id'))).prepare(),
    idempotencyByKey: db.select().from(idempotencyRecords).where(eq(idempotencyRecords.key, p('key'))).prepare(),
    insertIdempotency: db
      .insert(idempotencyRecords)
      .values({ key: p('key'), payloadHash: p('payloadHash'), result: p('result'), createdAt: p('createdAt') })
      .prepare(),
    activeOwner: db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.role, 'owner'), eq(staff.active, true), isNull(staff.deletedAt)))
      .limit(1)
      .prepare(),
    activeOwners: db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.role, 'owner'), eq(staff.active, true), isNull(staff.deletedAt)))
      .prepare(),
    pairing: db.select().from(localMeta).where(eq(localMeta.key, 'pairing')).prepare(),
    overlap: db
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.staffId, p('staffId')),
          gt(appointments.startsAt, p('scanFrom')),
          lt(appointments.startsAt, p('blockEndsAt')),
          gt(appointments.blockEndsAt, p('startsAt')),
          eq(appointments.status, 'booked'),
          isNull(appointments.deletedAt),
          ne(appointments.id, p('id')),
        ),
      )
      .limit(1)
      .prepare(),
  };
}

export type Statements = ReturnType<typeof build>;
const cache = new WeakMap<Store, Statements>();

export function statements(store: Store): Statements {
  let prepared = cache.get(store);
  if (!prepared) {
    prepared = build(store);
    cache.set(store, prepared);
  }
  return prepared;
}
