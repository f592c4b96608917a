import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js';
import { clientSearchText, shopCountry } from '../../../src-shared/peopleSearch';
import type { Store } from './open';
import { slotOf, storeSlot } from './state';

/**
 * Keeps every client findable (docs/architecture.md §14). Two FTS5 indexes, named by
 * `client_search_refs`: the number's forms under the trigram tokenizer (any run of three or more
 * digits anywhere in them is an indexed phrase), and the name's words (a typed word is a prefix
 * query). Both are contentless and keep only what finds a row, so 100,000 clients cost a few
 * megabytes. They are written with the client's row (`saveRow` is the one writer), made when the
 * store opens (drizzle cannot declare a virtual table), and rebuilt for every client when keys
 * were made by an older app, never made (an upgraded shop) or made for another country.
 */

/** Raise when what `clientSearchText` makes changes: the next open rebuilds every client's keys. */
export const SEARCH_KEYS_VERSION = 1;
const META_KEY = 'clientSearch';

const INDEXES = `
  CREATE VIRTUAL TABLE IF NOT EXISTS client_search_phone
    USING fts5(forms, tokenize = 'trigram', content = '', contentless_delete = 1);
  CREATE VIRTUAL TABLE IF NOT EXISTS client_search_name
    USING fts5(words, tokenize = 'unicode61 remove_diacritics 0', detail = 'none', prefix = '1 2 3', content = '', contentless_delete = 1);
`;

interface SearchMeta {
  version: number;
  country: CountryCode;
}

interface ClientText {
  id: string;
  name: string;
  phone: string | null;
  deletedAt: number | null;
}

function statementsFor(sqlite: Database.Database) {
  sqlite.exec(INDEXES);
  return {
    updateColumns: sqlite.prepare('UPDATE clients SET search_name = ?, search_phone = ? WHERE id = ?'),
    refOf: sqlite.prepare('SELECT ref FROM client_search_refs WHERE client_id = ?').pluck(),
    deleteRef: sqlite.prepare('DELETE FROM client_search_refs WHERE ref = ?'),
    deletePhone: sqlite.prepare('DELETE FROM client_search_phone WHERE rowid = ?'),
    deleteName: sqlite.prepare('DELETE FROM client_search_name WHERE rowid = ?'),
    // No RETURNING: SQLite runs such a statement in a statement savepoint, at which FTS5 writes
    // out its pending terms, so in an import's one long transaction every client cost an index
    // flush and its merging (measured: the client's keys about five times slower to write).
    insertRef: sqlite.prepare('INSERT INTO client_search_refs (client_id, search_name) VALUES (?, ?)'),
    insertPhone: sqlite.prepare('INSERT INTO client_search_phone (rowid, forms) VALUES (?, ?)'),
    insertName: sqlite.prepare('INSERT INTO client_search_name (rowid, words) VALUES (?, ?)'),
  };
}

const searchSlot = storeSlot('clientSearch', (store) => ({
  statements: statementsFor(store.sqlite),
  country: readMeta(store.sqlite)?.country ?? shopCountry(null),
}));

function readMeta(sqlite: Database.Database): SearchMeta | null {
  const row = sqlite.prepare(`SELECT value FROM local_meta WHERE key = ?`).get(META_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as SearchMeta) : null;
}

function shopCountryIn(sqlite: Database.Database): CountryCode {
  const row = sqlite.prepare('SELECT time_zone AS zone FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
    | { zone: string }
    | undefined;
  return shopCountry(row?.zone);
}

/** A removed client keeps its columns but leaves the indexes: the screens never look for one. */
function writeKeys(statements: ReturnType<typeof statementsFor>, client: ClientText, country: CountryCode, fresh = false) {
  const found = clientSearchText(client.name, client.phone, country);
  if (!fresh) {
    const ref = statements.refOf.get(client.id) as number | undefined;
    if (ref !== undefined) {
      statements.deletePhone.run(ref);
      statements.deleteName.run(ref);
      statements.deleteRef.run(ref);
    }
  }
  if (client.deletedAt === null) {
    const ref = Number(statements.insertRef.run(client.id, found.searchName).lastInsertRowid);
    if (found.searchPhone !== null) statements.insertPhone.run(ref, found.searchPhone);
    statements.insertName.run(ref, found.searchName);
  }
  return found;
}

/** The country the stored keys were made for: a typed query is read for the same one. */
export function searchCountry(store: Store): CountryCode {
  return slotOf(store, searchSlot).country;
}

/** With the client's row (inside its transaction): writes its keys, returns its search columns. */
export function writeClientSearch(store: Store, client: ClientText, isNew = false): { searchName: string; searchPhone: string | null } {
  const slot = slotOf(store, searchSlot);
  return writeKeys(slot.statements, client, slot.country, isNew);
}

/**
 * Rebuild every client's keys when they were made by an older app, never made (a shop from before
 * this search), or made for another country than the shop's zone now names. Called when the store
 * opens and when the shop's settings are written; returns whether it rebuilt.
 */
export function ensureClientSearch(store: Store): boolean {
  const wanted = shopCountryIn(store.sqlite);
  const meta = readMeta(store.sqlite);
  const slot = slotOf(store, searchSlot);
  if (meta !== null && meta.version === SEARCH_KEYS_VERSION && meta.country === wanted) {
    slot.country = wanted;
    return false;
  }
  store.sqlite.transaction(() => {
    store.sqlite.exec(`DELETE FROM client_search_refs;
      INSERT INTO client_search_phone (client_search_phone) VALUES ('delete-all');
      INSERT INTO client_search_name (client_search_name) VALUES ('delete-all');`);
    const rows = store.sqlite.prepare('SELECT id, name, phone, deleted_at AS deletedAt FROM clients').all() as ClientText[];
    for (const client of rows) {
      const columns = writeKeys(slot.statements, client, wanted, true);
      slot.statements.updateColumns.run(columns.searchName, columns.searchPhone, client.id);
    }
    const value = JSON.stringify({ version: SEARCH_KEYS_VERSION, country: wanted } satisfies SearchMeta);
    store.sqlite
      .prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(META_KEY, value);
  })();
  slot.country = wanted;
  return true;
}
