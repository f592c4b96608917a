import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { chromiumPdfRenderer, renderSchedulePdf } from '../../../src-main/files/print/pdf';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { requireShopSettings } from '../../../src-main/core/settings/queries';
import { DAY, key, seedShop, tempDir, type Shop } from './fixtures';

/** Issue 15, acceptance 3 on paper: the printed day in the shop's language, date pattern and clock. */

const outDir = resolve('test-results/pdf');
const renderer = chromiumPdfRenderer();
let shop: Shop;
const now = Date.UTC(2026, 2, 10, 7, 30);

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  shop = await seedShop(join(tempDir(), 'desk.sqlite'));
  const owner = { ...shop.desk, actor: shop.owner };
  updateShopSettings(owner, {
    idempotencyKey: key('locale'),
    id: SETTINGS_ID,
    expectedVersion: requireShopSettings(shop.store).version,
    locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '12h', weekStart: 1, currency: 'EUR' },
  });
}, 120_000);

afterAll(async () => {
  await renderer.close();
  shop?.store.close();
});

describe('the printed day in Spanish', () => {
  it('reads back with Spanish words, the dd/MM/yyyy date and the 12-hour clock', async () => {
    const result = await renderSchedulePdf(shop.store, { date: DAY, includeCancelled: true }, { renderer, now });
    const file = join(outDir, 'day-es.pdf');
    writeFileSync(file, result.pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('martes 10/03/2026');
    expect(text).toContain('Hora');
    expect(text).toMatch(/\d+ reservadas/);
    expect(text).toMatch(/canceladas \(se muestran\)/);
    expect(text).toMatch(/cancelada/i); // the badge prints in capitals
    expect(text).toMatch(/ 9 a\. ?m\. /); // an hour's row
    expect(text).toMatch(/impreso el mar 10\/03\/2026, 7:30 a\. ?m\./);
    expect(text).toMatch(/\d:\d\d [ap]\. ?m\.–/);
    for (const english of ['Time', 'booked', 'cancelled', 'printed', 'times in', 'Cancelled', 'Tuesday']) expect(text).not.toContain(english);
    expect(result.html).toContain('<html lang="es-ES">');
  }, 120_000);
});
