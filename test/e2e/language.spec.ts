import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { demoRecordTexts } from '../../src-main/core/demo/texts';
import { ZONE, screenshots } from './helpers';
import { asOwner, openDeskAt, ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';
import { callDesk } from './helpers';

/**
 * Issue 15, acceptance 3: with Spanish, dd/MM/yyyy, a 24-hour clock, weeks from Monday and euros
 * chosen, no screen the walk reaches shows an English catalogue string, a date in English words, an
 * ISO or English-pattern date in a field, or a 12-hour time, in its text or its fields' values,
 * hints and names; the day's PDF, the owner's numbers PDF and the message preview read the same.
 * The owner walks it, so the owner's screens are in it. The walk goes by position (the screens'
 * buttons in order), not by their English names, so it walks the same in any language. What it
 * finds is written screen by screen to test-results/language-report.json (with a screenshot of
 * each screen) and then asserted empty. The demo shop is seeded in the run's language: in the
 * Spanish run its records are Spanish and are held to the check like every other text; in the
 * English run they are English, the shop's own data typed before its language was changed to
 * Spanish (a real shop's stay as typed too), so only then are they taken out of the text first.
 * The names the walk itself types are Spanish; the catalogue's texts Spanish says as English does
 * (a command's name) are taken out first too. Words the desk's main process makes are in it too (an
 * attention item: a product low on stock), and an erased client's visit, whose stored marker must
 * read in Spanish on the day, in the drawer and on the day's PDF.
 */

const monday = '2026-11-30';
const at = DateTime.fromISO(`${monday}T10:30`, { zone: ZONE }).toMillis();
const desk = ownDesk(Number(process.env.CAREDESK_E2E_LANGUAGE_PORT ?? 4558), { shopTime: at, startTimeoutMs: 240_000 });
const spanish = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' } as const;

/**
 * Catalogue texts Spanish says as English does (a command's name, "shop pair-code"): never English
 * left behind, so taken out of a screen's text first, as the shop's data is, lest a shorter English
 * text inside one ("pair", a stock unit) be found in it.
 */
const sameInBoth = new Set<string>();

/** Every English catalogue text longer than three characters that Spanish says otherwise, split at its {{placeholders}}. */
function englishTexts(): string[] {
  const flat = (value: unknown): string[] => (typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(flat) : []);
  // Read from the files: Playwright's loader takes no JSON imports (src-shared/i18n/resources.ts lists the same files).
  const catalogue = (language: string, file: string): unknown => JSON.parse(readFileSync(`src-shared/i18n/locales/${language}/${file}`, 'utf8'));
  const texts = new Set<string>();
  for (const file of readdirSync('src-shared/i18n/locales/en')) {
    const spanishValues = new Set(flat(catalogue('es', file)));
    for (const value of flat(catalogue('en', file))) {
      if (spanishValues.has(value)) {
        for (const piece of value.split(/\{\{[^}]*\}\}|\{[^}]*\}|\n/u)) if (piece.trim().length > 3) sameInBoth.add(piece.trim());
        continue;
      }
      for (const piece of value.split(/\{\{[^}]*\}\}|\{[^}]*\}|\n/u)) {
        const text = piece.trim().replace(/^[,.:;·—–-]+|[,.:;·—–-]+$/gu, '').trim();
        if (text.length > 3 && /\p{L}/u.test(text)) texts.add(text);
      }
    }
  }
  return [...texts];
}

const english = englishTexts();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A date in English words (long or short), a 12-hour time, or a share with a decimal point ("3.6%"). */
const englishCalendar = new RegExp(
  [
    '\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)\\b',
    '\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d',
    '\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b',
    '\\d\\s?[AaPp]\\.?\\s?[Mm]\\b\\.?',
    '\\d\\.\\d+\\s?%',
  ].join('|'),
  'u',
);
/** A field's value or hint that is a date, but not in the shop's dd/MM/yyyy: ISO, or an English pattern. */
const foreignDate = /^\d{4}-\d{2}-\d{2}$|yyyy|mm\/dd/u;
const found: Record<string, string[]> = {};
/**
 * Longest first, so a record's text is taken out whole before a shorter one inside it. The demo's
 * records only when English (the English run): the Spanish run's are Spanish, checked as any text is.
 */
