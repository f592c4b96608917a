import { SETTINGS_ID, timeHoldingStatusList, type AnyRow, type Appointment, type Block, type DomainEvent, type EntityType, type Message, type Product, type StockMovement, type TimeOff, type WaitlistEntry, type WalkIn } from '../../src-shared/entities';
import type { Outcome } from '../../src-shared/sync';
import type { ProductLevel } from '../../src-shared/stock/followUps';
import type { RecordsOfClient } from '../../src-shared/erasureFollowUps';
import { heldFrom, LONGEST_BLOCK_MS, type SlotHolder } from '../../src-shared/slots';
import type { Queryable, SqlValue } from '../db/connect';

/**
 * The SQL of one mutation's transaction: lock, read everything the planner needs in one round
 * trip, and write row, event, counter, outcome, idempotency record and lastMutationId in one
 * statement, which travels with COMMIT (Queryable.atCommit) on PostgreSQL. Kept apart from the
 * rules in push.ts so the benchmark can issue the same statements.
 */

export interface LockedState {
  changeCounter: number;
  lastMutationId: number;
}

const lockSql = `SELECT s.change_counter, d.last_mutation_id, d.revoked_at
       FROM shops s JOIN devices d ON d.shop_id = s.id
      WHERE s.id = $1 AND d.id = $2
      FOR UPDATE OF s, d`;

type LockRow = { change_counter: string | number; last_mutation_id: string | number; revoked_at: unknown };

/** The locked rows as state; null when the device is gone or revoked (checked under the lock, so revocation is immediate). */
export function lockedState(rows: Record<string, unknown>[]): LockedState | null {
  const row = rows[0] as LockRow | undefined;
  if (row === undefined || row.revoked_at !== null) return null;
  return { changeCounter: Number(row.change_counter), lastMutationId: Number(row.last_mutation_id) };
}

/** Locks the shop row, then the device row (always in that order). */
export async function lockShopAndDevice(tx: Queryable, shopId: string, deviceId: string): Promise<LockedState | null> {
  const result = await tx.query<LockRow>(lockSql, [shopId, deviceId], 'cd_lock');
  return lockedState(result.rows);
}

const strictUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The same lock as one parameterless statement, so it can travel with BEGIN in a single round
 * trip (Database.transaction's `first`). Only ids read from the database reach here; anything that
 * is not exactly a UUID is refused rather than put into SQL.
 */
export function lockStatement(shopId: string, deviceId: string): string {
  if (!strictUuid.test(shopId) || !strictUuid.test(deviceId)) throw new Error('lockStatement: ids must be UUIDs');
  return lockSql.replace('$1', `'${shopId}'::uuid`).replace('$2', `'${deviceId}'::uuid`);
}

export interface StoredOutcome {
  outcome: Outcome;
  /** The hash of the mutation this outcome answered; null when stored before hashes were kept. */
  payloadHash: string | null;
}

export async function storedOutcome(db: Queryable, deviceId: string, mutationId: number): Promise<StoredOutcome | null> {
  const result = await db.query<{ outcome: Outcome; payload_hash: string | null }>(
    'SELECT outcome, payload_hash FROM mutation_outcomes WHERE device_id = $1 AND mutation_id = $2',
    [deviceId, mutationId],
    'cd_stored_outcome_hash',
  );
  const row = result.rows[0];
  return row === undefined ? null : { outcome: row.outcome, payloadHash: row.payload_hash };
}

export interface FoundRow {
  shopId: string;
  entityType: EntityType;
  data: AnyRow;
  /** The id of the row's latest event: what a mutation's baseEventId must name. */
  lastEventId: string | null;
}

export interface FoundEvent {
  shopId: string;
  event: DomainEvent;
}

export type { SlotHolder };

/** Appointments of a time-holding status (entities.ts timeHoldingStatuses) and live blocked time hold a staff member's time (starts_at is where the held time starts). */
const holdsTime = (alias = '') =>
  `((${alias}entity_type = 'appointment' AND ${alias}status IN (${timeHoldingStatusList})) OR ${alias}entity_type = 'block') AND ${alias}deleted_at IS NULL`;
const holderJson = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'startsAt', ${alias}.starts_at, 'blockEndsAt', ${alias}.block_ends_at, 'block', ${alias}.entity_type = 'block')`;

function holderOf(raw: { id: string; startsAt: string | number; blockEndsAt: string | number; block: boolean }): SlotHolder {
  const holder = { id: raw.id, startsAt: Number(raw.startsAt), blockEndsAt: Number(raw.blockEndsAt) };
  return raw.block ? { ...holder, block: true } : holder;
}

/** A staff row that is one of shop $1's active owners (src-shared/owners.ts says what that means). */
const activeOwnerOfShop = `shop_id = $1 AND entity_type = 'staff' AND role = 'owner' AND deleted_at IS NULL
           AND data -> 'active' = 'true'::jsonb`;

/** Whether `staffId` is an active owner of the shop, read as readState reads the owners. */
export async function isActiveOwnerOf(db: Queryable, shopId: string, staffId: string): Promise<boolean> {
  const found = await db.query<{ owner: boolean }>(`SELECT EXISTS(SELECT 1 FROM entity_rows WHERE ${activeOwnerOfShop} AND id = $2) AS owner`, [shopId, staffId]);
  return found.rows[0]?.owner === true;
}

export interface ReadState {
  idempotency: { payloadHash: string; outcome: Outcome } | null;
  rows: FoundRow[];
  /** This shop's active owners (role owner, active, not deleted): see src-shared/owners.ts. */
  activeOwnerIds: string[];
  eventIdTaken: boolean;
  target: FoundEvent | null;
  targetUndone: boolean;
  slotHolders: SlotHolder[];
  /** The staff member's time off around the booking, when asked. */
  timeOff: TimeOff[];
}


export interface ReadRequest {
  shopId: string;
  idempotencyKey: string;
  ids: string[];
  eventId: string;
  targetEventId: string | null;
  /** Where the appointment will probably sit, to prefetch the bookings it could collide with. */
  slot: { staffId: string; startsAt: number } | null;
  /** A staff member's time off meeting [from, to) (a booking's schedule); none when omitted. */
  timeOff?: { staffId: string; from: number; to: number } | null;
}

const eventColumns = `json_build_object(
  'id', e.id, 'entityType', e.entity_type, 'entityId', e.entity_id, 'type', e.type, 'version', e.version,
  'actorStaffId', e.actor_staff_id, 'deviceId', e.device_id, 'at', e.at, 'reason', e.reason,
  'before', e.before, 'after', e.after, 'undoesEventId', e.undoes_event_id)`;

export async function readState(tx: Queryable, request: ReadRequest): Promise<ReadState> {
  const result = await tx.query<{
    idem: { payloadHash: string; outcome: Outcome } | null;
    rows: FoundRow[];
    owner_ids: string[];
    event_taken: boolean;
    target: FoundEvent | null;
    target_undone: boolean;
    slots: { id: string; startsAt: string | number; blockEndsAt: string | number; block: boolean }[];
    time_off: TimeOff[];
  }>(
    `SELECT
       (SELECT json_build_object('payloadHash', payload_hash, 'outcome', outcome) FROM idempotency
         WHERE shop_id = $1 AND key = $2) AS idem,
       (SELECT coalesce(json_agg(json_build_object('shopId', r.shop_id, 'entityType', r.entity_type, 'data', r.data,
         'lastEventId', (SELECT e.id FROM events e WHERE e.shop_id = r.shop_id AND e.change_id = r.change_id))), '[]'::json)
          FROM entity_rows r
         WHERE (r.id = ANY($3::uuid[]) AND r.entity_type <> 'settings')
            OR (r.shop_id = $1 AND r.entity_type = 'settings' AND r.id = ANY($3::uuid[]))) AS rows,
       (SELECT coalesce(json_agg(id), '[]'::json) FROM entity_rows
         WHERE ${activeOwnerOfShop}) AS owner_ids,
       EXISTS(SELECT 1 FROM events WHERE id = $4) AS event_taken,
       (SELECT json_build_object('shopId', e.shop_id, 'event', ${eventColumns}) FROM events e WHERE e.id = $5) AS target,
       EXISTS(SELECT 1 FROM events WHERE undoes_event_id = $5) AS target_undone,
       (SELECT coalesce(json_agg(${holderJson('a')}), '[]'::json)
          FROM entity_rows a
         WHERE $6::uuid IS NOT NULL AND a.shop_id = $1 AND a.staff_id = $6 AND ${holdsTime('a.')}
           AND a.starts_at < $7::bigint + ${LONGEST_BLOCK_MS} AND a.block_ends_at > $7::bigint) AS slots,
       (SELECT coalesce(json_agg(t.data), '[]'::json)
          FROM entity_rows t
         WHERE $8::uuid IS NOT NULL AND t.shop_id = $1 AND t.entity_type = 'timeOff' AND t.staff_id = $8 AND t.deleted_at IS NULL
           AND t.starts_at < $10::bigint AND t.block_ends_at > $9::bigint) AS time_off`,
    [
      request.shopId,
      request.idempotencyKey,
      request.ids,
      request.eventId,
      request.targetEventId,
      request.slot?.staffId ?? null,
      request.slot?.startsAt ?? 0,
      request.timeOff?.staffId ?? null,
      request.timeOff?.from ?? 0,
      request.timeOff?.to ?? 0,
    ],
    'cd_read_state_schedules',
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('readState returned no row');
  return {
    idempotency: row.idem,
    rows: row.rows,
    activeOwnerIds: row.owner_ids,
    eventIdTaken: row.event_taken,
    target: row.target,
    targetUndone: row.target_undone,
    slotHolders: row.slots.map(holderOf),
    timeOff: row.time_off,
  };
}

/** Booked appointments and blocked time of a staff member that may hold any of [from, to). */
export async function overlappingHolders(tx: Queryable, shopId: string, window: { staffId: string; from: number; to: number }): Promise<SlotHolder[]> {
  const result = await tx.query<{ id: string; starts_at: string | number; block_ends_at: string | number; block: boolean }>(
    `SELECT id, starts_at, block_ends_at, entity_type = 'block' AS block FROM entity_rows
      WHERE shop_id = $1 AND staff_id = $2 AND ${holdsTime()}
        AND starts_at < $4 AND block_ends_at > $3`,
    [shopId, window.staffId, window.from, window.to],
    'cd_slot_holders_and_blocks',
  );
  return result.rows.map((row) => holderOf({ id: row.id, startsAt: row.starts_at, blockEndsAt: row.block_ends_at, block: row.block }));
}

/** An appointment's messages (docs/architecture.md §17), for the follow-ups of a change the server makes itself. */
export async function messagesOfAppointment(tx: Queryable, shopId: string, appointmentId: string): Promise<Message[]> {
  const result = await tx.query<{ data: Message }>(
    `SELECT data FROM entity_rows
      WHERE shop_id = $1 AND entity_type = 'message' AND data ->> 'appointmentId' = $2
      ORDER BY (data ->> 'createdAt')::bigint, id`,
    [shopId, appointmentId],
    'cd_messages_of_appointment',
  );
  return result.rows.map((row) => row.data);
}

/** An appointment's stock movements, not removed (docs/architecture.md §25). */
export async function stockOfAppointment(tx: Queryable, shopId: string, appointmentId: string): Promise<StockMovement[]> {
  const result = await tx.query<{ data: StockMovement }>(
    `SELECT data FROM entity_rows
      WHERE shop_id = $1 AND entity_type = 'stockMovement' AND data ->> 'appointmentId' = $2 AND deleted_at IS NULL
      ORDER BY (data ->> 'createdAt')::bigint, id`,
    [shopId, appointmentId],
    'cd_stock_of_appointment',
  );
  return result.rows.map((row) => row.data);
}

/** These products, not removed, each with its level: the sum of its movements not removed. */
export async function stockLevels(tx: Queryable, shopId: string, productIds: readonly string[]): Promise<ProductLevel[]> {
  if (productIds.length === 0) return [];
  const result = await tx.query<{ data: Product; level: string }>(
    `SELECT p.data, coalesce((SELECT sum((m.data ->> 'quantity')::bigint) FROM entity_rows m
                               WHERE m.shop_id = p.shop_id AND m.entity_type = 'stockMovement' AND m.deleted_at IS NULL
                                 AND m.data ->> 'productId' = p.id::text), 0) AS level
       FROM entity_rows p
      WHERE p.shop_id = $1 AND p.entity_type = 'product' AND p.id = ANY($2::uuid[]) AND p.deleted_at IS NULL`,
    [shopId, productIds],
    'cd_stock_levels',
  );
  return result.rows.map((row) => ({ product: row.data, level: Number(row.level) }));
}

/** A client's records, not removed, that may still have a future (docs/architecture.md §28). */
export async function recordsOfClient(tx: Queryable, shopId: string, clientId: string | null): Promise<RecordsOfClient> {
  const records: RecordsOfClient = { bookings: [], messages: [], waitlist: [], walkIns: [] };
  if (clientId === null) return records;
  const result = await tx.query<{ entity_type: string; data: Record<string, unknown> }>(
    `SELECT entity_type, data FROM entity_rows
      WHERE shop_id = $1 AND entity_type IN ('appointment', 'message', 'waitlist', 'walkIn') AND deleted_at IS NULL
        AND data ->> 'clientId' = $2
        AND data ->> 'status' IN ('booked', 'held', 'scheduled', 'failed', 'uncertain', 'waiting')
      ORDER BY (data ->> 'createdAt')::bigint, id`,
    [shopId, clientId],
    'cd_records_of_client',
  );
  for (const { entity_type: kind, data } of result.rows) {
    if (kind === 'appointment') records.bookings.push(data as Appointment);
    if (kind === 'message') records.messages.push(data as Message);
    if (kind === 'waitlist') records.waitlist.push(data as WaitlistEntry);
    if (kind === 'walkIn') records.walkIns.push(data as WalkIn);
  }
  return records;
}

/** A staff member's time off, not removed, that meets [from, to). */
export async function timeOffDuring(tx: Queryable, shopId: string, window: { staffId: string; from: number; to: number }): Promise<TimeOff[]> {
  const result = await tx.query<{ data: TimeOff }>(
    `SELECT data FROM entity_rows
      WHERE shop_id = $1 AND entity_type = 'timeOff' AND staff_id = $2 AND deleted_at IS NULL
        AND starts_at < $4 AND block_ends_at > $3`,
    [shopId, window.staffId, window.from, window.to],
    'cd_time_off_during',
  );
  return result.rows.map((row) => row.data);
}

export interface OutcomeWrite {
  shopId: string;
  deviceId: string;
  mutationId: number;
  idempotencyKey: string;
  payloadHash: string;
  /** The whole mutation's hash, kept with its outcome so a reused mutation id is told from a replay. */
  mutationHash: string;
  outcome: Outcome;
  /** Skip the idempotency record (the key already names another payload). */
  skipIdempotency: boolean;
  now: number;
}

/**
 * Every mutation ends the same way, applied or not: its outcome stored for replays, the
 * idempotency record (unless this was itself a replay of one), the device's lastMutationId.
 * Parameters $1–$9: shop, device, mutation id, status, outcome, key, payload hash, now, skip
 * idempotency; the mutation hash is the statement's own parameter `$${hashParam}`.
 */
const outcomeTail = (hashParam: number) => `o AS (
       INSERT INTO mutation_outcomes (device_id, mutation_id, status, outcome, at, payload_hash) VALUES ($2, $3, $4, $5::jsonb, $8, $${hashParam})
     ), i AS (
       INSERT INTO idempotency (shop_id, key, payload_hash, outcome, at)
       SELECT $1, $6, $7, $5::jsonb, $8 WHERE NOT $9::boolean
       ON CONFLICT (shop_id, key) DO NOTHING
     )
     UPDATE devices SET last_mutation_id = $3 WHERE id = $2`;

/**
 * A write nobody reads the result of: held for COMMIT's round trip where the transaction can
 * (Queryable.atCommit), otherwise run now. Nothing in the same transaction reads these rows back
 * unawares: a later query in it sends the held write first.
 */
async function writeAtCommit(tx: Queryable, text: string, params: SqlValue[], name: string): Promise<void> {
  if (tx.atCommit === undefined) await tx.query(text, params, name);
  else tx.atCommit(text, params, name);
}

/** Parameters $1–$9 of outcomeTail, in its order. */
function outcomeParams(write: OutcomeWrite): SqlValue[] {
  const { shopId, deviceId, mutationId, outcome, idempotencyKey, payloadHash, now, skipIdempotency } = write;
  return [shopId, deviceId, mutationId, outcome.status, JSON.stringify(outcome), idempotencyKey, payloadHash, now, skipIdempotency];
}

/** A conflict or a rejection: stored as final, nothing else changes. */
export async function writeOutcomeOnly(tx: Queryable, write: OutcomeWrite): Promise<void> {
  await writeAtCommit(
    tx,
    `WITH ${outcomeTail(10)}`,
    [...outcomeParams(write), write.mutationHash],
    'cd_write_outcome_hash',
  );
}

export interface ChangeWrite extends OutcomeWrite {
  changeId: number;
  entityType: EntityType;
  row: AnyRow;
  event: DomainEvent;
  clientTime: number;
}

/**
 * Columns the constraints and indexes work on, taken from the row: for a booking the time it holds
 * (starts_at is where its buffer before starts), for blocked time and time off their own stretch.
 */
function indexedColumns(entityType: EntityType, row: AnyRow) {
  const record = row as unknown as Record<string, unknown>;
  const role = entityType === 'staff' ? (record.role as string) : null;
  if (entityType === 'appointment') {
    const booking = row as Appointment;
    return { staffId: booking.staffId, startsAt: heldFrom(booking), blockEndsAt: booking.blockEndsAt, status: booking.status, role, dueAt: null };
  }
  if (entityType === 'block' || entityType === 'timeOff') {
    const stretch = row as Block | TimeOff;
    return { staffId: stretch.staffId, startsAt: stretch.startsAt, blockEndsAt: stretch.endsAt, status: null, role, dueAt: null };
  }
  if (entityType === 'message') {
    // What falls due: the sender's index (status, due_at) works on these.
    const message = row as Message;
    return { staffId: null, startsAt: null, blockEndsAt: null, status: message.status, role, dueAt: message.dueAt };
  }
  return { staffId: null, startsAt: null, blockEndsAt: null, status: null, role, dueAt: null };
}

/** An applied change: counter, row, event, outcome, idempotency record and lastMutationId in one statement. */
export async function writeChange(tx: Queryable, write: ChangeWrite): Promise<void> {
  const columns = indexedColumns(write.entityType, write.row);
  const event = write.event;
  await writeAtCommit(
    tx,
    `WITH c AS (
       UPDATE shops SET change_counter = $10 WHERE id = $1
     ), r AS (
       INSERT INTO entity_rows (shop_id, entity_type, id, version, data, change_id, staff_id, starts_at, block_ends_at, status, deleted_at, role, due_at)
       VALUES ($1, $11, $12, $13, $14::jsonb, $10, $15, $16, $17, $18, $19, $20, $30)
       ON CONFLICT (shop_id, entity_type, id) DO UPDATE SET
         version = EXCLUDED.version, data = EXCLUDED.data, change_id = EXCLUDED.change_id, staff_id = EXCLUDED.staff_id,
         starts_at = EXCLUDED.starts_at, block_ends_at = EXCLUDED.block_ends_at, status = EXCLUDED.status,
         deleted_at = EXCLUDED.deleted_at, role = EXCLUDED.role, due_at = EXCLUDED.due_at
     ), e AS (
       INSERT INTO events (id, shop_id, change_id, entity_type, entity_id, type, version, actor_staff_id, device_id, mutation_id,
                           at, client_time, reason, before, after, row, undoes_event_id)
       VALUES ($21, $1, $10, $11, $12, $22, $13, $23, $2, $3, $8, $24, $25, $26::jsonb, $27::jsonb, $14::jsonb, $28)
     ), ${outcomeTail(29)}`,
    [
      ...outcomeParams(write),
      write.changeId,
      write.entityType,
      write.row.id,
      write.row.version,
      JSON.stringify(write.row),
      columns.staffId,
      columns.startsAt,
      columns.blockEndsAt,
      columns.status,
      write.row.deletedAt,
      columns.role,
      event.id,
      event.type,
      event.actorStaffId,
      write.clientTime,
      event.reason,
      JSON.stringify(event.before),
      JSON.stringify(event.after),
      event.undoesEventId,
      write.mutationHash,
      columns.dueAt,
    ],
    'cd_write_change_due',
  );
}

export { SETTINGS_ID };
