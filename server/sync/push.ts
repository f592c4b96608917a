import { z } from 'zod';
import { assertActorCanAct, authorizeCommand } from '../../src-shared/authorization';
import { SETTINGS_ID, type AnyRow, type DomainEvent, type EntityType, type Staff, type StaffRole } from '../../src-shared/entities';
import { AppError, isAppError, toAppError } from '../../src-shared/errors';
import { occupiesSlot, planChange, requiredRefs, type Refs } from '../../src-shared/operations';
import { assertShopKeepsAnOwner, shopHasOwner } from '../../src-shared/owners';
import { idempotencyKeyReusedError } from '../../src-shared/idempotency';
import { LONGEST_BLOCK_MS, slotTakenError } from '../../src-shared/slots';
import type { Mutation, Outcome, PushInput, PushOutput } from '../../src-shared/sync';
import type { Database, Queryable } from '../db/connect';
import { EXCLUSION_VIOLATION, sqlState } from '../db/errors';
import { sha256Hex, stableStringify } from './hash';
import type { KeyedSerializer } from './shop-queue';
import {
  lockedState,
  lockStatement,
  overlapping,
  readState,
  storedOutcome,
  writeChange,
  writeOutcomeOnly,
  type FoundRow,
  type LockedState,
  type ReadState,
} from './store';

/**
 * sync.push (docs/architecture.md §5): each mutation in its own transaction under the shop's lock. Every
 * outcome (applied, conflict, rejected) is final and stored; a transient failure commits nothing
 * and surfaces as DB_TRANSACTION_FAILED so the device retries the batch (the part already done
 * replays).
 */

export interface DeviceIdentity {
  deviceId: string;
  shopId: string;
}

export interface PushHooks {
  /** Called inside the transaction after the writes, before COMMIT (tests hold a change in flight here). */
  beforeCommit?: (info: { shopId: string; deviceId: string; mutationId: number; changeId: number | null }) => Promise<void>;
}

export interface PushContext {
  db: Database;
  device: DeviceIdentity;
  requestId: string;
  now?: () => number;
  hooks?: PushHooks;
  /** One transaction per shop at a time from this server (see KeyedSerializer). */
  shopQueue?: KeyedSerializer;
}

/** The idempotency payload: the command itself, whatever key order the client used. */
export function payloadHash(mutation: Mutation): string {
  return sha256Hex(stableStringify(mutation.command));
}

/**
 * What a mutation id stands for: everything that says which change it is and what it asks for.
 * A desk resends an unanswered mutation exactly as it first sent it; only the id itself and
 * `clientTime` (when the person acted, kept for the record, not part of the change) are left out,
 * so a resend always matches and any other change under a used id never does.
 */
export function mutationHash(mutation: Mutation): string {
  return sha256Hex(
    stableStringify({
      eventId: mutation.eventId,
      command: mutation.command,
      baseEventId: mutation.baseEventId ?? null,
      actorStaffId: mutation.actorStaffId,
    }),
  );
}

function checkOrder(input: PushInput, lastMutationId: number): void {
  const first = input.mutations[0]?.mutationId ?? 1;
  input.mutations.forEach((mutation, index) => {
    if (mutation.mutationId !== first + index) {
      throw new AppError('MUTATION_GAP', 'The changes were sent out of order. Nothing was applied; they will be sent again in order.', {
        field: `mutations.${index}.mutationId`,
        expected: first + index,
        got: mutation.mutationId,
      });
    }
  });
  if (first > lastMutationId + 1) {
    throw new AppError('MUTATION_GAP', 'Some earlier changes from this machine have not reached the server yet. Nothing was applied.', {
      lastMutationId,
      firstMutationId: first,
    });
  }
}

/**
 * `knownLastMutationId` is the device's lastMutationId as read when it authenticated or as last
 * seen by this server (saves a round trip); every mutation re-checks it under the shop's lock.
 * It may be behind: when the batch looks out of order against it, `refresh` (if given) reads the
 * current value (and re-authenticates) before anything is refused.
 */
