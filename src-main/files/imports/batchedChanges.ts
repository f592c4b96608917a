import type { Command } from '../../../src-shared/commands';
import { SETTINGS_ID, type DomainEvent } from '../../../src-shared/entities';
import { payloadHash } from '../../../src-shared/payloadHash';
import { decideNow } from '../../../src-shared/rulebook/decide';
import { rowKey, type Answers, type LoadedRow, type Questions } from '../../../src-shared/rulebook/questions';
import { answerFromDesk } from '../../core/commands/answers';
import type { CommandResult, Desk } from '../../core/commands/execute';
import { answerOf, insertEventWithAnswer, type KeptRecord } from '../../core/commands/idempotency';
import { writeOutboxIfPaired } from '../../core/outbox/outbox';
import { loadRow, saveRow } from '../../core/store/rows';
import { statements } from '../../core/store/statements';

/**
 * An import's thousands of changes, each still decided by the rulebook (the same validation,
 * rules and event as the change typed in), written without what a single command pays for being
 * alone (docs/architecture.md §29): no transaction or savepoint per change, no hash per change,
 * no settings, actor or owners read again per change. Every question the rulebook asks that this
 * batch already knows the answer to is answered from memory; anything else is read from the store
 * as for any command, inside the caller's one transaction, so a row written earlier in the batch
 * is seen by the next (two imported bookings cannot take the same time).
 *
 * Used only inside one transaction. `keysAreNew`: the caller made sure in that transaction that no
 * key of the batch was used before (an import's keys all name the batch, whose own key it checks
 * first), so no change has a kept answer to look up; otherwise each key is looked up and a change
 * made before answers as before.
 */
export type BatchedChange = (command: Command, options: { argsChecked: boolean }) => CommandResult;

export function batchedChanges(desk: Desk, batch: { hash: string; keysAreNew: boolean }): BatchedChange {
  const { store } = desk;
  const prepared = statements(store);
  const now = desk.now();
  const actorStaffId = desk.actor.staffId;
  // What the rulebook asks about every change, read once for the batch.
  const settings: LoadedRow = { row: loadRow(store, 'settings', SETTINGS_ID), foreign: false };
  const actor: LoadedRow | null = actorStaffId === null ? null : { row: loadRow(store, 'staff', actorStaffId), foreign: false };
  const activeOwnerIds = prepared.activeOwnerIds();
  /** Ids this batch made for new records, and the rows it has written so far (read back by later changes). */
  const made = new Set<string>();
  const written = new Map<string, LoadedRow>();

  const answer = (questions: Questions): Answers<KeptRecord> => {
    const { keptAnswerFor, rows, kindsOfId, activeOwnerIds: owners, ...rest } = questions;
    const answers: Answers<KeptRecord> = answerFromDesk(store, batch.keysAreNew ? rest : { ...rest, ...(keptAnswerFor === undefined ? {} : { keptAnswerFor }) });
    if (keptAnswerFor !== undefined && batch.keysAreNew) answers.keptAnswer = null;
    if (owners === true) answers.activeOwnerIds = activeOwnerIds;
    if (kindsOfId !== undefined) answers.kindsOfId = made.has(kindsOfId) ? { own: [], foreign: false } : answerFromDesk(store, { kindsOfId }).kindsOfId!;
    if (rows !== undefined) {
      const loaded = new Map<string, LoadedRow>();
      for (const { entityType, id } of rows) {
        const key = rowKey(entityType, id);
        const known =
          entityType === 'settings'
            ? settings
            : entityType === 'staff' && id === actorStaffId && actor !== null
              ? actor
              : (written.get(key) ?? (made.has(id) ? { row: null, foreign: false } : { row: loadRow(store, entityType, id), foreign: false }));
        loaded.set(key, known);
      }
      answers.rows = loaded;
    }
    return answers;
  };

  const change = (command: Command, hash: string, argsChecked: boolean): CommandResult => {
    const decision = decideNow(
      { command, commandParsed: true, argsChecked, actorStaffId, deviceId: store.deviceId, now, payloadHash: hash, runFollowUps: true },
      answer,
    );
    if (decision.kind === 'refused') throw decision.error;
    if (decision.kind === 'replay') return answerOf(store, decision.answer) as CommandResult;
    store.faults.beforeRowWrite?.();
    saveRow(store, decision.command.entityType, decision.row, decision.created);
    store.faults.beforeEventInsert?.();
    insertEventWithAnswer(store, decision.event, decision.command.idempotencyKey, hash, decision.row);
    writeOutboxIfPaired(store, decision.command, decision.event);
    written.set(rowKey(decision.command.entityType, decision.row.id), { row: decision.row, foreign: false });
    // The messages a booking causes: changes of their own, as the single command path makes them.
    for (const followUp of decision.followUps) change(followUp, payloadHash(followUp), false);
    const result: { row: typeof decision.row; event: DomainEvent } = { row: decision.row, event: decision.event };
    return result;
  };

  return (command, { argsChecked }) => {
    if (command.op === 'create' && batch.keysAreNew) made.add(command.entityId);
    // Every change's key names the batch, so what each key stands for is the batch itself.
    return change(command, batch.hash, argsChecked);
  };
}
