import { and, desc, gte, lt } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import type { Command } from '../../../src-shared/commands';
import { entityTypeSchema, type AnyRow, type Appointment, type Client, type EntityType, type ImportBatch } from '../../../src-shared/entities';
import { refuse } from '../../../src-shared/refuse';
import type { Say } from '../../../src-shared/say';
import { AppError } from '../../../src-shared/errors';
import { newId } from '../../../src-shared/ids';
import { payloadHash } from '../../../src-shared/payloadHash';
import type { CommandResult, Desk } from '../../core/commands/execute';
import { createImportBatch, undoImportBatchChange } from '../../core/imports/commands';
import type { Store } from '../../core/store/open';
import { loadRow } from '../../core/store/rows';
import { events } from '../../core/store/schema';
import { creationEventOf } from '../../core/store/creationEvent';
import { statements } from '../../core/store/statements';
import { transact } from '../../core/store/transaction';
import { batchedChanges } from './batchedChanges';
import type { ImportPlan } from './planImport';

/**
 * An import made, and unmade, as one batch (docs/architecture.md §29). Every client or booking it
 * adds or fills in is an ordinary `client.create` / `client.update` / `appointment.create` decided
 * by the rulebook — the same rules, events, outbox rows and sync as one typed in — written by the
 * batched path (batchedChanges.ts) inside ONE transaction with the batch's own
 * `importBatch.create`: the whole file or nothing. Each change carries the key
 * `imported:<batch>:row:<n>`, which is how the batch's undo finds them and how the activity log
 * leaves them out of its list (the batch is the file's one entry there).
 */

/** What the file held: the batch's history entry and its undo say which. */
export type ImportKind = ImportBatch['kind'];

const BATCH_NAMESPACE = '5b0f7f0e-3c8a-4d62-9d0b-6a1f2e9c4b17';
export const IMPORTED_KEY_PREFIX = 'imported:';

const undoKey = (batchId: string, seq: number) => `${IMPORTED_KEY_PREFIX}${batchId}:undo:${seq}`;

export interface ImportOutcome {
  /** The batch's id (for a dry run, the id it would have); null when the file changed nothing, which leaves no entry. */
  batchId: string | null;
  /** The batch's own event, which its undo names; null when there is no batch. */
  batchEventId: string | null;
  added: number;
  merged: number;
  skipped: number;
  problems: number;
  dryRun: boolean;
}

/** Thrown to roll a dry run back after every change was judged: it reports what would have been done. */
class DryRunDone extends AppError {
  constructor(readonly outcome: ImportOutcome) {
    super('VALIDATION_ERROR', 'Checked only: nothing was imported.');
  }
}

/**
 * One change an import makes: the command, whether its args are the output of its op's own args
 * schema already, and what its key says after the batch's (`row:12`, `row:12:client`). The
 * command's own key stands in until the batch is made (a check that is rolled back uses it).
 */
export interface ImportChange {
  command: Command;
  argsChecked: boolean;
  keySuffix: string;
}

/** The client plan's changes: each new client a client.create, each merge a client.update, keyed by the row. */
export function clientChanges(plan: ImportPlan): ImportChange[] {
  return [
    ...plan.adds.map(({ row, args }) => newChange('client', `row:${row}`, args, true)),
    ...plan.merges.map(({ row, clientId, expectedVersion, changes }) => ({
      command: { entityType: 'client' as const, op: 'update', entityId: clientId, expectedVersion, idempotencyKey: `${IMPORTED_KEY_PREFIX}check:row:${row}`, reason: null, args: changes },
      argsChecked: false,
      keySuffix: `row:${row}`,
    })),
  ];
}

/** A new record the import makes. */
export function newChange(entityType: EntityType, keySuffix: string, args: Record<string, unknown>, argsChecked: boolean): ImportChange {
  const command: Command = { entityType, op: 'create', entityId: newId(), expectedVersion: null, idempotencyKey: `${IMPORTED_KEY_PREFIX}check:${keySuffix}`, reason: null, args };
  return { command, argsChecked, keySuffix };
}

export const batchIdOf = (idempotencyKey: string) => uuidv5(idempotencyKey, BATCH_NAMESPACE);

/**
 * Makes the plan's changes, or for a dry run judges every one exactly as the import would and then
 * writes nothing. The same request key names the same batch: sent again it answers as before.
 */
export function commitImport(desk: Desk, plan: ImportPlan, request: { fileName: string; idempotencyKey: string; dryRun: boolean }): ImportOutcome {
  return commitChanges(desk, clientChanges(plan), { kind: 'clients', added: plan.adds.length, merged: plan.merges.length, skipped: plan.skipped, problems: plan.problems.length }, request);
}

