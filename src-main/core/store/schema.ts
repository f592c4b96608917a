import { getTableColumns, sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEFAULT_MESSAGE_SETTINGS, importKinds, NO_CONSENT } from '../../../src-shared/entities';
import { DEFAULT_LOCALE, type LocaleSettings } from '../../../src-shared/locale/settings';
import type {
  Appointment,
  AppointmentStatus,
  FormAnswers,
  FormField,
  FormResponse,
  Consent,
  Message,
  MessageSettings,
  BlockKind,
  ProductKind,
  ProductUse,
  RetailLine,
  StockMovementKind,
  OpeningHours,
  Settings,
  Skill,
  StaffRole,
  TimeOffKind,
  WaitlistEntry,
  WalkIn,
  WorkingHours,
} from '../../../src-shared/entities';

/**
 * The local SQLite store. Column types mirror the zod row schemas in src-shared/entities.ts
 * (a type test keeps them in step). Nothing here is ever hard-deleted: rows carry deletedAt and
 * events are append-only.
 */

const meta = {
  id: text('id').primaryKey(),
  version: integer('version').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deletedAt: integer('deleted_at'),
};

export const clients = sqliteTable(
  'clients',
  {
    ...meta,
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    notes: text('notes').notNull(),
    allergies: text('allergies').notNull().default(''),
    /** Shop-local date 'YYYY-MM-DD' of the last patch test; null: none recorded. */
    patchTestOn: text('patch_test_on'),
    preferences: text('preferences').notNull().default(''),
    /** JSON: agreed to messages per channel, with who and when (docs/architecture.md §17). */
    consent: text('consent', { mode: 'json' }).$type<Consent>().notNull().default(NO_CONSENT),
    /** When the client's details were erased (docs/architecture.md §28); null: never. */
    erasedAt: integer('erased_at'),
    /** The name's words folded (src-shared/peopleSearch.ts): the list's order and a word's check. */
    searchName: text('search_name').notNull(),
    /** The number's digit forms, space-separated: a run of digits' check. */
    searchPhone: text('search_phone'),
  },
  // search_phone is only read row by row (the full-text index finds a number): no index of its own.
  (table) => [index('clients_search_name').on(table.searchName)],
);

/**
 * A small number for each client not removed, which the full-text indexes of client search name
 * rows by (docs/architecture.md §14), with the client's searchName: the first page of matches in
 * the list's order is read here before any client row. Written with the client's row; the
 * indexes themselves (FTS5 tables, which drizzle cannot declare) are made when the store opens.
 */
export const clientSearchRefs = sqliteTable('client_search_refs', {
  ref: integer('ref').primaryKey(),
  clientId: text('client_id').notNull().unique(),
  searchName: text('search_name').notNull(),
});

export const staff = sqliteTable('staff', {
  ...meta,
  name: text('name').notNull(),
  colour: text('colour').notNull(),
  role: text('role').$type<StaffRole>().notNull(),
  pinHash: text('pin_hash'),
  active: integer('active', { mode: 'boolean' }).notNull(),
  /** JSON; null: works whenever the shop is open (every member added before schedules existed). */
  workingHours: text('working_hours', { mode: 'json' }).$type<WorkingHours>(),
});

