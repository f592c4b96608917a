import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Command } from '../../../src-shared/commands';
import type { AnyRow, Appointment, EntityType } from '../../../src-shared/entities';
import type { ErrorEnvelope } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { newId } from '../../../src-shared/ids';
import { addDays, localDateOf, localDayRange } from '../../../src-shared/time';
import { NEXT_AVAILABLE_DAYS, othersFreeAt, searchFreeSlots } from '../appointments/freeSlots';
import { executeCommand, type Desk } from '../commands/execute';
import type { Store } from '../store/open';
import { loadRow, saveRow } from '../store/rows';
import { outbox } from '../store/schema';
import { transact } from '../store/transaction';
import { getShopSettings } from '../settings/queries';
import { refusedStates, unresolvedRowsOf, type OutboxRow } from '../outbox/outbox';
import { parseServerRow, serverRowOf, writeRecoveryEvent } from '../outbox/shadow';

/**
 * The Recovery Center (docs/architecture.md §5–§6): every local change the server refused or that failed,
 * grouped by record, with the local intent and the server's row side by side. Nothing here is
 * resolved automatically: a person chooses, and every choice is recorded — as a new mutation
 * (re-validated here and on the server) or, when the local intent is dropped, as a local event —
 * and the outbox rows it settles keep who chose what and when.
 */

export interface EntityRef {
  entityType: EntityType;
  entityId: string;
}

export type RecoveryKind = 'conflict' | 'slotTaken' | 'rejected' | 'failed';
export type RecoveryChoice = 'keepServer' | 'applyMine' | 'moveBooking' | 'bookOtherStaff' | 'cancelBooking' | 'discard' | 'retry';

export interface RecoveryChange {
  mutationId: number;
  op: string;
  args: Record<string, unknown>;
  reason: string | null;
  state: string;
  clientTime: number;
  actorStaffId: string | null;
  error: ErrorEnvelope | null;
}

export interface RecoveryItem extends EntityRef {
  kind: RecoveryKind;
  error: ErrorEnvelope | null;
  changes: RecoveryChange[];
  /** What this machine shows (the local intent applied). */
  localRow: AnyRow | null;
  /** The shop's version on the server, when it has one. */
  serverRow: AnyRow | null;
  /** A booking the server never accepted ("Pending sync (not booked)" until resolved). */
  isNewBooking: boolean;
  choices: RecoveryChoice[];
}

function changeOf(row: OutboxRow): RecoveryChange {
  const error = (row.outcome as { error?: ErrorEnvelope | null } | null)?.error ?? (row.lastError as ErrorEnvelope | null) ?? null;
  return {
    mutationId: row.mutationId,
    op: row.op,
    args: row.args,
    reason: row.reason,
    state: row.state,
    clientTime: row.clientTime,
    actorStaffId: row.actorStaffId,
    error,
  };
}

/** Refusals of a booking's time or person that a move or another staff member can settle. */
const schedulingRefusals: ReadonlySet<string> = new Set(['OUTSIDE_SCHEDULE', 'STAFF_NOT_QUALIFIED']);

function kindOf(changes: RecoveryChange[]): { kind: RecoveryKind; error: ErrorEnvelope | null } {
  const refused = changes.find((change) => change.state !== 'pending' && change.error?.details?.heldBehindMutationId === undefined) ??
    changes.find((change) => change.state !== 'pending');
  const error = refused?.error ?? null;
  if (refused?.state === 'failed') return { kind: 'failed', error };
  if (error?.code === 'SLOT_TAKEN') return { kind: 'slotTaken', error };
  if (error?.code === 'VERSION_CONFLICT') return { kind: 'conflict', error };
  return { kind: 'rejected', error };
}

function serverRowParsed(store: Store, ref: EntityRef): AnyRow | null {
  const server = serverRowOf(store, ref.entityType, ref.entityId);
  return server === null ? null : parseServerRow(ref.entityType, server.row);
}

