import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { timeHoldingStatusList, type EntityType, type Message, type StockMovement, type TimeOff } from '../../../src-shared/entities';
import { LONGEST_TIME_OFF_MS } from '../../../src-shared/registry/timeOff';
import { LONGEST_LEAD_MS, type SlotHolder } from '../../../src-shared/slots';
import type { Store } from './open';
import { entityTables, events } from './schema';
import { slotOf, storeSlot } from './state';

/**
 * The write path's statements, prepared once per store with better-sqlite3 itself. A booking runs
 * about a dozen of them, and drizzle's per-call placeholder filling and generic row mapping cost
 * more than SQLite takes to answer them; the SQL and the row mapping here are still derived from the
 * drizzle schema (schema.ts), so a column added there is read and written here too. Only statements
 * are cached, never data: every call reads the database as it is now.
 */

/** Columns stored as they are (no mapping either way). */
const plainColumnTypes = new Set(['SQLiteText', 'SQLiteInteger']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** How the rows of one table go in and out of SQLite, derived from its drizzle definition. */
export interface Codec<Row> {
  readonly table: string;
  /** `"sql_name" AS "key", …`, for a SELECT that yields rows keyed like the drizzle schema. */
  readonly selectList: string;
  /** The columns' SQL names, in the order encode() returns values. */
  readonly columnNames: readonly string[];
  decode(raw: Record<string, unknown>): Row;
  encode(row: Row): unknown[];
}

export function codecOf<T extends Table, Omit extends keyof T['$inferSelect'] & string = never>(
  table: T,
  omit: readonly Omit[] = [],
): Codec<globalThis.Omit<T['$inferSelect'], Omit>> {
  type Row = globalThis.Omit<T['$inferSelect'], Omit>;
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>).filter(
    ([key]) => !(omit as readonly string[]).includes(key),
  );
  const keys = columns.map(([key]) => key);
  // booleans (0/1) and JSON text: mapped with drizzle's own column mappers. Kept as flat lists
  // walked by index: every command decodes and encodes a few rows, mostly before V8 has optimised it.
  const mapped = columns.filter(([, column]) => !plainColumnTypes.has(column.columnType));
  const mappedKeys = mapped.map(([key]) => key);
  const mappedAt = mapped.map(([key]) => keys.indexOf(key));
  const mappedColumns = mapped.map(([, column]) => column);
  return {
    table: getTableName(table),
    selectList: columns.map(([key, column]) => `${quote(column.name)} AS ${quote(key)}`).join(', '),
    columnNames: columns.map(([, column]) => column.name),
    decode(raw) {
      for (let i = 0; i < mappedKeys.length; i += 1) {
        const key = mappedKeys[i] as string;
        const value = raw[key];
        if (value !== null && value !== undefined) raw[key] = (mappedColumns[i] as Column).mapFromDriverValue(value);
      }
      return raw as Row;
    },
    encode(row) {
      const record = row as Record<string, unknown>;
      const values: unknown[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i += 1) values[i] = record[keys[i] as string] ?? null;
      for (let i = 0; i < mappedKeys.length; i += 1) {
        const value = record[mappedKeys[i] as string];
        if (value !== null && value !== undefined) values[mappedAt[i] as number] = (mappedColumns[i] as Column).mapToDriverValue(value);
      }
      return values;
    },
  };
}

/** The columns that keep a command's idempotency answer beside its event (schema.ts). */
const answerColumns = ['idempotencyKey', 'payloadHash', 'answerRow'] as const;
type StoredEventRow = typeof events.$inferSelect;

/** The event row as the history holds it, seq included; insertEvent takes it without seq. */
export type EventRow = Omit<StoredEventRow, (typeof answerColumns)[number]>;
type NewEvent = Omit<EventRow, 'seq'>;
/** What a command keeps in its event's row to answer a retry of its idempotency key. */
export type EventAnswer = Pick<StoredEventRow, (typeof answerColumns)[number]>;

const eventRead = codecOf(events, answerColumns);
const eventWrite = codecOf(events, ['seq']);
const answerRead = codecOf(events);
const noAnswer: EventAnswer = { idempotencyKey: null, payloadHash: null, answerRow: null };

/**
 * A booking made before buffers-before existed has no blockStartsAt (its block starts at its
 * start): the row reads without the field, as the server's JSON row does, so the two compare equal.
 */
function withoutNullBlockStart<Row>(codec: Codec<Row>): Codec<Row> {
  return {
    ...codec,
    decode(raw) {
      if (raw.blockStartsAt === null) delete raw.blockStartsAt;
      return codec.decode(raw);
    },
  };
}

/** Every kind's row is written as its drizzle table says. */
const rowWrite = Object.fromEntries(
  Object.entries(entityTables).map(([entityType, table]) => [entityType, codecOf(table)]),
) as { [E in EntityType]: Codec<(typeof entityTables)[E]['$inferSelect']> };

