import { createHash } from 'node:crypto';
import { idempotencyKeyReusedError } from '../../src-shared/idempotency';
import type { Store } from '../store/open';
import { statements } from '../store/statements';

/** JSON with sorted keys, so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/**
 * What a record keeps: the row as the command left it and the id of its event. The event itself is
 * read back from the history (append-only, so it is the same event) rather than copied: a smaller
 * record means fewer pages written, and each booking's commit waits for them to reach the disk.
 * Records saved before this kept the whole event; they are answered as they are.
 */
interface StoredAnswer {
  row: unknown;
  eventId?: string;
  event?: unknown;
}

/**
 * The stored result for a key: undefined when the key is new; the result when the payload is the
 * same; IDEMPOTENCY_KEY_REUSED when the key was used for something else.
 */
export function storedResult(store: Store, key: string, hash: string): unknown {
  const record = statements(store).idempotencyByKey(key);
  if (record === undefined) return undefined;
  if (record.payloadHash !== hash) {
    throw idempotencyKeyReusedError(key);
  }
  const answer = JSON.parse(record.result) as StoredAnswer;
  if (answer.eventId === undefined) return answer;
  const stored = statements(store).eventById(answer.eventId);
  if (stored === undefined) throw new Error(`the event ${answer.eventId} of a kept answer is missing from the history`);
  const { seq: _seq, ...event } = stored;
  return { row: answer.row, event };
}

export function recordResult(store: Store, key: string, hash: string, result: { row: unknown; event: { id: string } }, now: number): void {
  const answer: StoredAnswer = { row: result.row, eventId: result.event.id };
  statements(store).insertIdempotency(key, hash, JSON.stringify(answer), now);
}
