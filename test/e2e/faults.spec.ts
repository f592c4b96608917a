import { expect } from './support/playwright';
import {
  bookViaForm,
  card,
  expectHonest,
  FAULTS,
  goToDate,
  openDayFromToday,
  openDesk,
  screenshots,
  setDelay,
  setFaults,
  test,
  testKey,
} from './helpers';
import { shows } from './support/spoken';

/** The banner's "N change(s) not saved" in the catalogue's English, if the banner says it: N is read off the screen. */
function unsavedIn(text: string): string | undefined {
  for (const count of (text.match(/\d+/gu) ?? []).map(Number)) {
    const english = `${count} ${count === 1 ? 'change' : 'changes'} not saved`;
    if (shows(text, english)) return english;
  }
  return undefined;
}

// These tests change the fault server's behaviour, so they run one after another on their own shop.
test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ page }) => {
  await setFaults(page, FAULTS, { clearStorageFailure: true });
  await setDelay(page, FAULTS, 0);
});

test('a slow answer keeps the new card "Saving… (not booked yet)" until the answer comes', async ({ page }) => {
  const date = await openDayFromToday(page, 14, FAULTS);
  await bookViaForm(page, { client: 'Sol Slowly', staff: 'Luca Romano', date, time: '11:00', submit: false });
  await setDelay(page, FAULTS, 2500);
  await page.getByRole('dialog', { name: 'New appointment' }).getByRole('button', { name: 'Book appointment' }).click();
  const ghost = page.getByTestId('ghost-card').filter({ hasText: 'Sol Slowly' });
  await expect(ghost).toHaveAttribute('data-state', 'Saving… (not booked yet)');
  await expect(page.getByTestId('status-banner')).toContainText('Saving 1…');
  await expectHonest(page);
  await expect(card(page, 'Sol Slowly')).toHaveAttribute('data-state', 'Confirmed', { timeout: 10_000 });
  await expect(ghost).toHaveCount(0);
  await expectHonest(page);
});

test('a failed write stays in the tray with Retry until it is resolved (Recovery Center, ≤ 4 clicks)', async ({ page }) => {
  const date = await openDayFromToday(page, 15, FAULTS);
  await bookViaForm(page, { client: 'Fay Failure', staff: 'Priya Shah', date, time: '12:00', submit: false });
  await setFaults(page, FAULTS, { failWrites: true });
  await page.getByRole('dialog', { name: 'New appointment' }).getByRole('button', { name: 'Book appointment' }).click();

  const ghost = page.getByTestId('ghost-card').filter({ hasText: 'Fay Failure' });
  await expect(ghost).toHaveAttribute('data-state', 'Failed — retry (not booked)');
  const tray = page.getByTestId('tray');
  const item = tray.getByTestId('tray-item').filter({ hasText: 'Fay Failure' });
  await expect(item).toContainText('Failed — retry');
  await expect(item).toContainText('could not be saved');
  await expect(page.getByTestId('status-banner')).toContainText('1 change not saved');
  await expectHonest(page);

  // Retry while the fault is still there: it stays failed and visible.
  await item.getByRole('button', { name: 'Retry' }).click();
  await expect(item).toContainText('Failed — retry');
  await page.waitForTimeout(500);
  await expect(item).toBeVisible();
  await expectHonest(page);

  // From the banner to resolution: open the Recovery Center, Retry once the fault is gone.
  const started = Date.now();
  let clicks = 0;
  await page.getByTestId('status-banner').getByRole('button', { name: 'Open Recovery Center' }).click();
  const failure = page.getByTestId('recovery-failure').filter({ hasText: 'Fay Failure' });
  await expect(failure).toBeVisible();
  await setFaults(page, FAULTS, { failWrites: false });
  await failure.getByRole('button', { name: 'Retry' }).click();
  clicks += 1;
  await expect(failure).toHaveCount(0);
  await expect(tray).toContainText('nothing waiting to be saved on this desk');
  expect(clicks).toBeLessThanOrEqual(4);
  expect(Date.now() - started).toBeLessThan(60_000);

  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await expect(card(page, 'Fay Failure')).toHaveAttribute('data-state', 'Confirmed');
  await expect(page.getByTestId('ghost-card')).toHaveCount(0);
});

