import { expect } from './support/playwright';
import { card, dayFromToday, expectAccessible, expectHonest, goToDate, openDesk, screenshots, today, test } from './helpers';
import { demoShop } from './support/demoShop';

test('every screen passes axe (no serious or critical issues) and is photographed', async ({ page }) => {
  test.setTimeout(120_000);
  await openDesk(page);
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', today());
  await expectAccessible(page, 'day view');
  await expectHonest(page);
  await screenshots(page, '03-day-view-today');

  // Drawer with a demo appointment's history.
  await goToDate(page, dayFromToday(1));
  await page.getByTestId('appointment-card').first().click();
  await expect(page.getByTestId('drawer')).toBeVisible();
  await expectAccessible(page, 'appointment drawer');
  await screenshots(page, '04-appointment-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('drawer')).toBeHidden();

  await page.getByRole('button', { name: /^New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill('Zo');
  await dialog.getByRole('button', { name: /Zoë Smith/ }).first().click();
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.haircut} — 45 min` });
  await dialog.getByLabel('Staff').selectOption({ label: 'Maya Okafor' });
  await expect(dialog.getByRole('button', { name: /^Free at/ }).first()).toBeVisible();
  await expectAccessible(page, 'new appointment dialog');
  await screenshots(page, '05-new-appointment');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const first = page.getByTestId('appointment-card').and(page.locator('[data-state="Confirmed"]')).first();
  await first.click();
  await page.getByTestId('drawer').getByRole('button', { name: 'Cancel appointment' }).click();
  await expectAccessible(page, 'cancel dialog');
  await screenshots(page, '06-cancel-dialog');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await page.getByTestId('actor-button').click();
  await expectAccessible(page, 'staff switch');
  await screenshots(page, '07-staff-switch');
  await page.keyboard.press('Escape');

  for (const [name, heading, shot] of [
    ['Activity', 'Activity', '08-activity'],
    ['Clients', 'Clients', '09-clients'],
    ['Waitlist', 'Waitlist', '13-waitlist'],
    ['Settings', 'Settings', '11-settings'],
    ['Recovery Center', 'Recovery Center', '12-recovery-center'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    if (name === 'Clients') {
      await page.getByRole('list', { name: 'Clients' }).getByRole('button').first().click();
      await expect(page.getByTestId('client-profile')).toBeVisible();
      await expectAccessible(page, 'client profile');
      await screenshots(page, '10-client-profile');
    }
    if (name === 'Activity') await expect(page.getByTestId('activity-table').locator('tbody tr').first()).toBeVisible();
    if (name === 'Waitlist') {
      await page.getByRole('button', { name: 'Add to waitlist' }).click();
      await expect(page.getByRole('form', { name: 'Add to the waitlist' })).toBeVisible();
    }
    await expectAccessible(page, name);
    await screenshots(page, shot);
  }
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('sync-pairing')).toContainText('This desk works on its own (standalone)');
  await expect(page.getByTestId('sync-pairing').getByRole('button', { name: 'Pair this desk' })).toBeDisabled();
});

test('activity log filters by staff and kind of change; client profile lists visits', async ({ page }) => {
  await openDesk(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Activity' }).click();
  await page.getByLabel('What').selectOption({ label: 'Appointment cancelled' });
  const rows = page.getByTestId('activity-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain('Appointment cancelled');
  await page.getByRole('combobox', { name: /^Who/ }).selectOption({ label: 'Maya Okafor' });
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows.first()).toBeVisible();

  await page.keyboard.press('/');
  await page.keyboard.type('Zoë');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await expect(page.getByTestId('client-profile')).toContainText('Zoë Smith');
  await expect(page.getByTestId('visits').locator('tbody tr').first()).toBeVisible();
  await page.getByTestId('visits').locator('tbody tr').first().getByRole('button').click();
  await expect(page.getByTestId('drawer')).toBeVisible();
  await expect(card(page, 'Zoë Smith').first()).toBeVisible();
});