const seededInEnglish = e2eLanguage === 'en' ? demoRecordTexts('en') : [];
const shopData = [...seededInEnglish, ...sameInBoth].sort((a, b) => b.length - a.length);

/**
 * Which English catalogue strings and English dates or times a text holds, each with the words around
 * it. `offered`: choices a list offers (the language page's "12 horas (2:30 p. m.)"), which are not the
 * shop's dates and times, so the calendar check leaves them out.
 */
function englishIn(shown: string, offered: readonly string[] = []): string[] {
  const text = shopData.reduce((rest, data) => rest.split(data).join(' · '), shown);
  const around = (index: number, length: number) => `“${text.slice(Math.max(0, index - 40), index + length + 40).replace(/\s+/g, ' ').trim()}”`;
  const left = english.flatMap((phrase) => {
    const match = new RegExp(`(^|[^\\p{L}])${escape(phrase)}($|[^\\p{L}])`, 'u').exec(text);
    return match === null ? [] : [`${phrase} — ${around(match.index, phrase.length)}`];
  });
  const calendar = englishCalendar.exec(offered.reduce((rest, choice) => rest.split(choice).join(' · '), text));
  if (calendar) left.push(`(a date, time or share written the English way) — ${around(calendar.index, calendar[0].length)}`);
  return left;
}

/** Recorded under the screen's name; the report is written at every screen, so a walk cut short still says what it saw. */
function record(screen: string, left: string[]): void {
  if (left.length > 0) found[screen] = [...(found[screen] ?? []), ...left];
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/language-report.json', `${JSON.stringify(found, null, 2)}\n`);
}

/** What of English a screen shows: its text, and its fields' hints, names and (for text) values. */
async function look(page: Page, screen: string): Promise<void> {
  // A moment for the screen's queries to answer before it is read and photographed; nothing is timed.
  await page.waitForTimeout(250);
  // A chart's axis is drawn in SVG, whose words innerText may leave out.
  const text = await page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('svg text')].map((label) => label.textContent ?? '')].join('\n'));
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((field) => ({
      hints: [field.placeholder, field.getAttribute('aria-label') ?? ''].filter((hint) => hint !== ''),
      value: field instanceof HTMLInputElement && field.type !== 'text' && field.type !== 'search' ? '' : field.value,
    })),
  );
  const hints = fields.flatMap((field) => field.hints);
  const offered = await page.evaluate(() => [...document.querySelectorAll('option')].map((option) => option.text).filter((choice) => choice !== ''));
  const left = englishIn(`${text}\n${hints.join('\n')}`, offered);
  for (const shown of [...hints, ...fields.map((field) => field.value)]) if (foreignDate.test(shown)) left.push(`(a date field not in dd/mm/aaaa) — “${shown}”`);
  record(screen, left);
  await screenshots(page, `language-es-${screen}`);
}

/** A PDF the screen downloads when `save` is clicked, as text (pdftotext), checked as a screen is. */
async function lookAtPdf(page: Page, screen: string, save: () => Promise<void>): Promise<string> {
  const downloading = page.waitForEvent('download');
  await save();
  const download = await downloading;
  mkdirSync('test-results/language', { recursive: true });
  const file = join('test-results/language', `${screen}.pdf`);
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  record(screen, englishIn(text));
  return text.replace(/\s+/g, ' ');
}

const nav = (page: Page) => page.locator('nav.screens > button');

test.describe.configure({ mode: 'serial' });

