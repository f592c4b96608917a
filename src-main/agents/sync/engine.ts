import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { EntityType } from '../../../src-shared/entities';
import type { AppError } from '../../../src-shared/errors';
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, type Mutation, type PullOutput, type PushOutput } from '../../../src-shared/sync';
import type { Store } from '../../core/store/open';
import { outbox } from '../../core/store/schema';
import { transact } from '../../core/store/transaction';
import { readProgress, writeProgress } from './meta';
import { refusedStates, type OutboxRow } from '../../core/outbox/outbox';
import { adoptServerRow, recordServerEvent, rememberServerRow } from '../../core/outbox/shadow';
import { compactAfterErasure, scrubClientOnDesk } from '../../core/store/erasure';
import { erasesClient } from '../../../src-shared/registry';

/**
 * The synchronous half of the sync loop: choosing what to push, applying the server's answers
 * and pulled changes to the local store. Each step is one local transaction, so a machine killed
 * between two steps resumes where it stopped (the server replays stored outcomes).
 */

export interface EntityKey {
  entityType: EntityType;
  entityId: string;
}

export interface Batch {
  rows: OutboxRow[];
  mutations: Mutation[];
}

/** Leaves room for the transport's own wrapping under the server's body limit. */
const BATCH_BYTES = Math.floor(MAX_PUSH_BYTES * 0.8);

export function toMutation(row: OutboxRow): Mutation {
  if (row.wireId === null) throw new Error('outbox row has no wire id');
  return {
    mutationId: row.wireId,
    eventId: row.eventId,
    command: {
      entityType: row.entityType as EntityType,
      op: row.op,
      entityId: row.entityId,
      expectedVersion: row.baseVersion,
      idempotencyKey: row.idempotencyKey,
      reason: row.reason,
      args: row.args,
    },
    baseEventId: row.baseEventId,
    actorStaffId: row.actorStaffId,
    clientTime: row.clientTime,
  };
}

const heldError = (blockedBy: number) => ({
  code: 'VERSION_CONFLICT',
  message: 'An earlier change to this record was not accepted by the server, so this one was held back. Review them together.',
  retryable: false,
  requestId: 'local',
  details: { heldBehindMutationId: blockedBy },
});

/**
 * The next push batch. A batch that was sent without an answer is sent again unchanged (same
 * wire ids, same payload: the server replays). Otherwise rows are given wire ids in order, at
 * most one row per entity (a change built on another change waits for that one's answer), and
 * a row behind a refused change to the same entity is held for the Recovery Center instead of
 * being sent — it must never be applied on top of someone else's change.
 */
export function nextBatch(store: Store, limit = MAX_PUSH_MUTATIONS, now = Date.now()): Batch | null {
  return transact(store, () => {
    const inflight = store.db
      .select()
      .from(outbox)
      .where(and(isNotNull(outbox.wireId), eq(outbox.state, 'pending')))
      .orderBy(asc(outbox.wireId))
      .limit(limit)
      .all();
    if (inflight.length > 0) return { rows: inflight, mutations: inflight.map(toMutation) };

    const progress = readProgress(store);
    const candidates = store.db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.wireId), eq(outbox.state, 'pending')))
      .orderBy(asc(outbox.mutationId))
      .limit(limit * 4)
      .all();
    const rows: OutboxRow[] = [];
    const inBatch = new Set<string>();
    let bytes = 0;
    for (const row of candidates) {
      const key = `${row.entityType}:${row.entityId}`;
      if (inBatch.has(key)) break;
      const blocker = store.db
        .select({ mutationId: outbox.mutationId })
        .from(outbox)
        .where(
          and(
            eq(outbox.entityType, row.entityType),
            eq(outbox.entityId, row.entityId),
            lt(outbox.mutationId, row.mutationId),
            inArray(outbox.state, [...refusedStates]),
          ),
        )
        .limit(1)
        .get();
      if (blocker) {
        store.db
          .update(outbox)
          .set({ state: 'conflict', lastError: heldError(blocker.mutationId), updatedAt: now })
          .where(eq(outbox.mutationId, row.mutationId))
          .run();
        continue;
      }
      let baseVersion = row.baseVersion;
      if (row.op !== 'create' && row.baseEventId !== null) {
        const base = store.db.select().from(outbox).where(eq(outbox.eventId, row.baseEventId)).get();
        if (base !== undefined) {
          const outcome = base.outcome as { status?: string; row?: { version?: number } } | null;
          // Built on this machine's own change: expect the version the server gave that change.
          if (base.state === 'applied' && typeof outcome?.row?.version === 'number') baseVersion = outcome.row.version;
        }
      }
      const size = JSON.stringify(row.args).length + 600;
      if (rows.length > 0 && bytes + size > BATCH_BYTES) break;
      bytes += size;
      progress.lastWireId += 1;
      const assigned = { ...row, wireId: progress.lastWireId, baseVersion };
      store.db
        .update(outbox)
        .set({ wireId: assigned.wireId, baseVersion, updatedAt: now })
        .where(eq(outbox.mutationId, row.mutationId))
        .run();
      rows.push(assigned);
      inBatch.add(key);
      if (rows.length >= limit) break;
    }
    if (rows.length === 0) return null;
    writeProgress(store, progress);
    return { rows, mutations: rows.map(toMutation) };
  });
}

