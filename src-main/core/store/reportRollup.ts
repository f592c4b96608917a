import type { Appointment, StockMovement } from '../../../src-shared/entities';
import { LATE_CANCEL_WINDOW_MS, QUARTER_MS } from '../../../src-shared/reports';
import { localDayRange } from '../../../src-shared/time';
import type { Store } from './open';
import { slotOf, storeSlot } from './state';
import { BOOKING, KEPT_STATUSES, VISIT_TOTAL } from './bookingScope';

/**
 * The owner's numbers' daily rollup (docs/architecture.md §26): `report_days` holds, per shop day
 * and staff member — and again per shop day and service — what that day's bookings became. A year
 * of a busy shop is ~11,000 such rows instead of a pass over its 100,000+ bookings.
 * `report_stock_days` holds per shop day and product what the day's visits used less what their
 * cancellations gave back, dated by the visit's start (`rollUpStockMovement`; a visit moved to
 * another day takes its movements with it).
 *
 * Each appointment row contributes to one staff row and one service row; writing a row moves its
 * old contribution out and its new one in (`rollUpAppointment`, called by the one row writer in the
 * same transaction), and a cancel event added later can make its booking a late cancellation
 * (`rollUpCancelEvent`). Undo, restore, pulls, erasure and imports all write rows through that one
 * writer, so none needs its own step.
 *
 * Days are the shop's, so the rollup is built for one zone, recorded in local_meta; a new zone (or
 * a store that has never had one, such as one just migrated) rebuilds it from the appointments
 * (`ensureReportRollup`, at open and whenever the settings are written). SQLite has no calendar of
 * zones, which is why that back-fill is code run at open rather than the migration's SQL.
 */

const META_KEY = 'reportRollup';
const ROLLUP_VERSION = 1;
const KEPT = new Set<string>(KEPT_STATUSES.split(', ').map((status) => status.slice(1, -1)));
const BOOKED = new Set<string>([...KEPT, 'cancelled', 'no_show']);

/** What the rollup needs of a booking: the fields its figures come from. */
type Fields = Pick<
  Appointment,
  'id' | 'clientId' | 'status' | 'startsAt' | 'endsAt' | 'staffId' | 'serviceId' | 'priceCents' | 'discountCents' | 'deletedAt' | 'holdExpiresAt'
>;

/** bookings, completed, cancelled, no-shows, late cancellations, kept, kept ms, cents: the table's figure columns in order. */
type Figures = [number, number, number, number, number, number, number, number];
const FIGURE_COLUMNS = ['bookings', 'completed', 'cancelled', 'no_shows', 'late_cancellations', 'kept', 'kept_ms', 'cents'] as const;

interface RollupState {
  /** The zone the table is built for; null while the shop has no settings (nothing can be booked). */
  zone: string | null;
  /** The shop's day starts, worked out once per day for this zone. */
  days: ShopDayStarts;
  statements: ReturnType<typeof prepare>;
}

