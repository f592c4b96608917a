import type { DomainEvent, EntityType } from '../../src-shared/entities';
import type { Change, PullInput, PullOutput } from '../../src-shared/sync';
import { AppError } from '../../src-shared/errors';
import type { Queryable } from '../db/connect';
import type { DeviceIdentity } from './push';

/**
 * sync.pull (docs/architecture.md §5): the shop's changes after the cursor, in change-counter order. The
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

type DeviceAndEventRow = { last_mutation_id: string | number; revoked_at: unknown; change_counter: string | number } & {
  [K in keyof EventRow]: EventRow[K] | null;
};

/**
 * One statement, so one snapshot: the device row (refused if revoked or gone — the token may have
 * come from the server's auth cache) and its lastMutationId are read together with the page.
 * Every mutation that lastMutationId counts has committed in that snapshot, so its change is in
 * this page or after this page's cursor, never lost. The shop's change counter comes with it, so a
 * desk downloading the shop can say how far it is ("3,200 of 12,000").
 */
export async function pull(db: Queryable, device: DeviceIdentity, input: PullInput): Promise<PullOutput> {
  const read = await db.query<DeviceAndEventRow>(
    `SELECT d.last_mutation_id, d.revoked_at, s.change_counter, e.change_id, e.id, e.entity_type, e.entity_id, e.type, e.version, e.actor_staff_id,
            e.device_id, e.at, e.reason, e.before, e.after, e.undoes_event_id, e.row
       FROM devices d
       JOIN shops s ON s.id = d.shop_id
       LEFT JOIN LATERAL (
         SELECT * FROM events ev
          WHERE ev.shop_id = d.shop_id AND ev.change_id > $3 AND d.revoked_at IS NULL
          ORDER BY ev.change_id LIMIT $4
       ) e ON true
      WHERE d.id = $1 AND d.shop_id = $2
      ORDER BY e.change_id`,
    [device.deviceId, device.shopId, input.cursor, input.limit + 1],
    'cd_pull',
  );
  const head = read.rows[0];
  if (head === undefined || head.revoked_at !== null) {
    throw new AppError('AUTH_TOKEN_INVALID', 'The sync server did not accept this machine\'s pairing. Pair it again.');
  }
  const lastMutationId = Number(head.last_mutation_id);
  const result = { rows: read.rows.filter((row): row is DeviceAndEventRow & EventRow => row.change_id !== null) };
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
    latestChangeId: Number(head.change_counter),
  };
}
