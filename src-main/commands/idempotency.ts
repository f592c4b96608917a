import { hash as digest } from 'node:crypto';
import type { DomainEvent } from '../../src-shared/entities';
import { idempotencyKeyReusedError } from '../../src-shared/idempotency';
import type { Store } from '../store/open';
import { statements } from '../store/statements';

/**
 * JSON with sorted keys, so the same payload always hashes the same. Its text must never change:
 * the hashes of answers already kept are compared with it.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let fields = '';
    for (const key of Object.keys(record).sort()) {
      const field = record[key];
      if (field === undefined) continue;
      fields += `${fields === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(field)}`;
    }
    return `{${fields}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function payloadHash(payload: unknown): string {
  return digest('sha256', canonicalJson(payload), 'hex');
}

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
  for (const [field, value] of Object.entries(row)) {
    // The event's after-values are the row's own values, so identity is enough; anything else is kept.
    if (fieldSaidBy(event, field) !== value) (answerRow ??= {})[field] = value;
  }
  statements(store).insertEvent(event, { idempotencyKey: key, payloadHash: hash, answerRow });
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

function legacyStoredResult(store: Store, key: string, hash: string): unknown {
  const record = statements(store).legacyAnswerByKey(key);
  if (record === undefined) return undefined;
  if (record.payloadHash !== hash) throw idempotencyKeyReusedError(key);
  const answer = JSON.parse(record.result) as LegacyAnswer;
  if (answer.eventId === undefined) return answer;
  const stored = statements(store).eventById(answer.eventId);
  if (stored === undefined) throw new Error(`the event ${answer.eventId} of a kept answer is missing from the history`);
  const { seq: _seq, ...event } = stored;
  return { row: answer.row, event };
}

/**
 * The stored result for a key: undefined when the key is new; the result when the payload is the
 * same; IDEMPOTENCY_KEY_REUSED when the key was used for something else.
 */
export function storedResult(store: Store, key: string, hash: string): unknown {
  const kept = statements(store).answerByKey(key);
  if (kept === undefined) return legacyStoredResult(store, key, hash);
  if (kept.answer.payloadHash !== hash) throw idempotencyKeyReusedError(key);
  const { seq: _seq, ...event } = kept.event;
  return { row: { ...rowSaidBy(event), ...kept.answer.answerRow }, event };
}
