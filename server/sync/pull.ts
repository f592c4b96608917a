import type { DomainEvent, EntityType } from '../../src-shared/entities';
import type { Change, PullInput, PullOutput } from '../../src-shared/sync';
import type { Queryable } from '../db/connect';
import type { DeviceIdentity } from './push';

/**
 * sync.pull (DESIGN.md §4): the shop's changes after the cursor, in change-counter order. The
 * counter is assigned under the shop row's lock and committed with the change, so a change with
 * a lower counter can never become visible after one with a higher counter.
 */

interface EventRow {
  change_id: string | number;
  id: string;
  entity_type: EntityType;
  entity_id: string;
  type: string;
  version: number;
  actor_staff_id: string | null;
  device_id: string;
  at: string | number;
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  undoes_event_id: string | null;
  row: Record<string, unknown>;
}

/**
 * `lastMutationId` must be read before the changes (the router passes the value read when the
 * device authenticated): every mutation it counts has committed, so its change is in this page or
 * after this page's cursor, never lost.
 */
export async function pull(db: Queryable, device: DeviceIdentity, input: PullInput, knownLastMutationId?: number): Promise<PullOutput> {
  let lastMutationId = knownLastMutationId;
  if (lastMutationId === undefined) {
    const read = await db.query<{ last_mutation_id: string | number }>('SELECT last_mutation_id FROM devices WHERE id = $1', [device.deviceId]);
    lastMutationId = Number(read.rows[0]?.last_mutation_id ?? 0);
  }
  const result = await db.query<EventRow>(
    `SELECT change_id, id, entity_type, entity_id, type, version, actor_staff_id, device_id, at, reason, before, after,
            undoes_event_id, row
       FROM events WHERE shop_id = $1 AND change_id > $2 ORDER BY change_id LIMIT $3`,
    [device.shopId, input.cursor, input.limit + 1],
  );
  const hasMore = result.rows.length > input.limit;
  const changes: Change[] = result.rows.slice(0, input.limit).map((row) => {
    const event: DomainEvent = {
      id: row.id,
      entityType: row.entity_type,
      entityId: row.entity_id,
      type: row.type,
      version: row.version,
      actorStaffId: row.actor_staff_id,
      deviceId: row.device_id,
      at: Number(row.at),
      reason: row.reason,
      before: row.before,
      after: row.after,
      undoesEventId: row.undoes_event_id,
    };
    return { changeId: Number(row.change_id), entityType: row.entity_type, entityId: row.entity_id, row: row.row, event };
  });
  return {
    changes,
    cursor: changes.at(-1)?.changeId ?? input.cursor,
    hasMore,
    lastMutationId,
  };
}
