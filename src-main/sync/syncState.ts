import { and, eq, notInArray } from 'drizzle-orm';
import type { EntityType } from '../../src-shared/entities';
import type { SyncState } from '../../src-shared/queries';
import type { Store } from '../store/open';
import { outbox } from '../store/schema';

/** Worst first: a row shows the most urgent state of its unresolved outbox rows. */
const urgency: SyncState[] = ['failed', 'rejected', 'conflict', 'pending'];

/**
 * Sync states of the rows of one entity type that have unresolved outbox rows (the others are
 * confirmed). A standalone machine has none, so everything it committed is confirmed (DESIGN.md
 * §5). The unresolved outbox is small, so this reads it whole rather than per id.
 */
export function syncStatesOf(store: Store, entityType: EntityType): Map<string, SyncState> {
  const states = new Map<string, SyncState>();
  const open = store.db
    .select({ entityId: outbox.entityId, state: outbox.state })
    .from(outbox)
    .where(and(eq(outbox.entityType, entityType), notInArray(outbox.state, ['applied', 'resolved'])))
    .all();
  for (const row of open) {
    const state = row.state as SyncState;
    const held = states.get(row.entityId);
    if (held === undefined || urgency.indexOf(state) < urgency.indexOf(held)) states.set(row.entityId, state);
  }
  return states;
}
