import { and, eq, inArray, ne } from 'drizzle-orm';
import type { EntityType } from '../../src-shared/entities';
import type { SyncState } from '../../src-shared/queries';
import type { Store } from '../store/open';
import { outbox } from '../store/schema';

/** Worst first: a row shows the most urgent state of its unresolved outbox rows. */
const urgency: SyncState[] = ['failed', 'rejected', 'conflict', 'pending'];

/**
 * Each row's sync state, derived from its unresolved outbox rows. A standalone machine has none,
 * so everything it committed is confirmed (DESIGN.md §5).
 */
export function syncStatesOf(store: Store, entityType: EntityType, ids: readonly string[]): Map<string, SyncState> {
  const states = new Map<string, SyncState>();
  if (ids.length === 0) return states;
  const open = store.db
    .select({ entityId: outbox.entityId, state: outbox.state })
    .from(outbox)
    .where(
      and(eq(outbox.entityType, entityType), inArray(outbox.entityId, [...ids]), ne(outbox.state, 'applied'), ne(outbox.state, 'resolved')),
    )
    .all();
  for (const row of open) {
    const state = row.state as SyncState;
    const held = states.get(row.entityId);
    if (held === undefined || urgency.indexOf(state) < urgency.indexOf(held)) states.set(row.entityId, state);
  }
  return states;
}
