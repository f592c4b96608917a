import type { KeptAnswer } from '../../src-shared/rulebook/questions';
import type { Store } from '../store/open';
import { statements } from '../store/statements';

/**
 * What a key's record keeps: the row as the command left it and the id of its event. The event itself is
 * read back from the history (append-only, so it is the same event) rather than copied: a smaller
 * record means fewer pages written, and each booking's commit waits for them to reach the disk.
 * Records saved before this kept the whole event; they are answered as they are.
 */
interface StoredAnswer {
  row: unknown;
  eventId?: string;
  event?: unknown;
}

/** A key's record as stored: its JSON is read only when the rulebook answers a replay with it. */
export interface KeptRecord {
  resultJson: string;
}

export function keptRecord(store: Store, key: string): KeptAnswer<KeptRecord> | null {
  const record = statements(store).idempotencyByKey(key);
  return record === undefined ? null : { payloadHash: record.payloadHash, answer: { resultJson: record.result } };
}

/** The answer a key's record stands for: the row and the event, as the first time. */
export function answerOf(store: Store, record: KeptRecord): { row: unknown; event: unknown } {
  const answer = JSON.parse(record.resultJson) as StoredAnswer;
  if (answer.eventId === undefined) return { row: answer.row, event: answer.event };
  const stored = statements(store).eventById(answer.eventId);
  if (stored === undefined) throw new Error(`the event ${answer.eventId} of a kept answer is missing from the history`);
  const { seq: _seq, ...event } = stored;
  return { row: answer.row, event };
}

export function recordResult(store: Store, key: string, hash: string, result: { row: unknown; event: { id: string } }, now: number): void {
  const answer: StoredAnswer = { row: result.row, eventId: result.event.id };
  statements(store).insertIdempotency(key, hash, JSON.stringify(answer), now);
}
