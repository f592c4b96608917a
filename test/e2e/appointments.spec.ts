import { expect } from './support/playwright';
import {
  bookViaForm,
  card,
  column,
  dayFromToday,
  expectHonest,
  openDayFromToday,
  openDesk,
  test,
  today,
} from './helpers';
import { demoShop } from './support/demoShop';

test('first load shows the banner and today; keyboard moves between days', async ({ page }) => {
  await openDesk(page);
  await expect(page.getByTestId('status-banner')).toContainText('Standalone');
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', today());
  await expect(page.getByTestId('date-title')).toContainText('Today');
  await expect(page.getByTestId('staff-column')).toHaveCount(4);
  await expect(page.getByTestId('appointment-card').first()).toBeVisible();
  await expectHonest(page);

  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', dayFromToday(1));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', dayFromToday(-1));
  await page.keyboard.press('t');
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', today());
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search clients')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 140 } });
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toBeHidden();
});

test('create from the form, undo from the toast, create from an empty slot', async ({ page }) => {
  const date = await openDayFromToday(page, 10);
  await bookViaForm(page, { client: 'Ursula Undo', staff: 'Luca Romano', date, time: '11:00', notes: 'Window seat' });
  const booked = card(page, 'Ursula Undo');
  await expect(booked).toHaveAttribute('data-state', 'Confirmed');
  await expect(booked).toContainText('11:00–11:45');
  await expect(booked.locator('..')).toHaveAttribute('data-staff-name', 'Luca Romano');
  const toast = page.getByTestId('toast').filter({ hasText: 'Booked Ursula Undo' });
  await expect(toast).toContainText('— confirmed.');
  await expectHonest(page);

  await toast.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Undone' })).toBeVisible();
  // Undoing a creation takes the booking off the schedule (kept in history).
  await expect(card(page, 'Ursula Undo')).toHaveCount(0);

  // From an empty slot: staff and time come from the slot.
  await column(page, 'Priya Shah').getByRole('button', { name: 'New appointment with Priya Shah at 13:00' }).click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog.getByLabel('Staff')).toHaveValue(/.+/);
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('13:00');
  await dialog.getByLabel('Client', { exact: true }).fill('Sergio Slot');
  await dialog.getByRole('button', { name: 'New client “Sergio Slot”' }).click();
  await dialog.getByRole('button', { name: 'Add client' }).click();
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.beardTrim} — 20 min` });
  // Free slots are suggested for the chosen staff and service.
  await expect(dialog.getByRole('button', { name: 'Free at 13:00' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(card(page, 'Sergio Slot')).toHaveAttribute('data-state', 'Confirmed');
  await expect(card(page, 'Sergio Slot').locator('..')).toHaveAttribute('data-staff-name', 'Priya Shah');
});

test('reschedule by form and by drag and drop', async ({ page }) => {
  const date = await openDayFromToday(page, 11);
  await bookViaForm(page, { client: 'Rita Reschedule', staff: 'Luca Romano', date, time: '10:00' });
  await expect(card(page, 'Rita Reschedule')).toHaveAttribute('data-state', 'Confirmed');

  // By form.
  await card(page, 'Rita Reschedule').click();
  const drawer = page.getByTestId('drawer');
  await drawer.getByRole('button', { name: 'Reschedule' }).click();
  const dialog = page.getByRole('dialog', { name: /Reschedule Rita Reschedule/ });
  await dialog.getByLabel('Time', { exact: true }).fill('12:00');
  await dialog.getByRole('button', { name: 'Move appointment' }).click();
  await expect(card(page, 'Rita Reschedule')).toContainText('12:00–12:45');
  await page.getByTestId('drawer').getByRole('button', { name: 'Close appointment details' }).click();

  // By drag and drop: onto Sam Taylor's column at 14:00.
  const grid = page.locator('.grid');
  const gridStart = Number(await grid.getAttribute('data-grid-start'));
  const pxPerMin = Number(await grid.getAttribute('data-px-per-min'));
  const target = column(page, 'Sam Taylor');
  await card(page, 'Rita Reschedule').dragTo(target, {
    sourcePosition: { x: 20, y: 4 },
    targetPosition: { x: 30, y: (14 * 60 - gridStart) * pxPerMin + 4 },
  });
  const moved = card(page, 'Rita Reschedule');
  await expect(moved).toContainText('14:00–14:45');
  await expect(moved.locator('..')).toHaveAttribute('data-staff-name', 'Sam Taylor');
  await expect(moved).toHaveAttribute('data-state', 'Confirmed');
  await expectHonest(page);
});

test('cancel with a reason, restore, no-show, notes; undo from the history drawer with a linked timeline', async ({ page }) => {
  const date = await openDayFromToday(page, 12);
  await bookViaForm(page, { client: 'Carla Cancel', staff: 'Maya Okafor', date, time: '11:00' });
  await card(page, 'Carla Cancel').click();
  const drawer = page.getByTestId('drawer');
  await expect(drawer.getByTestId('drawer-badge')).toHaveText('Confirmed');

  await drawer.getByRole('button', { name: 'Cancel appointment' }).click();
  const cancel = page.getByRole('dialog', { name: /Cancel Carla Cancel/ });
  await expect(cancel.getByRole('button', { name: 'Cancel appointment' })).toBeDisabled();
  await cancel.getByLabel('Reason (required)').fill('Client called: flu');
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  // A cancelled card folds away with the day's others ("Show N cancelled"); the drawer stays on it.
  await expect(drawer.getByTestId('drawer-badge')).toHaveText('Cancelled');
  await expect(card(page, 'Carla Cancel')).toHaveCount(0);
  await expect(drawer.getByTestId('timeline-item').first()).toContainText('You cancelled');
  await expect(drawer.getByTestId('timeline-item').first()).toContainText('Reason: Client called: flu');

  await drawer.getByRole('button', { name: 'Restore appointment' }).click();
  await expect(drawer.getByTestId('drawer-badge')).toHaveText('Confirmed');

  // A future appointment cannot be a no-show yet.
  await expect(drawer.getByRole('button', { name: 'Mark no-show' })).toBeDisabled();

  await drawer.getByRole('textbox', { name: 'Notes' }).fill('Bring the colour chart');
  await drawer.getByRole('button', { name: 'Save notes' }).click();
  await expect(drawer.getByTestId('timeline-item').first()).toContainText('You edited the notes of');
  await expect(drawer.getByTestId('timeline-item').first()).toContainText('Bring the colour chart');

  // Undo the cancellation from the history drawer? It was followed by a restore, so undo the
  // latest change (the notes) and then check the links both ways.
  const notesEvent = drawer.locator('[data-event-type="appointment.updateNotes"]');
  await notesEvent.getByRole('button', { name: /Undo: You edited the notes of/ }).click();
  const undoItem = drawer.getByTestId('timeline-item').first();
  await expect(undoItem).toContainText('You undid the notes change');
  await expect(undoItem.getByTestId('undoes-link')).toContainText('Undoes: You edited the notes of');
  await expect(notesEvent.getByTestId('undone-by-link')).toContainText('Undone by: You undid the notes change');
  await expect(drawer.getByRole('textbox', { name: 'Notes' })).toHaveValue('');
  await undoItem.getByTestId('undoes-link').click();
  await expect(notesEvent).toBeFocused();

  // Cancel again and undo the cancellation from the drawer: "Undid cancellation".
  await drawer.getByRole('button', { name: 'Cancel appointment' }).click();
  await page.getByRole('dialog', { name: /Cancel Carla Cancel/ }).getByRole('button', { name: 'Client unwell' }).click();
  await page.getByRole('dialog', { name: /Cancel Carla Cancel/ }).getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(drawer.getByTestId('drawer-badge')).toHaveText('Cancelled');
  await drawer.getByTestId('timeline-item').first().getByRole('button', { name: /Undo: You cancelled/ }).click();
  await expect(drawer.getByTestId('drawer-badge')).toHaveText('Confirmed');
  await expect(drawer.getByTestId('timeline-item').first()).toContainText('You undid the cancellation');
  await expect(drawer.getByTestId('timeline-item').nth(1).getByTestId('undone-by-link')).toBeVisible();
  await expectHonest(page);

  // Ctrl+Z undoes the last action (the undo itself, bringing the cancellation back).
  await drawer.getByRole('button', { name: 'Close appointment details' }).click();
  await page.keyboard.press('Control+z');
  await expect(card(page, 'Carla Cancel')).toHaveCount(0);
  await page.getByTestId('cancelled-toggle').click();
  await expect(card(page, 'Carla Cancel')).toHaveAttribute('data-state', 'Cancelled');
});

test('no-show and clearing it on a past appointment', async ({ page }) => {
  const date = await openDayFromToday(page, -6);
  await bookViaForm(page, { client: 'Nora Noshow', staff: 'Sam Taylor', date, time: '11:00', alreadyHappened: true });
  await expect(card(page, 'Nora Noshow')).toHaveAttribute('data-state', 'Confirmed');
  await card(page, 'Nora Noshow').click();
  const drawer = page.getByTestId('drawer');
  await drawer.getByRole('button', { name: 'Mark no-show' }).click();
  await expect(card(page, 'Nora Noshow')).toHaveAttribute('data-state', 'No-show');
  await expect(drawer.getByTestId('timeline-item').first()).toContainText('You marked as no-show');
  await drawer.getByRole('button', { name: 'Clear no-show' }).click();
  await expect(drawer.getByTestId('drawer-badge')).toHaveText('Confirmed');
  await expectHonest(page);
});