test('in Spanish every screen, PDF and message preview shows no English and follows the date and time setting', async ({ page }) => {
  test.setTimeout(480_000);
  await openDeskAt(page, desk, at, monday);
  let owner = '';
  await asOwner(page, desk, async (byName) => {
    owner = byName('Maya Okafor').id;
    const settings = await callDesk<{ id: string; version: number }>(page, desk.url, 'settings.get', undefined, 'query');
    await callDesk(page, desk.url, 'settings.update', { idempotencyKey: crypto.randomUUID(), id: settings.id, expectedVersion: settings.version, locale: spanish });
    // Words the main process makes: a product low on stock, on the attention list (none received, so at its level of 2).
    await callDesk(page, desk.url, 'products.create', { idempotencyKey: 'e2e-language-tint', name: 'Tinte 6N', kind: 'backBar', unit: 'tubo', supplier: 'Wella', lowStockAt: 2 });
    // An erased client who came earlier today: her visit stays on the day, under the stored marker.
    const day = await callDesk<{ appointments: { startsAt: number; status: string; client: { name: string } }[] }>(page, desk.url, 'appointments.day', { date: monday }, 'query');
    const earlier = day.appointments.find((visit) => visit.startsAt < at && visit.status !== 'cancelled');
    expect(earlier, 'a visit earlier on the demo day').toBeDefined();
    const client = (await callDesk<{ id: string; version: number; name: string }[]>(page, desk.url, 'clients.search', { query: earlier!.client.name }, 'query')).find(
      (found) => found.name === earlier!.client.name,
    )!;
    await callDesk(page, desk.url, 'clients.erase', { idempotencyKey: crypto.randomUUID(), id: client.id, expectedVersion: client.version, reason: 'Lo pidió por correo' });
  });
  // The owner walks: her screens (the numbers, every settings page) are in the walk too.
  await callDesk(page, desk.url, 'session.signIn', { staffId: owner, pin: '1234' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-ES');
  await expect(page.getByTestId('day-view')).toBeVisible();

  // The day: its title in the chosen pattern, its times on a 24-hour clock, its date field in dd/mm/aaaa.
  await expect(page.getByTestId('date-title')).toContainText('lunes 30/11/2026');
  await expect(page.getByTestId('appointment-card').first()).toContainText(/\b\d{2}:\d{2}–\d{2}:\d{2}\b/);
  await expect(page.locator('#date-picker')).toHaveValue('30/11/2026');
  // The erased client's visit: the stored marker said in Spanish (the walk's check finds the English one anywhere it is left).
  await expect(page.getByTestId('appointment-card').filter({ hasText: 'Cliente borrado' }).first()).toBeVisible();
  await look(page, 'day');

  // The attention list, made in the main process: the low stock in Spanish, with its next step.
  const banner = page.getByTestId('status-banner');
  await expect(banner.getByTestId('banner-top-attention')).toBeVisible();
  const more = banner.getByTestId('banner-attention-more');
  if ((await more.count()) > 0) await more.click();
  const lowStock = (await more.count()) > 0 ? banner.getByTestId('attention-list').getByRole('listitem').filter({ hasText: 'Tinte 6N' }) : banner;
  await expect(lowStock).toContainText('Queda poco stock de Tinte 6N');
  await expect(lowStock).toContainText('Quedan 0 tubos; hay que pedir más cuando queden 2. Proveedor: Wella.');
  await expect(lowStock.getByRole('button', { name: 'Abrir Inventario' })).toBeVisible();
  await look(page, 'attention');
  if ((await more.count()) > 0) await more.click();

  // The erased client's visit, so the drawer's history (the erasure, her earlier changes) is in the walk.
  await page.getByTestId('appointment-card').filter({ hasText: 'Cliente borrado' }).first().click();
  await expect(page.getByTestId('drawer')).toBeVisible();
  await expect(page.getByTestId('drawer')).toContainText('Cliente borrado');
  await look(page, 'drawer');
  await page.keyboard.press('Escape');

  // The booking dialog: its date and time typed the shop's way, and a date it cannot read refused in Spanish.
  await page.keyboard.press('n');
  const dialog = page.locator('dialog[open]');
  await expect(dialog).toBeVisible();
  const date = dialog.locator('input[placeholder="dd/mm/aaaa"]');
  await expect(date).toHaveValue('30/11/2026');
  const time = dialog.locator('input[placeholder="hh:mm"]');
  await time.fill('9.30');
  await time.press('Tab');
  await expect(time).toHaveValue('09:30');
  await date.fill('1/12/2026');
  await date.press('Tab');
  await expect(date).toHaveValue('01/12/2026');
  await date.press('ArrowUp');
  await expect(date).toHaveValue('02/12/2026');
  await date.fill('el martes');
  await date.press('Tab');
  await expect(dialog.getByRole('alert')).toHaveText('CareDesk no entiende esta fecha: escríbela como dd/mm/aaaa.');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await look(page, 'booking-dialog');

  // A refusal of the desk's rules is said in Spanish too: the time of a booking still to come, with its person (SLOT_TAKEN).
  const today = await callDesk<{ appointments: { staffId: string; serviceId: string; startsAt: number; status: string }[] }>(page, desk.url, 'appointments.day', { date: monday }, 'query');
  const taken = today.appointments.find((booking) => booking.status === 'booked' && booking.startsAt > at);
  expect(taken, 'a booking still to come today').toBeDefined();
  await date.fill('30/11/2026');
  await date.press('Tab');
  await dialog.getByLabel('Cliente', { exact: true }).fill('Rosa Ocupada');
  await dialog.getByRole('button', { name: 'Cliente nuevo «Rosa Ocupada»' }).click();
  await dialog.getByRole('button', { name: 'Añadir cliente' }).click();
  // The service and the person, by position: a label holding a select is named by its options too.
  await dialog.locator('select').nth(0).selectOption(taken!.serviceId, { timeout: 15_000 });
  await dialog.locator('select').nth(1).selectOption(taken!.staffId, { timeout: 15_000 });
  await time.fill(DateTime.fromMillis(taken!.startsAt, { zone: ZONE }).toFormat('HH:mm'));
  await time.press('Tab');
  await dialog.getByRole('button', { name: 'Reservar cita' }).click({ timeout: 15_000 });
  await expect(dialog.locator('[role="alert"][data-code="SLOT_TAKEN"]')).toContainText(
    'Esa hora ya está reservada para esta persona. Elige otra hora u otra persona del equipo.',
  );
  await look(page, 'booking-refused');
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  // The print dialog, and the day's PDF: its heading the day in Spanish, its times on the 24-hour clock.
  await page.locator('.toolbar-actions > button').first().click();
  const print = page.locator('dialog[open]');
  await expect(print).toBeVisible();
  await look(page, 'print-dialog');
  const daySheet = await lookAtPdf(page, 'day-pdf', () => print.getByRole('button', { name: 'Guardar como PDF' }).click());
  expect(daySheet).toContain('lunes 30/11/2026');
  expect(daySheet).toContain('Cliente borrado');
  expect(daySheet).toMatch(/\b\d{2}:\d{2}\b/);
  await page.keyboard.press('Escape');

  // The week: from Monday, its days in Spanish.
  await page.locator('.day-toolbar .segmented > button').nth(1).click();
  await expect(page.getByTestId('date-title')).toContainText('Semana del 30/11 al 06/12/2026');
  await look(page, 'week');
  await page.locator('.day-toolbar .segmented > button').nth(0).click();

  const screens = ['day', 'clients', 'waitlist', 'messages', 'stock', 'activity', 'settings', 'recovery', 'numbers'];
  await expect(nav(page)).toHaveCount(screens.length);
  for (const [index, screen] of screens.entries()) {
    if (screen === 'day' || screen === 'settings') continue;
    await nav(page).nth(index).click();
    await look(page, screen);
    if (screen === 'clients') {
      await page.locator('main button.result').first().click();
      await expect(page.getByTestId('client-profile')).toBeVisible();
      await look(page, 'client-profile');
    }
    if (screen === 'numbers') {
      const numbers = page.getByTestId('numbers-screen');
      await expect(numbers.locator('input[placeholder="dd/mm/aaaa"]').first()).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
      const sheet = await lookAtPdf(page, 'numbers-pdf', () => numbers.getByRole('button', { name: 'Guardar en PDF' }).click());
      expect(sheet).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    }
  }

  await nav(page).nth(screens.indexOf('settings')).click();
  const tabs = page.locator('.settings-nav > button');
  const count = await tabs.count();
  for (let tab = 0; tab < count; tab += 1) {
    await tabs.nth(tab).click();
    await look(page, `settings-${tab + 1}`);
    // The message settings: a template's preview of a sample booking, its date and time the shop's way.
    const preview = page.getByTestId('preview-body');
    if ((await preview.count()) > 0) {
      const message = await preview.innerText();
      record(`settings-${tab + 1}-preview`, englishIn(message));
      expect(message).not.toMatch(englishCalendar);
      expect(message).toMatch(/\d{2}\/\d{2}\/\d{4}|\b\d{2}:\d{2}\b|(lunes|martes|miércoles|jueves|viernes|sábado|domingo)/u);
    }
  }
  // The language page itself: its example line in the chosen formats.
  await tabs.last().click();
  await expect(page.getByTestId('locale-example')).toContainText('domingo 29/11/2026, 14:30 · 38,50');

  // Every screen walked: nothing English is left (the report and screenshots say where, when something is).
  expect(found, 'English in the Spanish walk: test-results/language-report.json').toEqual({});
});
