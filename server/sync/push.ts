import { AppError, toAppError } from '../../src-shared/errors';
import { payloadHash } from '../../src-shared/payloadHash';
import { decideLater } from '../../src-shared/rulebook/decide';
import { slotTakenError } from '../../src-shared/slots';
import type { AnyRow } from '../../src-shared/entities';
import type { Outcome, PushOutput, ReceivedMutation as Mutation, ReceivedPush as PushInput } from '../../src-shared/sync';
import type { Database, Queryable } from '../db/connect';
import { EXCLUSION_VIOLATION, sqlState } from '../db/errors';
import { answerFromServer } from './answers';
import { scrubClientOnServer } from './erasure';
import type { KeyedSerializer } from './shop-queue';
import { lockedState, lockStatement, storedOutcome, writeChange, writeOutcomeOnly, type LockedState } from './store';

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

/**
 * What a mutation id stands for: everything that says which change it is and what it asks for.
 * A desk resends an unanswered mutation exactly as it first sent it; only the id itself and
 * `clientTime` (when the person acted, kept for the record, not part of the change) are left out,
 * so a resend always matches and any other change under a used id never does.
 */
export function mutationHash(mutation: Mutation): string {
  return payloadHash({
    eventId: mutation.eventId,
    command: mutation.command,
    baseEventId: mutation.baseEventId ?? null,
    actorStaffId: mutation.actorStaffId,
  });
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

async function applyOne(ctx: PushContext, tx: Queryable, lockedRows: LockedState | null, mutation: Mutation, slotTaken: boolean): Promise<Outcome> {
  const { device } = ctx;
  const locked = stillPaired(lockedRows);
  const answered = await answeredBefore(ctx, tx, locked, mutation);
  if (answered !== null) return answered;

  const { command } = mutation;
  const now = ctx.now?.() ?? Date.now();
  const hash = payloadHash(command);
  const decision = await decideLater(
    {
      command,
      actorStaffId: mutation.actorStaffId,
      deviceId: device.deviceId,
      now,
      // "Already passed" is judged when the person made the change on the desk, never later than
      // the server's own clock (a desk clock running ahead must not let a past start through).
      judgedAt: Math.min(mutation.clientTime, now),
      payloadHash: hash,
      eventId: mutation.eventId,
      baseEventId: mutation.baseEventId ?? null,
      // The desk that made this change ran its follow-ups and pushes them as mutations of their own.
      runFollowUps: false,
    },
    answerFromServer(tx, device.shopId, mutation.eventId),
  );
  const base = {
    shopId: device.shopId,
    deviceId: device.deviceId,
    mutationId: mutation.mutationId,
    // A command the rules could not read has no key to answer under (it may not even be storable).
    idempotencyKey: decision.command?.idempotencyKey ?? '',
    payloadHash: hash,
    mutationHash: mutationHash(mutation),
    now,
  };
  const hookInfo = { shopId: device.shopId, deviceId: device.deviceId, mutationId: mutation.mutationId };

  if (decision.kind === 'replay') {
    const outcome: Outcome = { ...decision.answer, mutationId: mutation.mutationId };
    await writeOutcomeOnly(tx, { ...base, skipIdempotency: true, outcome });
    return outcome;
  }
  if (decision.kind === 'refused' || slotTaken) {
    // slotTaken: the exclusion constraint refused this very change a moment ago; the rulebook saw
    // the time free only because the other booking had not committed when it asked.
    const refusal = decision.kind === 'refused' ? decision : { error: slotTakenError(null), current: decision.row, keyed: true };
    const outcome = rejectedOutcome(mutation, refusal.error, ctx.requestId, refusal.current);
    await writeOutcomeOnly(tx, { ...base, skipIdempotency: !refusal.keyed, outcome });
    if (refusal.keyed) await ctx.hooks?.beforeCommit?.({ ...hookInfo, changeId: null });
    return outcome;
  }

  const changeId = locked.changeCounter + 1;
  const outcome: Outcome = { mutationId: mutation.mutationId, status: 'applied', row: decision.row as unknown as Record<string, unknown>, changeId, error: null };
  await writeChange(tx, {
    ...base,
    skipIdempotency: false,
    outcome,
    changeId,
    entityType: decision.command.entityType,
    row: decision.row,
    event: decision.event,
    clientTime: mutation.clientTime,
  });
  // An erasure scrubs every copy of the client's details the shop holds, in this transaction (§28).
  if (decision.erasesClient !== undefined) await scrubClientOnServer(tx, device.shopId, decision.erasesClient);
  await ctx.hooks?.beforeCommit?.({ ...hookInfo, changeId });
  return outcome;
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
