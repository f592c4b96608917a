import { expect } from './support/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { formatterOf } from '../../src-shared/locale/format';
import type { LocaleSettings } from '../../src-shared/locale/settings';

import { addDays } from '../../src-shared/time';
import { callDesk, dayFromToday, expectAccessible, openDesk, switchTo, test, testKey } from './helpers';
import { ownDesk } from './support/ownDesk';
import { say } from './support/spoken';


/**
 * Issue 14, acceptance 5 on screen: the owner's numbers over the demo shop's last 30 days (its
 * bookings, cancellations and no-shows, and visits checked out here), the charts drawn, the PDF
 * read back with pdftotext and the CSV saved; anyone but the owner neither sees nor gets them.
 */

test.describe.configure({ mode: 'serial' });

const desk = ownDesk(Number(process.env.CAREDESK_E2E_DASHBOARD_PORT ?? 4553), { startTimeoutMs: 90_000 });

type Numbers = {
  totals: { bookings: number; completed: number; noShows: number; lateCancellations: number; revenueCents: number; serviceCents: number; retailCents: number };
  utilisation: { name: string }[];
  topServices: { name: string; visits: number }[];
};
type DayAppointment = { id: string; version: number; status: string };

const SCREENS = 'test-results/screens';

/** Whether a cell of a saved CSV is the whole of `english`, said in the run's language. */
function reads(cell: string | undefined, english: string): boolean {
  const said = say(english, { exact: true });
  return typeof said === 'string' ? cell === said : said.test(cell ?? '');
}

