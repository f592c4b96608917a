import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { bookViaForm, card, column, goToDate, openDesk, screenshots, ZONE } from './helpers';
import { shopFormat, typedMoney } from './support/shopFormat';
import { sayAny } from './support/spoken';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
import { aMonthBefore, clocksAt, ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * The visit lifecycle in Chromium (issue 12): a receptionist checks a client in, starts the
 * service, checks out with a discount and sees the total; the day view's filter shows who is
 * waiting, in the chair and done; a late client reads "Late"; a check-in is undone from the
 * drawer's history. The page's and the desk's clocks are both Tuesday 1 December 2026.
 */

const tuesday = '2026-12-01';
const clockAt = (time: string) => DateTime.fromISO(`${tuesday}T${time}`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this day is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_VISITS_PORT ?? 4540), { shopTime: aMonthBefore(clockAt('08:30')) });

test.describe.configure({ mode: 'serial' });

const setClocks = (page: Page, time: string) => clocksAt(page, desk, clockAt(time));

async function drawerStep(page: Page, client: string, step: string) {
  await card(page, client).click();
  const drawer = page.getByTestId('drawer');
  await expect(drawer.getByRole('heading', { name: client })).toBeVisible();
  await drawer.getByRole('button', { name: step, exact: true }).click();
  return drawer;
}

const visible = (page: Page) => page.getByTestId('appointment-card');

