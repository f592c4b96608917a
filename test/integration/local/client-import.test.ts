import { count, isNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { createClient } from '../../../src-main/core/clients/commands';
import { activityLog } from '../../../src-main/core/activity/activityLog';
import { loadRow } from '../../../src-main/core/store/rows';
import { clients } from '../../../src-main/core/store/schema';
import { undoImport } from '../../../src-main/files/imports/commitImport';
import type { Store } from '../../../src-main/core/store/open';
import { clientImportCsv, mobileOf, type ExistingClient } from '../../../bench/importDataset';
import { importText, preview, uploadFile } from '../../support/local/clientImport';
import { key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/** Acceptance 1 of issue 15: a 10,000-row file with 200 bad rows and 300 duplicates, on a real SQLite file. */

const it = shopTest();
const liveClients = (store: Store) => store.db.select({ n: count() }).from(clients).where(isNull(clients.deletedAt)).get()!.n;

function existingClients(shop: Shop, howMany: number): ExistingClient[] {
  return Array.from({ length: howMany }, (_, j) => {
    const client = { name: `Known${j} Person`, phone: mobileOf(500_000 + j), email: `known${j}@example.com` };
    createClient(shop.receptionDesk, { idempotencyKey: key('known'), ...client });
    return client;
  });
}

describe('importing clients from a CSV file', () => {
  it(
    'lists each problem with its row, adds exactly the good rows as one undoable batch, and adds nothing when imported again',
    async ({ shop }) => {
      const known = existingClients(shop, 300);
      const before = liveClients(shop.store);
      const csv = clientImportCsv(9_500, 200, known);
      const uploadId = uploadFile(shop.store, 'clients.csv', csv);

      const seen = preview(shop.receptionDesk, uploadId);
      expect(seen.mapping).toEqual(['firstName', 'lastName', 'phone', 'email', 'notes', 'patchTestOn']);
      expect(seen.rows).toBe(10_000);
      expect(seen.problemCount).toBe(200);
      expect(seen.duplicateCount).toBe(300);
      expect(seen.wouldAdd).toBe(9_500);
      // Every problem names its row and says what is wrong in words.
      const reasons = new Set(seen.problems.map((problem) => problem.reason.replace(/“.*”/, '“…”')));
      expect([...reasons].sort()).toEqual(
        [
          'E-mail must be an e-mail address.',
          'Name is missing.',
          'Patch test date must be a date as YYYY-MM-DD.',
          'Phone must be a phone number.',
          'This row has 4 cells where the header names 6 columns, so its values cannot be matched to the columns.',
        ].sort(),
      );
      expect(seen.problems.every((problem) => problem.row >= 2 && problem.row <= 10_001)).toBe(true);
      expect(new Set(seen.problems.map((problem) => problem.row)).size).toBe(200);

      const started = performance.now();
      const done = await importText(shop.receptionDesk, 'clients.csv', csv);
      const seconds = (performance.now() - started) / 1000;
      expect(done.phase).toBe('done');
      expect(done.outcome).toMatchObject({ added: 9_500, merged: 0, skipped: 300, problems: 200, dryRun: false });
      expect(liveClients(shop.store)).toBe(before + 9_500);
      console.log(`imported 10,000 rows in ${seconds.toFixed(2)} s`);

      // One entry in the activity log for the whole file.
      const activity = activityLog(shop.store, { limit: 5 });
      expect(activity.items[0]).toMatchObject({ type: 'importBatch.create', entityId: done.outcome!.batchId, after: { fileName: 'clients.csv', added: 9_500 } });
      expect(activity.items[1]).toMatchObject({ type: 'client.create', after: { name: 'Known299 Person' } });

      // The same file again, with the same choice, adds nothing (and leaves no entry).
      const again = await importText(shop.receptionDesk, 'clients.csv', csv);
      expect(again.outcome).toMatchObject({ batchId: null, added: 0, merged: 0, skipped: 9_800 });
      expect(liveClients(shop.store)).toBe(before + 9_500);

      // Undo takes the whole batch back: exactly its clients, no others.
      const batch = loadRow(shop.store, 'importBatch', done.outcome!.batchId!)!;
      undoImport(shop.receptionDesk, { id: batch.id, idempotencyKey: key('undo') });
      expect(liveClients(shop.store)).toBe(before);
      expect(loadRow(shop.store, 'importBatch', batch.id)?.deletedAt).not.toBeNull();
      const afterUndo = activityLog(shop.store, { limit: 5 });
      expect(afterUndo.items[0]).toMatchObject({ type: 'importBatch.undo' });
    },
    // 10,000 rows are written three times (import, re-imports that write nothing, undo) on a machine shared by many.
    900_000,
  );
});
