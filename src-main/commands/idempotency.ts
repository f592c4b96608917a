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
 * The stored result for a key: undefined when the key is new; the result when the payload is the
 * same; IDEMPOTENCY_KEY_REUSED when the key was used for something else.
 */
export function storedResult(store: Store, key: string, hash: string): unknown {
  const record = statements(store).idempotencyByKey(key);
  if (record === undefined) return undefined;
  if (record.payloadHash !== hash) {
    throw idempotencyKeyReusedError(key);
  }
  return JSON.parse(record.result) as unknown;
}

export function recordResult(store: Store, key: string, hash: string, result: unknown, now: number): void {
  statements(store).insertIdempotency(key, hash, JSON.stringify(result), now);
}
