import { AppError } from '../../../src-shared/errors';
import type { Store } from './open';
import { slotOf, storeSlot } from './state';

/**
 * Reasons booking changes are locked besides a storage failure (that one lives on the store):
 * today, a clock more than 10 minutes away from the sync server's (docs/architecture.md §6). Reading,
 * printing, export and the Recovery Center stay open.
 */

const locks = storeSlot('write locks', () => new Map<string, string>());

export function setWriteLock(store: Store, reason: string, message: string | null): void {
  const map = slotOf(store, locks);
  if (message === null) map.delete(reason);
  else map.set(reason, message);
}

export function writeLocks(store: Store): { reason: string; message: string }[] {
  return [...(store.state.peek(locks)?.entries() ?? [])].map(([reason, message]) => ({ reason, message }));
}

/** Throws WRITES_LOCKED while any lock is set (called by executeCommand inside its transaction). */
export function assertWritesAllowed(store: Store): void {
  const first = writeLocks(store)[0];
  if (first !== undefined) throw new AppError('WRITES_LOCKED', first.message, { lock: first.reason });
}