function prepare(store: Store) {
  const { sqlite } = store;
  return {
    fields: sqlite.prepare<[string], Fields>(
      `SELECT id, client_id AS clientId, status, starts_at AS startsAt, ends_at AS endsAt, staff_id AS staffId, service_id AS serviceId,
              price_cents AS priceCents, discount_cents AS discountCents, deleted_at AS deletedAt, hold_expires_at AS holdExpiresAt
         FROM appointments WHERE id = ?`,
    ),
    // Served by the events' (entity type, entity, version) index, as lateCancellations was.
    lastCancel: sqlite
      .prepare<[string], number | null>(
        `SELECT max(at) FROM events WHERE entity_type = 'appointment' AND entity_id = ? AND type = 'appointment.cancel'`,
      )
      .pluck(),
    lastCancelBut: sqlite
      .prepare<[string, string], number | null>(
        `SELECT max(at) FROM events WHERE entity_type = 'appointment' AND entity_id = ? AND type = 'appointment.cancel' AND id <> ?`,
      )
      .pluck(),
    movement: sqlite.prepare<[string], Pick<StockMovement, 'kind' | 'quantity' | 'productId' | 'appointmentId' | 'deletedAt'>>(
      `SELECT kind, quantity, product_id AS productId, appointment_id AS appointmentId, deleted_at AS deletedAt FROM stock_movements WHERE id = ?`,
    ),
    startsAt: sqlite.prepare<[string], number>(`SELECT starts_at FROM appointments WHERE id = ?`).pluck(),
    // Served by stock_movements_appointment: what a visit's movements add to its day.
    usedBy: sqlite.prepare<[string], { productId: string; quantity: number }>(
      `SELECT product_id AS productId, -sum(quantity) AS quantity FROM stock_movements
        WHERE appointment_id = ? AND kind IN ('used', 'returned') AND deleted_at IS NULL GROUP BY product_id`,
    ),
    addStock: sqlite.prepare(
      `INSERT INTO report_stock_days (day, product_id, quantity) VALUES (?, ?, ?)
       ON CONFLICT (day, product_id) DO UPDATE SET quantity = quantity + excluded.quantity`,
    ),
    // Served by appointments_client_kept: a client's kept visits but one, first and last.
    clientSpan: sqlite.prepare<[string, string], { firstAt: number | null; lastAt: number | null }>(
      `SELECT min(starts_at) AS firstAt, max(starts_at) AS lastAt FROM appointments INDEXED BY appointments_client_kept
        WHERE client_id = ? AND id <> ? AND deleted_at IS NULL AND status IN (${KEPT_STATUSES})`,
    ),
    span: sqlite.prepare<[string], { firstAt: number; lastAt: number }>(`SELECT first_at AS firstAt, last_at AS lastAt FROM report_clients WHERE client_id = ?`),
    // Each names only the column it moves: an UPDATE naming first_at rewrites its index entry even when the value stays.
    newSpan: sqlite.prepare(`INSERT INTO report_clients (client_id, first_at, last_at) VALUES (?, ?, ?)`),
    moveFirst: sqlite.prepare(`UPDATE report_clients SET first_at = ? WHERE client_id = ?`),
    moveLast: sqlite.prepare(`UPDATE report_clients SET last_at = ? WHERE client_id = ?`),
    setSpan: sqlite.prepare(`UPDATE report_clients SET first_at = ?, last_at = ? WHERE client_id = ?`),
    dropSpan: sqlite.prepare(`DELETE FROM report_clients WHERE client_id = ?`),
    add: sqlite.prepare(
      `INSERT INTO report_days (dimension, day, subject_id, ${FIGURE_COLUMNS.join(', ')}) VALUES (?, ?, ?, ${FIGURE_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (day, dimension, subject_id) DO UPDATE SET ${FIGURE_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    ),
  };
}

const rollupSlot = storeSlot<RollupState>('report rollup', (store) => ({ zone: null, days: newDayStarts(), statements: prepare(store) }));

function shopZone(store: Store): string | null {
  const row = store.sqlite.prepare(`SELECT time_zone AS zone FROM settings LIMIT 1`).get() as { zone: string } | undefined;
  return row?.zone ?? null;
}

function recordedZone(store: Store): { version: number; zone: string | null } | null {
  const row = store.sqlite.prepare(`SELECT value FROM local_meta WHERE key = ?`).get(META_KEY) as { value: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.value) as { version: number; zone: string | null });
}

const DAY_MS = 86_400_000;

/** When the shop's day that is UTC day `n`'s date starts, and that date, each worked out once. */
interface ShopDayStarts {
  starts: Map<number, number>;
  dates: Map<number, string>;
}

const newDayStarts = (): ShopDayStarts => ({ starts: new Map(), dates: new Map() });

function dateOfDay(days: ShopDayStarts, n: number): string {
  let date = days.dates.get(n);
  if (date === undefined) {
    date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    days.dates.set(n, date);
  }
  return date;
}

function startOfDay(days: ShopDayStarts, zone: string, n: number): number {
  let start = days.starts.get(n);
  if (start === undefined) {
    start = localDayRange(dateOfDay(days, n), zone).start;
    days.starts.set(n, start);
  }
  return start;
}

/**
 * The shop day of the quarter hour an instant falls in (no zone's offset splits a quarter). Every
 * zone is within 14 hours of UTC, so it is the UTC date, the day before or the day after: two
 * cached day starts decide, and the zone's calendar is asked once per day, never per write.
 */
function dayOf(days: ShopDayStarts, zone: string, instant: number): string {
  const quarterStart = Math.floor(instant / QUARTER_MS) * QUARTER_MS;
  const n = Math.floor(quarterStart / DAY_MS);
  if (quarterStart < startOfDay(days, zone, n)) return dateOfDay(days, n - 1);
  if (quarterStart >= startOfDay(days, zone, n + 1)) return dateOfDay(days, n + 1);
  return dateOfDay(days, n);
}

const isLate = (startsAt: number, cancelledAt: number | null | undefined) =>
  cancelledAt !== null && cancelledAt !== undefined && startsAt - cancelledAt < LATE_CANCEL_WINDOW_MS;

/** A row's figures, or null when it is no booking (a hold, a hold let go, a deleted row): bookingScope's BOOKING, in JS. */
function figuresOf(row: Fields, lastCancelAt: number | null | undefined): Figures | null {
  const { status } = row;
  if (!BOOKED.has(status) || row.deletedAt !== null || (status === 'cancelled' && row.holdExpiresAt !== null)) return null;
  const kept = KEPT.has(status);
  return [
    1,
    status === 'completed' ? 1 : 0,
    status === 'cancelled' ? 1 : 0,
    status === 'no_show' ? 1 : 0,
    status === 'cancelled' && isLate(row.startsAt, lastCancelAt) ? 1 : 0,
    kept ? 1 : 0,
    kept ? row.endsAt - row.startsAt : 0,
    status === 'completed' ? (row.priceCents ?? 0) - (row.discountCents ?? 0) : 0,
  ];
}

function add(state: RollupState, day: string, row: Fields, figures: Figures, sign: 1 | -1): void {
  const values = sign === 1 ? figures : figures.map((value) => -value);
  state.statements.add.run('staff', day, row.staffId, ...values);
  state.statements.add.run('service', day, row.serviceId, ...values);
}

const sameFigures = (a: Figures, b: Figures) => a.every((value, index) => value === b[index]);

/**
 * An appointment row is about to be written (`next`; `isNew`: inserted, so there is no row before it):
 * its old contribution out, its new one in. Inside the writer's transaction; a move within a day
 * and a note changed cost a read and nothing more.
 */
export function rollUpAppointment(store: Store, next: Fields, isNew: boolean): void {
  const state = slotOf(store, rollupSlot);
  const zone = state.zone;
  if (zone === null) return;
  const before = isNew ? undefined : state.statements.fields.get(next.id);
  moveStockDay(state, next.id, before === undefined ? null : dayOf(state.days, zone, before.startsAt), dayOf(state.days, zone, next.startsAt));
  const cancelled = next.status === 'cancelled' || before?.status === 'cancelled';
  const lastCancelAt = cancelled ? state.statements.lastCancel.get(next.id) : null;
  const out = before === undefined ? null : figuresOf(before, lastCancelAt);
  const into = figuresOf(next, lastCancelAt);
  clientSpans(state, before, out, next, into);
  if (out === null && into === null) return;
  const outDay = before !== undefined && out !== null ? dayOf(state.days, zone, before.startsAt) : null;
  const intoDay = into === null ? null : dayOf(state.days, zone, next.startsAt);
  if (
    out !== null && into !== null && before !== undefined &&
    outDay === intoDay && before.staffId === next.staffId && before.serviceId === next.serviceId && sameFigures(out, into)
  ) {
    return;
  }
  if (out !== null && before !== undefined && outDay !== null) add(state, outDay, before, out, -1);
  if (into !== null && intoDay !== null) add(state, intoDay, next, into, 1);
}

const KEPT_AT = 5;

/** A client's first and last kept visit follow their visits: a visit kept widens the span; one no longer kept at its edge narrows it. */
function clientSpans(state: RollupState, before: Fields | undefined, out: Figures | null, next: Fields, into: Figures | null): void {
  const wasKept = before !== undefined && out !== null && out[KEPT_AT] === 1;
  const isKept = into !== null && into[KEPT_AT] === 1;
  if (wasKept && isKept && before.clientId === next.clientId && before.startsAt === next.startsAt) return;
  if (wasKept) {
    const span = state.statements.span.get(before.clientId);
    if (span !== undefined && (span.firstAt === before.startsAt || span.lastAt === before.startsAt)) {
      const rest = state.statements.clientSpan.get(before.clientId, before.id);
      if (rest === undefined || rest.firstAt === null || rest.lastAt === null) state.statements.dropSpan.run(before.clientId);
      else state.statements.setSpan.run(rest.firstAt, rest.lastAt, before.clientId);
    }
  }
  if (isKept) widenSpan(state, next.clientId, next.startsAt);
}

/** A kept visit at `at`: the client's span takes it in, writing only what moves (a visit inside the span writes nothing). */
function widenSpan(state: RollupState, clientId: string, at: number): void {
  const span = state.statements.span.get(clientId);
  if (span === undefined) state.statements.newSpan.run(clientId, at, at);
  else if (at > span.lastAt) state.statements.moveLast.run(at, clientId);
  else if (at < span.firstAt) state.statements.moveFirst.run(at, clientId);
}

/** A visit's used stock moves with it to another day (or arrives with it, when a pull brought its movements first). */
function moveStockDay(state: RollupState, appointmentId: string, from: string | null, to: string): void {
  if (from === to) return;
  for (const row of state.statements.usedBy.all(appointmentId)) {
    if (from !== null) state.statements.addStock.run(from, row.productId, -row.quantity);
    state.statements.addStock.run(to, row.productId, row.quantity);
  }
}

/** What a movement adds to stock used: a visit's use, less its return; nothing for any other kind, or once undone. */
function usedQuantity(movement: Pick<StockMovement, 'kind' | 'quantity' | 'appointmentId' | 'deletedAt'>): number {
  if (movement.appointmentId === null || movement.deletedAt !== null) return 0;
  return movement.kind === 'used' || movement.kind === 'returned' ? -movement.quantity : 0;
}

/**
 * A stock movement row is about to be written: a visit's use (or return) counts on the day of the
 * visit's start. A movement whose visit this desk does not have yet counts when the visit arrives
 * (moveStockDay). A movement keeps its visit and product; only undo (deletedAt) changes what it adds.
 */
export function rollUpStockMovement(store: Store, next: StockMovement): void {
  const state = slotOf(store, rollupSlot);
  const zone = state.zone;
  if (zone === null || next.appointmentId === null) return;
  const before = state.statements.movement.get(next.id);
  const change = usedQuantity(next) - (before === undefined ? 0 : usedQuantity(before));
  if (change === 0) return;
  const startsAt = state.statements.startsAt.get(next.appointmentId);
  if (startsAt === undefined) return;
  state.statements.addStock.run(dayOf(state.days, zone, startsAt), next.productId, change);
}

/**
 * An `appointment.cancel` event has just joined the history: its booking may have become (or
 * stopped being) a late cancellation, as the latest cancel event decides. Called only when the
 * event was inserted (a pulled event this desk already had changes nothing).
 */
export function rollUpCancelEvent(store: Store, event: { id: string; type: string; entityType: string; entityId: string }): void {
  if (event.type !== 'appointment.cancel' || event.entityType !== 'appointment') return;
  const state = slotOf(store, rollupSlot);
  const zone = state.zone;
  if (zone === null) return;
  const row = state.statements.fields.get(event.entityId);
  if (row === undefined || row.status !== 'cancelled') return;
  const was = figuresOf(row, state.statements.lastCancelBut.get(event.entityId, event.id));
  const now = figuresOf(row, state.statements.lastCancel.get(event.entityId));
  if (was === null || now === null || sameFigures(was, now)) return;
  const day = dayOf(state.days, zone, row.startsAt);
  add(state, day, row, was, -1);
  add(state, day, row, now, 1);
}

interface GroupRow {
  quarter: number;
  staffId: string;
  serviceId: string;
  bookings: number;
  completed: number;
  cancelled: number;
  noShows: number;
  late: number;
  kept: number;
  keptMs: number;
  cents: number;
}

/** Every booking's figures, summed from the appointments and their events as bookingScope defines them. */
function rebuild(store: Store, state: RollupState, zone: string | null, days: ShopDayStarts): void {
  store.sqlite.exec(`DELETE FROM report_days; DELETE FROM report_stock_days; DELETE FROM report_clients;`);
  store.sqlite.exec(`INSERT INTO report_clients (client_id, first_at, last_at)
    SELECT client_id, min(starts_at), max(starts_at) FROM appointments INDEXED BY appointments_client_kept
     WHERE deleted_at IS NULL AND status IN (${KEPT_STATUSES}) GROUP BY client_id`);
  if (zone === null) return;
  const used = store.sqlite
    .prepare(
      `SELECT a.starts_at / ${QUARTER_MS} AS quarter, m.product_id AS productId, -sum(m.quantity) AS quantity
         FROM stock_movements m JOIN appointments a ON a.id = m.appointment_id
        WHERE m.kind IN ('used', 'returned') AND m.deleted_at IS NULL
        GROUP BY quarter, m.product_id`,
    )
    .all() as { quarter: number; productId: string; quantity: number }[];
  for (const row of used) state.statements.addStock.run(dayOf(days, zone, row.quarter * QUARTER_MS), row.productId, row.quantity);
  const groups = store.sqlite
    .prepare(
      `SELECT a.starts_at / ${QUARTER_MS} AS quarter, a.staff_id AS staffId, a.service_id AS serviceId, count(*) AS bookings,
              sum(a.status = 'completed') AS completed, sum(a.status = 'cancelled') AS cancelled, sum(a.status = 'no_show') AS noShows,
              sum(a.status = 'cancelled' AND coalesce(a.starts_at - (SELECT max(e.at) FROM events e
                   WHERE e.entity_type = 'appointment' AND e.entity_id = a.id AND e.type = 'appointment.cancel') < @window, 0)) AS late,
              sum(a.status IN (${KEPT_STATUSES})) AS kept,
              sum(CASE WHEN a.status IN (${KEPT_STATUSES}) THEN a.ends_at - a.starts_at ELSE 0 END) AS keptMs,
              sum(${VISIT_TOTAL}) AS cents
         FROM appointments a WHERE ${BOOKING}
        GROUP BY quarter, a.staff_id, a.service_id`,
    )
    .all({ window: LATE_CANCEL_WINDOW_MS }) as GroupRow[];
  const totals = new Map<string, { dimension: 'staff' | 'service'; day: string; subjectId: string; figures: Figures }>();
  for (const group of groups) {
    const day = dayOf(days, zone, group.quarter * QUARTER_MS);
    const figures: Figures = [group.bookings, group.completed, group.cancelled, group.noShows, group.late, group.kept, group.keptMs, group.cents];
    for (const [dimension, subjectId] of [
      ['staff', group.staffId],
      ['service', group.serviceId],
    ] as const) {
      const key = `${dimension}|${day}|${subjectId}`;
      const total = totals.get(key);
      if (total === undefined) totals.set(key, { dimension, day, subjectId, figures: [...figures] });
      else figures.forEach((value, index) => (total.figures[index] = (total.figures[index] ?? 0) + value));
    }
  }
  for (const total of totals.values()) state.statements.add.run(total.dimension, total.day, total.subjectId, ...total.figures);
}

/**
 * The rollup is built for the shop's zone: at open, and whenever the settings are written, a store
 * whose rollup was built for another zone (or never) rebuilds it. Returns true when it did.
 */
export function ensureReportRollup(store: Store): boolean {
  const state = slotOf(store, rollupSlot);
  const zone = shopZone(store);
  const recorded = recordedZone(store);
  if (recorded !== null && recorded.version === ROLLUP_VERSION && recorded.zone === zone) {
    state.zone = zone;
    return false;
  }
  // Until the rebuild commits the old zone stands.
  const days = newDayStarts();
  store.sqlite.transaction(() => {
    rebuild(store, state, zone, days);
    store.sqlite
      .prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(META_KEY, JSON.stringify({ version: ROLLUP_VERSION, zone }));
  })();
  state.zone = zone;
  state.days = days;
  return true;
}

/** Rebuilds the rollup from the appointments whatever it holds (a store changed behind the desk's back, such as the benchmark's). */
export function rebuildReportRollup(store: Store): void {
  store.sqlite.prepare('DELETE FROM local_meta WHERE key = ?').run(META_KEY);
  ensureReportRollup(store);
}
