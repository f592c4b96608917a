import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { ZONE, screenshots } from './helpers';
import { asOwner, openDeskAt, ownDesk } from './support/ownDesk';
import { callDesk } from './helpers';

/**
 * Issue 15, acceptance 3, as far as it stands: with Spanish, dd/MM/yyyy, a 24-hour clock, weeks from
 * Monday and euros chosen, the dates and times follow the setting. The walk goes by position (the
 * screens' buttons in order), not by their English names, so it walks the same in any language; it
 * writes which English catalogue strings remain on which screen to test-results/language-report.json
 * and prints how many. "No English on any screen" is not met yet (the registry's wording, status
 * words, field names, weekday names and system checks are still English), so it is not asserted.
 */

const monday = '2026-11-30';
const at = DateTime.fromISO(`${monday}T10:30`, { zone: ZONE }).toMillis();
const desk = ownDesk(Number(process.env.CAREDESK_E2E_LANGUAGE_PORT ?? 4558), { shopTime: at, startTimeoutMs: 240_000 });
const spanish = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' } as const;

/** Every English catalogue text longer than three characters that Spanish says otherwise, split at its {{placeholders}}. */
function englishTexts(): string[] {
  const flat = (value: unknown): string[] => (typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(flat) : []);
  // Read from the files: Playwright's loader takes no JSON imports (src-shared/i18n/resources.ts lists the same files).
  const catalogue = (language: string, file: string): unknown => JSON.parse(readFileSync(`src-shared/i18n/locales/${language}/${file}`, 'utf8'));
  const texts = new Set<string>();
  for (const file of readdirSync('src-shared/i18n/locales/en')) {
    const spanishValues = new Set(flat(catalogue('es', file)));
    for (const value of flat(catalogue('en', file))) {
      if (spanishValues.has(value)) continue;
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
const englishCalendar = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)\b|\d [AP]M\b/;
const found: Record<string, string[]> = {};

/** What of English a screen shows, recorded under its name; and its dates never in English words or a 12-hour clock. */
async function look(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(250);
  const text = await page.evaluate(() => document.body.innerText);
  // Each phrase left with the words around it, so the report says where on the screen it is.
  const left = english.flatMap((phrase) => {
    const match = new RegExp(`(^|[^\\p{L}])${escape(phrase)}($|[^\\p{L}])`, 'u').exec(text);
    return match === null ? [] : [`${phrase} — “${text.slice(Math.max(0, match.index - 40), match.index + phrase.length + 40).replace(/\s+/g, ' ').trim()}”`];
  });
  const calendar = englishCalendar.exec(text);
  if (calendar) left.push(`(a date in English: “${calendar[0]}”)`);
  if (left.length > 0) found[screen] = left;
  // Written at every screen, so a walk cut short still says what it saw.
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/language-report.json', `${JSON.stringify(found, null, 2)}\n`);
  await screenshots(page, `language-es-${screen}`);
}

const nav = (page: Page) => page.locator('nav.screens > button');

test.describe.configure({ mode: 'serial' });

test('in Spanish every screen is walked: dates and times follow the setting, and the English still on screen is reported', async ({ page }) => {
  test.setTimeout(480_000);
  await openDeskAt(page, desk, at, monday);
  await asOwner(page, desk, async () => {
    const settings = await callDesk<{ id: string; version: number }>(page, desk.url, 'settings.get', undefined, 'query');
    await callDesk(page, desk.url, 'settings.update', { idempotencyKey: crypto.randomUUID(), id: settings.id, expectedVersion: settings.version, locale: spanish });
  });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-ES');
  await expect(page.getByTestId('day-view')).toBeVisible();

  // The day: its title in the chosen pattern, its times on a 24-hour clock.
  await expect(page.getByTestId('date-title')).toContainText('lunes 30/11/2026');
  await expect(page.getByTestId('appointment-card').first()).toContainText(/\b\d{2}:\d{2}–\d{2}:\d{2}\b/);
  await look(page, 'day');

  await page.getByTestId('appointment-card').first().click();
  await expect(page.getByTestId('drawer')).toBeVisible();
  await look(page, 'drawer');
  await page.keyboard.press('Escape');

  await page.keyboard.press('n');
  await expect(page.locator('dialog[open]')).toBeVisible();
  await look(page, 'booking-dialog');
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  await page.locator('.toolbar-actions > button').first().click();
  await expect(page.locator('dialog[open]')).toBeVisible();
  await look(page, 'print-dialog');
  await page.keyboard.press('Escape');

  // The week: from Monday, its days in Spanish.
  await page.locator('.day-toolbar .segmented > button').nth(1).click();
  await expect(page.getByTestId('date-title')).toContainText('Semana del 30/11 al 06/12/2026');
  await look(page, 'week');
  await page.locator('.day-toolbar .segmented > button').nth(0).click();

  const screens = ['day', 'clients', 'waitlist', 'messages', 'stock', 'activity', 'settings', 'recovery'];
  for (const [index, screen] of screens.entries()) {
    if (screen === 'day' || screen === 'settings') continue;
    await nav(page).nth(index).click();
    await look(page, screen);
    if (screen === 'clients') {
      await page.locator('main button.result').first().click();
      await expect(page.getByTestId('client-profile')).toBeVisible();
      await look(page, 'client-profile');
    }
  }

  await nav(page).nth(screens.indexOf('settings')).click();
  const tabs = page.locator('.settings-nav > button');
  const count = await tabs.count();
  for (let tab = 0; tab < count; tab += 1) {
    await tabs.nth(tab).click();
    await look(page, `settings-${tab + 1}`);
  }
  // The language page itself: its example line in the chosen formats.
  await tabs.last().click();
  await expect(page.getByTestId('locale-example')).toContainText('domingo 29/11/2026, 14:30 · 38,50');

  const remaining = Object.values(found).reduce((sum, strings) => sum + strings.length, 0);
  // Issue 15 acceptance 3 (no English in Spanish) is not met yet: the walk says how far it is on every run.
  console.log(`Spanish walk: ${remaining} English catalogue strings still on screen (test-results/language-report.json).`);
});