test('the owner’s numbers: figures, charts, PDF and CSV; refused to anyone else', async ({ page }) => {
  test.setTimeout(180_000);
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', '1234');
  // Yesterday's first three booked visits are checked out at the desk, as a receptionist would.
  const yesterday = dayFromToday(-1);
  const day = await callDesk<{ appointments: DayAppointment[] }>(page, desk.url, 'appointments.day', { date: yesterday }, 'query');
  const visits = day.appointments.filter((visit) => visit.status === 'booked').slice(0, 3);
  expect(visits).toHaveLength(3);
  // The first of them also takes two bottles of shampoo home: retail sold at the till.
  const shampoo = await callDesk<{ row: { id: string } }>(page, desk.url, 'products.create', {
    idempotencyKey: 'e2e-dashboard-shampoo',
    name: 'Silk shampoo',
    kind: 'retail',
    unit: 'bottle',
    priceCents: 1250,
  });
  await callDesk(page, desk.url, 'stock.create', { idempotencyKey: 'e2e-dashboard-receive', productId: shampoo.row.id, kind: 'received', quantity: 10 });
  for (const [index, visit] of visits.entries()) {
    const key = `e2e-dashboard-${visit.id}`;
    await callDesk(page, desk.url, 'appointments.checkIn', { idempotencyKey: `${key}-in`, id: visit.id, expectedVersion: visit.version });
    await callDesk(page, desk.url, 'appointments.startService', { idempotencyKey: `${key}-start`, id: visit.id, expectedVersion: visit.version + 1 });
    await callDesk(page, desk.url, 'appointments.checkOut', {
      idempotencyKey: `${key}-out`,
      id: visit.id,
      expectedVersion: visit.version + 2,
      priceCents: 4000 + index * 500,
      discountCents: index === 0 ? 500 : 0,
      retail: index === 0 ? [{ productId: shampoo.row.id, quantity: 2, priceCents: 1250 }] : [],
    });
  }
  // Dates and money as the shop writes them ("1 Nov 2026", £; the same pounds in Spanish, "1 nov 2026").
  const shopFormat = formatterOf((await callDesk<{ locale: LocaleSettings }>(page, desk.url, 'settings.get', undefined, 'query')).locale);
  const formatMoney = shopFormat.money;
  const range = { from: dayFromToday(-29), to: dayFromToday(0) };
  const numbers = await callDesk<Numbers>(page, desk.url, 'reports.ownerNumbers', range, 'query');
  expect(numbers.totals.completed).toBe(3);
  expect(numbers.totals.serviceCents).toBe(4000 - 500 + 4500 + 5000);
  expect(numbers.totals.retailCents).toBe(2 * 1250);
  expect(numbers.totals.revenueCents).toBe(numbers.totals.serviceCents + 2 * 1250);

  await page.getByRole('button', { name: 'Numbers', exact: true }).click();
  const screen = page.getByTestId('numbers-screen');
  await screen.getByRole('button', { name: 'Last 30 days' }).click();
  // Only the choice made is pressed, even on a day when this month is the last 30 days too (30 November).
  await expect(screen.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(screen.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'false');
  // The range is written as the shop writes dates (en-GB: "1 Nov 2026").
  await expect(screen.getByLabel('From')).toHaveValue(shopFormat.date(range.from));
  const figures = screen.getByTestId('numbers-figures');
  await expect(figures.getByRole('group', { name: 'Bookings' })).toContainText(String(numbers.totals.bookings));
  await expect(figures.getByRole('group', { name: 'Takings' })).toContainText(formatMoney(numbers.totals.revenueCents));
  await expect(figures.getByRole('group', { name: 'Takings' })).toContainText(`Retail: ${formatMoney(2 * 1250)}`);
  // The charts are drawn: five charts, each with its bars.
  await expect(screen.locator('figure.chart-panel')).toHaveCount(5);
  for (const chart of await screen.locator('figure.chart-panel').all()) await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  for (const row of numbers.utilisation) await expect(screen.getByRole('row', { name: new RegExp(row.name) }).first()).toBeVisible();
  await expectAccessible(page, 'owner’s numbers');
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, 'dashboard-month.png') });
  await screen.getByRole('region', { name: 'Stock used' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS, 'dashboard-month-tables.png') });

  // Save as PDF: browser mode downloads it; pdftotext reads the figures back.
  const downloading = page.waitForEvent('download');
  await screen.getByRole('button', { name: 'Save as PDF' }).click();
  const pdf = join(SCREENS, 'dashboard.pdf');
  await (await downloading).saveAs(pdf);
  await expect(screen.getByRole('status')).toContainText('Downloaded caredesk-numbers-');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(`Bookings ${numbers.totals.bookings}`);
  expect(text).toContain(`Takings ${formatMoney(numbers.totals.revenueCents)}`);
  expect(text).toContain(`Retail ${formatMoney(2 * 1250)}`);
  expect(text).toContain(`(${numbers.totals.noShows})`);
  for (const service of numbers.topServices) expect(text).toContain(`${service.name} ${service.visits}`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENS, 'dashboard-pdf')]);

  // Export CSV: saved like every export, the same figures inside.
  await screen.getByRole('button', { name: 'Export CSV' }).click();
  await expect(screen.getByRole('status')).toContainText('The figures were saved to');
  const path = /(\S+\.csv)\.?$/.exec(await screen.getByRole('status').innerText())?.[1] as string;
  // The owner reads it in a spreadsheet: headers and figures in the shop's language, numbers plain.
  const csv = readFileSync(path, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
  expect(['Figure', 'For', 'Value'].every((english, column) => reads(header?.[column], english)), `the header ${header?.join(',')}`).toBe(true);
  const cell = (figure: string, of: string) => lines.find(([named, over]) => reads(named, figure) && reads(over, of))?.[2];
  expect(cell('Bookings', 'All these days')).toBe(String(numbers.totals.bookings));
  expect(cell('Takings', 'All these days')).toBe((numbers.totals.revenueCents / 100).toFixed(2));
  expect(cell('Retail', 'All these days')).toBe('25.00');

  // A range of more than a year is not asked for; the screen says why in words.
  await screen.getByRole('textbox', { name: 'To', exact: true }).fill(addDays(range.from, 400));
  await expect(screen.getByRole('alert')).toContainText('Choose at most a year of days, with the last day on or after the first.');

  // Anyone else: no Numbers in the navigation, and the desk refuses in plain words.
  await switchTo(page, 'Sam Taylor');
  await expect(page.getByRole('button', { name: 'Numbers', exact: true })).toHaveCount(0);
  const refused = await page.request.get(`${desk.url}/trpc/reports.ownerNumbers?input=${encodeURIComponent(JSON.stringify({ json: range }))}`, {
    headers: testKey,
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('Only the shop owner can see the shop’s numbers.');
});