export const services = sqliteTable('services', {
  ...meta,
  name: text('name').notNull(),
  category: text('category'),
  colour: text('colour'),
  durationMin: integer('duration_min').notNull(),
  bufferBeforeMin: integer('buffer_before_min').notNull().default(0),
  bufferAfterMin: integer('buffer_after_min').notNull(),
  priceCents: integer('price_cents'),
  archived: integer('archived', { mode: 'boolean' }).notNull(),
  /** JSON; null: every active staff member performs it. */
  performedBy: text('performed_by', { mode: 'json' }).$type<Skill[]>(),
  needsPatchTest: integer('needs_patch_test', { mode: 'boolean' }).notNull().default(false),
  /** JSON: the products one visit uses (docs/architecture.md §25). */
  products: text('products', { mode: 'json' }).$type<ProductUse[]>().notNull().default([]),
  /** JSON: the intake forms its visits need (docs/architecture.md §27). */
  formTemplateIds: text('form_template_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
});

export const settings = sqliteTable('settings', {
  ...meta,
  shopName: text('shop_name').notNull(),
  timeZone: text('time_zone').notNull(),
  openingHours: text('opening_hours', { mode: 'json' }).$type<OpeningHours>().notNull(),
  closedDates: text('closed_dates', { mode: 'json' }).$type<string[]>().notNull(),
  specialDays: text('special_days', { mode: 'json' }).$type<Settings['specialDays']>().notNull().default([]),
  paperSize: text('paper_size').$type<'A4' | 'Letter'>().notNull(),
  /** Null: the shop has no patch-test rule (every shop before client alerts). */
  patchTestMaxAgeMonths: integer('patch_test_max_age_months'),
  /** JSON: reminder offsets, channels, quiet hours, the shop's phone and its own texts (docs/architecture.md §17). */
  messages: text('messages', { mode: 'json' }).$type<MessageSettings>().notNull().default(DEFAULT_MESSAGE_SETTINGS),
  /** JSON: language, date pattern, clock, first day of the week, currency (docs/architecture.md §22). */
  locale: text('locale', { mode: 'json' }).$type<LocaleSettings>().notNull().default(DEFAULT_LOCALE),
});

export const appointments = sqliteTable(
  'appointments',
  {
    ...meta,
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    /** Null on rows booked before buffers-before existed: their block starts at startsAt. */
    blockStartsAt: integer('block_starts_at'),
    blockEndsAt: integer('block_ends_at').notNull(),
    status: text('status').$type<AppointmentStatus>().notNull(),
    notes: text('notes').notNull(),
    cancelReason: text('cancel_reason'),
    outsideHours: integer('outside_hours', { mode: 'boolean' }).notNull(),
    outsideSchedule: integer('outside_schedule', { mode: 'boolean' }).notNull().default(false),
    recordedAfterStart: integer('recorded_after_start', { mode: 'boolean' }).notNull().default(false),
    seriesId: text('series_id'),
    visitId: text('visit_id'),
    /** The visit lifecycle (entities.ts): null on rows from before it, and until each step happens. */
    holdExpiresAt: integer('hold_expires_at'),
    arrivedAt: integer('arrived_at'),
    serviceStartedAt: integer('service_started_at'),
    completedAt: integer('completed_at'),
    priceCents: integer('price_cents'),
    discountCents: integer('discount_cents'),
    checkoutNote: text('checkout_note'),
    /** JSON: the retail sold at checkout (entities.ts `retail`). */
    retail: text('retail', { mode: 'json' }).$type<RetailLine[]>().notNull().default([]),
    /** The client's confirmation (docs/architecture.md §20): null until they confirm, and on rows from before. */
    clientConfirmedAt: integer('client_confirmed_at'),
    clientConfirmedVia: text('client_confirmed_via').$type<NonNullable<Appointment['clientConfirmedVia']>>(),
  },
  (table) => [
    index('appointments_starts_at').on(table.startsAt),
    // Covers the finder's "what holds these people's time" read (freeSlots.ts) without a table
    // lookup per booking; its (staff, start) prefix serves every other per-staff read.
    index('appointments_staff_busy').on(
      table.staffId,
      table.startsAt,
      table.blockStartsAt,
      table.blockEndsAt,
      table.status,
      table.deletedAt,
      table.id,
    ),
    index('appointments_client_starts_at').on(table.clientId, table.startsAt),
    index('appointments_series').on(table.seriesId, table.startsAt).where(sql`${table.seriesId} IS NOT NULL`),
    index('appointments_visit').on(table.visitId, table.startsAt).where(sql`${table.visitId} IS NOT NULL`),
    // Covers every figure of the owner's numbers (src-main/core/reports/, docs §26): a year of
    // bookings is read from the index alone, one status at a time (a late-cancellation count reads
    // only the cancelled), never row by row from the table.
    index('appointments_report').on(
      table.status,
      table.startsAt,
      table.deletedAt,
      table.holdExpiresAt,
      table.staffId,
      table.serviceId,
      table.clientId,
      table.endsAt,
      table.priceCents,
      table.discountCents,
      table.id,
    ),
    // Each client's kept visits (booked, arrived, in the chair, done) by start: "has this client
    // been before?" is one index seek, never a table read (the owner's new versus returning clients).
    index('appointments_client_kept')
      .on(table.clientId, table.startsAt)
      .where(sql`${table.deletedAt} IS NULL AND ${table.status} IN ('booked', 'arrived', 'in_service', 'completed')`),
    // The holds still pencilled in, by when they run out: what the desk's hold clock reads.
    index('appointments_holds').on(table.holdExpiresAt).where(sql`${table.status} = 'held'`),
  ],
);

/** A staff member's time off or extra hours (src-shared/registry/timeOff.ts). */
export const timeOff = sqliteTable(
  'time_off',
  {
    ...meta,
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    kind: text('kind').$type<TimeOffKind>().notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    note: text('note').notNull(),
  },
  (table) => [index('time_off_staff_starts_at').on(table.staffId, table.startsAt), index('time_off_starts_at').on(table.startsAt)],
);

/** Time blocked on a staff member's column (src-shared/registry/block.ts); it holds the time as a booking does. */
export const blocks = sqliteTable(
  'blocks',
  {
    ...meta,
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    kind: text('kind').$type<BlockKind>().notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    note: text('note').notNull(),
  },
  (table) => [index('blocks_staff_starts_at').on(table.staffId, table.startsAt), index('blocks_starts_at').on(table.startsAt)],
);

/** Clients waiting for a service in a window of days and times (src-shared/registry/waitlist.ts). */
export const waitlist = sqliteTable(
  'waitlist',
  {
    ...meta,
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    staffId: text('staff_id').references(() => staff.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    fromTime: text('from_time').notNull(),
    toTime: text('to_time').notNull(),
    note: text('note').notNull(),
    status: text('status').$type<WaitlistEntry['status']>().notNull(),
    appointmentId: text('appointment_id'),
  },
  // The entries still waiting whose window reaches a day: what a freed time is matched against.
  (table) => [index('waitlist_waiting_to_date').on(table.status, table.toDate)],
);

/** Clients who came in without a booking (src-shared/registry/walkIn.ts). */
export const walkIns = sqliteTable(
  'walk_ins',
  {
    ...meta,
    clientId: text('client_id').references(() => clients.id),
    name: text('name').notNull(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    staffId: text('staff_id').references(() => staff.id),
    arrivedAt: integer('arrived_at').notNull(),
    status: text('status').$type<WalkIn['status']>().notNull(),
    appointmentId: text('appointment_id'),
    note: text('note').notNull(),
  },
  // Today's queue: the walk-ins that arrived in a day.
  (table) => [index('walk_ins_arrived_at').on(table.arrivedAt)],
);

/** Messages to clients: confirmations, change notices, reminders (src-shared/registry/message.ts, docs/architecture.md §17). */
export const messages = sqliteTable(
  'messages',
  {
    ...meta,
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    appointmentId: text('appointment_id'),
    kind: text('kind').$type<Message['kind']>().notNull(),
    channel: text('channel').$type<Message['channel']>().notNull(),
    to: text('to').notNull(),
    reminderOffsetMinutes: integer('reminder_offset_minutes'),
    dueAt: integer('due_at').notNull(),
    status: text('status').$type<Message['status']>().notNull(),
    attempts: integer('attempts').notNull(),
    retryAt: integer('retry_at'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    subject: text('subject'),
    body: text('body'),
  },
  (table) => [
    // An appointment's messages: what the rulebook's follow-ups ask for, and the drawer shows.
    index('messages_appointment').on(table.appointmentId),
    // What falls due: the sender's question.
    index('messages_status_due').on(table.status, table.dueAt),
  ],
);

/** Products the shop keeps in stock (src-shared/registry/product.ts); the level is the sum of their movements. */
export const products = sqliteTable('products', {
  ...meta,
  name: text('name').notNull(),
  kind: text('kind').$type<ProductKind>().notNull(),
  unit: text('unit').notNull(),
  supplier: text('supplier').notNull(),
  costCents: integer('cost_cents'),
  priceCents: integer('price_cents'),
  lowStockAt: integer('low_stock_at').notNull(),
});

/** The stock ledger (src-shared/registry/stockMovement.ts): only ever added to; a level is a sum. */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    ...meta,
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    kind: text('kind').$type<StockMovementKind>().notNull(),
    quantity: integer('quantity').notNull(),
    appointmentId: text('appointment_id'),
    counted: integer('counted'),
    shortBy: integer('short_by').notNull(),
    note: text('note').notNull(),
    priceCents: integer('price_cents'),
  },
  (table) => [
    // A product's level (the sum) and its history, newest first.
    index('stock_movements_product').on(table.productId, table.createdAt),
    // What an appointment has used: the rulebook's stock follow-ups.
    index('stock_movements_appointment').on(table.appointmentId),
    // The owner's numbers (docs §26): a range's retail sold and stock used, one kind at a time.
    index('stock_movements_kind_created_at').on(table.kind, table.createdAt),
  ],
);

/** Intake form templates (src-shared/registry/formTemplate.ts, docs/architecture.md §27). */
export const formTemplates = sqliteTable('form_templates', {
  ...meta,
  name: text('name').notNull(),
  fields: text('fields', { mode: 'json' }).$type<FormField[]>().notNull(),
  archived: integer('archived', { mode: 'boolean' }).notNull(),
});

/** Clients' intake forms, one per visit and template (src-shared/registry/formResponse.ts). */
export const formResponses = sqliteTable(
  'form_responses',
  {
    ...meta,
    templateId: text('template_id')
      .notNull()
      .references(() => formTemplates.id),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    appointmentId: text('appointment_id')
      .notNull()
      .references(() => appointments.id),
    templateName: text('template_name').notNull(),
    fields: text('fields', { mode: 'json' }).$type<FormField[]>().notNull(),
    answers: text('answers', { mode: 'json' }).$type<FormAnswers>().notNull(),
    status: text('status').$type<FormResponse['status']>().notNull(),
    signedName: text('signed_name'),
    signedAt: integer('signed_at'),
  },
  (table) => [
    // A visit's forms (the drawer, check-in, what is missing) and a client's (their history).
    index('form_responses_appointment').on(table.appointmentId),
    index('form_responses_client').on(table.clientId),
  ],
);

/** Imports of clients from a CSV file, one row per file imported (src-shared/registry/importBatch.ts). */
export const importBatches = sqliteTable('import_batches', {
  ...meta,
  fileName: text('file_name').notNull(),
  kind: text('kind', { enum: importKinds }).notNull().default('clients'),
  added: integer('added').notNull(),
  merged: integer('merged').notNull(),
  skipped: integer('skipped').notNull(),
});

export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    actorStaffId: text('actor_staff_id'),
    deviceId: text('device_id').notNull(),
    at: integer('at').notNull(),
    reason: text('reason'),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    undoesEventId: text('undoes_event_id'),
    /**
     * The idempotency answer of the command that made this event here (docs/architecture.md §3,
     * invariant 4), kept in the event's own row so a booking writes no separate record: its key,
     * the hash of its payload and the row it left, less what the event already says (null when the
     * event says all of it, as a create's does). Null for events from the sync server.
     */
    idempotencyKey: text('idempotency_key'),
    payloadHash: text('payload_hash'),
    answerRow: text('answer_row', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (table) => [
    uniqueIndex('events_id').on(table.id),
    // Not unique: on a paired machine the history holds the server's events beside this machine's
    // own attempts that the server refused (kept, append-only, for the Recovery Center), so two
    // events can name the same version or undo the same event. executeCommand still enforces one
    // version per change and one undo per event inside its IMMEDIATE transaction (src-main/core/commands).
    index('events_undoes_event_id').on(table.undoesEventId).where(sql`${table.undoesEventId} IS NOT NULL`),
    index('events_entity_version').on(table.entityType, table.entityId, table.version),
    index('events_at').on(table.at),
    index('events_actor_seq').on(table.actorStaffId, table.seq),
    index('events_type_seq').on(table.type, table.seq),
    uniqueIndex('events_idempotency_key').on(table.idempotencyKey).where(sql`${table.idempotencyKey} IS NOT NULL`),
  ],
);

const { idempotencyKey: _key, payloadHash: _hash, answerRow: _answer, ...historyColumns } = getTableColumns(events);
/** The columns of an event as the history shows it: everything but the idempotency answer. */
export const eventColumns = historyColumns;

/**
 * Answers to idempotency keys kept before they moved into the events row (migration 0005): still
 * read, so a retry of a change made before the update gets its answer; nothing new is written here.
 */
export const idempotencyRecords = sqliteTable('idempotency_records', {
  key: text('key').primaryKey(),
  payloadHash: text('payload_hash').notNull(),
  result: text('result', { mode: 'json' }).$type<unknown>().notNull(),
  createdAt: integer('created_at').notNull(),
});

/** One row per local change made while paired; see src-main/core/outbox. */
export const outbox = sqliteTable(
  'outbox',
  {
    mutationId: integer('mutation_id').primaryKey(),
    eventId: text('event_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op').notNull(),
    baseVersion: integer('base_version'),
    args: text('args', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    reason: text('reason'),
    actorStaffId: text('actor_staff_id'),
    clientTime: integer('client_time').notNull(),
    /** pending → applied | conflict | rejected | failed (a person decides) → resolved */
    state: text('state').notNull(),
    outcome: text('outcome', { mode: 'json' }).$type<unknown>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error', { mode: 'json' }).$type<unknown>(),
    updatedAt: integer('updated_at').notNull(),
    /**
     * The id of the entity's latest event this change was built on: the server's latest event, or
     * this machine's previous change to the entity (null for a create).
     */
    baseEventId: text('base_event_id'),
    /**
     * The mutation id on the wire, given when the row is first put in a push batch. Rows a person
     * resolved before they were sent, or held behind a refused change to the same record, never get
     * one, so the server sees an unbroken 1, 2, 3 … sequence.
     */
    wireId: integer('wire_id'),
    /** How a person resolved this row in the Recovery Center: choice, who, when, follow-up mutations. */
    resolution: text('resolution', { mode: 'json' }).$type<unknown>(),
  },
  (table) => [
    index('outbox_entity').on(table.entityType, table.entityId),
    index('outbox_state').on(table.state),
    index('outbox_wire_id').on(table.wireId),
  ],
);

/**
 * The server's row of every entity this paired machine has seen (from pulls and acknowledgements),
 * kept beside the local row: while an entity has unresolved local changes the local row is the
 * user's view and this is the server's; once everything is acknowledged they are equal.
 */
export const serverRows = sqliteTable(
  'server_rows',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    version: integer('version').notNull(),
    row: text('row', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The id of the server event that produced this row. */
    lastEventId: text('last_event_id').notNull(),
    /** The shop change counter of that event (rows only move forward). */
    changeId: integer('change_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.entityType, table.entityId] })],
);

/**
 * The owner's numbers' daily rollup (src-main/core/store/reportRollup.ts, docs §26): per shop day and
 * staff member, and again per shop day and service, what the day's bookings became. Kept in the
 * transaction of every appointment row written (rows.ts) and every cancel event added; rebuilt from
 * the appointments at open when the shop's zone is not the one it was built for. Never synced:
 * each desk derives its own. The table is WITHOUT ROWID (migration 0028, which drizzle-kit does not
 * model): a migration generated for a change here rebuilds it with a rowid, and must be edited to keep it.
 */
export const reportDays = sqliteTable(
  'report_days',
  {
    dimension: text('dimension').$type<'staff' | 'service'>().notNull(),
    day: text('day').notNull(),
    subjectId: text('subject_id').notNull(),
    bookings: integer('bookings').notNull(),
    completed: integer('completed').notNull(),
    cancelled: integer('cancelled').notNull(),
    noShows: integer('no_shows').notNull(),
    lateCancellations: integer('late_cancellations').notNull(),
    kept: integer('kept').notNull(),
    keptMs: integer('kept_ms').notNull(),
    cents: integer('cents').notNull(),
  },
  // Day first: a booking's staff row and service row are neighbours, so a booking writes one page, not two.
  (table) => [primaryKey({ columns: [table.day, table.dimension, table.subjectId] })],
);

/**
 * Stock used per shop day and product (reportRollup.ts): what the day's visits used less what their
 * cancellations gave back, dated by the visit's start — a colour booked in May for June is June's.
 */
export const reportStockDays = sqliteTable(
  'report_stock_days',
  {
    day: text('day').notNull(),
    productId: text('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.productId] })],
);

/**
 * Each client's first and last kept visit (reportRollup.ts): "new this range" is a count of first visits
 * in it, and "returning" needs a look at a client's visits only when the range lies inside their span.
 */
export const reportClients = sqliteTable(
  'report_clients',
  {
    clientId: text('client_id').primaryKey(),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
  },
  // first_at alone: a later visit moves a client's last_at, and an index holding it would be one more page written per booking.
  (table) => [index('report_clients_first_at').on(table.firstAt)],
);

/** Small facts about this machine's store: device id, pairing, sync cursor. */
export const localMeta = sqliteTable('local_meta', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
});

export const entityTables = {
  appointment: appointments,
  client: clients,
  staff,
  service: services,
  settings,
  timeOff,
  block: blocks,
  waitlist,
  walkIn: walkIns,
  message: messages,
  product: products,
  stockMovement: stockMovements,
  formTemplate: formTemplates,
  formResponse: formResponses,
  importBatch: importBatches,
} as const;

/**
 * Failures that would otherwise only reach a log (a failed daily backup, the shop server saying it
 * is degraded, an updater error, a file that could not be saved): shown as system checks until the
 * condition clears (resolvedAt) or a person dismisses them (who and when). One open row per kind.
 */
export const systemProblems = sqliteTable(
  'system_problems',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    nextStep: text('next_step').notNull(),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    occurrences: integer('occurrences').notNull(),
    resolvedAt: integer('resolved_at'),
    dismissedAt: integer('dismissed_at'),
    dismissedBy: text('dismissed_by'),
  },
  (table) => [index('system_problems_kind').on(table.kind, table.resolvedAt)],
);

/**
 * Changes a person asked for that could not be saved (a storage or lock failure, not a refusal):
 * kept here, not only in the window, until a retry succeeds or a person discards them.
 */
export const failedIntents = sqliteTable(
  'failed_intents',
  {
    id: text('id').primaryKey(),
    /** The command's own key: a retry with it that succeeds resolves this row. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** The router procedure, e.g. "appointments.create", and its input, to retry after a reload. */
    procedure: text('procedure').notNull(),
    input: text('input', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** What the person tried, in the words the screen used. */
    label: text('label').notNull(),
    error: text('error', { mode: 'json' }).$type<unknown>().notNull(),
    actorStaffId: text('actor_staff_id'),
    failedAt: integer('failed_at').notNull(),
    lastFailedAt: integer('last_failed_at').notNull(),
    attempts: integer('attempts').notNull(),
    /** retried (a retry saved it) | discarded (a person gave it up) */
    resolution: text('resolution'),
    resolvedAt: integer('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (table) => [uniqueIndex('failed_intents_key').on(table.idempotencyKey), index('failed_intents_open').on(table.resolvedAt)],
);
