import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AnyRow, EntityType } from '../../../src-shared/entities';
import { erasedClientFields, personalTexts, scrubFields, scrubText, scrubValue } from '../../../src-shared/erasure';
import type { Store } from './open';
import { loadRow, saveRow } from './rows';
import * as schema from './schema';
import { searchCountry } from './clientSearch';
import { slotOf, storeSlot } from './state';

/**
 * Erasing a client on the desk (docs/architecture.md §28): every copy of their details this store
 * holds is scrubbed inside the transaction that records the erasure (or that brings it in by a
 * pull), then the file is compacted so freed pages keep no byte of them.
 */

/** Set when a scrub committed something a compaction must still clear from freed pages and the WAL. */
const compactionDue = storeSlot('erasure compaction due', () => ({ due: false }));

type Raw = Record<string, unknown>;
const parsed = (json: unknown): Raw | null => (typeof json === 'string' ? (JSON.parse(json) as Raw | null) : null);

/** Every version of the client this store knows: its row, the server's row beside it, its history and pending payloads. */
function versionsOf(store: Store, clientId: string): Raw[] {
  const { sqlite } = store;
  const versions: Raw[] = [];
  const row = loadRow(store, 'client', clientId);
  if (row !== null) versions.push(row as unknown as Raw);
  const shadow = sqlite.prepare(`SELECT row FROM server_rows WHERE entity_type = 'client' AND entity_id = ?`).get(clientId) as { row: string } | undefined;
  if (shadow !== undefined) versions.push(parsed(shadow.row) ?? {});
  const history = sqlite.prepare(`SELECT before, after, answer_row AS answer FROM events WHERE entity_type = 'client' AND entity_id = ?`).all(clientId) as Raw[];
  for (const event of history) for (const json of [event.before, event.after, event.answer]) versions.push(parsed(json) ?? {});
  const pending = sqlite.prepare(`SELECT args FROM outbox WHERE entity_type = 'client' AND entity_id = ?`).all(clientId) as Raw[];
  for (const change of pending) versions.push(parsed(change.args) ?? {});
  return versions;
}

/** The client's records, by id: the client, their messages and the walk-ins they became. */
function ownedRecords(store: Store, clientId: string): Map<string, EntityType> {
  const owned = new Map<string, EntityType>([[clientId, 'client']]);
  const { sqlite } = store;
  for (const { id } of sqlite.prepare('SELECT id FROM messages WHERE client_id = ?').all(clientId) as { id: string }[]) owned.set(id, 'message');
  for (const { id } of sqlite.prepare('SELECT id FROM walk_ins WHERE client_id = ?').all(clientId) as { id: string }[]) owned.set(id, 'walkIn');
  for (const { id } of sqlite.prepare('SELECT id FROM waitlist WHERE client_id = ?').all(clientId) as { id: string }[]) owned.set(id, 'waitlist');
  const shadows = sqlite
    .prepare(`SELECT entity_type AS kind, entity_id AS id FROM server_rows WHERE entity_type IN ('message', 'walkIn', 'waitlist') AND json_extract(row, '$.clientId') = ?`)
    .all(clientId) as { kind: EntityType; id: string }[];
  for (const { kind, id } of shadows) owned.set(id, kind);
  return owned;
}

/**
 * Scrubs every copy of the client's details this store holds; runs inside the caller's transaction.
 * The events' append-only trigger is lifted for this statement's rows only, and put back with its
 * own text, in the same transaction: nothing else ever rewrites history.
 */