test('check in, start, check out with a discount; filter by stage; a late client; undo a check-in', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await setClocks(page, '08:30');
  await openDesk(page, desk.url);
  await goToDate(page, tuesday);
  await bookViaForm(page, { client: 'Ann Arrives', staff: 'Sam Taylor', date: tuesday, time: '10:00' });
  await expect(card(page, 'Ann Arrives')).toHaveCount(1);
  await bookViaForm(page, { client: 'Len Later', staff: 'Sam Taylor', date: tuesday, time: '09:00' });
  await expect(card(page, 'Len Later')).toHaveCount(1);
  await expect(card(page, 'Len Later').getByTestId('visit-stage')).toHaveCount(0);

  // 09:50: Len's 09:00 has passed without a check-in — Late, read from the clock, not stored.
  await setClocks(page, '09:50');
  await page.reload();
  await openDesk(page, desk.url);
  await goToDate(page, tuesday);
  await expect(card(page, 'Len Later').getByTestId('visit-stage')).toHaveText('Late');
  await expect(card(page, 'Ann Arrives').getByTestId('visit-stage')).toHaveCount(0);

  // Ann checks in: her card says when.
  let drawer = await drawerStep(page, 'Ann Arrives', 'Check in');
  await expect(card(page, 'Ann Arrives').getByTestId('visit-stage')).toHaveText('Arrived 09:50');
  await expect(drawer.getByTestId('visit-facts').locator('dt:text-is("Checked in") + dd')).toHaveText('09:50');
  await expect(drawer.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Cancel appointment' })).toHaveCount(0);

  // Waiting shows Ann only; In the chair and Done show nobody yet.
  const filter = page.getByTestId('visit-filter');
  await filter.getByRole('button', { name: 'Waiting' }).click();
  await expect(visible(page)).toHaveCount(1);
  await expect(card(page, 'Ann Arrives')).toHaveCount(1);
  await filter.getByRole('button', { name: 'In the chair' }).click();
  await expect(visible(page)).toHaveCount(0);
  await filter.getByRole('button', { name: 'All' }).click();
  await expect(visible(page)).toHaveCount(2);

  // 10:00: Ann sits in the chair.
  await setClocks(page, '10:00');
  drawer = await drawerStep(page, 'Ann Arrives', 'Start');
  await expect(card(page, 'Ann Arrives').getByTestId('visit-stage')).toHaveText('In the chair');
  await filter.getByRole('button', { name: 'In the chair' }).click();
  await expect(visible(page)).toHaveCount(1);
  await expect(card(page, 'Ann Arrives')).toHaveCount(1);
  await filter.getByRole('button', { name: 'All' }).click();
  await screenshots(page, '80-visit-in-the-chair-drawer');

  // 10:45: checkout at the Haircut's £38.00, less £5.00: £33.00. A discount above the price is refused first.
  await setClocks(page, '10:45');
  await drawer.getByRole('button', { name: 'Check out…' }).click();
  const checkout = page.getByRole('dialog', { name: 'Check out Ann Arrives' });
  await expect(checkout.getByLabel('Price (£)')).toHaveValue(typedMoney(3800));
  await checkout.getByLabel('Discount (£)').fill('40');
  await expect(checkout.getByRole('alert')).toHaveText('The discount cannot be more than the price.');
  await expect(checkout.getByRole('button', { name: 'Check out', exact: true })).toBeDisabled();
  await checkout.getByLabel('Discount (£)').fill('5');
  await checkout.getByLabel('Note (optional)').fill('Loyalty card');
  await expect(checkout.getByTestId('checkout-total')).toContainText(shopFormat.money(3300));
  await screenshots(page, '81-visit-checkout-dialog');
  await checkout.getByRole('button', { name: 'Check out', exact: true }).click();
  await expect(checkout).toBeHidden();
  await expect(card(page, 'Ann Arrives').getByTestId('visit-stage')).toHaveText(`Done ${shopFormat.money(3300)}`);
  // The price, the discount's words and the total, put together by the screen: the words said in the shop's language.
  const lessDiscount = sayAny(` less ${shopFormat.money(500)} discount`);
  const charged = [shopFormat.money(3800), lessDiscount, ` = ${shopFormat.money(3300)}`].map((part) => (typeof part === 'string' ? escapeRegExp(part) : part.source));
  await expect(drawer.getByTestId('visit-charged')).toHaveText(new RegExp(`^${charged.join('')}$`, 'u'));
  await expect(drawer.locator('.timeline-what').first()).toContainText('checked out');
  await screenshots(page, '84-visit-done-drawer');
  // Book again before she leaves: six weeks on, the same person, at the visit's own time.
  const again = drawer.getByTestId('book-again');
  await expect(again.getByLabel('Weeks from this visit')).toHaveValue('6');
  const sixWeeksOn = shopFormat.dateTime(DateTime.fromISO('2027-01-12T10:00', { zone: ZONE }).toMillis(), ZONE);
  await again.getByRole('button', { name: `Book ${sixWeeksOn} with Sam Taylor` }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Booked Ann Arrives again: ${demoShop.services.haircut}, ${sixWeeksOn} with Sam Taylor` })).toBeVisible();
  await card(page, 'Ann Arrives').click();
  await filter.getByRole('button', { name: 'Done' }).click();
  await expect(visible(page)).toHaveCount(1);
  await expect(card(page, 'Ann Arrives')).toHaveCount(1);
  await filter.getByRole('button', { name: 'All' }).click();

  // Len turns up late; the check-in was a slip of the finger and is undone from the history.
  drawer = await drawerStep(page, 'Len Later', 'Check in');
  await expect(card(page, 'Len Later').getByTestId('visit-stage')).toHaveText('Arrived 10:45');
  await screenshots(page, '82-visit-card-stages');
  const checkedIn = drawer.getByTestId('timeline-item').first();
  await expect(checkedIn.locator('.timeline-what')).toContainText('checked in');
  await checkedIn.getByRole('button', { name: /^Undo/ }).click();
  await expect(card(page, 'Len Later').getByTestId('visit-stage')).toHaveText('Late');
  await expect(drawer.getByRole('button', { name: 'Check in', exact: true })).toBeVisible();
  await expect(column(page, 'Sam Taylor').getByTestId('appointment-card')).toHaveCount(2);

  // The week view reads the stages too: the team's bars in words, one person's week with the card's tag.
  await page.getByRole('button', { name: 'Close appointment details' }).click();
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByTestId('week-view')).toHaveAttribute('data-mode', 'team');
  // The bar's words: the client and service as typed, then its stage in the shop's language.
  const done = sayAny(' (done)');
  const doneSource = `\\s*(?:${typeof done === 'string' ? escapeRegExp(done.trim()) : done.source})`;
  await expect(page.getByRole('button', { name: new RegExp(`Ann Arrives, ${demoShop.services.haircut}${doneSource}$`, 'u') })).toBeVisible();
  await expect(page.getByTestId('visit-filter')).toHaveCount(0);
  await screenshots(page, '83-visit-week-team');
});
