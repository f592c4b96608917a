import { and, eq, inArray } from 'drizzle-orm';
import { rowSchemas, type AnyRow, type DomainEvent, type EntityType } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { diffFields, domainFields } from '../../../src-shared/operations';
import type { Store } from '../store/open';
import { rollUpCancelEvent } from '../store/reportRollup';
import { loadRow, saveRow } from '../store/rows';
import { events, outbox, serverRows } from '../store/schema';
import { unresolvedStates } from './outbox';

/**
 * The server's rows beside the local ones (docs/architecture.md §5, §3 invariant 3). The local row of a
 * paired machine is the server's row plus this machine's unsettled changes; once an entity has
 * none left, the local row is replaced by the server's row ("adopted"). Local history stays
 * append-only: pulled server events are added (skipped when this machine already has the event —
 * its own change, same id), nothing is rewritten.
 */

export type ServerRow = typeof serverRows.$inferSelect;

export function serverRowOf(store: Store, entityType: EntityType, entityId: string): ServerRow | null {
  return (
    store.db
      .select()
      .from(serverRows)
      .where(and(eq(serverRows.entityType, entityType), eq(serverRows.entityId, entityId)))
      .get() ?? null
  );
}

/** Records the server's row unless a later change is already known (rows only move forward). */
export function rememberServerRow(
  store: Store,
  entityType: EntityType,
  row: Record<string, unknown>,
  lastEventId: string,
  changeId: number,
): boolean {
  const entityId = String(row.id);
  const held = serverRowOf(store, entityType, entityId);
  if (held !== null && held.changeId >= changeId) return false;
  const version = Number(row.version);
  if (held === null) {
    store.db.insert(serverRows).values({ entityType, entityId, version, row, lastEventId, changeId }).run();
  } else {
    store.db
      .update(serverRows)
      .set({ version, row, lastEventId, changeId })
      .where(and(eq(serverRows.entityType, entityType), eq(serverRows.entityId, entityId)))
      .run();
  }
  return true;
}

export function hasUnresolved(store: Store, entityType: EntityType, entityId: string): boolean {
  return (
    store.db
      .select({ id: outbox.mutationId })
      .from(outbox)
      .where(and(eq(outbox.entityType, entityType), eq(outbox.entityId, entityId), inArray(outbox.state, [...unresolvedStates])))
      .limit(1)
      .get() !== undefined
  );
}

/** The server's JSON row as a typed row (unknown keys dropped, shape checked). */
export function parseServerRow(entityType: EntityType, row: Record<string, unknown>): AnyRow {
  return rowSchemas[entityType].parse(row) as AnyRow;
}

export function sameRow(a: AnyRow | null, b: AnyRow | null): boolean {
  if (a === null || b === null) return a === b;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(row: AnyRow): unknown {
  const record = row as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

/** Same domain fields (ignoring version and timestamps): nothing to upload or to review. */
export function sameContent(a: AnyRow, b: AnyRow): boolean {
  const left = domainFields(a);
  const right = domainFields(b);
  return JSON.stringify(canonical(left as AnyRow)) === JSON.stringify(canonical(right as AnyRow));
}

/** Local row := server row, when nothing local is left to settle. Returns true when it changed. */
export function adoptServerRow(store: Store, entityType: EntityType, entityId: string): boolean {
  if (hasUnresolved(store, entityType, entityId)) return false;
  const server = serverRowOf(store, entityType, entityId);
  if (server === null) return false;
  const row = parseServerRow(entityType, server.row);
  const local = loadRow(store, entityType, entityId);
  if (sameRow(local, row)) return false;
  saveRow(store, entityType, row, local === null);
  return true;
}

/** Adds a pulled server event to the local history unless this machine already has it. */
export function recordServerEvent(store: Store, event: DomainEvent): void {
  const inserted = store.db.insert(events).values(event).onConflictDoNothing({ target: events.id }).run();
  // A pulled cancellation may make its booking a late one in the owner's numbers (docs §26).
  if (inserted.changes > 0) rollUpCancelEvent(store, event);
}

/**
 * A local-only event that records what a person decided in the Recovery Center (it is never
 * pushed: the server already has, or never had, what it describes).
 */
export function writeRecoveryEvent(
  store: Store,
  input: {
    entityType: EntityType;
    before: AnyRow | null;
    after: AnyRow;
    type: string;
    actorStaffId: string | null;
    reason: string;
    at: number;
  },
): DomainEvent {
  const diff = diffFields(input.before, input.after);
  const event: DomainEvent = {
    id: newId(),
    entityType: input.entityType,
    entityId: input.after.id,
    type: `${input.entityType}.${input.type}`,
    version: input.after.version,
    actorStaffId: input.actorStaffId,
    deviceId: store.deviceId,
    at: input.at,
    reason: input.reason,
    before: diff.before,
    after: diff.after,
    undoesEventId: null,
  };
  store.db.insert(events).values(event).run();
  return event;
}
