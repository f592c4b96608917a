import { sayAny } from './support/spoken';
import { shopFormat } from './support/shopFormat';
import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { callDesk, card, goToDate, openDesk, screenshots, ZONE } from './helpers';
import { aMonthBefore, asOwner, openDeskAt, ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * Issue 11 in Chromium, on its own demo desk: "Next available with anyone" fills staff, day and
 * time in one click; a split shift offers no time in its break, and a booking there needs "Book
 * anyway", which the history keeps. The page's clock is Playwright's; the desk's own clock is set to the same
 * instant, whatever the run's shop time: Monday 30 November 2026, 08:30.
 */

const monday = '2026-11-30';
const at = DateTime.fromISO(`${monday}T08:30`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_SCHEDULES_PORT ?? 4537), { shopTime: aMonthBefore(at) });

async function newAppointment(page: Page, client: string) {
  await page.getByRole('button', { name: /New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill(client);
  await dialog.getByRole('button', { name: `New client “${client}”` }).click();
  await dialog.getByRole('button', { name: 'Add client' }).click();
  return dialog;
}

test('"Next available with anyone" lists the earliest times with their staff; one click fills staff and time', async ({ page }) => {
  await openDeskAt(page, desk, at, monday);

  const dialog = await newAppointment(page, 'Nora Next');
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.haircut} — 45 min` });
  const next = dialog.getByTestId('next-available').getByRole('button');
  // The shop opens at 09:00 and nobody is booked: everyone is free then, in the order of the staff list.
  await expect(next).toHaveCount(6);
  // A staff member's name, then when they are free: the day's word ("Today") in the shop's language.
  const name = /^[A-Z][a-z]+ [A-Z][a-z]+(?=, )/u.exec((await next.first().getAttribute('aria-label')) ?? '')?.[0] ?? '';
  expect(name).not.toBe('');
  await expect(next.first()).toHaveAccessibleName(`${name}, free ${String(sayAny('Today'))} 09:00`);
  await screenshots(page, '60-next-available');

  await next.first().click();
  await expect(dialog.getByLabel('Staff')).toHaveValue(await dialog.getByLabel('Staff').locator('option', { hasText: name }).getAttribute('value') ?? '');
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('09:00');
  // The date as the shop writes dates (en-GB: "30 Nov 2026"; in Spanish "30 nov 2026").
  await expect(dialog.getByLabel('Date')).toHaveValue(shopFormat.date(monday));
  await expect(dialog.getByRole('button', { name: 'Free at 09:00' })).toHaveAttribute('aria-pressed', 'true');
});

const tuesday = '2026-12-01';

const call = <T>(page: Page, path: string, input?: unknown) => callDesk<T>(page, desk.url, path, input);

/** The owner gives Priya a split shift Tue–Sat 9–13 and 14–18 (the schedule screens are another part of issue 11). */
function givePriyaASplitShift(page: Page) {
  const split = [
    { open: '09:00', close: '13:00' },
    { open: '14:00', close: '18:00' },
  ];
  return asOwner(page, desk, async (byName) => {
    const priya = byName('Priya Shah');
    await call(page, 'staff.setWorkingHours', {
      idempotencyKey: `split-shift-${priya.version}`,
      id: priya.id,
      expectedVersion: priya.version,
      workingHours: { weeks: [{ mon: [], tue: split, wed: split, thu: split, fri: split, sat: split, sun: [] }], weekAStartsOn: monday },
    });
  });
}

/** The new-appointment form for Priya on Tuesday, with her free times showing. */
async function priyaOnTuesday(page: Page, client: string) {
  await openDeskAt(page, desk, at);
  await givePriyaASplitShift(page);
  await page.reload();
  await openDesk(page, desk.url);
  await goToDate(page, tuesday);
  const dialog = await newAppointment(page, client);
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.haircut} — 45 min` });
  await dialog.getByLabel('Staff').selectOption({ label: 'Priya Shah' });
  await dialog.getByLabel('Date').fill(tuesday);
  return dialog;
}

test('a split shift Tue–Sat 9–13 and 14–18: the free times skip her break', async ({ page }) => {
  const dialog = await priyaOnTuesday(page, 'Sara Split');
  const chips = dialog.getByRole('button', { name: /^Free at / });
  await expect(chips.first()).toHaveAccessibleName('Free at 09:00');
  // 12:15 still ends by 13:00; nothing starts in her break; the afternoon starts at 14:00.
  await expect(dialog.getByRole('button', { name: 'Free at 12:15' })).toBeVisible();
  for (const time of ['12:30', '12:45', '13:00', '13:15', '13:30', '13:45']) await expect(dialog.getByRole('button', { name: `Free at ${time}` })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Free at 14:00' })).toBeVisible();
  await screenshots(page, '61-split-shift-free-times');
});

test('a booking in the break needs "Book anyway (outside Priya\'s hours)", which the history keeps', async ({ page }) => {
  const dialog = await priyaOnTuesday(page, 'Bea Break');
  await dialog.getByLabel('Time', { exact: true }).fill('13:00');
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(dialog.getByRole('alert')).toContainText("Priya Shah doesn't work at 13:00");
  const anyway = dialog.getByLabel("Book anyway (outside Priya's hours)");
  await expect(anyway).toBeVisible();
  await screenshots(page, '62-outside-schedule');
  await anyway.check();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(dialog).toBeHidden();
  await expect(card(page, 'Bea Break')).toHaveAttribute('data-state', 'Confirmed');

  await card(page, 'Bea Break').click();
  await expect(page.getByTestId('timeline')).toContainText("Booked outside the staff member's working time");
});
