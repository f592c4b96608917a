import type { Actor } from '../../src-shared/authorization';
import { authorizeCommand } from '../../src-shared/authorization';
import type { Command } from '../../src-shared/commands';
import { commandSchema } from '../../src-shared/commands';
import { SETTINGS_ID, type AnyRow, type Appointment, type DomainEvent, type EntityRows, type EntityType, type Staff } from '../../src-shared/entities';
import { AppError, parseOrThrow } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import { occupiesSlot, planChange, requiredRefs, type Refs } from '../../src-shared/operations';
import { assertShopKeepsAnOwner, shopHasOwner } from '../../src-shared/owners';
import { LONGEST_BLOCK_MS, slotTakenError } from '../../src-shared/slots';
import type { Store } from '../store/open';
import { loadRow, saveRow } from '../store/rows';
import { statements } from '../store/statements';
import { transact } from '../store/transaction';
import { assertWritesAllowed } from '../status/writeLock';
import { writeOutboxIfPaired } from '../sync/outbox';
import { insertEventWithAnswer, payloadHash, storedResult } from './idempotency';

/** Who is acting, from where, at what time: the router context of a command. */
export interface Desk {
  store: Store;
  actor: Actor;
  now: () => number;
}

export interface CommandResult<E extends EntityType = EntityType> {
  row: EntityRows[E];
  event: DomainEvent;
}

function loadEvent(store: Store, id: string): { event: DomainEvent; undone: boolean } | null {
  const row = statements(store).eventById(id);
  if (!row) return null;
  const undoneBy = statements(store).undoOf(id);
  const { seq: _seq, ...event } = row;
  return { event: event as DomainEvent, undone: undoneBy !== undefined };
}

function loadRefs(store: Store, command: Command, current: AnyRow | null): Refs {
  const refs: Refs = {};
  const eventId = requiredRefs(command, current).eventId;
  if (eventId) {
    const target = loadEvent(store, eventId);
    refs.targetEvent = target?.event ?? null;
    refs.targetUndone = target?.undone ?? false;
  }
  const ids = requiredRefs(command, current, refs.targetEvent);
  if (ids.serviceId) refs.service = loadRow(store, 'service', ids.serviceId);
  if (ids.staffId) refs.staff = loadRow(store, 'staff', ids.staffId);
  if (ids.clientId) refs.client = loadRow(store, 'client', ids.clientId);
  if (ids.settings) refs.settings = loadRow(store, 'settings', SETTINGS_ID);
  return refs;
}

/** Another booked appointment of the same staff member overlapping this one's block, if any. */
export function findOverlap(store: Store, row: Appointment): string | null {
  const hit = statements(store).overlap(row.staffId, row.startsAt - LONGEST_BLOCK_MS, row.blockEndsAt, row.startsAt, row.id);
  return hit ?? null;
}

/**
 * Run one command: replay check, authorization, the shared planner, the slot check, then the
 * row, its event, its outbox row (when paired) and the idempotency record — one transaction.
 */
export function executeCommand(desk: Desk, input: Command, requestHash?: string): CommandResult {
  return executeParsedCommand(desk, parseOrThrow(commandSchema, input), requestHash);
}

/** executeCommand for a command built from an input its schema has already validated. */
export function executeParsedCommand(desk: Desk, command: Command, requestHash?: string): CommandResult {
  const { store } = desk;
  const { idempotencyKey, ...payload } = command;
  const hash = requestHash ?? payloadHash({ ...payload, actorStaffId: desk.actor.staffId });
  return transact(store, () => {
    const replay = storedResult(store, idempotencyKey, hash);
    if (replay !== undefined) return replay as CommandResult;
    if (store.storageFailure !== null) {
      throw new AppError(
        'WRITES_LOCKED',
        'Bookings are locked because the database reported a storage problem. You can still read, print and export; open the Recovery Center.',
      );
    }
    assertWritesAllowed(store);
    const activeOwnerIds = statements(store).activeOwnerIds();
    authorizeCommand(command.entityType, desk.actor, shopHasOwner(activeOwnerIds));
    const current = loadRow(store, command.entityType, command.entityId);
    const now = desk.now();
    const plan = planChange(command, current, loadRefs(store, command, current), now);
    if (command.entityType === 'staff') assertShopKeepsAnOwner(current as Staff | null, plan.row as Staff, activeOwnerIds);
    if (occupiesSlot(plan.row, command.entityType)) {
      const conflictingAppointmentId = findOverlap(store, plan.row);
      if (conflictingAppointmentId !== null) throw slotTakenError(conflictingAppointmentId);
    }
    store.faults.beforeRowWrite?.();
    saveRow(store, command.entityType, plan.row, current === null);
    const event: DomainEvent = {
      id: newId(),
      entityType: command.entityType,
      entityId: command.entityId,
      type: plan.eventType,
      version: plan.row.version,
      actorStaffId: desk.actor.staffId,
      deviceId: store.deviceId,
      at: now,
      reason: command.reason,
      before: plan.before,
      after: plan.after,
      undoesEventId: plan.undoesEventId,
    };
    store.faults.beforeEventInsert?.();
    insertEventWithAnswer(store, event, idempotencyKey, hash, plan.row);
    writeOutboxIfPaired(store, command, event);
    const result: CommandResult = { row: plan.row, event };
    return result;
  });
}
