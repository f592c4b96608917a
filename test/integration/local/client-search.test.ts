import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { DENSE_MATCHES, searchClients } from '../../../src-main/core/clients/queries';
import { deleteClient, updateClient } from '../../../src-main/core/clients/commands';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { defaultMigrationsFolder, openStore, type Store } from '../../../src-main/core/store/open';
import { key, makeShop, tempDir, type Shop } from '../../support/local/shop';

/**
 * Search that finds people (issue 12, acceptance 5), on real SQLite files: a number from any part
 * and in any format, names in any word order and without apostrophes — on a new shop, on a shop
 * file from before this search (its old clients found once it opens), and past the point where
 * common prefixes are found by walking the list in its order instead of through the key index.
 */

const names = (store: Store, query: string, includeDeleted = false) =>
  searchClients(store, { query, limit: 50, includeDeleted }).map((client) => client.name);

const people = [
  { name: 'Zoë Smith', phone: '07700 912466' },
  { name: "Siobhán O'Brien", phone: '+44 7700 900001' },
  { name: 'Zoe Smithers', phone: '020 7946 0018' },
  { name: 'Sam Lee', phone: null },
  { name: 'Ann Other', phone: '+999 5613 2' },
];

describe('client search on a new shop', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await makeShop({ clientNames: people });
  });
  afterAll(() => shop.close());

  it.each(['07700 912466', '07700912466', '2466', '912 466', '+44 7700 912466', '+447700912466', '0044 7700 912466'])(
    '"%s" finds Zoë Smith by her number',
    (query) => {
      expect(names(shop.store, query)).toEqual(['Zoë Smith']);
    },
  );

  it('names in any order, without apostrophes or accents, alphabetical', () => {
    expect(names(shop.store, 'smith zoe')).toEqual(['Zoë Smith', 'Zoe Smithers']);
    expect(names(shop.store, 'smithers zoë')).toEqual(['Zoe Smithers']);
    expect(names(shop.store, 'obrien')).toEqual(["Siobhán O'Brien"]);
    expect(names(shop.store, "O'BRIEN SIOBHAN")).toEqual(["Siobhán O'Brien"]);
    expect(names(shop.store, 'smith jones')).toEqual([]);
    expect(names(shop.store, '')).toEqual(['Ann Other', 'Sam Lee', "Siobhán O'Brien", 'Zoë Smith', 'Zoe Smithers']);
  });

  it('a changed number is found by the new digits only; a removed client only when asked for', () => {
    const zoe = shop.clients[0] as string;
    updateClient(shop.receptionDesk, { idempotencyKey: key(), id: zoe, expectedVersion: 1, phone: '07700 955510' });
    expect(names(shop.store, '2466')).toEqual([]);
    expect(names(shop.store, '5551')).toEqual(['Zoë Smith']);
    deleteClient(shop.receptionDesk, { idempotencyKey: key(), id: zoe, expectedVersion: 2 });
    expect(names(shop.store, '5551')).toEqual([]);
    expect(names(shop.store, '5551', true)).toEqual(['Zoë Smith']);
    // A removed client leaves the indexes; the others keep theirs.
    const refs = (id: string) => shop.store.sqlite.prepare('SELECT count(*) FROM client_search_refs WHERE client_id = ?').pluck().get(id);
    expect(refs(zoe)).toBe(0);
    expect(refs(shop.clients[1] as string)).toBe(1);
  });

  it('a number the library cannot read is still found by its digits; fewer than three digits find nobody', () => {
    updateClient(shop.receptionDesk, { idempotencyKey: key(), id: shop.clients[4] as string, expectedVersion: 1, phone: '+999 8613' });
    expect(names(shop.store, '998 61')).toEqual(['Ann Other']);
    expect(names(shop.store, '86')).toEqual([]);
  });

  it("a shop that moves to New York reads numbers as American: the keys are rebuilt for the shop's country", () => {
    updateClient(shop.receptionDesk, { idempotencyKey: key(), id: shop.clients[3] as string, expectedVersion: 1, phone: '212 555 0100' });
    // Read as a London number it has no form starting with America's country code.
    expect(names(shop.store, '1 212 555')).toEqual([]);
    const settings = shop.store.sqlite.prepare('SELECT version FROM settings WHERE id = ?').get(SETTINGS_ID) as { version: number };
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key(), id: SETTINGS_ID, expectedVersion: settings.version, timeZone: 'America/New_York' });
    expect(names(shop.store, '1 212 555')).toEqual(['Sam Lee']);
    expect(names(shop.store, '+1 (212) 555-0100')).toEqual(['Sam Lee']);
    // The shop's old clients' national numbers now read as American too: still found by their digits.
    expect(names(shop.store, '7946 0018')).toEqual(['Zoe Smithers']);
  });
});

