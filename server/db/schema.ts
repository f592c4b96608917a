import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The sync server's PostgreSQL schema (docs/architecture.md §5). Instants are epoch milliseconds in bigint
 * columns. The exclusion constraint on appointments and the btree_gist extension live in a custom
 * migration (drizzle-kit cannot express them).
 */

const ms = (name: string) => bigint(name, { mode: 'number' });

export const shops = pgTable('shops', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The shop's change counter: bumped under this row's lock, so a pull never misses a late commit. */
  changeCounter: ms('change_counter').notNull().default(0),
  createdAt: ms('created_at').notNull(),
});

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    name: text('name').notNull(),
    /** sha256 (hex) of the device's 256-bit token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    lastMutationId: ms('last_mutation_id').notNull().default(0),
    createdAt: ms('created_at').notNull(),
    lastSeenAt: ms('last_seen_at'),
    revokedAt: ms('revoked_at'),
  },
  (t) => [uniqueIndex('devices_token_hash_idx').on(t.tokenHash), index('devices_shop_idx').on(t.shopId)],
);

export const pairingCodes = pgTable(
  'pairing_codes',
  {
    /** sha256 (hex) of the normalised code. */
    codeHash: text('code_hash').primaryKey(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    usedAt: ms('used_at'),
    deviceId: uuid('device_id'),
  },
  (t) => [index('pairing_codes_shop_idx').on(t.shopId)],
);

/**
 * One table for every entity type: the full row as JSON plus the columns the constraints and
 * indexes need. Appointment rows fill staff_id / starts_at / block_ends_at / status, which the
 * exclusion constraint (custom migration) works on.
 */
export const entityRows = pgTable(
  'entity_rows',
  {
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    entityType: text('entity_type').notNull(),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    changeId: ms('change_id').notNull(),
    staffId: uuid('staff_id'),
    startsAt: ms('starts_at'),
    blockEndsAt: ms('block_ends_at'),
    status: text('status'),
    deletedAt: ms('deleted_at'),
    role: text('role'),
    /** A message's dueAt (docs/architecture.md §17): the paired shop's sender asks what falls due. */
    dueAt: ms('due_at'),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.entityType, t.id] }),
    /** Ids are global (uuids), except the settings row whose fixed id every shop shares. */
    uniqueIndex('entity_rows_id_idx')
      .on(t.id)
      .where(sql`${t.entityType} <> 'settings'`),
    index('entity_rows_staff_time_idx')
      .on(t.shopId, t.staffId, t.startsAt)
      .where(sql`${t.entityType} = 'appointment'`),
    index('entity_rows_message_due_idx')
      .on(t.status, t.dueAt)
      .where(sql`${t.entityType} = 'message'`),
  ],
);

export const events = pgTable(
  'events',
  {
    /** The mutation's eventId: the same id on every machine, so undo can name it. */
    id: uuid('id').primaryKey(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    changeId: ms('change_id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    actorStaffId: uuid('actor_staff_id'),
    deviceId: uuid('device_id').notNull(),
    mutationId: ms('mutation_id').notNull(),
    /** Server time of the change (the event's `at`). */
    at: ms('at').notNull(),
    clientTime: ms('client_time').notNull(),
    reason: text('reason'),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    /** The entity's full row after this change, as pull hands it out. */
    row: jsonb('row').notNull(),
    undoesEventId: uuid('undoes_event_id'),
  },
  (t) => [
    uniqueIndex('events_shop_change_idx').on(t.shopId, t.changeId),
    uniqueIndex('events_undoes_idx').on(t.undoesEventId),
    index('events_entity_idx').on(t.shopId, t.entityId),
  ],
);

/** Every final outcome of a device's mutation, so a replay returns exactly the same answer. */
export const mutationOutcomes = pgTable(
  'mutation_outcomes',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    mutationId: ms('mutation_id').notNull(),
    status: text('status').notNull(),
    outcome: jsonb('outcome').notNull(),
    at: ms('at').notNull(),
    /**
     * sha256 of the mutation as the device sent it (see mutationHash in server/sync/push.ts): a
     * replay of the id must carry the same payload. Null on rows stored before it was kept.
     */
    payloadHash: text('payload_hash'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.mutationId] })],
);

export const idempotency = pgTable(
  'idempotency',
  {
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id),
    key: text('key').notNull(),
    payloadHash: text('payload_hash').notNull(),
    outcome: jsonb('outcome').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.key] })],
);


/**
 * A shop's message providers (docs/architecture.md §20), for the sender the sync server runs while
 * the shop is paired. Each secret field (secretFieldsOf) is sealed with AES-256-GCM under a key
 * derived from the server's CAREDESK_SECRET_KEY (server/messages/secrets.ts), never kept in clear.
 */
export const messageProviders = pgTable('message_providers', {
  shopId: uuid('shop_id')
    .primaryKey()
    .references(() => shops.id),
  settings: jsonb('settings').notNull(),
  updatedAt: ms('updated_at').notNull(),
});
