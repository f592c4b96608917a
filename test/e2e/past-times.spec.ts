import { expect, test } from './support/playwright';
import { DateTime } from 'luxon';
import { card, column, screenshots, ZONE } from './helpers';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * Past times (issue 9, item 6) in Chromium on its own demo desk: at 11:33 on Monday 1 June 2026
 * the free times start at 11:45, and 10:00 can be booked only with "Record it anyway", which the
 * history then shows. The page's clock is Playwright's; the desk's own clock is set to the same
 * instant, whatever the run's shop time.
 */

const date = '2026-06-01';
const at = DateTime.fromISO(`${date}T11:33`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this Monday is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_PAST_PORT ?? 4534), { shopTime: aMonthBefore(at) });

test('today offers free times from now, and a start that has passed needs "Record it anyway"', async ({ page }) => {
  await openDeskAt(page, desk, at, date);

  await page.getByRole('button', { name: /New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill('Paula Past');
  await dialog.getByRole('button', { name: 'New client “Paula Past”' }).click();
  await dialog.getByRole('button', { name: 'Add client' }).click();
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.haircut} — 45 min` });
  await dialog.getByLabel('Staff').selectOption({ label: 'Luca Romano' });
  await dialog.getByLabel('Date').fill(date);

  // The chips start at the next quarter hour after 11:33.
  const chips = dialog.getByRole('button', { name: /^Free at / });
  await expect(chips.first()).toHaveAccessibleName('Free at 11:45');
  await expect(dialog.getByRole('button', { name: 'Free at 11:30' })).toHaveCount(0);

  await dialog.getByLabel('Time', { exact: true }).fill('10:00');
  const warning = dialog.getByTestId('past-start');
  await expect(warning).toContainText('10:00 has already passed');
  await expect(dialog.getByRole('button', { name: 'Book appointment' })).toBeDisabled();
  await screenshots(page, '30-past-start-warning');

  await warning.getByLabel('Record it anyway').check();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(card(page, 'Paula Past')).toHaveAttribute('data-state', 'Confirmed');
  await expect(card(page, 'Paula Past').locator('..')).toHaveAttribute('data-staff-name', 'Luca Romano');

  await card(page, 'Paula Past').click();
  await expect(page.getByTestId('timeline')).toContainText('Recorded after its start time had passed');
  await page.getByTestId('drawer').getByRole('button', { name: 'Close appointment details' }).click();

  // A slot on the grid that has passed opens the form with the same warning.
  await column(page, 'Priya Shah').getByRole('button', { name: 'New appointment with Priya Shah at 10:00' }).click();
  const fromGrid = page.getByRole('dialog', { name: 'New appointment' });
  await expect(fromGrid.getByTestId('past-start')).toContainText('10:00 has already passed');
});
