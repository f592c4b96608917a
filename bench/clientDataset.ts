import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { newId } from '../src-shared/ids';
import { seededRandom } from '../src-shared/seededRandom';
import { openStore } from '../src-main/core/store/open';

/**
 * Issue 12's search figures are taken on a shop of 100,000 clients (built once, cached under
 * .bench/): British names drawn with common surnames far more often than rare ones, as a real
 * client list has them, and numbers written the ways receptionists write them (07700 912466,
 * +44 7700 912466, 07700912466, London landlines, one in ten without a number). The rows are
 * bulk-loaded as an older app left them, without search keys: the store's own back-fill at open
 * makes the keys, and how long that takes is the figure an upgraded shop waits once.
 */
export const SEARCH_CLIENTS = 100_000;

const FIRST = ['Zoë', 'Aisha', 'Sam', 'Priya', 'Liam', 'Aoife', 'Noah', 'Mia', 'Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Ava',
  'George', 'Ivy', 'Leo', 'Freya', 'Oscar', 'Lily', 'Arthur', 'Grace', 'Muhammad', 'Sophia', 'Theo', 'Emily', 'Chloé', 'Siobhán',
  'Björn', 'Mary-Jane', 'Ella', 'Ruby', 'Noor', 'Yusuf', 'Hannah', 'Kofi', 'Wei', 'Anya', 'Tomás', 'Niamh'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke', 'Jackson', 'Wood', 'Harris', 'Edwards',
  'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes', 'Moore', 'Clark', 'King', 'Harrison', 'Lewis', 'Baker', 'Lee', 'Allen',
  'Morris', 'Khan', 'Scott', 'Watson', 'Davis', 'Parker', 'James', "O'Brien", 'Murphy-Kelly', 'Nowak', 'Ahmed', 'Okafor',
  'Ferreira', 'Müller', 'Kowalski', 'Singh', 'Begum', 'Chen', 'Nguyen', "D'Souza", 'MacLeod', 'Fitzgerald'];

export function clientsFile(dir: string): string {
  return `${dir}/clients-${SEARCH_CLIENTS}.sqlite`;
}

/** Builds the file once; returns how long the store's back-fill of the search keys took (ms), or null when cached. */
export function buildClientDataset(dir: string): number | null {
  const file = clientsFile(dir);
  if (existsSync(file)) return null;
  const building = `${file}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  openStore(building).close();
  const db = new Database(building);
  db.pragma('journal_mode = WAL');
  const random = seededRandom(12);
  // Zipf-like: the n-th surname is about 1/n as common as the first.
  const weights = LAST.map((_, index) => 1 / (index + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const surname = () => {
    let left = random() * total;
    for (let index = 0; index < LAST.length; index += 1) {
      left -= weights[index] as number;
      if (left <= 0) return LAST[index] as string;
    }
    return LAST[LAST.length - 1] as string;
  };
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const phone = (): string | null => {
    const kind = random();
    const mobile = `7${digits(3)}`;
    const rest = digits(6);
    if (kind < 0.1) return null;
    if (kind < 0.5) return `0${mobile} ${rest}`;
    if (kind < 0.7) return `+44 ${mobile} ${rest}`;
    if (kind < 0.85) return `0${mobile}${rest}`;
    return `020 ${digits(4)} ${digits(4)}`;
  };
  const now = Date.UTC(2026, 10, 1);
  const insert = db.prepare(
    `INSERT INTO clients (id, version, created_at, updated_at, deleted_at, name, phone, email, notes, search_name, search_phone) VALUES (?, 1, ?, ?, NULL, ?, ?, NULL, '', ?, ?)`,
  );
  db.transaction(() => {
    for (let index = 0; index < SEARCH_CLIENTS; index += 1) {
      const name = `${FIRST[Math.floor(random() * FIRST.length)] as string} ${surname()}`;
      const number = phone();
      insert.run(newId(), now, now, name, number, name.toLowerCase(), number?.replace(/\D/g, '') ?? null);
    }
  })();
  // As an app from before the key table left it: the next open back-fills every client.
  db.prepare(`DELETE FROM local_meta WHERE key = 'clientSearch'`).run();
  db.close();
  const start = performance.now();
  const store = openStore(building);
  const backfillMs = performance.now() - start;
  // No ANALYZE: a shop's desk never runs it, so the plans measured are the ones it gets.
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  renameSync(building, file);
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  return backfillMs;
}

/** What a receptionist types: a surname or first name's first 1–4 letters, or four digits. */
export function searchQueries(count: number): { names: string[]; phones: string[] } {
  const random = seededRandom(34);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const names = Array.from({ length: count }, () => {
    const word = random() < 0.7 ? pick(LAST) : pick(FIRST);
    return word.slice(0, 1 + Math.floor(random() * 4));
  });
  const phones = Array.from({ length: count }, () => String(Math.floor(random() * 10_000)).padStart(4, '0'));
  return { names, phones };
}