export async function push(
  ctx: PushContext,
  input: PushInput,
  knownLastMutationId?: number,
  refresh?: () => Promise<number>,
): Promise<PushOutput> {
  const { db, device } = ctx;
  let lastMutationId = knownLastMutationId;
  if (lastMutationId === undefined) {
    const last = await db.query<{ last_mutation_id: string | number }>('SELECT last_mutation_id FROM devices WHERE id = $1', [device.deviceId]);
    lastMutationId = Number(last.rows[0]?.last_mutation_id ?? 0);
  }
  try {
    checkOrder(input, lastMutationId);
  } catch (error) {
    if (refresh === undefined) throw error;
    lastMutationId = await refresh();
    checkOrder(input, lastMutationId);
  }

  const outcomes: Outcome[] = [];
  for (const mutation of input.mutations) {
    const outcome = await applyWithRetry(ctx, mutation);
    outcomes.push(outcome);
    lastMutationId = Math.max(lastMutationId, mutation.mutationId);
  }
  return { outcomes, lastMutationId };
}

async function applyWithRetry(ctx: PushContext, mutation: Mutation): Promise<Outcome> {
  let slotTaken = false;
  let unstorable: AppError | null = null;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { shopId, deviceId } = ctx.device;
      const refusal = unstorable;
      const run = () =>
        ctx.db.transaction(
          (tx, lockRows) =>
            refusal === null
              ? applyOne(ctx, tx, lockedState(lockRows), mutation, slotTaken)
              : storeRefusal(ctx, tx, lockedState(lockRows), mutation, refusal),
          // Locks the shop's row, then the device's row, in the same round trip as BEGIN.
          { first: lockStatement(shopId, deviceId) },
        );
      return await (ctx.shopQueue === undefined ? run() : ctx.shopQueue.run(shopId, run));
    } catch (error) {
      // The exclusion constraint fired: store SLOT_TAKEN as the final outcome, in a new transaction.
      if (sqlState(error) === EXCLUSION_VIOLATION && !slotTaken) {
        slotTaken = true;
        continue;
      }
      const appError = toAppError(error);
      if (appError.code === 'DB_TRANSACTION_FAILED' && attempt < 2 && /40001|40P01/.test(sqlState(error) ?? '')) continue;
      // Anything else that went wrong with this one mutation will go wrong every time: the failed
      // transaction has rolled back, and a new one stores the refusal as its final outcome, so the
      // device's queue moves on instead of resending it forever.
      if (unstorable === null && isFinalFailure(appError)) {
        unstorable = unstorableError(error);
        continue;
      }
      throw appError;
    }
  }
}

/** Refusals of the whole request: nothing is stored for them, the device acts on the code. */
const requestRefusals = new Set(['AUTH_TOKEN_INVALID', 'MUTATION_GAP', 'MUTATION_ID_REUSED']);

/**
 * Transient trouble (connection lost, serialisation failure, deadlock, shutdown: what toDbError
 * calls DB_TRANSACTION_FAILED) commits nothing and is retried; anything else is final.
 */
function isFinalFailure(appError: AppError): boolean {
  return !requestRefusals.has(appError.code) && appError.code !== 'DB_TRANSACTION_FAILED';
}

function unstorableError(error: unknown): AppError {
  const state = sqlState(error);
  return new AppError(
    'VALIDATION_ERROR',
    "The shop's server could not store this change: it holds a name, note or time the server cannot keep. Nothing was changed; check the change and make it again.",
    { reason: 'unstorable', ...(state === undefined ? {} : { sqlState: state }) },
  );
}

/**
 * The final refusal of a mutation whose own transaction failed: stored under the lock like any
 * outcome (and still only for the next id), without the idempotency record, whose key may be the
 * very value the database refused.
 */
async function storeRefusal(ctx: PushContext, tx: Queryable, locked: LockedState | null, mutation: Mutation, refusal: AppError): Promise<Outcome> {
  const answered = await answeredBefore(ctx, tx, stillPaired(locked), mutation);
  if (answered !== null) return answered;
  const outcome: Outcome = { mutationId: mutation.mutationId, status: 'rejected', row: null, changeId: null, error: refusal.toEnvelope(ctx.requestId) };
  await writeOutcomeOnly(tx, {
    shopId: ctx.device.shopId,
    deviceId: ctx.device.deviceId,
    mutationId: mutation.mutationId,
    idempotencyKey: '',
    payloadHash: '',
    mutationHash: mutationHash(mutation),
    outcome,
    skipIdempotency: true,
    now: ctx.now?.() ?? Date.now(),
  });
  return outcome;
}

