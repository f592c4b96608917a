import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { AppError } from '../../../src-shared/errors';
import { createClient, updateClient, undoClientChange } from '../../core/clients/commands';
import type { CommandResult, Desk } from '../../core/commands/execute';
import { createImportBatch, undoImportBatchChange } from '../../core/imports/commands';
import { loadRow } from '../../core/store/rows';
import { events } from '../../core/store/schema';
import { transact } from '../../core/store/transaction';
import type { ImportPlan } from './planImport';

/**
 * An import made, and unmade, as one batch (docs/architecture.md §29). Every client it adds or
 * fills in is an ordinary `client.create` / `client.update` through the rulebook — the same rules,
 * events, outbox rows and sync as a client typed in — each a savepoint inside ONE transaction with
 * the batch's own `importBatch.create`: the whole file or nothing. Each client change carries the
 * key `imported:<batch>:row:<n>`, which is how the batch's undo finds them and how the activity
 * log leaves them out of its list (the batch is the file's one entry there).
 */

const BATCH_NAMESPACE = '5b0f7f0e-3c8a-4d62-9d0b-6a1f2e9c4b17';
export const IMPORTED_KEY_PREFIX = 'imported:';

const rowKey = (batchId: string, row: number) => `${IMPORTED_KEY_PREFIX}${batchId}:row:${row}`;
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
 * Makes the plan's changes, or for a dry run judges every one exactly as the import would and then
 * writes nothing. The same request key names the same batch: sent again it answers as before.
 */
export function commitImport(desk: Desk, plan: ImportPlan, request: { fileName: string; idempotencyKey: string; dryRun: boolean }): ImportOutcome {
  const batchId = uuidv5(request.idempotencyKey, BATCH_NAMESPACE);
  const changes = plan.adds.length + plan.merges.length;
  const outcome: ImportOutcome = { batchId: changes === 0 ? null : batchId, batchEventId: null, added: plan.adds.length, merged: plan.merges.length, skipped: plan.skipped, problems: plan.problems.length, dryRun: request.dryRun };
  try {
    return transact(desk.store, () => {
      for (const { row, args } of plan.adds) createClient(desk, { idempotencyKey: rowKey(batchId, row), ...args });
      for (const { row, clientId, expectedVersion, changes } of plan.merges)
        updateClient(desk, { idempotencyKey: rowKey(batchId, row), id: clientId, expectedVersion, ...changes });
      if (changes > 0)
        outcome.batchEventId = createImportBatch(desk, {
          idempotencyKey: request.idempotencyKey,
          id: batchId,
          fileName: request.fileName,
          added: outcome.added,
          merged: outcome.merged,
          skipped: outcome.skipped,
        }).event.id;
      if (request.dryRun) throw new DryRunDone(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return { ...error.outcome, batchEventId: null };
    throw error;
  }
}

/**
 * Undoes a whole import in one transaction: each client change it made is undone through the
 * client's own undo (a new client is soft-deleted, a merge puts back what it filled in), newest
 * first, then the batch itself. A client changed again since its import cannot be undone without
 * losing that change: then nothing is undone and the person is told whose record it is.
 */
export function undoImport(desk: Desk, input: { id: string; idempotencyKey: string; reason?: string | undefined }): CommandResult {
  const { store } = desk;
  return transact(store, () => {
    const batch = loadRow(store, 'importBatch', input.id);
    if (batch === null) throw new AppError('NOT_FOUND', 'That import no longer exists.', { field: 'id' });
    if (batch.deletedAt !== null) throw new AppError('ALREADY_UNDONE', `The import of ${batch.fileName} has already been undone.`);
    const prefix = `${IMPORTED_KEY_PREFIX}${batch.id}:row:`;
    const changes = store.db
      .select({ seq: events.seq, id: events.id, entityId: events.entityId })
      .from(events)
      .where(and(gte(events.idempotencyKey, prefix), lt(events.idempotencyKey, `${prefix.slice(0, -1)};`)))
      .orderBy(desc(events.seq))
      .all();
    for (const change of changes) {
      const client = loadRow(store, 'client', change.entityId);
      if (client === null) continue;
      try {
        undoClientChange(desk, { idempotencyKey: undoKey(batch.id, change.seq), id: client.id, expectedVersion: client.version, eventId: change.id });
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNDO_NOT_ALLOWED')
          throw new AppError(
            'UNDO_NOT_ALLOWED',
            `${client.name} was changed after the import, so the import cannot be undone without losing that change. Undo that change first, or delete the clients you do not want one by one.`,
            { clientId: client.id },
          );
        throw error;
      }
    }
    const created = store.db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.entityId, batch.id), eq(events.type, 'importBatch.create')))
      .orderBy(asc(events.seq))
      .get();
    if (created === undefined) throw new AppError('NOT_FOUND', 'That import no longer exists.', { field: 'id' });
    return undoImportBatchChange(desk, {
      idempotencyKey: input.idempotencyKey,
      id: batch.id,
      expectedVersion: batch.version,
      eventId: created.id,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    });
  });
}