/**
 * Writes an import's changes and its batch in one transaction: the batch through the ordinary
 * command path (which also refuses while the desk is locked), then every change through the
 * batched path. A key already answered means the import was made before: it answers as then and
 * makes nothing again.
 */
export function commitChanges(
  desk: Desk,
  changes: readonly ImportChange[],
  counts: { kind: ImportKind; added: number; merged: number; skipped: number; problems: number },
  request: { fileName: string; idempotencyKey: string; dryRun: boolean },
): ImportOutcome {
  const batchId = batchIdOf(request.idempotencyKey);
  const { problems, kind, ...batchCounts } = counts;
  const outcome: ImportOutcome = { batchId: changes.length === 0 ? null : batchId, batchEventId: null, ...batchCounts, problems, dryRun: request.dryRun };
  if (changes.length === 0) return outcome;
  try {
    return transact(desk.store, () => {
      const madeBefore = statements(desk.store).answerByKey(request.idempotencyKey) !== undefined;
      outcome.batchEventId = createImportBatch(desk, { idempotencyKey: request.idempotencyKey, id: batchId, fileName: request.fileName, kind, ...batchCounts }).event.id;
      if (!madeBefore) {
        // The batch's key was new, so none of its changes' keys (each names the batch) was used.
        const change = batchedChanges(desk, { hash: payloadHash({ importBatch: batchId }), keysAreNew: true });
        const key = `${IMPORTED_KEY_PREFIX}${batchId}:`;
        for (const { command, argsChecked, keySuffix } of changes) change({ ...command, idempotencyKey: key + keySuffix }, { argsChecked });
      }
      if (request.dryRun) throw new DryRunDone(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return { ...error.outcome, batchEventId: null };
    throw error;
  }
}

/**
 * Undoes a whole import in one transaction: each change it made is undone through its record's
 * own undo (a new client or booking is removed, a merge puts back what it filled in), newest
 * first, then the batch itself. A record changed again since its import cannot be undone without
 * losing that change: then nothing is undone and the person is told whose record it is.
 */
export function undoImport(desk: Desk, input: { id: string; idempotencyKey: string; reason?: string | undefined }): CommandResult {
  const { store } = desk;
  return transact(store, () => {
    const batch = loadRow(store, 'importBatch', input.id);
    if (batch === null) throw refuse('NOT_FOUND', 'importing.gone', undefined, { field: 'id' });
    if (batch.deletedAt !== null) throw refuse('ALREADY_UNDONE', 'importing.alreadyUndone', { file: batch.fileName });
    const created = creationEventOf(store, 'importBatch', batch.id);
    if (created === undefined) throw refuse('NOT_FOUND', 'importing.gone', undefined, { field: 'id' });
    // The batch's own undo first, through the ordinary command path (which refuses while the desk is locked).
    const result = undoImportBatchChange(desk, {
      idempotencyKey: input.idempotencyKey,
      id: batch.id,
      expectedVersion: batch.version,
      eventId: created.id,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    });
    const prefix = `${IMPORTED_KEY_PREFIX}${batch.id}:row:`;
    const changes = store.db
      .select({ seq: events.seq, id: events.id, entityType: events.entityType, entityId: events.entityId })
      .from(events)
      .where(and(gte(events.idempotencyKey, prefix), lt(events.idempotencyKey, `${prefix.slice(0, -1)};`)))
      .orderBy(desc(events.seq))
      .all();
    // An undo key names the change it undoes, so an undo sent again answers as before.
    const change = batchedChanges(desk, { hash: payloadHash({ undoImportBatch: batch.id }), keysAreNew: false });
    for (const { entityType: kindOfRecord, ...made } of changes) {
      const entityType = entityTypeSchema.parse(kindOfRecord);
      const record = loadRow(store, entityType, made.entityId);
      if (record === null) continue;
      const command: Command = {
        entityType,
        op: 'undo',
        entityId: record.id,
        expectedVersion: record.version,
        idempotencyKey: undoKey(batch.id, made.seq),
        reason: null,
        args: { eventId: made.id },
      };
      try {
        change(command, { argsChecked: false });
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNDO_NOT_ALLOWED')
          throw refuse('UNDO_NOT_ALLOWED', 'importing.changedSince', { record: recordName(store, entityType, record) }, { [`${entityType}Id`]: record.id });
        throw error;
      }
    }
    return result;
  });
}

/** The record a refused undo names, as the person knows it. */
function recordName(store: Store, entityType: EntityType, record: AnyRow): Say {
  if (entityType === 'client') return { key: 'importing.record.client', params: { name: (record as Client).name } };
  if (entityType !== 'appointment') return { key: 'importing.record.other' };
  const client = loadRow(store, 'client', (record as Appointment).clientId);
  return client === null ? { key: 'importing.record.someBooking' } : { key: 'importing.record.booking', params: { name: client.name } };
}
