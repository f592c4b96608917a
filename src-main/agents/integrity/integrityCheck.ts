import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Store } from '../../core/store/open';
import { slotOf, storeSlot } from '../../core/store/state';
import { setWriteLock } from '../../core/store/writeLock';

/**
 * PRAGMA quick_check reads the whole file: about 8 s at a million appointments. better-sqlite3 is
 * synchronous, so it runs on a worker thread with its own read-only connection and the desk stays
 * responsive; the result is kept per store. A failed check is Unsafe: booking changes are refused
 * (WRITES_LOCKED), reading, printing, export and recovery stay open.
 */

export type IntegrityState = { state: 'unchecked' } | { state: 'checking' } | { state: 'ok'; at: number } | { state: 'failed'; at: number; detail: string };

/** The latest verdict, and the check under way if one is. */
const integrity = storeSlot('integrity check', () => ({
  verdict: { state: 'unchecked' } as IntegrityState,
  running: null as Promise<IntegrityState> | null,
}));

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

// Plain CommonJS so the worker needs no TypeScript loader, in development or packaged.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma('quick_check');
  parentPort.postMessage(rows.map((row) => row.quick_check).join('; ') || 'ok');
} catch (error) {
  parentPort.postMessage('the check could not run: ' + (error && error.message ? error.message : String(error)));
} finally {
  if (db) db.close();
}
`;

function quickCheckOffThread(file: string): Promise<string> {
  return new Promise((resolve) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { file, driver } });
    worker.once('message', (message: string) => resolve(message));
    worker.once('error', (error) => resolve(`the check could not run: ${error.message}`));
    worker.once('exit', (code) => {
      if (code !== 0) resolve(`the check stopped (exit ${code})`);
    });
  });
}

export const INTEGRITY_LOCK_MESSAGE =
  'Booking changes are locked because the database integrity check failed. You can still read, print and export; restore from a backup or send the support report.';

/** Run the check (once at a time per store) and apply its verdict. */
export function checkIntegrity(store: Store, now: () => number = Date.now): Promise<IntegrityState> {
  const check = slotOf(store, integrity);
  if (check.running) return check.running;
  if (check.verdict.state === 'unchecked') check.verdict = { state: 'checking' };
  check.running = quickCheckOffThread(store.file).then((result) => {
    const verdict: IntegrityState = result === 'ok' ? { state: 'ok', at: now() } : { state: 'failed', at: now(), detail: result };
    check.verdict = verdict;
    setWriteLock(store, 'integrity', verdict.state === 'failed' ? INTEGRITY_LOCK_MESSAGE : null);
    check.running = null;
    return verdict;
  });
  return check.running;
}

/**
 * The latest verdict. Reading it starts nothing: the launchers run the check at start-up, and a
 * status poll must not leave a worker holding the file open behind the caller's back.
 */
export function integrityState(store: Store): IntegrityState {
  return store.state.peek(integrity)?.verdict ?? { state: 'unchecked' };
}
