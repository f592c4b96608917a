import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { defaultMigrationsFolder, openStore, type Store } from '../../../src-main/core/store/open';

/**
 * A shop file as an older app left it: the app's migrations copied into `dir`, the journal cut just
 * before the migration whose tag ends with `tagEnding` (the older app did not have it yet), and the
 * file opened with them. The test writes its rows with the older columns, closes it, and opens it
 * again with today's migrations.
 */
export function olderShopFile(dir: string, tagEnding: string, fileName = 'old-shop.sqlite'): { old: Store; file: string } {
  const migrations = join(dir, `before${tagEnding}`);
  cpSync(defaultMigrationsFolder, migrations, { recursive: true });
  const journalFile = join(migrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const before = journal.entries.findIndex((entry) => entry.tag.endsWith(tagEnding));
  expect(before).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, before) }));
  const file = join(dir, fileName);
  return { old: openStore(file, { migrationsFolder: migrations }), file };
}

/** Open 09:00–17:00 every day, as the settings column held it. */
export const nineToFiveJson = JSON.stringify(
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ open: '09:00', close: '17:00' }]])),
);

/** The ids the older rows are written with. */
export const olderIds = {
  staff: '10000000-0000-4000-8000-000000000001',
  service: '10000000-0000-4000-8000-000000000002',
  client: '10000000-0000-4000-8000-000000000003',
  booking: '10000000-0000-4000-8000-000000000004',
};
