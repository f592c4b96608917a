import { SETTINGS_ID, type EntityRows, type EntityType } from '../../../src-shared/entities';
import type { Store } from './open';
import { slotOf, storeSlot } from './state';
import { statements } from './statements';

/**
 * The rows of the few kinds every booking asks for and that rarely change — the shop's settings, its
 * staff and its services — as the command path reads them (issue 10, `local.create.vs_raw`): reading
 * and decoding them (their JSON columns) cost a booking more than SQLite takes to find them. The
 * rows last read are kept until anything could have changed them:
 * - this connection writes a row of one of these kinds (saveRow): all forgotten at once, and none
 *   kept again until no transaction is open, so a row of a change that is later rolled back is
 *   never kept;
 * - a transaction fails: forgotten;
 * - another connection commits anything (SQLite's data_version moves).
 * The rows are frozen: each is shared by every command that reads it.
 */
const cachedKinds = ['settings', 'staff', 'service'] as const satisfies readonly EntityType[];
export type CachedKind = (typeof cachedKinds)[number];

/** A shop has tens of staff and services: more ids than this were asked by something else (forgotten rather than grown). */
const MOST_ROWS = 512;

interface RowCache {
  /** By kind and id (the shop's one settings row by kind alone); null: the shop has no settings yet. */
  rows: Map<string, EntityRows[CachedKind] | null>;
  /** data_version when `rows` were read. */
  version: number;
  /** A kept kind was written on this connection since no transaction was last open. */
  written: boolean;
}

const cache = storeSlot<RowCache>('kept rows', () => ({ rows: new Map(), version: -1, written: false }));

export function isCachedKind(kind: EntityType): kind is CachedKind {
  return (cachedKinds as readonly EntityType[]).includes(kind);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The row now, frozen (null when there is none). Whatever id is asked for settings, it is the shop's one row. */
export function cachedRow<K extends CachedKind>(store: Store, kind: K, id: string): EntityRows[K] | null {
  const kept = slotOf(store, cache);
  const prepared = statements(store);
  const version = prepared.dataVersion();
  if (kept.version !== version) {
    kept.rows.clear();
    kept.version = version;
  }
  const key = kind === 'settings' ? kind : `${kind}:${id}`;
  const found = kept.rows.get(key);
  if (found !== undefined) return found as EntityRows[K] | null;
  const row = deepFreeze(prepared.loadRow[kind](kind === 'settings' ? SETTINGS_ID : id) as EntityRows[K] | null);
  // An id of no staff member or service is not kept: any caller could name any number of them.
  if (!kept.written && (row !== null || kind === 'settings')) {
    if (kept.rows.size >= MOST_ROWS) kept.rows.clear();
    kept.rows.set(key, row);
  }
  return row;
}

/** This connection wrote a row of this kind (saveRow). */
export function rowWritten(store: Store, kind: EntityType): void {
  if (!isCachedKind(kind)) return;
  const kept = slotOf(store, cache);
  kept.rows.clear();
  kept.written = true;
}

/** A transaction of the one transaction helper ended (`failed`: rolled back). */
export function transactionEnded(store: Store, failed: boolean): void {
  const kept = store.state.peek(cache);
  if (kept === undefined) return;
  if (failed) kept.rows.clear();
  if (!store.sqlite.inTransaction) kept.written = false;
}
