import { expect, test, type Page } from './support/playwright';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { card, goToDate, launchLink, screenshots, ZONE } from './helpers';
import { Desk, stopAll } from './support/rig';
import { WEEK_PER_STAFF, WEEK_STAFF } from './support/weekShop';
import { e2eLanguage, shows } from './support/spoken';
import { shopFormat } from './support/shopFormat';

/**
 * The week view (issue 11, acceptance 5) on its own desk filled with a busy week: 20 staff and
 * 300 appointments from Monday 14 December 2026. The desk's clock and the page's are fixed at
 * 07:30 that Monday, whatever the run's shop time, so every booking of the week is still ahead.
 */

const weekStart = '2026-12-14';
const at = DateTime.fromISO(`${weekStart}T07:30`, { zone: ZONE }).toMillis();
const desk = new Desk(Number(process.env.CAREDESK_E2E_WEEK_PORT ?? 4535), false, at);
const root = resolve(import.meta.dirname, '..', '..');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const seeded = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['test/e2e/support/weekShop.ts', desk.dataDir, new Date(at).toISOString(), weekStart], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(seeded.status, seeded.stderr).toBe(0);
  await desk.start();
});
test.afterAll(async () => {
  await stopAll();
});

/** Open the desk as Sam Taylor (20 staff: "Sam Taylor 2" and "3" work here too). */
async function openDesk(page: Page): Promise<void> {
  await page.clock.setFixedTime(at);
  await page.goto(await launchLink(page, desk.url));
  const actor = page.getByTestId('actor-button');
  await expect(actor).not.toContainText('…');
  const who = page.getByRole('dialog', { name: 'Who is at the desk?' });
  await page.waitForTimeout(150);
  if (shows(await actor.innerText(), 'nobody — choose') || (await who.isVisible())) {
    await who.getByRole('radio', { name: 'Sam Taylor', exact: true }).check();
    await who.getByRole('button', { name: 'Switch' }).click();
    await expect(who).toBeHidden();
  }
  await expect(page.getByTestId('day-view')).toBeVisible();
}

async function openWeek(page: Page): Promise<void> {
  await openDesk(page);
  await goToDate(page, '2026-12-16');
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByTestId('week-view')).toHaveAttribute('data-week-start', weekStart);
}

test('the whole team: 20 staff × 7 days paints every live booking, and ←/→ move by a week', async ({ page }) => {
  await openWeek(page);
  const view = page.getByTestId('week-view');
  await expect(view).toHaveAttribute('data-mode', 'team');
  const span = shopFormat.weekSpan(weekStart);
  await expect(page.getByTestId('date-title')).toContainText(`Week of ${span.from}–${span.to}`);
  await expect(page.getByTestId('team-row')).toHaveCount(WEEK_STAFF);
  // Two of the 300 are cancelled: folded away until asked for.
  await expect(page.getByTestId('week-bar')).toHaveCount(WEEK_STAFF * WEEK_PER_STAFF - 2);
  await expect(view.getByText('298 appointments this week')).toBeVisible();
  await view.getByRole('button', { name: 'Show 2 cancelled' }).click();
  await expect(page.getByTestId('week-bar')).toHaveCount(WEEK_STAFF * WEEK_PER_STAFF);
  await view.getByRole('button', { name: 'Hide 2 cancelled' }).click();
  // Each cell says how many bookings the person has that day.
  const samWednesday = page.locator('[data-testid="team-cell"][data-staff-name="Sam Taylor"][data-date="2026-12-16"]');
  await expect(samWednesday.locator('.team-count')).toHaveText(/^\d+$/);
  await screenshots(page, '40-week-team');

  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(view).toHaveAttribute('data-week-start', '2026-12-21');
  await expect(page.getByTestId('week-bar')).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(view).toHaveAttribute('data-week-start', weekStart);
  await page.getByLabel('Go to date').fill('2026-12-24');
  await expect(view).toHaveAttribute('data-week-start', '2026-12-21');
});