/** Stores the server's final answers; adopts the server's row for entities left with nothing to settle. */
export function applyOutcomes(store: Store, batch: Batch, output: PushOutput, now = Date.now()): EntityKey[] {
  return transact(store, () => {
    const byWire = new Map(batch.rows.map((row) => [row.wireId, row]));
    const touched = new Map<string, EntityKey>();
    for (const outcome of output.outcomes) {
      const row = byWire.get(outcome.mutationId);
      if (row === undefined) continue;
      const current = store.db.select({ state: outbox.state }).from(outbox).where(eq(outbox.mutationId, row.mutationId)).get();
      if (current?.state !== 'pending') continue;
      const entityType = row.entityType as EntityType;
      // A refusal that leaves nobody anything to decide (a cancel of a message the server already
      // sent, docs/architecture.md §20) is kept with its words, resolved, and not put to a person.
      const settled = outcome.status === 'rejected' && outcome.error?.details?.nothingToDecide === true;
      store.db
        .update(outbox)
        .set({
          state: settled ? 'resolved' : outcome.status,
          outcome,
          attempts: row.attempts + 1,
          lastError: outcome.error,
          ...(settled ? { resolution: { kind: 'nothing to decide', previousState: outcome.status } } : {}),
          updatedAt: now,
        })
        .where(eq(outbox.mutationId, row.mutationId))
        .run();
      if (outcome.status === 'applied' && outcome.row !== null && outcome.changeId !== null) {
        rememberServerRow(store, entityType, outcome.row, row.eventId, outcome.changeId);
      }
      touched.set(`${entityType}:${row.entityId}`, { entityType, entityId: row.entityId });
    }
    for (const key of touched.values()) adoptServerRow(store, key.entityType, key.entityId);
    return [...touched.values()];
  });
}

/** A push that got no final answers: count the attempt and keep the error for the tray. */
export function recordPushFailure(store: Store, batch: Batch, error: AppError, now = Date.now()): void {
  transact(store, () => {
    for (const row of batch.rows) {
      store.db
        .update(outbox)
        .set({
          attempts: row.attempts + 1,
          lastError: error.toEnvelope('local'),
          updatedAt: now,
        })
        .where(and(eq(outbox.mutationId, row.mutationId), eq(outbox.state, 'pending')))
        .run();
    }
  });
}

/**
 * The server refused one mutation outright (not as an outcome): it is marked failed for the
 * Recovery Center and every wire id from it on is taken back (the server never saw them), so the
 * rows behind it go out again with fresh, gap-free ids.
 */
export function failMutation(store: Store, row: OutboxRow, error: AppError, serverLastMutationId: number, now = Date.now()): void {
  transact(store, () => {
    store.db
      .update(outbox)
      .set({ state: 'failed', wireId: null, lastError: error.toEnvelope('local'), attempts: row.attempts + 1, updatedAt: now })
      .where(eq(outbox.mutationId, row.mutationId))
      .run();
    store.db
      .update(outbox)
      .set({ wireId: null })
      .where(and(gt(outbox.wireId, serverLastMutationId), eq(outbox.state, 'pending')))
      .run();
    const progress = readProgress(store);
    writeProgress(store, { ...progress, lastWireId: serverLastMutationId });
  });
}

/**
 * Re-bases this machine's numbering on the server's: every pending row numbered from `from` on
 * (by default, everything the server has not seen: after `serverLast`) loses its wire id and is
 * numbered again after `serverLast`. Rows keep their change (eventId, idempotency key): one the
 * server did apply under another id gets that change's stored answer, never another change's.
 */
export function rebaseWireIds(store: Store, serverLast: number, from = serverLast + 1): void {
  transact(store, () => {
    store.db
      .update(outbox)
      .set({ wireId: null })
      .where(and(isNotNull(outbox.wireId), gte(outbox.wireId, Math.min(from, serverLast + 1)), eq(outbox.state, 'pending')))
      .run();
    const { rebase: _done, ...progress } = readProgress(store);
    writeProgress(store, { ...progress, lastWireId: serverLast });
  });
}

/** Applies one pulled page: events into history, server rows beside, adoption where settled, cursor. */
export function applyPull(store: Store, page: PullOutput): EntityKey[] {
  const applied = transact(store, () => {
    const progress = readProgress(store);
    const touched = new Map<string, EntityKey>();
    for (const change of page.changes) {
      if (change.changeId <= progress.cursor) continue;
      // An erasure made elsewhere: this desk scrubs its own copies the same way, before it takes the row (§28).
      const [, op = ''] = change.event.type.split('.');
      if (erasesClient(change.entityType, op)) scrubClientOnDesk(store, change.entityId, change.event.at);
      recordServerEvent(store, change.event);
      rememberServerRow(store, change.entityType, change.row, change.event.id, change.changeId);
      touched.set(`${change.entityType}:${change.entityId}`, { entityType: change.entityType, entityId: change.entityId });
    }
    for (const key of touched.values()) adoptServerRow(store, key.entityType, key.entityId);
    writeProgress(store, { ...progress, cursor: Math.max(progress.cursor, page.cursor) });
    return [...touched.values()];
  });
  compactAfterErasure(store);
  return applied;
}
