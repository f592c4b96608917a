import { isAppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import type { Store } from './open';
import { transactionBegun, transactionEnded } from './rowCache';
import { slotOf, storeSlot } from './state';

/** One transaction function per connection, given the work to run (wrapping each work anew costs more than a small write). */
const runner = storeSlot('transaction runner', (store) => store.sqlite.transaction((work: () => unknown) => work()));

/** SQLite result codes that mean the storage itself is failing, not the request. */
const storageFailureCodes = /^SQLITE_(IOERR|CORRUPT|FULL|NOTADB|CANTOPEN|READONLY)/;

/**
 * The one transaction helper. Runs `work` in an IMMEDIATE transaction (the write lock is taken at
 * BEGIN, so two desks never interleave a read-check-write). Any throw rolls everything back; a
 * failure that is not a domain AppError becomes DB_TRANSACTION_FAILED, and a storage-layer
 * failure also marks the store unsafe.
 */
export function transact<T>(store: Store, work: () => T): T {
  transactionBegun(store);
  try {
    const result = slotOf(store, runner).immediate(work) as T;
    transactionEnded(store, false);
    return result;
  } catch (error) {
    transactionEnded(store, true);
    if (isAppError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const failure = refuse('DB_TRANSACTION_FAILED', 'notSaved', undefined, typeof code === 'string' ? { sqliteCode: code } : undefined, error);
    if (typeof code === 'string' && storageFailureCodes.test(code)) store.storageFailure = failure;
    throw failure;
  }
}
