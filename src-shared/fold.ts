import { rowSchemas, type AnyRow, type DomainEvent, type EntityType } from './entities';

/**
 * Folding an entity's events from empty gives its row (docs/architecture.md §3, invariant 3): each event's
 * `after` holds the fields it changed, `version` counts events, the first and last event give the
 * timestamps.
 */
export function foldEvents(entityType: EntityType, events: readonly DomainEvent[]): AnyRow | null {
  const first = events[0];
  const last = events.at(-1);
  if (first === undefined || last === undefined) return null;
  const state: Record<string, unknown> = {};
  for (const event of events) Object.assign(state, event.after);
  return rowSchemas[entityType].parse({
    ...state,
    id: first.entityId,
    version: last.version,
    createdAt: first.at,
    updatedAt: last.at,
  }) as AnyRow;
}
