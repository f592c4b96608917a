import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { activityInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { eventColumns, events } from '../store/schema';
import { actorNames, type StoredEvent } from '../history/entityHistory';
import { redactEvent } from '../staff/redact';
import { activitySubjects } from './activitySubjects';

/** The shop's activity, newest first, with what each row needs to read as a sentence, a page at a time (keyset on seq, so deep pages stay fast). */
export function activityLog(store: Store, input: z.output<typeof activityInputSchema>) {
  const conditions: SQL[] = [];
  if (input.actorStaffId !== undefined) conditions.push(eq(events.actorStaffId, input.actorStaffId));
  if (input.type !== undefined) conditions.push(eq(events.type, input.type));
  if (input.entityType !== undefined) conditions.push(eq(events.entityType, input.entityType));
  if (input.entityId !== undefined) conditions.push(eq(events.entityId, input.entityId));
  if (input.from !== undefined) conditions.push(gte(events.at, input.from));
  if (input.to !== undefined) conditions.push(lt(events.at, input.to));
  if (input.cursor !== undefined) conditions.push(lt(events.seq, input.cursor));
  // The clients an import added, filled in or took back are its one entry (docs/architecture.md §29); each client's own history still has them.
  if (input.entityId === undefined) conditions.push(sql`coalesce(${events.idempotencyKey}, '') NOT GLOB 'imported:*'`);
  const page = store.db
    .select(eventColumns)
    .from(events)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(events.seq))
    .limit(input.limit + 1)
    .all() as StoredEvent[];
  const items = page.slice(0, input.limit);
  const names = actorNames(store, items);
  const { subjects, names: mentioned, undoneTypes } = activitySubjects(store, items);
  return {
    items: items.map((event) => ({
      ...redactEvent(event),
      actorName: event.actorStaffId === null ? null : (names.get(event.actorStaffId) ?? null),
      undoesEventType: event.undoesEventId === null ? null : (undoneTypes.get(event.undoesEventId) ?? null),
      subject: subjects.get(event.entityId) ?? {},
    })),
    /** Names of the clients, services and staff the page's rows mention, by id. */
    names: Object.fromEntries(mentioned),
    nextCursor: page.length > input.limit ? (items.at(-1)?.seq ?? null) : null,
  };
}