export function scrubClientOnDesk(store: Store, clientId: string, erasedAt: number): void {
  const { sqlite } = store;
  const texts = personalTexts(versionsOf(store, clientId), searchCountry(store));
  const owned = ownedRecords(store, clientId);

  // The records themselves, through the one row writer (a client's search keys go with its row).
  for (const [id, kind] of owned) {
    const row = loadRow(store, kind, id);
    if (row === null) continue;
    let next = scrubFields(kind, scrubValue(row, texts) as Raw);
    if (kind === 'client') next = { ...next, ...erasedClientFields, erasedAt: (row as { erasedAt: number | null }).erasedAt ?? erasedAt };
    saveRow(store, kind, next as unknown as AnyRow, false);
  }

  const trigger = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_update'`).get() as { sql: string } | undefined;
  if (trigger !== undefined) sqlite.exec('DROP TRIGGER events_no_update');
  try {
    // Each owned record's history: its before and after carry its fields without an id.
    const rewrite = sqlite.prepare('UPDATE events SET before = ?, after = ?, answer_row = ? WHERE seq = ?');
    const history = sqlite.prepare('SELECT seq, before, after, answer_row AS answer FROM events WHERE entity_type = ? AND entity_id = ?');
    for (const [id, kind] of owned) {
      for (const event of history.all(kind, id) as Raw[]) {
        const scrub = (json: unknown) => (typeof json === 'string' ? JSON.stringify(scrubFields(kind, scrubValue(JSON.parse(json), texts, owned) as Raw)) : null);
        rewrite.run(scrub(event.before), scrub(event.after), scrub(event.answer), event.seq);
      }
    }
    for (const table of Object.values(schema)) {
      if (is(table, SQLiteTable)) scrubTable(store, table, texts, owned);
    }
    // A change of one of the client's records waiting in (or sent from) the outbox carries its fields in its args.
    const outboxArgs = sqlite.prepare('SELECT rowid AS r, args FROM outbox WHERE entity_id = ?');
    const rewriteArgs = sqlite.prepare('UPDATE outbox SET args = ? WHERE rowid = ?');
    for (const [id, kind] of owned) {
      for (const { r, args } of outboxArgs.all(id) as { r: number; args: string }[]) {
        const next = JSON.stringify(scrubFields(kind, JSON.parse(args) as Raw));
        if (next !== args) rewriteArgs.run(next, r);
      }
    }
  } finally {
    if (trigger !== undefined) sqlite.exec(trigger.sql);
  }
  // Contentless full-text indexes keep a deleted row's words until their segments are merged.
  sqlite.exec(`INSERT INTO client_search_name (client_search_name) VALUES ('optimize');
    INSERT INTO client_search_phone (client_search_phone) VALUES ('optimize');`);
  slotOf(store, compactionDue).due = true;
}

/**
 * Every text column of one table, cleaned of the personal texts: the rows holding one (or, in a
 * JSON column, naming one of the client's records) are read and written back scrubbed.
 */
function scrubTable(store: Store, table: SQLiteTable, texts: readonly string[], owned: ReadonlyMap<string, EntityType>): void {
  const columns = Object.values(getTableColumns(table) as Record<string, Column>).filter((column) => column.dataType === 'string' || column.dataType === 'json');
  if (columns.length === 0) return;
  const name = getTableName(table);
  const needles = [...texts.map((text) => text.toLowerCase()), ...[...owned.keys()].map((id) => `"${id}"`)];
  if (needles.length === 0) return;
  const key = rowAddress(store, name);
  for (const column of columns) {
    const isJson = column.dataType === 'json';
    const patterns = isJson ? needles : texts.map((text) => text.toLowerCase());
    if (patterns.length === 0) continue;
    const where = patterns.map(() => `instr(lower("${column.name}"), ?) > 0`).join(' OR ');
    const rows = store.sqlite
      .prepare(`SELECT ${key.map((part, index) => `${part} AS k${index}`).join(', ')}, "${column.name}" AS v FROM "${name}" WHERE ${where}`)
      .all(...patterns) as ({ v: string } & Record<string, unknown>)[];
    const update = store.sqlite.prepare(`UPDATE "${name}" SET "${column.name}" = ? WHERE ${key.map((part) => `${part} = ?`).join(' AND ')}`);
    for (const row of rows) {
      const next = isJson ? JSON.stringify(scrubValue(JSON.parse(row.v), texts, owned)) : scrubText(row.v, texts);
      if (next !== row.v) update.run(next, ...key.map((_part, index) => row[`k${index}`]));
    }
  }
}

/** How to name one row of a table: its rowid, or for a table WITHOUT ROWID (report_days) its primary key's columns. */
function rowAddress(store: Store, table: string): string[] {
  const listed = store.sqlite.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table) as { wr: number } | undefined;
  if (listed?.wr !== 1) return ['rowid'];
  const key = store.sqlite.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[];
  return key.map((column) => `"${column.name}"`);
}

/**
 * After an erasure commits: the freed pages and the WAL still hold the old bytes. VACUUM rewrites
 * the file from its live rows (secure_delete zeroes what it frees on the way) and a truncating
 * checkpoint empties the WAL. Runs outside any transaction; a no-op when no scrub is waiting.
 */
export function compactAfterErasure(store: Store): void {
  const slot = slotOf(store, compactionDue);
  if (!slot.due || store.sqlite.inTransaction) return;
  const { sqlite } = store;
  const secure = sqlite.pragma('secure_delete', { simple: true }) as number;
  sqlite.pragma('secure_delete = ON');
  try {
    sqlite.exec('VACUUM');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    slot.due = false;
  } finally {
    sqlite.pragma(`secure_delete = ${secure}`);
  }
}
