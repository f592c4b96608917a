import type { AnyRow, Appointment, Client, EntityType, EntityRows, StockMovement } from '../../../src-shared/entities';
import { ensureReportRollup, rollUpAppointment, rollUpStockMovement } from './reportRollup';
import type { Store } from './open';
import { ensureClientSearch, writeClientSearch } from './clientSearch';
import { rowWritten } from './rowCache';
import { statements } from './statements';

export function loadRow<E extends EntityType>(store: Store, entityType: E, id: string): EntityRows[E] | null {
  return statements(store).loadRow[entityType](id) as EntityRows[E] | null;
}

/** Insert a new row or overwrite an existing one by id (the caller has checked its version). */
export function saveRow(store: Store, entityType: EntityType, row: AnyRow, isNew: boolean): void {
  // Only a client's row gains columns (its search keys); any other row is written as it is.
  let values: AnyRow | Record<string, unknown> = row;
  if (entityType === 'client') {
    // A new client has no keys yet to take out of the indexes first.
    values = { ...row, ...writeClientSearch(store, row as Client, isNew) };
  }
  // The owner's numbers' daily rollup moves with the row, in this same transaction (docs §26).
  if (entityType === 'appointment') rollUpAppointment(store, row as Appointment, isNew);
  else if (entityType === 'stockMovement') rollUpStockMovement(store, row as StockMovement);
  const prepared = statements(store);
  (isNew ? prepared.insertRow : prepared.updateRow)[entityType](values as never);
  rowWritten(store, entityType);
  // The shop's zone names the country its numbers are read for: another country, other keys.
  // Its days too: another zone, other days.
  if (entityType === 'settings') {
    ensureClientSearch(store);
    ensureReportRollup(store);
  }
}

