import { expect, test, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { goToDate, openDesk, screenshots, ZONE } from './helpers';
import { Desk, stopAll } from './support/rig';

/**
 * Issue 11 in Chromium, on its own demo desk: "Next available with anyone" fills staff, day and
 * time in one click. The page's clock is Playwright's; the desk's own clock is set to the same
 * instant, whatever the run's shop time: Monday 30 November 2026, 08:30.
 */

const monday = '2026-11-30';
const at = DateTime.fromISO(`${monday}T08:30`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = new Desk(Number(process.env.CAREDESK_E2E_SCHEDULES_PORT ?? 4537), true, at - 30 * 24 * 60 * 60_000);

test.beforeAll(async () => {
  await desk.start();
});
test.afterAll(async () => {
  await stopAll();
});

async function newAppointment(page: Page, client: string) {
  await page.getByRole('button', { name: /New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill(client);
  await dialog.getByRole('button', { name: `New client “${client}”` }).click();
  await dialog.getByRole('button', { name: 'Add client' }).click();
  return dialog;
}

test('"Next available with anyone" lists the earliest times with their staff; one click fills staff and time', async ({ page }) => {
  await page.clock.setFixedTime(at);
  await desk.clockAt(page, at);
  await openDesk(page, desk.url);
  await goToDate(page, monday);

  const dialog = await newAppointment(page, 'Nora Next');
  await dialog.getByLabel('Service').selectOption({ label: 'Haircut — 45 min' });
  const next = dialog.getByTestId('next-available').getByRole('button');
  // The shop opens at 09:00 and nobody is booked: everyone is free then, in the order of the staff list.
  await expect(next).toHaveCount(6);
  await expect(next.first()).toHaveAccessibleName(/^[A-Z][a-z]+ [A-Z][a-z]+, free Today 09:00$/);
  const name = ((await next.first().getAttribute('aria-label')) ?? '').replace(/, free .*$/, '');
  await screenshots(page, '60-next-available');

  await next.first().click();
  await expect(dialog.getByLabel('Staff')).toHaveValue(await dialog.getByLabel('Staff').locator('option', { hasText: name }).getAttribute('value') ?? '');
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('09:00');
  await expect(dialog.getByLabel('Date')).toHaveValue(monday);
  await expect(dialog.getByRole('button', { name: 'Free at 09:00' })).toHaveAttribute('aria-pressed', 'true');
});
