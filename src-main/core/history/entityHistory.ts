import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { CLIENT_VIA_LINK_ACTOR_ID, CLIENT_VIA_LINK_NAME, isClientViaLink } from '../../../src-shared/clientActor';
import type { DomainEvent } from '../../../src-shared/entities';
import type { historyInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { eventColumns, events, staff } from '../store/schema';
import { redactEvent } from '../staff/redact';

export type StoredEvent = DomainEvent & { seq: number };

/** Names for the actors of a set of events: staff (never removed, so names resolve) and the client via their link. */
export function actorNames(store: Store, list: readonly { actorStaffId: string | null }[]): Map<string, string> {
  const ids = [...new Set(list.map((event) => event.actorStaffId).filter((id): id is string => id !== null))];
  // The client acting through their confirmation link is named as such (docs/architecture.md §20).
  const names = new Map<string, string>(ids.some(isClientViaLink) ? [[CLIENT_VIA_LINK_ACTOR_ID, CLIENT_VIA_LINK_NAME]] : []);
  const staffIds = ids.filter((id) => !isClientViaLink(id));
  if (staffIds.length === 0) return names;
  const rows = store.db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, staffIds)).all();
  for (const row of rows) names.set(row.id, row.name);
  return names;
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
  // Nothing of an erased record is undone (docs/architecture.md §28).
  const erased = typeof latest.erasedAt === 'number';
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
      canUndo: undoneByEventId === null && unchangedSince && !erased,
    };
  });
}
