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
 * The rows are frozen: each is shared by every command that reads it. Beside the rows, two answers
 * read from them or like them are kept the same way: the shop's active owners (every command's
 * authorisation asks), this machine's pairing (every change asks whether to queue it for sync) and
 * whether an earlier version left idempotency answers in their old table (every command asks).
 * Inside the one transaction helper's transaction no other connection can commit (it holds the
 * write lock from BEGIN), so data_version is read once per transaction, not once per row.
 */
const cachedKinds = ['settings', 'staff', 'service'] as const satisfies readonly EntityType[];
export type CachedKind = (typeof cachedKinds)[number];

/** A shop has tens of staff and services: more ids than this were asked by something else (forgotten rather than grown). */
const MOST_ROWS = 512;

interface RowCache {
  /**
   * By kind and id (the shop's one settings row by kind alone; null: the shop has no settings yet),
   * and the kept answers under their own keys (OWNERS, PAIRING).
   */
  rows: Map<string, unknown>;
  /** data_version when `rows` were read. */
  version: number;
  /** A kept kind was written on this connection since no transaction was last open. */
  written: boolean;
  /** How deep the one transaction helper's transactions are nested now. */
  depth: number;
  /** data_version was read in the transaction open now. */
  checked: boolean;
}

const cache = storeSlot<RowCache>('kept rows', () => ({ rows: new Map(), version: -1, written: false, depth: 0, checked: false }));
const OWNERS = 'owners';
const LEGACY_ANSWERS = 'legacy answers';
const PAIRING = 'pairing';

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
/** The kept values, once no other connection can have changed what they were read from. */
function current(store: Store): RowCache {
  const kept = slotOf(store, cache);
  if (kept.depth > 0 && kept.checked) return kept;
  const version = statements(store).dataVersion();
  if (kept.version !== version) {
    kept.rows.clear();
    kept.version = version;
  }
  kept.checked = kept.depth > 0;
  return kept;
}

/** A kept answer, or `read`'s, kept when nothing written on this connection could be rolled back under it. */
function keptOr<T>(store: Store, key: string, read: () => T): T {
  const kept = current(store);
  if (kept.rows.has(key)) return kept.rows.get(key) as T;
  const value = deepFreeze(read());
  if (!kept.written) kept.rows.set(key, value);
  return value;
}

/** The ids of the shop's active owners now. */
export function cachedActiveOwnerIds(store: Store): readonly string[] {
  return keptOr(store, OWNERS, () => statements(store).activeOwnerIds());
}

/** Whether this machine is paired with a sync server (local_meta's pairing value is not null). */
export function cachedPaired(store: Store): boolean {
  return keptOr(store, PAIRING, () => {
    const value = statements(store).pairingJson();
    return value !== undefined && JSON.parse(value) !== null;
  });
}

/**
 * Whether the file holds keys answered by an earlier version (idempotency_records): nothing writes
 * that table any more, so a file without any is never asked for a key there again.
 */
export function cachedHasLegacyAnswers(store: Store): boolean {
  return keptOr(store, LEGACY_ANSWERS, () => statements(store).anyLegacyAnswer());
}

export function cachedRow<K extends CachedKind>(store: Store, kind: K, id: string): EntityRows[K] | null {
  const kept = current(store);
  const prepared = statements(store);
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
  if (isCachedKind(kind)) forgetAll(store);
}

/** This connection wrote one of this machine's own settings (local_meta): pairing among them. */
export function localMetaWritten(store: Store, key: string): void {
  if (key === PAIRING) forgetAll(store);
}

function forgetAll(store: Store): void {
  const kept = slotOf(store, cache);
  kept.rows.clear();
  kept.written = true;
}

/** A transaction of the one transaction helper begins (see transactionEnded). */
export function transactionBegun(store: Store): void {
  slotOf(store, cache).depth += 1;
}

/** A transaction of the one transaction helper ended (`failed`: rolled back). */
export function transactionEnded(store: Store, failed: boolean): void {
  const kept = store.state.peek(cache);
  if (kept === undefined) return;
  kept.depth = Math.max(0, kept.depth - 1);
  if (kept.depth === 0) kept.checked = false;
  if (failed) kept.rows.clear();
  if (!store.sqlite.inTransaction) kept.written = false;
}
