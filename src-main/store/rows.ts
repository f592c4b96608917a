import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { AnyRow, Client, EntityType, EntityRows } from '../../src-shared/entities';
import type { Store } from './open';
import { statements } from './statements';
import { entityTables } from './schema';

/** Accent- and case-folded text, so "Zoë" is found by "zoe". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function phoneDigits(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length === 0 ? null : digits;
}

/** The columns that make up the shared row shape (clients carry extra search columns). */
function rowColumns(entityType: EntityType) {
  const columns = getTableColumns(entityTables[entityType]) as Record<string, unknown>;
  if (entityType !== 'client') return columns;
  const { searchName: _name, searchPhone: _phone, ...rest } = columns;
  return rest;
}

type Loader = { get(values: { id: string }): unknown };
const loaders = new WeakMap<Store, Map<EntityType, Loader>>();

function loader(store: Store, entityType: EntityType): Loader {
  let byType = loaders.get(store);
  if (!byType) {
    byType = new Map();
    loaders.set(store, byType);
  }
  let prepared = byType.get(entityType);
  if (!prepared) {
    const table = entityTables[entityType];
    prepared = store.db
      .select(rowColumns(entityType) as never)
      .from(table)
      .where(eq(table.id, sql.placeholder('id')))
      .prepare() as unknown as Loader;
    byType.set(entityType, prepared);
  }
  return prepared;
}

export function loadRow<E extends EntityType>(store: Store, entityType: E, id: string): EntityRows[E] | null {
  return (loader(store, entityType).get({ id }) as EntityRows[E] | undefined) ?? null;
}

/** Insert a new row or overwrite an existing one by id (the caller has checked its version). */
export function saveRow(store: Store, entityType: EntityType, row: AnyRow, isNew: boolean): void {
  const values: Record<string, unknown> = { ...row };
  if (entityType === 'client') {
    const client = row as Client;
    values.searchName = foldForSearch(client.name);
    values.searchPhone = phoneDigits(client.phone);
  }
  const prepared = statements(store);
  (isNew ? prepared.insertRow : prepared.updateRow)[entityType].run(values);
}

