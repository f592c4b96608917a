import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DomainEvent } from '../../../src-shared/entities';
import type { historyInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { eventColumns, events, staff } from '../store/schema';
import { redactEvent } from '../staff/redact';

export type StoredEvent = DomainEvent & { seq: number };

/** Staff names for the actors of a set of events (staff are never removed, so names resolve). */
export function actorNames(store: Store, list: readonly { actorStaffId: string | null }[]): Map<string, string> {
  const ids = [...new Set(list.map((event) => event.actorStaffId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = store.db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, ids)).all();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * A record's timeline, oldest first: who, where, when, why, before → after, and undo links both
 * ways (an event names what it undid; an undone event names the undo). `canUndo` says whether
 * undoing it now would pass the rules (not undone yet, its fields unchanged since).
 */
export function entityHistory(store: Store, input: z.output<typeof historyInputSchema>) {
  const list = store.db
    .select(eventColumns)
    .from(events)
    .where(and(eq(events.entityType, input.entityType), eq(events.entityId, input.entityId)))
    .orderBy(asc(events.seq))
    .all() as StoredEvent[];
  const undoneBy = new Map<string, string>();
  for (const event of list) if (event.undoesEventId !== null) undoneBy.set(event.undoesEventId, event.id);
  const names = actorNames(store, list);
  const byId = new Map(list.map((event) => [event.id, event]));
  const latest: Record<string, unknown> = {};
  for (const event of list) Object.assign(latest, event.after);
  return list.map((event) => {
    const undoneByEventId = undoneBy.get(event.id) ?? null;
    const unchangedSince = Object.entries(event.after).every(
      ([key, value]) => JSON.stringify(latest[key]) === JSON.stringify(value),
    );
    return {
      ...redactEvent(event),
      actorName: event.actorStaffId === null ? null : (names.get(event.actorStaffId) ?? null),
      undoneByEventId,
      undoesEventType: event.undoesEventId === null ? null : (byId.get(event.undoesEventId)?.type ?? null),
      canUndo: undoneByEventId === null && unchangedSince,
    };
  });
}
