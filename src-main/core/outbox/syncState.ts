import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { EntityType } from '../../../src-shared/entities';
import type { SyncState } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { outbox, serverRows } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';
import { isPaired } from './outbox';

/** Worst first: a row shows the most urgent state of its unresolved outbox rows. */
const urgency: SyncState[] = ['failed', 'rejected', 'conflict', 'pending'];

// Every day view asks this: keep the statement prepared.
const openOutboxQuery = storeSlot('open outbox query', (store) =>
  store.db
    .select({ entityId: outbox.entityId, state: outbox.state })
    .from(outbox)
    .where(and(eq(outbox.entityType, sql.placeholder('entityType')), notInArray(outbox.state, ['applied', 'resolved'])))
    .prepare(),
);

/**
 * Sync states of the rows of one entity type that have unresolved outbox rows (the others are
 * confirmed). A standalone machine has none, so everything it committed is confirmed (docs/architecture.md
 * §6). The unresolved outbox is small, so this reads it whole rather than per id.
 */
export function syncStatesOf(store: Store, entityType: EntityType): Map<string, SyncState> {
  const states = new Map<string, SyncState>();
  const open = slotOf(store, openOutboxQuery).all({ entityType });
  for (const row of open) {
    const state = row.state as SyncState;
    const held = states.get(row.entityId);
    if (held === undefined || urgency.indexOf(state) < urgency.indexOf(held)) states.set(row.entityId, state);
  }
  return states;
}

/** Sync state plus whether the server has the record (a pending new booking is "not booked"). */
export function entitySyncStates(
  store: Store,
  entityType: EntityType,
  ids: readonly string[],
): Map<string, { state: SyncState; onServer: boolean }> {
  const states = syncStatesOf(store, entityType);
  const known = new Set(
    ids.length === 0
      ? []
      : store.db
          .select({ id: serverRows.entityId })
          .from(serverRows)
          .where(and(eq(serverRows.entityType, entityType), inArray(serverRows.entityId, [...ids])))
          .all()
          .map((row) => row.id),
  );
  const paired = isPaired(store);
  return new Map(ids.map((id) => [id, { state: states.get(id) ?? 'confirmed', onServer: !paired || known.has(id) }]));
}
