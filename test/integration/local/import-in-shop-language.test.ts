import { describe, expect } from 'vitest';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { getShopSettings } from '../../../src-main/core/settings/queries';
import { startImport } from '../../../src-main/files/imports/importJobs';
import { inShopLanguage } from '../../../src-main/core/settings/shopLanguage';
import { SETTINGS_ID } from '../../../src-shared/entities';
import type { LocaleSettings } from '../../../src-shared/locale/settings';
import { clientImportCsv } from '../../../bench/importDataset';
import { importText, preview, uploadFile } from '../../support/local/clientImport';
import { appErrorOfCall, key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/**
 * Issue 15: what the importer tells a receptionist of a Spanish shop — a mapping it cannot import,
 * a row the file spoils, a job that failed — is in Spanish; the mapping's problem reaches the screen
 * as a key the screen says.
 */

const it = shopTest();
const spanish: LocaleSettings = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '12h', weekStart: 1, currency: 'EUR' };
const inSpanish = (shop: Shop) =>
  updateShopSettings(shop.ownerDesk, { idempotencyKey: key('es'), id: SETTINGS_ID, expectedVersion: getShopSettings(shop.store)!.version, locale: spanish });

const csv = ['Name,Phone,Email', 'Ana Uno,07700 900001,ana@example.com', '"Bea Rota,07700 900002,', 'Cris Tres,07700 900003,cris@example.com'].join('\r\n');

describe('the importer in the shop’s language', () => {
  it('hands the screen a mapping’s problem as a key, and refuses an import with it in Spanish', async ({ shop }) => {
    inSpanish(shop);
    const uploadId = uploadFile(shop.store, 'clientes.csv', csv);
    expect(preview(shop.receptionDesk, uploadId, 'skip', ['phone', 'phone', 'email']).mappingProblem).toBe('sameField');
    expect(preview(shop.receptionDesk, uploadId, 'skip', [null, 'phone', 'email']).mappingProblem).toBe('noName');
    expect(preview(shop.receptionDesk, uploadId, 'skip', ['name', 'service', 'email']).mappingProblem).toBe('notForClients');
    expect(preview(shop.receptionDesk, uploadId, 'skip', ['name', 'phone']).mappingProblem).toBe('columnsChanged');
    expect(preview(shop.receptionDesk, uploadId, 'skip', ['name', 'phone', 'email'], 'appointments').mappingProblem).toBe('noService');
    const refused = await appErrorOfCall(() =>
      startImport(shop.receptionDesk, { uploadId, mapping: [null, 'phone', 'email'], duplicates: 'skip', dryRun: true, idempotencyKey: key('imp') }),
    );
    // A refusal like any other: English in the logs, said in the shop's language where the desk hands it to a screen.
    expect(refused).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Choose the column that holds the client’s name (or first and last name).', details: { field: 'mapping' } });
    expect(inShopLanguage(shop.store, refused.toEnvelope('imp')).message).toBe('Elige la columna que lleva el nombre del cliente (o el nombre de pila y los apellidos).');
  });

  it('says a row with an unclosed quotation mark in Spanish', async ({ shop }) => {
    inSpanish(shop);
    const seen = preview(shop.receptionDesk, uploadFile(shop.store, 'clientes.csv', csv));
    expect(seen.mappingProblem).toBeNull();
    expect(seen.problems).toEqual([{ row: 3, reason: 'Esta fila tiene unas comillas que nunca se cierran, así que sus celdas no se pueden separar.' }]);
  });

  it('says why a job failed in Spanish', async ({ shop }) => {
    inSpanish(shop);
    let writes = 0;
    shop.store.faults.beforeRowWrite = () => {
      writes += 1;
      if (writes === 10) throw new Error('disk unplugged');
    };
    const done = await importText(shop.receptionDesk, 'clientes.csv', clientImportCsv(30, 0, []));
    shop.store.faults.beforeRowWrite = undefined;
    expect(done).toMatchObject({ phase: 'failed', error: 'No se ha podido guardar el cambio y no se ha cambiado nada. Vuelve a intentarlo.' });
  });

  it('says the same in English for an English shop', async ({ shop }) => {
    const uploadId = uploadFile(shop.store, 'clients.csv', csv);
    const refused = await appErrorOfCall(() =>
      startImport(shop.receptionDesk, { uploadId, mapping: ['phone', 'phone', 'email'], duplicates: 'skip', dryRun: true, idempotencyKey: key('imp') }),
    );
    expect(refused.message).toBe('Two columns fill the same field. Choose each field for one column only.');
    expect(preview(shop.receptionDesk, uploadId).problems).toEqual([{ row: 3, reason: 'This row has a quotation mark that is never closed, so its cells cannot be told apart.' }]);
  });
});
