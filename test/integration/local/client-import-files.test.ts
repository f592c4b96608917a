import { count, isNull } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { describe, expect } from 'vitest';
import { createClient } from '../../../src-main/core/clients/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { clients } from '../../../src-main/core/store/schema';
import type { Store } from '../../../src-main/core/store/open';
import { clientsCsv } from '../../../src-main/files/exports/clientsCsv';
import { undoImport } from '../../../src-main/files/imports/commitImport';
import { decodeCsv, MAX_IMPORT_BYTES } from '../../../src-main/files/imports/decodeCsv';
import { beginUpload, cancelImport, importProgress, startImport } from '../../../src-main/files/imports/importJobs';
import { clientImportCsv } from '../../../bench/importDataset';
import { importText, preview, uploadFile } from '../../support/local/clientImport';
import { appErrorOfCall, dumpHash, key, makeShop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';
import { checkInvariants } from '../../support/local/invariants';

/** Issue 15: files other tools (and this desk) write, and files nobody should import, on a real SQLite file. */

const it = shopTest();
const clientRows = (store: Store) =>
  store.db
    .select({ name: clients.name, phone: clients.phone, email: clients.email, notes: clients.notes, allergies: clients.allergies, patchTestOn: clients.patchTestOn, preferences: clients.preferences })
    .from(clients)
    .where(isNull(clients.deletedAt))
    .orderBy(clients.name)
    .all();
const liveClients = (store: Store) => store.db.select({ n: count() }).from(clients).where(isNull(clients.deletedAt)).get()!.n;

describe('a CareDesk export opens back in the importer', () => {
  it('round-trips every client exactly: quotes, commas, accents, line breaks, formulas and + numbers', async ({ shop }) => {
    const tricky = [
      { name: 'Anne "Nan" O’Neil', phone: '+44 7700 900456', email: 'nan@example.com', notes: 'Line one\nLine "two", with a comma' },
      { name: 'Smith, Jr.', phone: '+1 (212) 555-0100', allergies: 'Latex, nuts', patchTestOn: '2026-03-01', preferences: 'Quiet chair' },
      { name: 'Zoë Åberg-Núñez', phone: '020 7946 0018', email: 'zoe@example.com' },
      { name: '=HYPERLINK("http://evil.example","Click")', notes: '=1+2' },
      { name: "-2+3+cmd|' /C calc'!A0", notes: '-0207' },
      { name: '@SUM(A1:A9)', preferences: '+ extra foam' },
      { name: "'Quoted' Quinn", notes: "'tis the season" },
    ];
    for (const client of tricky) createClient(shop.receptionDesk, { idempotencyKey: key('c'), ...client });
    const exported = await clientsCsv(shop.store);

    const other = await makeShop({ clientNames: [] });
    try {
      const uploadId = uploadFile(other.store, 'caredesk-clients.csv', exported);
      expect(preview(other.receptionDesk, uploadId).mapping).toEqual(['name', 'phone', 'email', 'notes', 'allergies', 'patchTestOn', 'preferences']);
      const done = await importText(other.receptionDesk, 'caredesk-clients.csv', exported);
      expect(done.outcome).toMatchObject({ added: shop.clients.length + tricky.length, problems: 0 });
      expect(clientRows(other.store)).toEqual(clientRows(shop.store));
    } finally {
      other.close();
    }
  });
});

describe('files the importer refuses, or reads with care', () => {
  it('refuses a file in an encoding it cannot recognise, or no text at all, in words, writing nothing', async ({ shop }) => {
    const before = dumpHash(shop.store);
    const binary = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const uploadId = uploadFile(shop.store, 'clients.xlsx', binary);
    const refusal = await appErrorOfCall(() => preview(shop.receptionDesk, uploadId));
    expect(refusal).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'file' } });
    expect(refusal.message).toMatch(/could not tell how the letters in this file are written/);
    expect(dumpHash(shop.store)).toBe(before);
  });

  it('reads a Windows-1252 file and a UTF-16 file with their accents', async ({ shop }) => {
    const latin = iconv.encode('Name,Phone\r\nZoë Brontë,07700 900777\r\nJosé Núñez,07700 900778\r\n', 'windows-1252');
    expect(decodeCsv(latin)).toContain('Zoë Brontë');
    await importText(shop.receptionDesk, 'latin.csv', latin);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Name,Email\r\nÅsa Öberg,asa@example.com\r\n', 'utf-16le')]);
    await importText(shop.receptionDesk, 'unicode.csv', utf16);
    expect(clientRows(shop.store).map((row) => row.name)).toEqual(expect.arrayContaining(['Zoë Brontë', 'José Núñez', 'Åsa Öberg']));
  });

  it('refuses a file above the limit before reading it, saying the sizes', async ({ shop }) => {
    const fifty = 50 * 1024 * 1024;
    const refusal = await appErrorOfCall(() => beginUpload(shop.store, { fileName: 'huge.csv', bytes: fifty }, 0));
    expect(refusal).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(refusal.message).toBe('This file is 50 MB; the importer reads files up to 20 MB. Save the clients in smaller files and import each one.');
    expect((await appErrorOfCall(() => decodeCsv(new Uint8Array(MAX_IMPORT_BYTES + 1)))).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists ragged rows, an unclosed quote and dates in the wrong format by row, and imports the good rows only', async ({ shop }) => {
    const csv = [
      'Name,Phone,Patch test',
      'Good One,07700 900001,2026-01-31',
      'Too Few,07700 900002',
      'Too Many,07700 900003,2026-01-01,extra',
      'Bad Date,07700 900004,31/01/2026',
      'Not A Day,07700 900005,2026-02-30',
      'Good Two,07700 900006,',
      '"Unclosed,07700 900007,',
    ].join('\r\n');
    const seen = preview(shop.receptionDesk, uploadFile(shop.store, 'ragged.csv', csv));
    expect(seen.problems).toEqual([
      { row: 3, reason: 'This row has 2 cells where the header names 3 columns, so its values cannot be matched to the columns.' },
      { row: 4, reason: 'This row has 4 cells where the header names 3 columns, so its values cannot be matched to the columns.' },
      { row: 5, reason: 'Patch test date must be a date as YYYY-MM-DD.' },
      { row: 6, reason: 'Patch test date must be a date as YYYY-MM-DD.' },
      { row: 8, reason: 'This row has a quotation mark that is never closed, so its cells cannot be told apart.' },
    ]);
    const done = await importText(shop.receptionDesk, 'ragged.csv', csv);
    expect(done.outcome).toMatchObject({ added: 2, problems: 5 });
  });

  it('never runs a formula: a cell is text, and only the exporter’s apostrophe before a formula is taken off', async ({ shop }) => {
    const csv = ['Name,Notes', '"=HYPERLINK(""http://evil.example"",""Click"")",=1+2', "'=SUM(A1),'tis", "'Brien,'@home"].join('\r\n');
    await importText(shop.receptionDesk, 'formulas.csv', csv);
    const byName = new Map(clientRows(shop.store).map((row) => [row.name, row.notes]));
    expect(byName.get('=HYPERLINK("http://evil.example","Click")')).toBe('=1+2');
    expect(byName.get('=SUM(A1)')).toBe("'tis");
    expect(byName.get("'Brien")).toBe('@home');
  });

  it('a dry run judges every row as the import would and writes nothing', async ({ shop }) => {
    const before = dumpHash(shop.store);
    const csv = clientImportCsv(300, 20, [{ name: 'Zoë Smith', phone: '07700 900123', email: null }]);
    const dry = await importText(shop.receptionDesk, 'clients.csv', csv, { dryRun: true });
    expect(dry).toMatchObject({ phase: 'done', outcome: { added: 300, merged: 0, skipped: 1, problems: 20, dryRun: true } });
    expect(dumpHash(shop.store)).toBe(before);
  });

  it('imports nothing when any change fails: all the good rows in one transaction, or none', async ({ shop }) => {
    const before = dumpHash(shop.store);
    let writes = 0;
    shop.store.faults.beforeRowWrite = () => {
      writes += 1;
      if (writes === 40) throw new Error('disk unplugged');
    };
    const done = await importText(shop.receptionDesk, 'clients.csv', clientImportCsv(100, 0, []));
    shop.store.faults.beforeRowWrite = undefined;
    expect(done.phase).toBe('failed');
    expect(done.error).toBe('The change could not be saved, and nothing was changed. Please try again.');
    expect(dumpHash(shop.store)).toBe(before);
  });

  it('can be cancelled while it checks the rows, before anything is written', async ({ shop }) => {
    const before = dumpHash(shop.store);
    const uploadId = uploadFile(shop.store, 'clients.csv', clientImportCsv(5_000, 0, []));
    const mapping = preview(shop.receptionDesk, uploadId).mapping;
    const { jobId } = startImport(shop.receptionDesk, { uploadId, mapping, duplicates: 'skip', dryRun: false, idempotencyKey: key('imp') });
    expect(importProgress(shop.store, jobId)).toMatchObject({ phase: 'checking', total: 5_000 });
    expect(cancelImport(shop.store, jobId)).toEqual({ cancelled: true });
    for (let i = 0; i < 200 && ['checking', 'saving'].includes(importProgress(shop.store, jobId).phase); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(importProgress(shop.store, jobId).phase).toBe('cancelled');
    expect(dumpHash(shop.store)).toBe(before);
  });

  it('merges a duplicate into the client here (filling what they lack), keeps both, or skips; undo puts the merge back', async ({ shop }) => {
    const zoe = loadRow(shop.store, 'client', shop.clients[0]!)!;
    expect(zoe).toMatchObject({ name: 'Zoë Smith', phone: '07700 900123', email: null });
    const csv = 'Name,Mobile,Email,Notes\r\nZoe Smith,+44 7700 900123,zoe@example.com,Prefers mornings\r\n';
    expect(preview(shop.receptionDesk, uploadFile(shop.store, 'dupes.csv', csv)).duplicates).toEqual([
      { row: 2, name: 'Zoe Smith', matches: 'Zoë Smith', matchedBy: 'phone', outcome: 'skipped' },
    ]);
    const merged = await importText(shop.receptionDesk, 'dupes.csv', csv, { duplicates: 'merge' });
    expect(merged.outcome).toMatchObject({ added: 0, merged: 1 });
    expect(loadRow(shop.store, 'client', zoe.id)).toMatchObject({ name: 'Zoë Smith', email: 'zoe@example.com', notes: 'Prefers mornings' });
    undoImport(shop.receptionDesk, { id: merged.outcome!.batchId!, idempotencyKey: key('undo') });
    expect(loadRow(shop.store, 'client', zoe.id)).toMatchObject({ email: null, notes: '', deletedAt: null });

    const count0 = liveClients(shop.store);
    const kept = await importText(shop.receptionDesk, 'dupes.csv', csv, { duplicates: 'keepBoth' });
    expect(kept.outcome).toMatchObject({ added: 1 });
    expect(liveClients(shop.store)).toBe(count0 + 1);
    // Every row, the batch's included, is the fold of its events.
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('refuses to undo an import one of whose clients was changed since, naming them, and undoes nothing', async ({ shop }) => {
    const done = await importText(shop.receptionDesk, 'two.csv', 'Name,Phone\r\nPat Later,07700 900111\r\nSam Same,07700 900112\r\n');
    const pat = clientRows(shop.store).find((row) => row.name === 'Pat Later')!;
    const patRow = shop.store.db.select().from(clients).all().find((row) => row.name === pat.name)!;
    const { updateClient } = await import('../../../src-main/core/clients/commands');
    updateClient(shop.receptionDesk, { idempotencyKey: key('u'), id: patRow.id, expectedVersion: patRow.version, notes: 'Changed later' });
    const before = dumpHash(shop.store);
    const refusal = await appErrorOfCall(() => undoImport(shop.receptionDesk, { id: done.outcome!.batchId!, idempotencyKey: key('undo') }));
    expect(refusal.code).toBe('UNDO_NOT_ALLOWED');
    expect(refusal.message).toMatch(/^Pat Later was changed after the import/);
    expect(dumpHash(shop.store)).toBe(before);
  });
});
