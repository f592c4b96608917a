import { DateTime } from 'luxon';
import { expect, type Locator, type Page } from './support/playwright';
// The helpers' test: its pages read the run's shop time (Playwright's clock), the desk's "today".
import { dayFromToday, expectAccessible, openDesk, test, today } from './helpers';
import { shopFormat } from './support/shopFormat';
import { e2eLanguage } from './support/spoken';
import { addDays, addMonths } from '../../src-shared/time';

/**
 * Issue 15: every date field has a calendar beside it. It opens on the field's date (or today, on
 * the run's clock) in the shop's language, its weeks from the shop's first day; days outside the
 * field's limits cannot be picked; the keys move through it; a pick is typed into the field the
 * shop's way, and Escape gives the focus back to the button. Typing the same field still works.
 */

/** "June 2026", "junio de 2026": the month as the shop's language names it. */
const monthTitle = (date: string) => DateTime.fromISO(date, { zone: 'UTC', locale: shopFormat.tag }).toLocaleString({ month: 'long', year: 'numeric' });
const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** The calendar button inside a field's label, beside the field. */
const calendarButton = (field: Locator) => field.locator('xpath=..').getByRole('button', { name: 'Choose a date', exact: true });
const calendarOf = (page: Page) => page.getByRole('dialog', { name: 'Choose a date', exact: true });
const focusedDay = (calendar: Locator) => calendar.locator('button[data-date]:focus');
const day = (calendar: Locator, date: string) => calendar.locator(`button[data-date="${date}"]`);

