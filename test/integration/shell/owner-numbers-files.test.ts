import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect } from 'vitest';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { ownerNumbers } from '../../../src-main/core/reports/ownerNumbers';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { chromiumPdfRenderer } from '../../../src-main/files/print/pdf';
import { formatterOf } from '../../../src-shared/locale/format';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { getShopSettings } from '../../../src-main/core/settings/queries';

import { key, type Shop } from '../../support/local/shop';
import { MONTH, ownerNumbersShop, seedMonth } from '../../support/local/ownerNumbersSeed';
import { shopTest } from '../../support/local/shopTest';

/** Money as the shop's default locale writes it (£, en-GB). */
const formatMoney = formatterOf().money;

/**
 * Issue 14: the owner's numbers leave the desk as a PDF (read back with pdftotext) and a CSV, both
 * showing the figures the dashboard shows; nobody but the owner gets them, in plain words.
 */
const it = shopTest(ownerNumbersShop);
const renderer = chromiumPdfRenderer();
afterAll(() => renderer.close());
const createCaller = createCallerFactory(appRouter);

async function callerAs(shop: Shop, staffId: string) {
  const outputDir = join(shop.dir, 'saved');
  mkdirSync(outputDir, { recursive: true });
  const session = new DeskSession();
  await session.signIn(shop.store, { staffId });
  const caller = createCaller({ store: shop.store, session, now: shop.clock.now, requestId: 'req-numbers', shell: { outputDir, pdfRenderer: renderer } } as DeskContext);
  return { caller, outputDir };
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('the owner’s numbers on paper and in a spreadsheet', () => {
  it('prints the month’s figures to a PDF that reads back with pdftotext', async ({ shop }) => {
    await seedMonth(shop);
    const numbers = ownerNumbers(shop.store, MONTH);
    const { caller, outputDir } = await callerAs(shop, shop.owner.id);
    const result = await caller.reports.pdf(MONTH);
    expect(result.fileName).toBe('caredesk-numbers-2026-06-01-to-2026-06-30.pdf');
    const file = join(outputDir, result.fileName);
    writeFileSync(file, Buffer.from(result.pdfBase64, 'base64'));
    const text = squash(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    expect(text).toContain('Test Cuts — The shop’s numbers');
    expect(text).toContain('Monday 1 June 2026 to Tuesday 30 June 2026');
    expect(text).toContain(`Bookings ${numbers.totals.bookings}`);
    expect(text).toContain(`Visits done ${numbers.totals.completed}`);
    expect(text).toContain(`Takings ${formatMoney(numbers.totals.revenueCents)}`);
    expect(text).toContain(`(${numbers.totals.noShows})`);
    expect(text).toContain(`(${numbers.totals.lateCancellations})`);
    expect(text).toContain(`New clients ${numbers.clients.newClients}`);
    expect(text).toContain(`Returning clients ${numbers.clients.returningClients}`);
    expect(numbers.totals.retailCents).toBeGreaterThan(0);
    expect(text).toContain(`Retail ${formatMoney(numbers.totals.retailCents)}`);
    // Stock used: the product, and how many of its unit.
    const tubes = numbers.stockUsed[0]!;
    expect(text).toContain(`Colour 6N ${tubes.quantity} tube`);
    for (const row of numbers.utilisation) expect(text).toContain(`${row.name} ${(row.bookedMinutes / 60).toFixed(1)} h ${(row.scheduledMinutes / 60).toFixed(1)} h`);
    for (const row of numbers.topServices) expect(text).toContain(`${row.name} ${row.visits} ${formatMoney(row.cents)}`);
    // The daily table: the first day's line.
    const first = numbers.days[0]!;
    expect(text).toContain(`Mon 1 Jun ${first.bookings} ${first.completed} ${first.cancelled} ${first.noShows} ${formatMoney(first.serviceCents + first.retailCents)}`);
    // Saved through the shell like the day's PDF.
    const saved = await caller.reports.savePdf(MONTH);
    expect(saved.saved && readFileSync(saved.path).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exports the same figures as CSV', async ({ shop }) => {
    await seedMonth(shop);
    const numbers = ownerNumbers(shop.store, MONTH);
    const { caller } = await callerAs(shop, shop.owner.id);
    const saved = await caller.reports.saveCsv(MONTH);
    if (!saved.saved) throw new Error('the CSV was not saved');
    const text = readFileSync(saved.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Figure', 'For', 'Value']);
    const cell = (figure: string, of: string) => rows.find((row) => row[0] === figure && row[1] === of)?.[2];
    expect(cell('Bookings', 'All these days')).toBe(String(numbers.totals.bookings));
    expect(cell('Takings', 'All these days')).toBe((numbers.totals.revenueCents / 100).toFixed(2));
    expect(cell('Retail', 'All these days')).toBe((numbers.totals.retailCents / 100).toFixed(2));
    for (const day of numbers.days) expect(cell('Retail', day.date)).toBe((day.retailCents / 100).toFixed(2));
    expect(cell('Stock used', 'Colour 6N (tube)')).toBe(String(numbers.stockUsed[0]?.quantity));
    expect(cell('No-show rate (%)', 'All these days')).toBe(((numbers.totals.noShowRate ?? 0) * 100).toFixed(1));
    for (const day of numbers.days) expect(cell('Bookings', day.date)).toBe(String(day.bookings));
    for (const row of numbers.utilisation) expect(cell('Booked share (%)', row.name)).toBe(((row.utilisation ?? 0) * 100).toFixed(1));
  });

  it('exports the CSV in the shop’s language, its numbers and days as plain as in English', async ({ shop }) => {
    await seedMonth(shop);
    const settings = getShopSettings(shop.store)!;
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key('es'), id: SETTINGS_ID, expectedVersion: settings.version, locale: { ...settings.locale, language: 'es' } });
    const numbers = ownerNumbers(shop.store, MONTH);
    const { caller } = await callerAs(shop, shop.owner.id);
    const saved = await caller.reports.saveCsv(MONTH);
    if (!saved.saved) throw new Error('the CSV was not saved');
    const rows = Papa.parse<string[]>(readFileSync(saved.path, 'utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Cifra', 'De', 'Valor']);
    const cell = (figure: string, of: string) => rows.find((row) => row[0] === figure && row[1] === of)?.[2];
    expect(cell('Caja', 'Todos estos días')).toBe((numbers.totals.revenueCents / 100).toFixed(2));
    for (const day of numbers.days) expect(cell('Venta de productos', day.date)).toBe((day.retailCents / 100).toFixed(2));
    expect(cell('Material usado', 'Colour 6N (tube)')).toBe(String(numbers.stockUsed[0]?.quantity));
  });

  it('refuses anyone but the owner in plain words, and saves nothing', async ({ shop }) => {
    const { caller, outputDir } = await callerAs(shop, shop.staff[0].id);
    for (const attempt of [() => caller.reports.ownerNumbers(MONTH), () => caller.reports.pdf(MONTH), () => caller.reports.saveCsv(MONTH), () => caller.reports.savePdf(MONTH)]) {
      await expect(attempt()).rejects.toMatchObject({ cause: { code: 'FORBIDDEN', message: 'Only the shop owner can see the shop’s numbers.' } });
    }
    expect(existsSync(outputDir) ? readdirSync(outputDir) : []).toEqual([]);
    // A range the dashboard cannot show is refused beside its field, in words.
    const owner = (await callerAs(shop, shop.owner.id)).caller;
    await expect(owner.reports.ownerNumbers({ from: '2026-01-01', to: '2027-06-01' })).rejects.toMatchObject({
      cause: { code: 'VALIDATION_ERROR', message: expect.stringContaining('at most a year') as unknown },
    });
  });
});
