import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Command } from '../../../src-shared/commands';
import type { DomainEvent, EntityType } from '../../../src-shared/entities';
import type { Store } from '../store/open';
import { cachedPaired } from '../store/rowCache';
import { slotOf, storeSlot } from '../store/state';
import { outbox, serverRows } from '../store/schema';

/** Outbox states a person still has to see through: not yet acknowledged, or refused. */
export const unresolvedStates = ['pending', 'conflict', 'rejected', 'failed'] as const;
/** Refused or failed: the Recovery Center's business. */
export const refusedStates = ['conflict', 'rejected', 'failed'] as const;

export type OutboxRow = typeof outbox.$inferSelect;

/** Whether this machine is paired with a sync server (set by pairing, cleared by unpairing). */
export function isPaired(store: Store): boolean {
  return cachedPaired(store);
}

type Listener = () => void;
const listeners = storeSlot('outbox listeners', () => new Set<Listener>());

/** The sync agent listens here for local changes (called after the write, outside any await). */
export function onOutboxWrite(store: Store, listener: Listener): () => void {
  const set = slotOf(store, listeners);
  set.add(listener);
  return () => set.delete(listener);
}

function notify(store: Store): void {
  const set = store.state.peek(listeners);
  if (!set || set.size === 0) return;
  // After the surrounding transaction has had its chance to commit.
  setTimeout(() => {
    for (const listener of set) listener();
  }, 0);
}

/** This entity's outbox rows a person or the server still has to settle, oldest first. */
export function unresolvedRowsOf(store: Store, entityType: EntityType, entityId: string): OutboxRow[] {
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.entityType, entityType), eq(outbox.entityId, entityId), inArray(outbox.state, [...unresolvedStates])))
    .orderBy(outbox.mutationId)
    .all();
}

/**
 * The event a new change to this entity is built on: this machine's latest unsettled change to
 * it, else the server's latest event (null for an entity the server has never had).
 */
export function baseOf(store: Store, entityType: EntityType, entityId: string): { eventId: string | null; serverVersion: number | null } {
  const mine = store.db
    .select({ eventId: outbox.eventId })
    .from(outbox)
    .where(and(eq(outbox.entityType, entityType), eq(outbox.entityId, entityId), inArray(outbox.state, [...unresolvedStates])))
    .orderBy(desc(outbox.mutationId))
    .limit(1)
    .get();
  if (mine) return { eventId: mine.eventId, serverVersion: null };
  const server = store.db
    .select({ eventId: serverRows.lastEventId, version: serverRows.version })
    .from(serverRows)
    .where(and(eq(serverRows.entityType, entityType), eq(serverRows.entityId, entityId)))
    .get();
  return server ? { eventId: server.eventId, serverVersion: server.version } : { eventId: null, serverVersion: null };
}

export function nextMutationId(store: Store): number {
  const next = store.db
    .select({ id: sql<number>`coalesce(max(${outbox.mutationId}), 0) + 1` })
    .from(outbox)
    .get();
  return next?.id ?? 1;
}

/**
 * Called inside the command's transaction: while paired, every local change also queues its
 * mutation, with the device's next mutation id, so row, event and outbox commit together. The
 * row records the event the change was built on (baseEventId), so a change made on top of this
 * machine's own unacknowledged change is never applied on top of someone else's.
 */
export function writeOutboxIfPaired(store: Store, command: Command, event: DomainEvent): void {
  if (!isPaired(store)) return;
  const creating = command.op === 'create';
  const base = creating ? { eventId: null, serverVersion: null } : baseOf(store, command.entityType, command.entityId);
  store.db
    .insert(outbox)
    .values({
      mutationId: nextMutationId(store),
      eventId: event.id,
      idempotencyKey: command.idempotencyKey,
      entityType: command.entityType,
      entityId: command.entityId,
      op: command.op,
      // The server's version this change expects; fixed when the row is sent if it builds on a local change.
      baseVersion: creating ? null : (base.serverVersion ?? command.expectedVersion),
      baseEventId: base.eventId,
      args: command.args,
      reason: command.reason,
      actorStaffId: event.actorStaffId,
      clientTime: event.at,
      state: 'pending',
      updatedAt: event.at,
    })
    .run();
  notify(store);
}

export { notify as notifyOutboxWrite };
