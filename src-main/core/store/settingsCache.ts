import { SETTINGS_ID, type Settings } from '../../../src-shared/entities';
import type { Store } from './open';
import { slotOf, storeSlot } from './state';
import { statements } from './statements';

/**
 * The shop's one settings row as the command path reads it (issue 10, `local.create.vs_raw`):
 * every booking asks for it, and decoding its five JSON columns cost a booking more than SQLite
 * takes to find it. It changes rarely, so the last row read is kept until anything could have
 * changed it:
 * - this connection writes settings (saveRow): forgotten at once, and not kept again until no
 *   transaction is open, so a row of a change that is later rolled back is never kept;
 * - a transaction fails: forgotten;
 * - another connection commits anything (SQLite's data_version moves).
 * The row is frozen: it is shared by every command that reads it.
 */
interface SettingsCache {
  row: Settings | null | undefined;
  /** data_version when `row` was read. */
  version: number;
  /** Settings were written on this connection since no transaction was last open. */
  written: boolean;
}

const cache = storeSlot<SettingsCache>('settings row', () => ({ row: undefined, version: -1, written: false }));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The settings row now (null before first-run set-up), frozen. */
export function cachedSettings(store: Store): Settings | null {
  const kept = slotOf(store, cache);
  const prepared = statements(store);
  const version = prepared.dataVersion();
  if (kept.row !== undefined && !kept.written && kept.version === version) return kept.row;
  const row = deepFreeze(prepared.loadRow.settings(SETTINGS_ID) as Settings | null);
  if (!kept.written) {
    kept.row = row;
    kept.version = version;
  }
  return row;
}

/** This connection wrote the settings row (saveRow). */
export function settingsWritten(store: Store): void {
  const kept = slotOf(store, cache);
  kept.row = undefined;
  kept.written = true;
}

/** A transaction of the one transaction helper ended (`failed`: rolled back). */
export function transactionEnded(store: Store, failed: boolean): void {
  const kept = store.state.peek(cache);
  if (kept === undefined) return;
  if (failed) kept.row = undefined;
  if (!store.sqlite.inTransaction) kept.written = false;
}