function stillPaired(locked: LockedState | null): LockedState {
  if (locked === null) throw new AppError('AUTH_TOKEN_INVALID', 'This machine is no longer paired with the shop. Pair it again.');
  return locked;
}

/**
 * Checks under the lock every mutation starts with: an id at or below
 * lastMutationId is a replay only with the very payload it was stored with (a different one, or an
 * outcome stored before payloads were kept, is MUTATION_ID_REUSED: the device re-bases, and its
 * idempotency keys still answer a change that did land); an id beyond the next one is a gap.
 * Returns the stored outcome of a replay, null for the next id.
 */
async function answeredBefore(ctx: PushContext, tx: Queryable, locked: LockedState, mutation: Mutation): Promise<Outcome | null> {
  if (mutation.mutationId <= locked.lastMutationId) {
    const stored = await storedOutcome(tx, ctx.device.deviceId, mutation.mutationId);
    if (stored === null) throw new AppError('INTERNAL_ERROR', 'The server lost the answer to an earlier change.');
    if (stored.payloadHash !== mutationHash(mutation)) {
      throw new AppError(
        'MUTATION_ID_REUSED',
        'This machine numbered a change the way it numbered an earlier one (for example after restoring a backup). Nothing was applied; it will renumber its changes and send them again.',
        { lastMutationId: locked.lastMutationId, mutationId: mutation.mutationId },
      );
    }
    return stored.outcome;
  }
  if (mutation.mutationId > locked.lastMutationId + 1) {
    throw new AppError('MUTATION_GAP', 'Some earlier changes from this machine have not reached the server yet.', {
      lastMutationId: locked.lastMutationId,
      firstMutationId: mutation.mutationId,
    });
  }
  return null;
}

interface Classified {
  current: AnyRow | null;
  refs: Refs;
  actorRole: StaffRole | null;
}

function forbidden(what: string): never {
  throw new AppError('FORBIDDEN', `This machine's shop has no such ${what}.`);
}

/** Splits the loaded rows into this shop's and refuses any id that belongs to another shop. */
/**
 * The version says how many changes a row has had; the base event says which. A machine's change
 * built on its own unacknowledged change must not land on another machine's change that happens
 * to carry the same version number.
 */
function assertBaseEvent(mutation: Mutation, shopId: string, state: ReadState, current: AnyRow | null): void {
  const baseEventId = mutation.baseEventId ?? null;
  if (current === null || baseEventId === null) return;
  const found = state.rows.find(
    (row) => row.shopId === shopId && row.entityType === mutation.command.entityType && row.data.id === current.id,
  );
  if ((found?.lastEventId ?? null) !== baseEventId) {
    throw new AppError('VERSION_CONFLICT', 'Someone else changed this record first. Review the latest version and try again.', {
      current,
      expectedVersion: mutation.command.expectedVersion,
      baseEventId,
    });
  }
}

function classify(mutation: Mutation, shopId: string, state: ReadState, refIds: ReturnType<typeof requiredRefs>): Classified {
  const { command } = mutation;
  const own = new Map<string, FoundRow>();
  for (const found of state.rows) {
    if (found.shopId === shopId) own.set(`${found.entityType}:${found.data.id}`, found);
  }
  const foreign = (id: string | undefined): boolean =>
    id !== undefined && id !== SETTINGS_ID && state.rows.some((found) => found.data.id === id && found.shopId !== shopId);
  const pick = <T>(type: EntityType, id: string | undefined): T | null =>
    id === undefined ? null : ((own.get(`${type}:${id}`)?.data as T | undefined) ?? null);

  if (foreign(command.entityId)) forbidden('record');
  if (foreign(refIds.clientId) || foreign(refIds.serviceId) || foreign(refIds.staffId)) forbidden('client, service or staff member');
  if (foreign(mutation.actorStaffId ?? undefined)) forbidden('staff member');
  // The same id as another entity type of this shop is never the record the command names.
  const sameIdOtherType = state.rows.some(
    (found) => found.shopId === shopId && found.data.id === command.entityId && found.entityType !== command.entityType,
  );
  if (sameIdOtherType && command.entityId !== SETTINGS_ID) {
    throw new AppError('VALIDATION_ERROR', 'Please check "entityId": it names a different kind of record.', { field: 'entityId' });
  }

  let actorRole: StaffRole | null = null;
  if (mutation.actorStaffId !== null) {
    const actor = pick<Staff>('staff', mutation.actorStaffId);
    if (actor === null) forbidden('staff member');
    assertActorCanAct(actor);
    actorRole = actor.role;
  }

  let targetEvent: DomainEvent | null = null;
  if (state.target !== null) {
    if (state.target.shopId !== shopId) forbidden('change');
    targetEvent = { ...state.target.event, at: Number(state.target.event.at) };
  }

  const refs: Refs = {
    service: pick('service', refIds.serviceId),
    staff: pick('staff', refIds.staffId),
    client: pick('client', refIds.clientId),
    settings: refIds.settings ? pick('settings', SETTINGS_ID) : null,
    targetEvent,
    targetUndone: state.targetUndone,
  };
  return { current: pick<AnyRow>(command.entityType, command.entityId), refs, actorRole };
}

