import { expect, test } from './support/playwright';
import { DateTime } from 'luxon';
import { addVisitServices, bookViaForm, card, column, expectAccessible, screenshots, ZONE } from './helpers';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * Issue 12's visit of several services in Chromium, on its own demo desk: a haircut with Priya, then
 * a colour with Luca, then a blow-dry with Priya, booked as one visit, moved as one, the move undone
 * as one, then cancelled as one. The desk's and the page's clock: Monday 30 November 2026, 08:30 in
 * London, whatever the run's shop time.
 */

const day = '2026-12-01';
const at = DateTime.fromISO('2026-11-30T08:30', { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_MULTI_PORT ?? 4546), { shopTime: aMonthBefore(at) });

test('a cut, a colour and a blow-dry with two staff: booked, moved, undone and cancelled as one visit', async ({ page }) => {
  await openDeskAt(page, desk, at, day);

  await bookViaForm(page, { client: 'Mia Multi', staff: 'Priya Shah', date: day, time: '10:00', submit: false });
  const { dialog, segments } = await addVisitServices(page, [
    [demoShop.services.colour, 'Luca Romano'],
    [demoShop.services.blowDry, 'Priya Shah'],
  ]);
  await expect(segments.getByTestId('visit-segment').nth(0)).toContainText('Starts 10:45');
  await expect(segments.getByTestId('visit-segment').nth(1)).toContainText('Starts 12:15');
  await screenshots(page, '86-visit-several-services-dialog');
  await expectAccessible(page, 'booking dialog with a visit of three services');
  await dialog.getByRole('button', { name: 'Book visit' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: `Booked a visit for Mia Multi: ${demoShop.services.haircut} 10:00 with Priya Shah, ${demoShop.services.colour} 10:45 with Luca Romano, ${demoShop.services.blowDry} 12:15 with Priya Shah` })).toBeVisible();
  await expect(column(page, 'Priya Shah').getByTestId('appointment-card').filter({ hasText: 'Mia Multi' })).toHaveCount(2);
  await expect(column(page, 'Luca Romano').getByTestId('appointment-card').filter({ hasText: 'Mia Multi' })).toHaveCount(1);

  // The drawer of any of its services shows the whole visit.
  await column(page, 'Luca Romano').getByTestId('appointment-card').filter({ hasText: 'Mia Multi' }).click();
  const drawer = page.getByTestId('drawer');
  await expect(drawer.getByTestId('visit-fact')).toHaveText(`${demoShop.services.haircut} 10:00 with Priya Shah${demoShop.services.colour} 10:45 with Luca Romano${demoShop.services.blowDry} 12:15 with Priya Shah`);
  await screenshots(page, '87-visit-several-services-drawer');
  await expectAccessible(page, 'drawer of a visit of three services');

  // Moved as one: the first service to 13:00, the others by as much.
  const actions = drawer.getByTestId('visit-actions');
  await expect(actions.getByLabel('First service at')).toHaveValue('10:00');
  await actions.getByLabel('First service at').fill('13:00');
  await actions.getByRole('button', { name: 'Move visit' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: "Moved Mia Multi's visit to 13:00" })).toBeVisible();
  await expect(drawer.getByTestId('visit-fact')).toHaveText(`${demoShop.services.haircut} 13:00 with Priya Shah${demoShop.services.colour} 13:45 with Luca Romano${demoShop.services.blowDry} 15:15 with Priya Shah`);

  // Undone as one, then cancelled as one.
  await actions.getByRole('button', { name: 'Undo last visit change' }).click();
  await expect(drawer.getByTestId('visit-fact')).toHaveText(`${demoShop.services.haircut} 10:00 with Priya Shah${demoShop.services.colour} 10:45 with Luca Romano${demoShop.services.blowDry} 12:15 with Priya Shah`);
  await actions.getByRole('button', { name: 'Cancel visit…' }).click();
  await actions.getByLabel('Reason (required)').fill('Client unwell');
  await actions.getByRole('button', { name: 'Cancel the whole visit' }).click();
  await expect(drawer.getByTestId('visit-fact')).toContainText(`${demoShop.services.haircut} 10:00 with Priya Shah (cancelled)`);
  await expect(drawer.getByTestId('visit-fact')).toContainText(`${demoShop.services.blowDry} 12:15 with Priya Shah (cancelled)`);
  await expect(card(page, 'Mia Multi')).toHaveCount(0);
});
