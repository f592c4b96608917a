import type { DomainEvent } from '../../../src-shared/entities';
import type { KeptAnswer } from '../../../src-shared/rulebook/questions';
import type { Store } from '../store/open';
import { cachedHasLegacyAnswers } from '../store/rowCache';
import { rollUpCancelEvent } from '../store/reportRollup';
import { statements, type EventRow } from '../store/statements';

/**
 * The answer to a command's idempotency key is kept in its event's own row (key, payload hash and
 * the row it left): a booking writes one row to the history instead of a second record with its own
 * index, and each booking's commit waits for every page it writes to reach the disk. Of the row,
 * only what the event does not already say is kept: a create's event says all of it.
 */
function rowSaidBy(event: Pick<DomainEvent, 'entityId' | 'version' | 'at' | 'after'>): Record<string, unknown> {
  return { id: event.entityId, version: event.version, createdAt: event.at, updatedAt: event.at, ...event.after };
}

/** One field of rowSaidBy(event), without building it (this runs for every command). */
function fieldSaidBy(event: DomainEvent, field: string): unknown {
  if (Object.hasOwn(event.after, field)) return event.after[field];
  if (field === 'id') return event.entityId;
  if (field === 'version') return event.version;
  if (field === 'createdAt' || field === 'updatedAt') return event.at;
  return undefined;
}

/**
 * Insert a command's event with its idempotency answer. Called inside the command's transaction,
 * in place of inserting the event alone.
 */
export function insertEventWithAnswer(store: Store, event: DomainEvent, key: string, hash: string, row: object): void {
  let answerRow: Record<string, unknown> | null = null;
  const fields = row as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    // The event's after-values are the row's own values, so identity is enough; anything else is kept.
    const value = fields[field];
    if (fieldSaidBy(event, field) !== value) (answerRow ??= {})[field] = value;
  }
  statements(store).insertEvent(event, { idempotencyKey: key, payloadHash: hash, answerRow });
  rollUpCancelEvent(store, event);
}

/**
 * What a record of the idempotency_records table keeps (keys answered before the answer moved into
 * the events row): the row and the id of its event, or, in the oldest records, the whole event.
 */
interface LegacyAnswer {
  row: unknown;
  eventId?: string;
  event?: unknown;
}

/** A key's kept answer as found: in its event's row, or in a record of an earlier version (read only on a replay). */
export type KeptRecord =
  | { kind: 'event'; event: EventRow; answerRow: Record<string, unknown> | null }
  | { kind: 'record'; resultJson: string };

export function keptRecord(store: Store, key: string): KeptAnswer<KeptRecord> | null {
  const kept = statements(store).answerByKey(key);
  if (kept !== undefined) {
    return {
      payloadHash: kept.answer.payloadHash ?? '',
      answer: { kind: 'event', event: kept.event, answerRow: kept.answer.answerRow },
    };
  }
  if (!cachedHasLegacyAnswers(store)) return null;
  const record = statements(store).legacyAnswerByKey(key);
  return record === undefined ? null : { payloadHash: record.payloadHash, answer: { kind: 'record', resultJson: record.result } };
}

/** The answer a key's record stands for: the row and the event, as the first time. */
export function answerOf(store: Store, record: KeptRecord): { row: unknown; event: unknown } {
  if (record.kind === 'event') {
    const { seq: _seq, ...event } = record.event;
    return { row: { ...rowSaidBy(event), ...record.answerRow }, event };
  }
  const answer = JSON.parse(record.resultJson) as LegacyAnswer;
  if (answer.eventId === undefined) return { row: answer.row, event: answer.event };
  const stored = statements(store).eventById(answer.eventId);
  if (stored === undefined) throw new Error(`the event ${answer.eventId} of a kept answer is missing from the history`);
  const { seq: _seq, ...event } = stored;
  return { row: answer.row, event };
}
