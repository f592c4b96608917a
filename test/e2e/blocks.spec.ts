import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { bookViaForm, callDesk, column, goToDate, openDesk, screenshots, ZONE } from './helpers';
import { aMonthBefore, asOwner, openDeskAt, ownDesk } from './support/ownDesk';
import { longDate, say } from './support/spoken';

/**
 * Blocked time in Chromium (issue 11): a receptionist blocks Sam Taylor's lunch from the day view,
 * a booking onto it is refused, the lunch is dragged to another time and back with Undo, removed
 * and restored with Undo, and its drawer tells the story in plain words. Time off reads by its kind.
 * The page's and the desk's clocks are both Monday 30 November 2026, 08:30, whatever the run's time.
 */

const monday = '2026-11-30';
const tuesday = '2026-12-01';
const at = DateTime.fromISO(`${monday}T08:30`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_BLOCKS_PORT ?? 4538), { shopTime: aMonthBefore(at) });

test.describe.configure({ mode: 'serial' });

const call = <T>(page: Page, path: string, input?: unknown) => callDesk<T>(page, desk.url, path, input);

async function openTuesday(page: Page) {
  await openDeskAt(page, desk, at, tuesday);
}

async function blockTime(page: Page, options: { staff: string; kind: string; from: string; to: string; note?: string }) {
  await page.getByRole('button', { name: 'Block time' }).click();
  const dialog = page.getByRole('dialog', { name: 'Block time' });
  await dialog.getByLabel('Staff').selectOption({ label: options.staff });
  await dialog.getByLabel('Kind').selectOption({ label: options.kind });
  await dialog.getByLabel('Date').fill(tuesday);
  await dialog.getByLabel('From').fill(options.from);
  await dialog.getByLabel('To').fill(options.to);
  if (options.note) await dialog.getByLabel('Note (optional)').fill(options.note);
  await dialog.getByRole('button', { name: 'Block time' }).click();
  return dialog;
}

/** Drag a block so its top lands at `time` on the column of `staff`. */
async function dragBlock(page: Page, block: ReturnType<Page['locator']>, staff: string, time: string) {
  const grid = page.locator('.grid');
  const gridStart = Number(await grid.getAttribute('data-grid-start'));
  const pxPerMin = Number(await grid.getAttribute('data-px-per-min'));
  const [h = 0, m = 0] = time.split(':').map(Number);
  await block.dragTo(column(page, staff), { sourcePosition: { x: 10, y: 4 }, targetPosition: { x: 20, y: (h * 60 + m - gridStart) * pxPerMin + 4 } });
}