test('one person × 7 days: a drag moves a booking to another day, and Undo puts it back', async ({ page }) => {
  await openWeek(page);
  const view = page.getByTestId('week-view');
  await view.getByRole('button', { name: 'One person' }).click();
  await view.getByLabel('Staff').selectOption({ label: 'Sam Taylor' });
  await expect(view).toHaveAttribute('data-ready', 'true');
  await expect(view).toHaveAttribute('data-mode', 'staff');
  const monday = page.locator('[data-testid="week-day-column"][data-date="2026-12-14"]');
  const wednesday = page.locator('[data-testid="week-day-column"][data-date="2026-12-16"]');
  await expect(page.getByTestId('week-day-column')).toHaveCount(7);
  const moving = monday.getByTestId('appointment-card').first();
  const client = (await moving.locator('.card-client').innerText()).trim();
  const before = await monday.getByTestId('appointment-card').count();
  await screenshots(page, '41-week-one-person');

  const grid = page.locator('.week-grid');
  const gridStart = Number(await grid.getAttribute('data-grid-start'));
  const pxPerMin = Number(await grid.getAttribute('data-px-per-min'));
  await moving.dragTo(wednesday, { sourcePosition: { x: 10, y: 4 }, targetPosition: { x: 20, y: (13 * 60 - gridStart) * pxPerMin + 4 } });
  const toast = page.getByTestId('toast').filter({ hasText: /^Moved/ });
  await expect(toast).toContainText(`Moved ${client} to 13:00`);
  await expect(card(page, client).and(wednesday.getByTestId('appointment-card'))).toContainText('13:00');
  await expect(monday.getByTestId('appointment-card')).toHaveCount(before - 1);

  await toast.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Undone' })).toBeVisible();
  await expect(monday.getByTestId('appointment-card')).toHaveCount(before);
  await expect(wednesday.getByTestId('appointment-card').filter({ hasText: client })).toHaveCount(0);
});

test('the day view draws buffers and the shop’s closed hours, and folds cancelled cards behind a toggle', async ({ page }) => {
  await openDesk(page);
  // Thursday holds one cancelled booking.
  await goToDate(page, '2026-12-17');
  const day = page.getByTestId('day-view');
  const cards = day.getByTestId('appointment-card');
  const live = await cards.count();
  await expect(day.getByTestId('buffer').first()).toBeVisible();
  // "10 min buffer after Ana's Haircut: not free for another booking", in the run's language.
  const buffer = e2eLanguage === 'es' ? /min de margen después de .* de .*: no disponible para otra cita/ : /min buffer after .*: not free for another booking/;
  await expect(day.getByTestId('buffer').first()).toHaveAttribute('title', buffer);
  await expect(day.getByText('Cancelled', { exact: true })).toHaveCount(0);
  await day.getByRole('button', { name: 'Show 1 cancelled' }).click();
  await expect(cards).toHaveCount(live + 1);
  await expect(day.locator('[data-testid="appointment-card"][data-state]').filter({ hasText: 'Cancelled' })).toHaveCount(1);
  await day.getByRole('button', { name: 'Hide 1 cancelled' }).click();
  await expect(cards).toHaveCount(live);
  // Sunday: the shop opens 10:00–16:00, so the morning and late afternoon are shaded as not working.
  await goToDate(page, '2026-12-20');
  await expect(page.getByTestId('off-time').first()).toBeVisible();
  // Wednesday: Sam Taylor's meeting is a block with its kind; Priya Shah works mornings only.
  await goToDate(page, '2026-12-16');
  const sam = page.locator('[data-testid="staff-column"][data-staff-name="Sam Taylor"]');
  await expect(sam.getByTestId('block-time')).toHaveAttribute('data-kind', 'meeting');
  await expect(sam.getByTestId('block-time')).toContainText('Meeting 15:00–16:00');
  const priya = page.locator('[data-testid="staff-column"][data-staff-name="Priya Shah"]');
  await expect(priya.getByTestId('off-time').filter({ hasText: 'Not working' }).first()).toHaveAttribute('title', e2eLanguage === 'es' ? /Priya Shah está libre \(no trabaja\) 14:00–/ : /Priya Shah is not working 14:00–/);
  // Friday: Maya Okafor is on holiday, her whole column is shaded.
  await goToDate(page, '2026-12-18');
  const maya = page.locator('[data-testid="staff-column"][data-staff-name="Maya Okafor"]');
  await expect(maya.getByTestId('off-time')).toHaveCount(1);
  await goToDate(page, '2026-12-16');
  // Photograph Priya Shah's to Sam Taylor's columns from 11:00: off time, buffers and the meeting side by side.
  await page.locator('[data-testid="staff-column"][data-staff-name="Priya Shah"]').evaluate((element) => {
    const scroller = element.closest('.grid-scroll') as HTMLElement;
    scroller.scrollLeft = (element as HTMLElement).offsetLeft - 60;
    scroller.scrollTop = 2 * 60 * 1.6;
  });
  await screenshots(page, '42-day-buffers-off-time');
});