/** And read so, but for bookings without a buffer-before start and clients' search columns, which the shared row shape does not have. */
const rowRead = {
  ...rowWrite,
  appointment: withoutNullBlockStart(codecOf(entityTables.appointment)),
  client: codecOf(entityTables.client, ['searchName', 'searchPhone']),
} satisfies Record<EntityType, Codec<unknown>>;

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

function insertSql(codec: Codec<unknown>): string {
  return `INSERT INTO ${quote(codec.table)} (${codec.columnNames.map(quote).join(', ')}) VALUES (${placeholders(codec.columnNames.length)})`;
}

type RowOf<E extends EntityType> = ReturnType<(typeof rowRead)[E]['decode']>;
type WriteRowOf<E extends EntityType> = Parameters<(typeof rowWrite)[E]['encode']>[0];

function build(sqlite: Database.Database) {
  const entityTypes = Object.keys(entityTables) as EntityType[];
  const byType = <V>(make: (entityType: EntityType) => V) =>
    Object.fromEntries(entityTypes.map((entityType) => [entityType, make(entityType)])) as Record<EntityType, V>;

  const loadRow = byType((entityType) => {
    const codec = rowRead[entityType] as Codec<unknown>;
    const statement = sqlite.prepare<[string], Record<string, unknown>>(
      `SELECT ${codec.selectList} FROM ${quote(codec.table)} WHERE "id" = ?`,
    );
    return (id: string): unknown => {
      const raw = statement.get(id);
      return raw === undefined ? null : codec.decode(raw);
    };
  });

  const insertRow = byType((entityType) => {
    const codec = rowWrite[entityType] as Codec<unknown>;
    const statement = sqlite.prepare(insertSql(codec));
    return (row: unknown) => statement.run(codec.encode(row));
  });

  const updateRow = byType((entityType) => {
    const codec = rowWrite[entityType] as Codec<unknown>;
    // Every column but id (the first), then the id: the caller has checked the version.
    const [idColumn, ...rest] = codec.columnNames;
    const statement = sqlite.prepare(
      `UPDATE ${quote(codec.table)} SET ${rest.map((name) => `${quote(name)} = ?`).join(', ')} WHERE ${quote(idColumn as string)} = ?`,
    );
    return (row: unknown) => {
      const [id, ...values] = codec.encode(row);
      return statement.run([...values, id]);
    };
  });

  const insertEvent = sqlite.prepare(insertSql(eventWrite));
  const eventById = sqlite.prepare<[string], Record<string, unknown>>(
    `SELECT ${eventRead.selectList} FROM "events" WHERE "id" = ?`,
  );
  const undoOf = sqlite.prepare<[string], string>(`SELECT "id" FROM "events" WHERE "undoes_event_id" = ? LIMIT 1`).pluck();
  // Served by the partial unique index events_idempotency_key (`= ?` implies IS NOT NULL).
  const answerByKey = sqlite.prepare<[string], Record<string, unknown>>(
    `SELECT ${answerRead.selectList} FROM "events" WHERE "idempotency_key" = ?`,
  );
  const legacyAnswerByKey = sqlite.prepare<[string], { payloadHash: string; result: string }>(
    `SELECT "payload_hash" AS "payloadHash", "result" FROM "idempotency_records" WHERE "key" = ?`,
  );
  const anyLegacyAnswer = sqlite.prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM "idempotency_records")`).pluck();
  const activeOwners = `SELECT "id" FROM "staff" WHERE "role" = 'owner' AND "active" = 1 AND "deleted_at" IS NULL`;
  const allActiveOwners = sqlite.prepare<[], string>(activeOwners).pluck();
  const pairing = sqlite.prepare<[], string>(`SELECT "value" FROM "local_meta" WHERE "key" = 'pairing'`).pluck();
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();

  // Served by each table's primary key: the kinds of record holding one id (an id names one kind).
  const kindsOfId = sqlite
    .prepare<string[], string>(
      entityTypes.map((entityType) => `SELECT '${entityType}' FROM ${quote(getTableName(entityTables[entityType]))} WHERE "id" = ?`).join(' UNION ALL '),
    )
    .pluck();
  // Served by appointments_staff_busy and blocks_staff_starts_at: time-holding appointments (timeHoldingStatuses) and live
  // blocked time of a staff member that may hold any of [from, to) — a start at most the longest
  // block before `from`. A booking's held time starts at its buffer before (block_starts_at).
  const slotHolders = sqlite.prepare<
    { staffId: string; scanFrom: number; to: number; from: number; lead: number },
    { id: string; startsAt: number; blockEndsAt: number; block: 0 | 1 }
  >(
    `SELECT "id", coalesce("block_starts_at", "starts_at") AS "startsAt", "block_ends_at" AS "blockEndsAt", 0 AS "block"
       FROM "appointments"
      WHERE "staff_id" = @staffId AND "starts_at" > @scanFrom AND "starts_at" < @to + @lead
        AND coalesce("block_starts_at", "starts_at") < @to AND "block_ends_at" > @from
        AND "status" IN (${timeHoldingStatusList}) AND "deleted_at" IS NULL
     UNION ALL
     SELECT "id", "starts_at", "ends_at", 1 FROM "blocks"
      WHERE "staff_id" = @staffId AND "starts_at" > @scanFrom AND "starts_at" < @to AND "ends_at" > @from
        AND "deleted_at" IS NULL`,
  );
  // Served by time_off_staff_starts_at: a staff member's time off meeting [from, to), starting at
  // most the longest time off before it.
  const timeOffDuring = sqlite.prepare<{ staffId: string; scanFrom: number; to: number; from: number }, Record<string, unknown>>(
    `SELECT ${rowRead.timeOff.selectList} FROM "time_off"
      WHERE "staff_id" = @staffId AND "starts_at" > @scanFrom AND "starts_at" < @to AND "ends_at" > @from AND "deleted_at" IS NULL`,
  );

  // Served by messages_appointment: an appointment's messages, for the rulebook's follow-ups.
  const messagesOfAppointment = sqlite.prepare<[string], Record<string, unknown>>(
    `SELECT ${rowRead.message.selectList} FROM "messages" WHERE "appointment_id" = ? ORDER BY "created_at", "id"`,
  );

  // Served by stock_movements_appointment and stock_movements_product (docs/architecture.md §25).
  const stockOfAppointment = sqlite.prepare<[string], Record<string, unknown>>(
    `SELECT ${rowRead.stockMovement.selectList} FROM "stock_movements" WHERE "appointment_id" = ? AND "deleted_at" IS NULL ORDER BY "created_at", "id"`,
  );
  const stockLevel = sqlite
    .prepare<[string], number>(`SELECT coalesce(sum("quantity"), 0) FROM "stock_movements" WHERE "product_id" = ? AND "deleted_at" IS NULL`)
    .pluck();

  return {
    stockOfAppointment: (appointmentId: string): StockMovement[] =>
      stockOfAppointment.all(appointmentId).map((raw) => rowRead.stockMovement.decode(raw) as StockMovement),
    /** A product's level: the sum of its movements not removed. */
    stockLevel: (productId: string): number => stockLevel.get(productId) ?? 0,
    messagesOfAppointment: (appointmentId: string): Message[] =>
      messagesOfAppointment.all(appointmentId).map((raw) => rowRead.message.decode(raw) as Message),
    kindsOfId: (id: string): EntityType[] => kindsOfId.all(...entityTypes.map(() => id)) as EntityType[],
    slotHolders: (staffId: string, scanFrom: number, to: number, from: number): SlotHolder[] =>
      slotHolders
        .all({ staffId, scanFrom, to, from, lead: LONGEST_LEAD_MS })
        .map(({ block, ...holder }) => (block === 1 ? { ...holder, block: true } : holder)),
    /** Time off not removed of a staff member that meets [from, to). */
    timeOffDuring: (staffId: string, from: number, to: number): TimeOff[] =>
      timeOffDuring.all({ staffId, scanFrom: from - LONGEST_TIME_OFF_MS, to, from }).map((raw) => rowRead.timeOff.decode(raw) as TimeOff),
    loadRow: loadRow as { [E in EntityType]: (id: string) => RowOf<E> | null },
    insertRow: insertRow as { [E in EntityType]: (row: WriteRowOf<E>) => unknown },
    updateRow: updateRow as { [E in EntityType]: (row: WriteRowOf<E>) => unknown },
    /** The event, with the idempotency answer of the command that made it (none for the server's). */
    insertEvent: (event: NewEvent, answer: EventAnswer | null) => insertEvent.run(eventWrite.encode({ ...event, ...(answer ?? noAnswer) })),
    eventById: (id: string): EventRow | undefined => {
      const raw = eventById.get(id);
      return raw === undefined ? undefined : eventRead.decode(raw);
    },
    /** The id of an event that undoes this one, if any. */
    undoOf: (id: string): string | undefined => undoOf.get(id),
    /** The event a command with this idempotency key made, and the answer kept in its row. */
    answerByKey: (key: string): { event: EventRow; answer: EventAnswer } | undefined => {
      const raw = answerByKey.get(key);
      if (raw === undefined) return undefined;
      const { idempotencyKey, payloadHash, answerRow, ...event } = answerRead.decode(raw);
      return { event, answer: { idempotencyKey, payloadHash, answerRow } };
    },
    /** A key answered before answers moved into the events row: payload hash and result JSON text. */
    legacyAnswerByKey: (key: string) => legacyAnswerByKey.get(key),
    /** Whether idempotency_records holds any key at all. */
    anyLegacyAnswer: (): boolean => anyLegacyAnswer.get() === 1,
    activeOwnerIds: (): string[] => allActiveOwners.all(),
    /** SQLite's data_version: it moves when another connection commits (never for this one's own writes). */
    dataVersion: (): number => dataVersion.get() ?? 0,
    /** local_meta's pairing value as JSON text, if the row exists. */
    pairingJson: (): string | undefined => pairing.get(),
  };
}

export type Statements = ReturnType<typeof build>;
const prepared = storeSlot('prepared statements', (store) => build(store.sqlite));

export function statements(store: Store): Statements {
  return slotOf(store, prepared);
}