async function openWaitlistForm(page: Page): Promise<Locator> {
  await openDesk(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Waitlist', exact: true }).click();
  await page.getByRole('button', { name: 'Add to waitlist' }).click();
  const form = page.getByRole('form', { name: 'Add to the waitlist' });
  await expect(form).toBeVisible();
  return form;
}

test('a date field picks from a calendar in the shop language, by keyboard and by mouse, within its limits', async ({ page }) => {
  const form = await openWaitlistForm(page);
  const from = form.getByLabel('From day');
  const to = form.getByLabel('To day');
  // The button inside the label does not join the field's name.
  await expect(from).toHaveAccessibleName('From day');
  await expect(calendarButton(from)).toHaveAttribute('aria-expanded', 'false');

  // The calendar opens on the field's day (the form starts on today), in the shop's words and week.
  await expect(from).toHaveValue(shopFormat.date(today()));
  await calendarButton(from).click();
  const calendar = calendarOf(page);
  await expect(calendar).toBeVisible();
  await expect(calendarButton(from)).toHaveAttribute('aria-expanded', 'true');
  expect(await calendar.getByRole('heading').textContent()).toBe(monthTitle(today()));
  expect((await calendar.getByRole('columnheader').allTextContents()).map((text) => text.trim())).toEqual(
    shopFormat.week.map((weekday) => shopFormat.weekday(weekday, 'short')),
  );
  const marked = calendar.locator('button[aria-current="date"]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute('data-date', today());
  expect(await marked.getAttribute('aria-label')).toBe(shopFormat.longDate(today()));
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', today());
  await expect(calendar.locator('[aria-selected="true"] button')).toHaveAttribute('data-date', today());

  await expectAccessible(page, 'open calendar');
  await page.screenshot({ path: `test-results/date-picker-${e2eLanguage}.png` });

  // Keys: a day on, a week on, Enter picks; the field reads the day the shop's way and has the focus.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', dayFromToday(8));
  await page.keyboard.press('Enter');
  await expect(calendar).toBeHidden();
  await expect(from).toHaveValue(shopFormat.date(dayFromToday(8)));
  await expect(from).toBeFocused();
  await expect(from).toHaveAttribute('aria-invalid', 'false');

  // Typing the field works as before; the calendar then opens on what was typed.
  const fifteenth = `${addMonths(today(), 1).slice(0, 8)}15`;
  await from.fill(shopFormat.date(fifteenth));
  await from.blur();
  await expect(from).toHaveValue(shopFormat.date(fifteenth));
  await calendarButton(from).click();
  await expect(calendar.locator('[aria-selected="true"] button')).toHaveAttribute('data-date', fifteenth);
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', fifteenth);
  expect(await calendar.getByRole('heading').textContent()).toBe(monthTitle(fifteenth));
  // Escape closes without a pick and gives the focus back to the button.
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  await expect(calendarButton(from)).toBeFocused();
  await expect(from).toHaveValue(shopFormat.date(fifteenth));

  // "To day" cannot be before "From day": the days before it are out of reach, and so are the keys.
  await calendarButton(to).click();
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', fifteenth);
  await expect(day(calendar, addDays(fifteenth, -1))).toBeDisabled();
  await expect(day(calendar, firstOfMonth(fifteenth))).toBeDisabled();
  await expect(day(calendar, addDays(fifteenth, 1))).toBeEnabled();
  await expect(calendar.getByRole('button', { name: 'Previous month' })).toBeDisabled();
  for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp', 'Home']) {
    await page.keyboard.press(key);
    await expect(focusedDay(calendar)).toHaveAttribute('data-date', fifteenth);
  }
  // The next month, and back, by its buttons.
  await calendar.getByRole('button', { name: 'Next month' }).click();
  expect(await calendar.getByRole('heading').textContent()).toBe(monthTitle(addMonths(fifteenth, 1)));
  await calendar.getByRole('button', { name: 'Previous month' }).click();
  expect(await calendar.getByRole('heading').textContent()).toBe(monthTitle(fifteenth));

  // A click picks.
  const twentieth = addDays(fifteenth, 5);
  await day(calendar, twentieth).click();
  await expect(calendar).toBeHidden();
  await expect(to).toHaveValue(shopFormat.date(twentieth));
  await expect(to).toHaveAttribute('aria-invalid', 'false');

  // A press outside closes it too.
  await calendarButton(to).click();
  await expect(calendar).toBeVisible();
  await form.getByLabel('From day').click();
  await expect(calendar).toBeHidden();
  await expect(to).toHaveValue(shopFormat.date(twentieth));
});

test("in a dialog the calendar's Escape closes only the calendar; Page Down turns the month", async ({ page }) => {
  await openDesk(page);
  await page.getByRole('button', { name: /^New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  const date = dialog.getByLabel('Date', { exact: true });
  await expect(date).toHaveAccessibleName('Date');
  const opened = await date.inputValue();
  const shown = today();
  expect(opened).toBe(shopFormat.date(shown));

  await calendarButton(date).click();
  const calendar = calendarOf(page);
  await expect(calendar.locator('[aria-selected="true"] button')).toHaveAttribute('data-date', shown);
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', shown);
  await expectAccessible(page, 'calendar in the new appointment dialog');
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(calendarButton(date)).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(calendar).toBeVisible();
  await page.keyboard.press('PageDown');
  const nextMonth = addMonths(shown, 1);
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', nextMonth);
  expect(await calendar.getByRole('heading').textContent()).toBe(monthTitle(nextMonth));
  await page.keyboard.press('Enter');
  await expect(calendar).toBeHidden();
  await expect(date).toHaveValue(shopFormat.date(nextMonth));
  await expect(dialog).toBeVisible();

  // Tabbing out of the calendar closes it.
  await calendarButton(date).click();
  await expect(calendar).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(calendar).toBeHidden();
  await expect(dialog).toBeVisible();
});

test("the day view's calendar keeps its arrow keys from the day view and goes to the day picked", async ({ page }) => {
  await openDesk(page);
  const dayView = page.getByTestId('day-view');
  await expect(dayView).toHaveAttribute('data-date', today());
  const goTo = page.getByLabel('Go to date');
  await expect(goTo).toHaveAccessibleName('Go to date');
  await calendarButton(goTo).click();
  const calendar = calendarOf(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', dayFromToday(2));
  // The arrows moved the calendar's day, not the day view's (whose ←/→ change the day).
  await expect(dayView).toHaveAttribute('data-date', today());
  await page.keyboard.press('Enter');
  await expect(calendar).toBeHidden();
  await expect(dayView).toHaveAttribute('data-date', dayFromToday(2));
  await expect(goTo).toHaveValue(shopFormat.date(dayFromToday(2)));
});

test("the calendar's weeks start on the shop's first day of the week", async ({ page }) => {
  // This page's shop starts its weeks on Sunday: the settings it reads say so (no other spec's shop changes).
  await page.route('**/trpc/**', async (route) => {
    const url = new URL(route.request().url());
    const paths = url.pathname.replace(/^\/trpc\//u, '').split(',');
    if (!paths.includes('settings.get')) return route.continue();
    const response = await route.fetch();
    const body = (await response.json()) as unknown;
    const answers = (Array.isArray(body) ? body : [body]) as { result?: { data?: { json?: { locale?: { weekStart: number } } } } }[];
    paths.forEach((path, index) => {
      const locale = path === 'settings.get' ? answers[index]?.result?.data?.json?.locale : undefined;
      if (locale !== undefined) locale.weekStart = 0;
    });
    await route.fulfill({ response, json: body });
  });
  await openDesk(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Activity', exact: true }).click();
  const field = page.getByLabel('Day', { exact: true });
  await calendarButton(field).click();
  const calendar = calendarOf(page);
  const headers = (await calendar.getByRole('columnheader').allTextContents()).map((text) => text.trim());
  expect(headers[0]).toBe(shopFormat.weekday('sun', 'short'));
  expect(headers[6]).toBe(shopFormat.weekday('sat', 'short'));
  // The empty field's calendar opens on today; Home goes to the Sunday of today's week.
  await expect(field).toHaveValue('');
  await expect(calendar.locator('[aria-selected="true"]')).toHaveCount(0);
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', today());
  await page.keyboard.press('Home');
  const sunday = DateTime.fromISO(today(), { zone: 'UTC' });
  await expect(focusedDay(calendar)).toHaveAttribute('data-date', addDays(today(), -(sunday.weekday % 7)));
  await page.screenshot({ path: `test-results/date-picker-sunday-${e2eLanguage}.png` });
});