test('a storage failure makes the desk Unsafe: booking controls off, reading still open', async ({ page }) => {
  const date = await openDayFromToday(page, 16, FAULTS);
  await bookViaForm(page, { client: 'Una Unsafe', staff: 'Sam Taylor', date, time: '13:00' });
  await expect(card(page, 'Una Unsafe')).toHaveAttribute('data-state', 'Confirmed');
  await setFaults(page, FAULTS, { failWrites: true, storage: true });
  await card(page, 'Una Unsafe').click();
  const drawer = page.getByTestId('drawer');
  await drawer.getByRole('textbox', { name: 'Notes' }).fill('This write hits a disk error');
  await drawer.getByRole('button', { name: 'Save notes' }).click();

  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-mode', 'unsafe');
  await expect(banner).toContainText('Unsafe');
  await expect(banner).toContainText('booking changes are locked');
  await expect(page.getByRole('button', { name: /^New appointment/ }).first()).toBeDisabled();
  await expect(drawer.getByRole('button', { name: 'Cancel appointment' })).toBeDisabled();
  await expect(drawer).toContainText('Booking changes are locked');
  // Reading stays open: the schedule and the history are still there.
  await expect(drawer.getByTestId('timeline-item').first()).toBeVisible();
  await expectHonest(page);

  await setFaults(page, FAULTS, { failWrites: false, clearStorageFailure: true });
  await page.reload();
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-mode', 'standalone');
});

test('a change that failed to save is still listed in the Recovery Center after a reload, and Retry saves it', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const date = await openDayFromToday(page, 17, FAULTS);
  await bookViaForm(page, { client: 'Rhea Reload', staff: 'Luca Romano', date, time: '14:00', submit: false });
  await setFaults(page, FAULTS, { failWrites: true });
  await page.getByRole('dialog', { name: 'New appointment' }).getByRole('button', { name: 'Book appointment' }).click();
  await expect(page.getByTestId('ghost-card').filter({ hasText: 'Rhea Reload' })).toHaveAttribute('data-state', 'Failed — retry (not booked)');

  // The window's memory is gone; the desk itself still knows what was not saved.
  await page.reload();
  await expect(page.getByTestId('day-view')).toBeVisible();
  const banner = page.getByTestId('status-banner');
  // (The storage-failure test before this one leaves its unsaved note here too: it is kept as well.)
  await expect.poll(async () => unsavedIn(await banner.innerText())).toBeDefined();
  await banner.getByRole('button', { name: unsavedIn(await banner.innerText()) }).click();
  const failure = page.getByTestId('recovery-failure').filter({ hasText: 'Rhea Reload' });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('could not be saved');
  await screenshots(page, 'recovery-failed-change-after-reload');

  await setFaults(page, FAULTS, { failWrites: false });
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(failure).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('day-view')).toBeVisible();
  await page.getByRole('button', { name: /^Recovery Center/ }).first().click();
  await expect(page.getByTestId('recovery-failure').filter({ hasText: 'Rhea Reload' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await goToDate(page, date);
  await expect(card(page, 'Rhea Reload')).toHaveAttribute('data-state', 'Confirmed');
});

test('a failed automatic backup is a check in the banner and the Recovery Center until a backup works', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDesk(page, FAULTS);
  const hook = await page.request.post(`${FAULTS}/__test/daily-backup-fails`, { data: {}, headers: testKey });
  expect(hook.ok()).toBe(true);
  await page.reload();
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-mode', 'degraded');
  // The banner leads with the most urgent item (an unsaved change an earlier test left may outrank it); the list holds the rest.
  await expect(banner.getByTestId('banner-top-attention')).toBeVisible();
  if ((await banner.getByTestId('banner-attention-more').count()) > 0) await banner.getByTestId('banner-attention-more').click();
  await expect(banner).toContainText('The automatic backup at');
  await expect(banner).toContainText('Your bookings are safe');
  await screenshots(page, 'banner-backup-failed');

  // With the list open its failure item names the same next step; the banner's own button comes first.
  await banner.getByRole('button', { name: 'Open Recovery Center' }).first().click();
  const problem = page.getByTestId('recovery-problem').filter({ hasText: 'The automatic backup at' });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('Back up now');
  await problem.scrollIntoViewIfNeeded();
  await screenshots(page, 'recovery-backup-failed');

  // The next step it names works, and the check is gone.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/Backup taken at/)).toBeVisible();
  await expect(banner).toHaveAttribute('data-mode', 'standalone', { timeout: 10_000 });
});