test('a lunch block: made from the day view, refuses bookings, dragged and undone, removed and undone, with its history', async ({ page }) => {
  await openTuesday(page);
  const sam = column(page, 'Sam Taylor');

  // An end before the start is refused beside the field, and nothing is made.
  let dialog = await blockTime(page, { staff: 'Sam Taylor', kind: 'Lunch', from: '13:00', to: '12:00' });
  await expect(dialog.getByTestId('block-problem')).toHaveText('End time must be after the start time.');
  await expect(dialog.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');
  await screenshots(page, '69-block-time-dialog');
  await dialog.getByLabel('From').fill('12:00');
  await dialog.getByLabel('To').fill('13:00');
  await dialog.getByLabel('Note (optional)').fill('Team lunch');
  await dialog.getByRole('button', { name: 'Block time' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: "Blocked Sam Taylor's lunch, 12:00–13:00" })).toBeVisible();
  const lunch = sam.getByTestId('block-time');
  await expect(lunch).toHaveCount(1);
  await expect(lunch).toContainText('Lunch 12:00–13:00');
  await expect(lunch).toContainText('Team lunch');

  // A booking in the lunch is refused in plain words.
  await bookViaForm(page, { client: 'Lou Lunch', staff: 'Sam Taylor', date: tuesday, time: '12:15' });
  const booking = page.getByRole('dialog', { name: 'New appointment' });
  await expect(booking.getByRole('alert')).toContainText('That time is blocked for this staff member.');
  await booking.getByRole('button', { name: 'Discard' }).click();
  await expect(booking).toBeHidden();

  // A block over a booking is refused beside "From".
  await bookViaForm(page, { client: 'Bo Booked', staff: 'Sam Taylor', date: tuesday, time: '10:00' });
  await expect(page.getByRole('dialog', { name: 'New appointment' })).toBeHidden();
  dialog = await blockTime(page, { staff: 'Sam Taylor', kind: 'Meeting', from: '10:15', to: '10:45' });
  await expect(dialog.getByTestId('block-problem')).toHaveText('This staff member has a booking in that time. Move the booking first, or block another time.');
  await expect(dialog.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(sam.getByTestId('block-time')).toHaveCount(1);

  // A right-click on an empty slot opens the same form with the person and time filled in.
  await sam.getByRole('button', { name: 'New appointment with Sam Taylor at 15:00' }).click({ button: 'right' });
  dialog = page.getByRole('dialog', { name: 'Block time' });
  await expect(dialog.getByLabel('Staff')).toHaveValue((await sam.getAttribute('data-staff-id')) ?? '');
  await expect(dialog.getByLabel('From')).toHaveValue('15:00');
  await expect(dialog.getByLabel('To')).toHaveValue('16:00');
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();

  // Dragged to 14:00, and back with Undo.
  await dragBlock(page, lunch, 'Sam Taylor', '14:00');
  const moved = page.getByTestId('toast').filter({ hasText: /^Moved Sam Taylor's lunch/ });
  await expect(moved).toContainText("Moved Sam Taylor's lunch to 14:00");
  await expect(lunch).toContainText('Lunch 14:00–15:00');
  await moved.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Undone' })).toBeVisible();
  await expect(lunch).toContainText('Lunch 12:00–13:00');

  // Its drawer: kind, person, time, note; Remove, then Undo puts it back.
  await lunch.click();
  const drawer = page.getByTestId('block-drawer');
  await expect(drawer.getByRole('heading', { name: 'Lunch: Sam Taylor' })).toBeVisible();
  await expect(drawer.locator('.facts')).toContainText(`${longDate(tuesday)}, 12:00–13:00`);
  await expect(drawer.locator('.facts')).toContainText('Team lunch');
  await screenshots(page, '70-day-block-drawer');
  await drawer.getByRole('button', { name: 'Remove' }).click();
  const removed = page.getByTestId('toast').filter({ hasText: /^Removed Sam Taylor's lunch/ });
  await expect(removed).toContainText("Removed Sam Taylor's lunch, 12:00–13:00");
  await expect(drawer).toBeHidden();
  await expect(sam.getByTestId('block-time')).toHaveCount(0);
  await removed.getByRole('button', { name: /Undo/ }).click();
  await expect(sam.getByTestId('block-time')).toHaveCount(1);
  await expect(lunch).toContainText('Lunch 12:00–13:00');

  // The history, newest first, in plain words.
  await lunch.click();
  const timeline = drawer.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-item')).toHaveCount(5);
  await expect(timeline.locator('.timeline-what')).toHaveText([
    "You undid the removal of Sam Taylor's lunch: it is back, 12:00–13:00",
    `You removed Sam Taylor's lunch, ${longDate(tuesday)}, 12:00–13:00`,
    "You undid the move of Sam Taylor's lunch: back at 12:00–13:00",
    "You moved Sam Taylor's lunch from 12:00–13:00 to 14:00–15:00",
    `You blocked Sam Taylor's lunch, ${longDate(tuesday)}, 12:00–13:00`,
  ]);
  await screenshots(page, '71-day-block-history');
});

test('time off is shaded with its kind: Priya Shah on holiday reads "Holiday", not only "Not working"', async ({ page }) => {
  await openTuesday(page);
  await asOwner(page, desk, (byName) =>
    call(page, 'timeOff.create', {
      idempotencyKey: 'blocks-spec-holiday',
      staffId: byName('Priya Shah').id,
      kind: 'holiday',
      startsAt: DateTime.fromISO(`${tuesday}T00:00`, { zone: ZONE }).toMillis(),
      endsAt: DateTime.fromISO(`${tuesday}T00:00`, { zone: ZONE }).plus({ days: 1 }).toMillis(),
    }),
  );
  await page.reload();
  await openDesk(page, desk.url);
  await goToDate(page, tuesday);
  const priya = column(page, 'Priya Shah');
  await expect(priya.getByTestId('off-time')).toHaveCount(1);
  await expect(priya.getByTestId('off-time')).toHaveText('Holiday');
  // The name, then the desk's words for it ("is off (holiday)"), in the run's language.
  const off = say('is off (holiday)');
  const offSource = typeof off === 'string' ? off.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&') : off.source;
  await expect(priya.getByTestId('off-time')).toHaveAttribute('title', new RegExp(`Priya Shah ${offSource}`, 'u'));
  await screenshots(page, '72-day-holiday');
});