async function applyOne(ctx: PushContext, tx: Queryable, lockedRows: LockedState | null, mutation: Mutation, slotTaken: boolean): Promise<Outcome> {
  const { device } = ctx;
  const locked = stillPaired(lockedRows);
  const answered = await answeredBefore(ctx, tx, locked, mutation);
  if (answered !== null) return answered;

  const { command } = mutation;
  const hash = payloadHash(mutation);
  const now = ctx.now?.() ?? Date.now();

  // Predict which rows the planner needs (the current row is not loaded yet: ask for both ways).
  const argIds = requiredRefs(command, null);
  const targetEventId = command.op === 'undo' && typeof command.args.eventId === 'string' ? command.args.eventId : null;
  const ids = new Set<string>([command.entityId, SETTINGS_ID]);
  for (const id of [argIds.clientId, argIds.serviceId, argIds.staffId, mutation.actorStaffId]) if (id) ids.add(id);
  const slotGuess =
    command.entityType === 'appointment' && typeof command.args.staffId === 'string' && typeof command.args.startsAt === 'number'
      ? { staffId: command.args.staffId, startsAt: command.args.startsAt }
      : null;
  let state = await readState(tx, {
    shopId: device.shopId,
    idempotencyKey: command.idempotencyKey,
    ids: [...ids].filter(isUuid),
    eventId: mutation.eventId,
    targetEventId: targetEventId !== null && isUuid(targetEventId) ? targetEventId : null,
    slot: slotGuess,
  });

  const base = {
    shopId: device.shopId,
    deviceId: device.deviceId,
    mutationId: mutation.mutationId,
    idempotencyKey: command.idempotencyKey,
    payloadHash: hash,
    mutationHash: mutationHash(mutation),
    now,
  };

  // Idempotency: the same key and payload returns the stored answer and writes nothing else.
  if (state.idempotency !== null) {
    const skip = { ...base, skipIdempotency: true };
    if (state.idempotency.payloadHash === hash) {
      const outcome: Outcome = { ...state.idempotency.outcome, mutationId: mutation.mutationId };
      await writeOutcomeOnly(tx, { ...skip, outcome });
      return outcome;
    }
    const error = idempotencyKeyReusedError(command.idempotencyKey);
    const outcome = rejectedOutcome(mutation, error, ctx.requestId, null);
    await writeOutcomeOnly(tx, { ...skip, outcome });
    return outcome;
  }

  let current: AnyRow | null = null;
  try {
    const first = classify(mutation, device.shopId, state, argIds);
    current = first.current;
    assertBaseEvent(mutation, device.shopId, state, current);
    // The current row may name rows the first guess did not load (e.g. an appointment's staff).
    const refIds = requiredRefs(command, current, first.refs.targetEvent);
    const missing = [refIds.clientId, refIds.serviceId, refIds.staffId].filter((id): id is string => id !== undefined && !ids.has(id));
    let classified = first;
    if (missing.length > 0) {
      for (const id of missing) ids.add(id);
      state = await readState(tx, {
        shopId: device.shopId,
        idempotencyKey: command.idempotencyKey,
        ids: [...ids].filter(isUuid),
        eventId: mutation.eventId,
        targetEventId: targetEventId !== null && isUuid(targetEventId) ? targetEventId : null,
        slot: null,
      });
      classified = classify(mutation, device.shopId, state, refIds);
    } else {
      classified = classify(mutation, device.shopId, state, refIds);
    }

    authorizeCommand(command.entityType, { staffId: mutation.actorStaffId, role: classified.actorRole }, shopHasOwner(state.activeOwnerIds));
    if (state.eventIdTaken) {
      throw new AppError('VALIDATION_ERROR', 'Please check "eventId": it is already used by another change.', { field: 'eventId' });
    }

    // "Already passed" is judged when the person made the change on the desk, never later than
    // the server's own clock (a desk clock running ahead must not let a past start through).
    const plan = planChange(command, current, classified.refs, now, Math.min(mutation.clientTime, now));
    if (command.entityType === 'staff') assertShopKeepsAnOwner(current as Staff | null, plan.row as Staff, state.activeOwnerIds);
    if (occupiesSlot(plan.row, command.entityType)) {
      const row = plan.row;
      if (slotTaken) throw slotTakenError(null);
      const prefetched =
        slotGuess !== null &&
        slotGuess.staffId === row.staffId &&
        slotGuess.startsAt === row.startsAt &&
        row.blockEndsAt - row.startsAt <= LONGEST_BLOCK_MS;
      const clash = prefetched
        ? state.slotHolders.find((holder) => holder.id !== row.id && holder.startsAt < row.blockEndsAt && row.startsAt < holder.blockEndsAt)?.id
        : (await overlapping(tx, device.shopId, row.staffId, row.startsAt, row.blockEndsAt, row.id))[0];
      if (clash !== undefined) throw slotTakenError(clash);
    }

    const changeId = locked.changeCounter + 1;
    const event: DomainEvent = {
      id: mutation.eventId,
      entityType: command.entityType,
      entityId: command.entityId,
      type: plan.eventType,
      version: plan.row.version,
      actorStaffId: mutation.actorStaffId,
      deviceId: device.deviceId,
      at: now,
      reason: command.reason,
      before: plan.before,
      after: plan.after,
      undoesEventId: plan.undoesEventId,
    };
    const outcome: Outcome = { mutationId: mutation.mutationId, status: 'applied', row: plan.row as unknown as Record<string, unknown>, changeId, error: null };
    await writeChange(tx, {
      ...base,
      skipIdempotency: false,
      outcome,
      changeId,
      entityType: command.entityType,
      row: plan.row,
      event,
      clientTime: mutation.clientTime,
    });
    await ctx.hooks?.beforeCommit?.({ shopId: device.shopId, deviceId: device.deviceId, mutationId: mutation.mutationId, changeId });
    return outcome;
  } catch (error) {
    // An answer of the rules is stored in this transaction; anything else (the database failed, or
    // the code met a value it cannot work with) rolls back first and applyWithRetry decides.
    if (!isRuleAnswer(error)) throw error;
    const appError = toAppError(error);
    const outcome = rejectedOutcome(mutation, appError, ctx.requestId, current);
    await writeOutcomeOnly(tx, { ...base, skipIdempotency: false, outcome });
    await ctx.hooks?.beforeCommit?.({ shopId: device.shopId, deviceId: device.deviceId, mutationId: mutation.mutationId, changeId: null });
    return outcome;
  }
}

/** A refusal the rules meant: a typed, final AppError (or a schema's verdict) that no database failure caused. */
function isRuleAnswer(error: unknown): boolean {
  if (error instanceof z.ZodError) return true;
  return isAppError(error) && !error.retryable && sqlState(error) === undefined;
}

function rejectedOutcome(mutation: Mutation, error: AppError, requestId: string, current: AnyRow | null): Outcome {
  const conflict = error.code === 'VERSION_CONFLICT';
  const serverRow = conflict && error.details?.current !== undefined ? (error.details.current as Record<string, unknown>) : current;
  return {
    mutationId: mutation.mutationId,
    status: conflict ? 'conflict' : 'rejected',
    row: (serverRow as Record<string, unknown> | null) ?? null,
    changeId: null,
    error: error.toEnvelope(requestId),
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
