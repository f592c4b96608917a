import { expect } from './support/playwright';
import {
  bookViaForm,
  card,
  dayFromToday,
  expectHonest,
  goToDate,
  openDayFromToday,
  openDesk,
  test,
  useShopTime,
} from './helpers';

test('two windows edit the same appointment: the loser sees the conflict with Refresh and Retry', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  await useShopTime(first);
  await useShopTime(second);
  const a = await first.newPage();
  const b = await second.newPage();
  const date = dayFromToday(13);
  await openDesk(a);
  await openDesk(b);
  await goToDate(a, date);
  await bookViaForm(a, { client: 'Connie Conflict', staff: 'Priya Shah', date, time: '15:00' });
  await expect(card(a, 'Connie Conflict')).toHaveAttribute('data-state', 'Confirmed');

  await goToDate(b, date);
  await card(a, 'Connie Conflict').click();
  await card(b, 'Connie Conflict').click();
  const drawerA = a.getByTestId('drawer');
  const drawerB = b.getByTestId('drawer');

  await drawerA.getByRole('textbox', { name: 'Notes' }).fill('From window A');
  await drawerA.getByRole('button', { name: 'Save notes' }).click();
  await expect(drawerA.getByTestId('timeline-item').first()).toContainText('edited the notes');

  await drawerB.getByRole('textbox', { name: 'Notes' }).fill('From window B');
  await drawerB.getByRole('button', { name: 'Save notes' }).click();
  const alert = drawerB.getByRole('alert').filter({ hasText: 'Someone else changed this appointment first' });
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('data-code', 'VERSION_CONFLICT');
  await expect(alert.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expect(alert.getByRole('button', { name: /Retry/ })).toBeVisible();
  await expectHonest(b);

  // Refresh: my change is dropped and the latest version shows.
  await alert.getByRole('button', { name: 'Refresh' }).click();
  await expect(drawerB.getByRole('textbox', { name: 'Notes' })).toHaveValue('From window A');

  // A changes again; B's next edit conflicts; Retry applies B's change on the latest version.
  await drawerA.getByRole('textbox', { name: 'Notes' }).fill('From window A, again');
  await drawerA.getByRole('button', { name: 'Save notes' }).click();
  await expect(drawerA.getByRole('button', { name: 'Save notes' })).toBeDisabled();
  await drawerB.getByRole('textbox', { name: 'Notes' }).fill('From window B, kept');
  await drawerB.getByRole('button', { name: 'Save notes' }).click();
  const again = drawerB.getByRole('alert').filter({ hasText: 'Someone else changed this appointment first' });
  await again.getByRole('button', { name: /Retry/ }).click();
  await expect(again).toHaveCount(0);
  await expect(drawerB.getByRole('textbox', { name: 'Notes' })).toHaveValue('From window B, kept');
  await expect(drawerB.getByTestId('timeline-item').first()).toContainText('From window B, kept');
  await first.close();
  await second.close();
});

test('a taken slot is refused in the form with the reason and the next step', async ({ page }) => {
  const date = await openDayFromToday(page, 17);
  await bookViaForm(page, { client: 'Tess Taken', staff: 'Luca Romano', date, time: '10:00' });
  await expect(card(page, 'Tess Taken')).toHaveAttribute('data-state', 'Confirmed');
  await bookViaForm(page, { client: 'Otto Overlap', staff: 'Luca Romano', date, time: '10:15' });
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog.getByRole('alert')).toContainText('That time is already booked for this staff member. Choose another time or another staff member.');
  await expect(dialog.getByRole('alert')).toHaveAttribute('data-code', 'SLOT_TAKEN');
  // Pick a suggested free time instead: resolved in two clicks.
  await dialog.getByRole('button', { name: 'Free at 11:00' }).click();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(card(page, 'Otto Overlap')).toHaveAttribute('data-state', 'Confirmed');
  await expect(card(page, 'Otto Overlap')).toContainText('11:00');
  await expectHonest(page);
});
