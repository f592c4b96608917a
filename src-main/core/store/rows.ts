import type { AnyRow, Client, EntityType, EntityRows } from '../../../src-shared/entities';
import type { Store } from './open';
import { statements } from './statements';

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

export function loadRow<E extends EntityType>(store: Store, entityType: E, id: string): EntityRows[E] | null {
  return statements(store).loadRow[entityType](id) as EntityRows[E] | null;
}

/** Insert a new row or overwrite an existing one by id (the caller has checked its version). */
export function saveRow(store: Store, entityType: EntityType, row: AnyRow, isNew: boolean): void {
  // Only a client's row gains columns (its search keys); any other row is written as it is.
  let values: AnyRow | Record<string, unknown> = row;
  if (entityType === 'client') {
    const client = row as Client;
    values = { ...row, searchName: foldForSearch(client.name), searchPhone: phoneDigits(client.phone) };
  }
  const prepared = statements(store);
  (isNew ? prepared.insertRow : prepared.updateRow)[entityType](values as never);
}