export function recoveryItem(store: Store, ref: EntityRef): RecoveryItem | null {
  const rows = unresolvedRowsOf(store, ref.entityType, ref.entityId);
  if (!rows.some((row) => (refusedStates as readonly string[]).includes(row.state))) return null;
  const changes = rows.map(changeOf);
  const { kind, error } = kindOf(changes);
  const serverRow = serverRowParsed(store, ref);
  const localRow = loadRow(store, ref.entityType, ref.entityId);
  const isNewBooking = ref.entityType === 'appointment' && serverRow === null;
  const choices: RecoveryChoice[] = [];
  if (kind === 'failed') choices.push('retry');
  choices.push(serverRow === null ? 'discard' : 'keepServer', 'applyMine');
  // A booking that cannot stand at its time with its person (taken, or outside their schedule or skills) can move.
  const misplaced = kind === 'slotTaken' || (kind === 'rejected' && error !== null && schedulingRefusals.has(error.code));
  if (ref.entityType === 'appointment' && misplaced) choices.push('moveBooking', 'bookOtherStaff', 'cancelBooking');
  return { ...ref, kind, error, changes, localRow, serverRow, isNewBooking, choices };
}

/** Everything waiting for a person, oldest first, and the pending tray (not yet acknowledged). */
export function listRecovery(store: Store, options: { pendingLimit?: number } = {}) {
  const refused = store.db
    .select({ entityType: outbox.entityType, entityId: outbox.entityId })
    .from(outbox)
    .where(inArray(outbox.state, [...refusedStates]))
    .orderBy(asc(outbox.mutationId))
    .all();
  const seen = new Set<string>();
  const items: RecoveryItem[] = [];
  for (const ref of refused) {
    const key = `${ref.entityType}:${ref.entityId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item = recoveryItem(store, { entityType: ref.entityType as EntityType, entityId: ref.entityId });
    if (item) items.push(item);
  }
  const pendingRows = store.db
    .select()
    .from(outbox)
    .where(eq(outbox.state, 'pending'))
    .orderBy(asc(outbox.mutationId))
    .limit(options.pendingLimit ?? 200)
    .all();
  const pendingCount = store.db.select({ n: count() }).from(outbox).where(eq(outbox.state, 'pending')).get()?.n ?? 0;
  return {
    items,
    pending: {
      count: pendingCount,
      oldestAt: pendingRows[0]?.clientTime ?? null,
      rows: pendingRows.map((row) => ({ ...changeOf(row), entityType: row.entityType as EntityType, entityId: row.entityId, attempts: row.attempts })),
    },
  };
}

function openRows(store: Store, ref: EntityRef): OutboxRow[] {
  const rows = unresolvedRowsOf(store, ref.entityType, ref.entityId);
  if (rows.length === 0) throw refuse('NOT_FOUND', 'recovery.nothingLeft', undefined, { ...ref });
  if (rows.some((row) => row.state === 'pending' && row.wireId !== null)) {
    throw refuse('INVALID_TRANSITION', 'recovery.beingSent', undefined, { ...ref });
  }
  return rows;
}

function markResolved(store: Store, rows: OutboxRow[], resolution: Record<string, unknown>, now: number): void {
  for (const row of rows) {
    store.db
      .update(outbox)
      .set({ state: 'resolved', resolution: { ...resolution, previousState: row.state }, updatedAt: now })
      .where(eq(outbox.mutationId, row.mutationId))
      .run();
  }
}

/** Drops a never-accepted record on this machine: a soft delete, recorded as a local event. */
function discardLocal(desk: Desk, ref: EntityRef, reason: string): void {
  const local = loadRow(desk.store, ref.entityType, ref.entityId);
  if (local === null || local.deletedAt !== null) return;
  const now = desk.now();
  const row = { ...local, deletedAt: now, version: local.version + 1, updatedAt: now } as AnyRow;
  saveRow(desk.store, ref.entityType, row, false);
  writeRecoveryEvent(desk.store, { entityType: ref.entityType, before: local, after: row, type: 'discarded', actorStaffId: desk.actor.staffId, reason, at: now });
}

/** Local row := server row, recorded as a local event (what the screen changed from and to). */
function resetToServer(desk: Desk, ref: EntityRef, reason: string | null): AnyRow {
  const server = serverRowParsed(desk.store, ref);
  if (server === null) throw refuse('NOT_FOUND', 'recovery.shopHasNoVersion', undefined, { ...ref });
  const local = loadRow(desk.store, ref.entityType, ref.entityId);
  saveRow(desk.store, ref.entityType, server, local === null);
  if (reason !== null) {
    writeRecoveryEvent(desk.store, { entityType: ref.entityType, before: local, after: server, type: 'keptServerVersion', actorStaffId: desk.actor.staffId, reason, at: desk.now() });
  }
  return server;
}

function run(desk: Desk, command: Omit<Command, 'idempotencyKey'>) {
  return executeCommand(desk, { ...command, idempotencyKey: `recovery-${newId()}` });
}

const resolutionOf = (desk: Desk, choice: RecoveryChoice, extra: Record<string, unknown> = {}) => ({
  choice,
  by: desk.actor.staffId,
  at: desk.now(),
  ...extra,
});

/** "Keep the server version" (or, for a record the server never had, drop it here). */
export function keepServerVersion(desk: Desk, ref: EntityRef): void {
  transact(desk.store, () => {
    const rows = openRows(desk.store, ref);
    markResolved(desk.store, rows, resolutionOf(desk, 'keepServer'), desk.now());
    if (serverRowOf(desk.store, ref.entityType, ref.entityId) === null) {
      discardLocal(desk, ref, 'Recovery Center: the shop never accepted this; removed from this machine.');
    } else {
      resetToServer(desk, ref, 'Recovery Center: kept the shop\'s version; this machine\'s change was dropped.');
    }
  });
}

/** "Discard" a pending or refused new record (a booking that was never confirmed). */
export function discardPending(desk: Desk, ref: EntityRef): void {
  transact(desk.store, () => {
    if (serverRowOf(desk.store, ref.entityType, ref.entityId) !== null) {
      throw refuse('INVALID_TRANSITION', 'recovery.shopHasIt', undefined, { ...ref });
    }
    const rows = openRows(desk.store, ref);
    markResolved(desk.store, rows, resolutionOf(desk, 'discard'), desk.now());
    discardLocal(desk, ref, 'Recovery Center: discarded before the shop accepted it.');
  });
}

function createArgsOf(row: Appointment, overrides: { startsAt?: number; staffId?: string }) {
  return {
    clientId: row.clientId,
    staffId: overrides.staffId ?? row.staffId,
    serviceId: row.serviceId,
    startsAt: overrides.startsAt ?? row.startsAt,
    notes: row.notes,
    ...(row.outsideHours ? { allowOutsideHours: true } : {}),
    ...(row.outsideSchedule ? { allowOutsideSchedule: true } : {}),
    ...(row.recordedAfterStart ? { allowPast: true } : {}),
  };
}

const hasUpdate = new Set<EntityType>(['client', 'staff', 'service', 'settings']);

/**
 * "Apply my change to the latest version": the server's row becomes the base and each local
 * intent is made again on it as a new change (new mutation, re-validated here now and by the
 * server when it arrives). A create the shop refused is made again as a new record.
 */
export function applyMyChange(desk: Desk, ref: EntityRef): { entityId: string } {
  return transact(desk.store, () => {
    const rows = openRows(desk.store, ref);
    const server = serverRowOf(desk.store, ref.entityType, ref.entityId);
    if (server === null) {
      const local = loadRow(desk.store, ref.entityType, ref.entityId);
      if (local === null) throw refuse('NOT_FOUND', 'recovery.notOnThisDesk', undefined, { ...ref });
      const created = rows.find((row) => row.op === 'create');
      if (created === undefined) throw refuse('INVALID_TRANSITION', 'recovery.nothingToApplyTo', undefined, { ...ref });
      const entityId = newId();
      markResolved(desk.store, rows, resolutionOf(desk, 'applyMine', { newEntityId: entityId }), desk.now());
      discardLocal(desk, ref, 'Recovery Center: sent again as a new record.');
      const args = ref.entityType === 'appointment' ? createArgsOf(local as Appointment, {}) : created.args;
      run(desk, { entityType: ref.entityType, op: 'create', entityId, expectedVersion: null, reason: created.reason, args });
      return { entityId };
    }
    markResolved(desk.store, rows, resolutionOf(desk, 'applyMine'), desk.now());
    let current = resetToServer(desk, ref, null);
    for (const row of rows) {
      let op = row.op;
      if (op === 'create') {
        if (!hasUpdate.has(ref.entityType)) continue;
        op = 'update';
      }
      const result = run(desk, { entityType: ref.entityType, op, entityId: ref.entityId, expectedVersion: current.version, reason: row.reason, args: row.args });
      current = result.row;
    }
    return { entityId: ref.entityId };
  });
}

/** SLOT_TAKEN: "move my booking there" / "book with another staff member". */
export function moveBooking(desk: Desk, ref: EntityRef, target: { startsAt: number; staffId?: string }): { entityId: string } {
  if (ref.entityType !== 'appointment') throw refuse('VALIDATION_ERROR', 'recovery.onlyBookingsMove', undefined, { field: 'entityType' });
  return transact(desk.store, () => {
    const rows = openRows(desk.store, ref);
    const local = loadRow(desk.store, 'appointment', ref.entityId);
    if (local === null) throw refuse('NOT_FOUND', 'recovery.bookingNotOnThisDesk', undefined, { ...ref });
    const choice: RecoveryChoice = target.staffId !== undefined && target.staffId !== local.staffId ? 'bookOtherStaff' : 'moveBooking';
    if (serverRowOf(desk.store, 'appointment', ref.entityId) === null) {
      const entityId = newId();
      markResolved(desk.store, rows, resolutionOf(desk, choice, { newEntityId: entityId, ...target }), desk.now());
      discardLocal(desk, ref, 'Recovery Center: the time was taken; booked again at another time or with another staff member.');
      run(desk, { entityType: 'appointment', op: 'create', entityId, expectedVersion: null, reason: null, args: createArgsOf(local, target) });
      return { entityId };
    }
    markResolved(desk.store, rows, resolutionOf(desk, choice, target), desk.now());
    const server = resetToServer(desk, ref, null) as Appointment;
    if (server.status !== 'booked' || server.deletedAt !== null) {
      throw refuse('INVALID_TRANSITION', 'recovery.shopBookingNotBooked', undefined, { ...ref });
    }
    run(desk, {
      entityType: 'appointment',
      op: 'reschedule',
      entityId: ref.entityId,
      expectedVersion: server.version,
      reason: null,
      args: { startsAt: target.startsAt, ...(target.staffId === undefined ? {} : { staffId: target.staffId }) },
    });
    return { entityId: ref.entityId };
  });
}

/** SLOT_TAKEN: "cancel my booking". */
export function cancelBooking(desk: Desk, ref: EntityRef, reason = 'The time was already taken on another desk'): void {
  transact(desk.store, () => {
    const rows = openRows(desk.store, ref);
    markResolved(desk.store, rows, resolutionOf(desk, 'cancelBooking'), desk.now());
    if (serverRowOf(desk.store, ref.entityType, ref.entityId) === null) {
      discardLocal(desk, ref, `Recovery Center: booking cancelled before the shop accepted it (${reason}).`);
      return;
    }
    const server = resetToServer(desk, ref, null) as Appointment;
    if (server.status === 'booked' && server.deletedAt === null) {
      run(desk, { entityType: 'appointment', op: 'cancel', entityId: ref.entityId, expectedVersion: server.version, reason, args: {} });
    }
  });
}

/** "Retry all": failed rows, and rows held behind them, go back in the queue. */
export function retryAll(store: Store, now: number): number {
  return transact(store, () => {
    const rows = store.db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.state, ['failed', 'conflict']), isNull(outbox.outcome)))
      .all();
    for (const row of rows) {
      store.db.update(outbox).set({ state: 'pending', wireId: null, updatedAt: now }).where(eq(outbox.mutationId, row.mutationId)).run();
    }
    return rows.length;
  });
}

/**
 * SLOT_TAKEN: free times for the same staff member and service (this day, then the next ones), and
 * who else is free at the wanted time, both from the one slot finder (appointments/freeSlots.ts).
 */
export function slotOptions(store: Store, ref: EntityRef, now: number) {
  if (ref.entityType !== 'appointment') throw refuse('VALIDATION_ERROR', 'recovery.onlyBookingsFreeTimes', undefined, { field: 'entityType' });
  const booking = loadRow(store, 'appointment', ref.entityId);
  const settings = getShopSettings(store);
  if (booking === null || settings === null) throw refuse('NOT_FOUND', 'recovery.bookingNotOnThisDesk', undefined, { ...ref });
  const firstDate = localDateOf(Math.max(booking.startsAt, now), settings.timeZone);
  const from = localDayRange(firstDate, settings.timeZone).start;
  const to = localDayRange(addDays(firstDate, NEXT_AVAILABLE_DAYS), settings.timeZone).start;
  const sameStaff = searchFreeSlots(
    store,
    { serviceId: booking.serviceId, staffId: booking.staffId, from, to, stepMin: 15, limit: 8, ignoreAppointmentId: booking.id },
    now,
  ).map(({ staffId, startsAt, endsAt }) => ({ staffId, startsAt, endsAt }));
  return { booking, sameStaff, otherStaff: othersFreeAt(store, booking, now) };
}