describe('client search on a shop file from before it', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('an upgraded shop finds its old clients by number fragments, word order and apostrophes', () => {
    // The app before this search: every migration up to the one that adds the key table.
    const migrations = join(temp.dir, 'before-search');
    cpSync(defaultMigrationsFolder, migrations, { recursive: true });
    const journalFile = join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const adding = journal.entries.findIndex((entry) =>
      readFileSync(join(migrations, `${entry.tag}.sql`), 'utf8').includes('CREATE TABLE `client_search_refs`'),
    );
    expect(adding).toBeGreaterThan(0);
    expect(readdirSync(migrations).length).toBeGreaterThan(adding);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, adding) }));
    const file = join(temp.dir, 'old-shop.sqlite');
    const old = openStore(file, { migrationsFolder: migrations });
    const t = Date.UTC(2026, 5, 1, 9, 0);
    // Written as the old app wrote them: its search columns (folded name, phone digits), no keys.
    const insert = old.sqlite.prepare(`INSERT INTO clients (id, version, created_at, updated_at, deleted_at, name, phone, email, notes, search_name, search_phone) VALUES (?, 1, ${t}, ${t}, NULL, ?, ?, NULL, '', ?, ?)`);
    people.forEach((person, index) => {
      const id = `10000000-0000-4000-8000-00000000000${index}`;
      insert.run(id, person.name, person.phone, person.name.toLowerCase(), person.phone?.replace(/\D/g, '') || null);
    });
    old.close();

    const store = openStore(file);
    try {
      expect(names(store, '2466')).toEqual(['Zoë Smith']);
      expect(names(store, '+44 7700 912466')).toEqual(['Zoë Smith']);
      expect(names(store, '912 466')).toEqual(['Zoë Smith']);
      expect(names(store, 'smith zoe')).toEqual(['Zoë Smith', 'Zoe Smithers']);
      expect(names(store, 'obrien')).toEqual(["Siobhán O'Brien"]);
    } finally {
      store.close();
    }
  });
});

describe('client search at a size where common prefixes are read in list order', () => {
  const temp = tempDir();
  let store: Store;
  const everyone: { name: string; phone: string }[] = [];
  // Mostly S: "s" is common enough to be found by walking the list.
  const first = ['Zoë', 'Sam', 'Sofia', 'Seán', 'Siobhán', 'Sara', 'Aoife', 'Saoirse', 'Mia', 'Sunil', 'Stella', 'Sol'];
  const last = ['Smith', 'Patel', "O'Brien", 'Jones', 'Khan', 'Murphy-Kelly', 'Brown'];
  beforeAll(() => {
    const file = join(temp.dir, 'many.sqlite');
    const seed = openStore(file);
    const insert = seed.sqlite.prepare(`INSERT INTO clients (id, version, created_at, updated_at, deleted_at, name, phone, email, notes, search_name, search_phone) VALUES (?, 1, 0, 0, NULL, ?, ?, NULL, '', '', NULL)`);
    seed.sqlite.transaction(() => {
      for (let i = 0; i < 12_000; i += 1) {
        const person = { name: `${first[i % first.length]} ${last[(i * 5) % last.length]} ${i}`, phone: `07700 ${String(i * 37).padStart(6, '0')}` };
        everyone.push(person);
        insert.run(`20000000-0000-4000-8000-${String(i).padStart(12, '0')}`, person.name, person.phone);
      }
    })();
    // Rows written behind the desk's back: forgetting the keys' record makes the next open rebuild them.
    seed.sqlite.prepare(`DELETE FROM local_meta WHERE key = 'clientSearch'`).run();
    seed.close();
    store = openStore(file);
  });
  afterAll(() => {
    store.close();
    temp.cleanup();
  });

  const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/'/g, '');
  /** The same answer worked out by hand over every client, in the list's order. */
  function expected(match: (person: { name: string; phone: string }) => boolean): string[] {
    const sortKey = (name: string) => fold(name).replace(/-/g, ' ');
    return everyone.filter(match).map((person) => person.name).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)).slice(0, 50);
  }

  it('the queries below take both ways: through the full-text indexes and by walking the list', () => {
    const matches = (index: string, match: string) =>
      store.sqlite.prepare(`SELECT count(*) FROM ${index} WHERE ${index} MATCH ?`).pluck().get(match) as number;
    expect(matches('client_search_name', '"s"*')).toBeGreaterThanOrEqual(DENSE_MATCHES);
    expect(matches('client_search_phone', '"077"')).toBeGreaterThanOrEqual(DENSE_MATCHES);
    expect(matches('client_search_name', '"obrien"*')).toBeLessThan(DENSE_MATCHES);
    expect(matches('client_search_phone', '"1110"')).toBeLessThan(DENSE_MATCHES);
  });

  it.each(['s', 'smith', 'obrien', 'kelly', 'zoe smith', 'smith zoe 12', 'murphykelly aoife', 'mia pat 29', 'sean', 's s'])('name "%s"', (query) => {
    const words = fold(query).split(' ');
    const want = expected((person) => {
      const parts = fold(person.name).split(/[\s-]+/);
      const whole = fold(person.name).split(' ').map((word) => word.replace(/-/g, ''));
      return words.every((word) => [...parts, ...whole].some((part) => part.startsWith(word)));
    });
    expect(want.length).toBeGreaterThan(0);
    expect(names(store, query)).toEqual(want);
  });

  it.each(['077', '700', '0770', '1110', '37', '99937', '+44 7700 000 111'])('number "%s"', (query) => {
    const digits = query.startsWith('+44') ? query.replace(/\D/g, '').slice(2) : query.replace(/\D/g, '');
    const want = digits.length < 3 ? [] : expected((person) => person.phone.replace(/\D/g, '').includes(digits));
    expect(names(store, query)).toEqual(want);
  });
});
