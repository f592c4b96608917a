import type { DomainEvent } from '../../../src-shared/entities';
import { LONGEST_BLOCK_MS } from '../../../src-shared/slots';
import { rowKey, type Answers, type LoadedRow, type Questions } from '../../../src-shared/rulebook/questions';
import { recordsOfClient } from './recordsOfClient';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { cachedActiveOwnerIds, cachedRow, isCachedKind } from '../store/rowCache';
import { statements } from '../store/statements';
import type { KeptRecord } from './idempotency';
import { keptRecord } from './idempotency';

/**
 * The desk's answers to the rulebook's questions, read from its SQLite file inside the command's
 * transaction (docs/architecture.md §2). The desk holds one shop, so nothing it holds is foreign.
 */
export function answerFromDesk(store: Store, questions: Questions): Answers<KeptRecord> {
  const prepared = statements(store);
  const answers: Answers<KeptRecord> = {};
  if (questions.keptAnswerFor !== undefined) answers.keptAnswer = keptRecord(store, questions.keptAnswerFor);
  // The kinds of record holding an id already say whether a row of one kind has it: a new record's
  // own row (asked with its id's kinds) is read only when some record of that kind holds the id.
  const kinds = questions.kindsOfId === undefined ? undefined : prepared.kindsOfId(questions.kindsOfId);
  if (questions.rows !== undefined) {
    const rows = new Map<string, LoadedRow>();
    for (const { entityType, id } of questions.rows) {
      // (The shop's one settings row is answered whatever id a command names, so it is always read.)
      const absent = entityType !== 'settings' && kinds !== undefined && id === questions.kindsOfId && !kinds.includes(entityType);
      const row = absent ? null : isCachedKind(entityType) ? cachedRow(store, entityType, id) : loadRow(store, entityType, id);
      rows.set(rowKey(entityType, id), { row, foreign: false });
    }
    answers.rows = rows;
  }
  if (kinds !== undefined) answers.kindsOfId = { own: kinds, foreign: false };
  if (questions.event !== undefined) {
    const stored = prepared.eventById(questions.event);
    if (stored === undefined) {
      answers.event = null;
    } else {
      const { seq: _seq, ...event } = stored;
      answers.event = { event: event as DomainEvent, undone: prepared.undoOf(questions.event) !== undefined, foreign: false };
    }
  }
  if (questions.eventIdInUse !== undefined) answers.eventIdInUse = prepared.eventById(questions.eventIdInUse) !== undefined;
  if (questions.activeOwnerIds === true) answers.activeOwnerIds = cachedActiveOwnerIds(store);
  if (questions.slotHolders !== undefined) {
    const { staffId, from, to } = questions.slotHolders;
    answers.slotHolders = prepared.slotHolders(staffId, from - LONGEST_BLOCK_MS, to, from);
  }
  if (questions.timeOff !== undefined) {
    const { staffId, from, to } = questions.timeOff;
    answers.timeOff = prepared.timeOffDuring(staffId, from, to);
  }
  if (questions.messagesOfAppointment !== undefined) answers.messagesOfAppointment = prepared.messagesOfAppointment(questions.messagesOfAppointment);
  if (questions.stockOfAppointment !== undefined) answers.stockOfAppointment = prepared.stockOfAppointment(questions.stockOfAppointment);
  if (questions.stockLevels !== undefined) {
    answers.stockLevels = questions.stockLevels.flatMap((productId) => {
      const product = loadRow(store, 'product', productId);
      return product === null || product.deletedAt !== null ? [] : [{ product, level: prepared.stockLevel(productId) }];
    });
  }
  if (questions.recordsOfClient !== undefined) answers.recordsOfClient = recordsOfClient(store, questions.recordsOfClient);
  return answers;
}
