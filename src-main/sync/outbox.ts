import { sql } from 'drizzle-orm';
import type { Command } from '../../src-shared/commands';
import type { DomainEvent } from '../../src-shared/entities';
import type { Store } from '../store/open';
import { statements } from '../store/statements';
import { outbox } from '../store/schema';

/** Whether this machine is paired with a sync server (set by pairing, cleared by unpairing). */
export function isPaired(store: Store): boolean {
  const row = statements(store).pairing.get();
  return row !== undefined && row.value !== null;
}

/**
 * Called inside the command's transaction: while paired, every local change also queues its
 * mutation, with the device's next mutation id, so row, event and outbox commit together.
 */
export function writeOutboxIfPaired(store: Store, command: Command, event: DomainEvent): void {
  if (!isPaired(store)) return;
  const next = store.db
    .select({ id: sql<number>`coalesce(max(${outbox.mutationId}), 0) + 1` })
    .from(outbox)
    .get();
  store.db
    .insert(outbox)
    .values({
      mutationId: next?.id ?? 1,
      eventId: event.id,
      idempotencyKey: command.idempotencyKey,
      entityType: command.entityType,
      entityId: command.entityId,
      op: command.op,
      baseVersion: command.expectedVersion,
      args: command.args,
      reason: command.reason,
      actorStaffId: event.actorStaffId,
      clientTime: event.at,
      state: 'pending',
      updatedAt: event.at,
    })
    .run();
}
