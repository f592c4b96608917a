import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js';
import { clientSearchKeys, shopCountry } from '../../../src-shared/peopleSearch';
import type { Store } from './open';
import { slotOf, storeSlot } from './state';

/**
 * Keeps every client findable (docs/architecture.md §11): the search columns and key rows are
 * written with the client's row (`saveRow` is the one writer), and rebuilt for every client when
 * the store opens with keys from an older app (an upgraded shop) or made for another country.
 */

/** Raise when what `clientSearchKeys` makes changes: the next open rebuilds every client's keys. */
export const SEARCH_KEYS_VERSION = 1;
const META_KEY = 'clientSearch';

interface SearchMeta {
  version: number;
  country: CountryCode;
}

function statementsFor(sqlite: Database.Database) {
  return {
    updateColumns: sqlite.prepare('UPDATE clients SET search_name = ?, search_phone = ? WHERE id = ?'),
    deleteKeys: sqlite.prepare('DELETE FROM client_search_keys WHERE client_id = ?'),
    insertKey: sqlite.prepare('INSERT OR IGNORE INTO client_search_keys (key, client_id) VALUES (?, ?)'),
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

interface ClientText {
  id: string;
  name: string;
  phone: string | null;
}

function writeKeys(statements: ReturnType<typeof statementsFor>, client: ClientText, country: CountryCode) {
  const found = clientSearchKeys(client.name, client.phone, country);
  statements.deleteKeys.run(client.id);
  for (const key of found.keys) statements.insertKey.run(key, client.id);
  return { searchName: found.searchName, searchPhone: found.searchPhone };
}

/** The country the stored keys were made for: a typed query is read for the same one. */
export function searchCountry(store: Store): CountryCode {
  return slotOf(store, searchSlot).country;
}

/** With the client's row (inside its transaction): writes its keys, returns its search columns. */
export function writeClientSearch(store: Store, client: ClientText): { searchName: string; searchPhone: string | null } {
  const slot = slotOf(store, searchSlot);
  return writeKeys(slot.statements, client, slot.country);
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
    store.sqlite.prepare('DELETE FROM client_search_keys').run();
    const rows = store.sqlite.prepare('SELECT id, name, phone FROM clients').all() as ClientText[];
    for (const client of rows) {
      const columns = writeKeys(slot.statements, client, wanted);
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
