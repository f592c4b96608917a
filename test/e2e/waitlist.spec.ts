import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { callDesk, card, goToDate, screenshots, ZONE } from './helpers';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { shopFormat } from './support/shopFormat';
import { e2eLanguage } from './support/spoken';
import { demoShop } from './support/demoShop';

/**
 * Issue 12, acceptance 4 in Chromium, on its own demo desk: a client waits for a haircut any
 * morning this week; cancelling a Tuesday 10:00 booking shows her in the cancelled booking's
 * details, and one click books her into the freed time. The desk's and the page's clock: Monday
 * 5 October 2026, 08:30 in London, whatever the run's shop time.
 */

const at = DateTime.fromISO('2026-10-05T08:30', { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_WAITLIST_PORT ?? 4543), { shopTime: aMonthBefore(at) });

/** Monday to Friday of that week, as the shop writes short days ("Mon 5 Oct – Fri 9 Oct"). */
const thisWeek = `${shopFormat.shortDay('2026-10-05')} – ${shopFormat.shortDay('2026-10-09')}`;

const call = <T>(page: Page, path: string, input?: unknown) => callDesk<T>(page, desk.url, path, input);

test('cancelling a booking shows the waitlist entries its time fits; one click books one', async ({ page }) => {
  await openDeskAt(page, desk, at);

  // Carl has Tuesday 10:00 with Priya.
  type Row = { id: string; name: string };
  const priya = (await call<Row[]>(page, 'staff.list')).find((member) => member.name === 'Priya Shah') as Row;
  const haircut = (await call<(Row & { durationMin: number })[]>(page, 'services.list')).find((service) => service.name === demoShop.services.haircut) as Row;
  const carl = await call<{ row: Row }>(page, 'clients.create', { idempotencyKey: 'carl-cancels-1', name: 'Carl Cancel' });
  await call(page, 'appointments.create', {
    idempotencyKey: 'carl-tuesday-10',
    clientId: carl.row.id,
    staffId: priya.id,
    serviceId: haircut.id,
    startsAt: DateTime.fromISO('2026-10-06T10:00', { zone: ZONE }).toMillis(),
  });

  // Wendy waits for a haircut with anyone, any morning this week.
  await page.getByRole('button', { name: 'Waitlist' }).click();
  await page.getByRole('button', { name: 'Add to waitlist' }).click();
  const form = page.getByRole('form', { name: 'Add to the waitlist' });
  await form.getByLabel('Client', { exact: true }).fill('Wendy Wait');
  await form.getByRole('button', { name: 'New client “Wendy Wait”' }).click();
  await form.getByRole('button', { name: 'Add client' }).click();
  await form.getByLabel('Service').selectOption({ label: demoShop.services.haircut });
  await form.getByLabel('From day').fill('2026-10-05');
  await form.getByLabel('To day').fill('2026-10-09');
  await form.getByLabel('Earliest').fill('09:00');
  await form.getByLabel('Latest').fill('12:00');
  await form.getByLabel('Note (optional)').fill('Can come at short notice');
  await form.getByRole('button', { name: 'Add to waitlist' }).click();
  const list = page.getByTestId('waitlist');
  await expect(list.getByRole('row', { name: /Wendy Wait/ })).toContainText(`${thisWeek}, 09:00–12:00`);
  await expect(list.getByRole('row', { name: /Wendy Wait/ })).toContainText('Anyone');
  await screenshots(page, '75-waitlist');

  // Carl cancels: his booking's details show who the freed time fits.
  await page.getByRole('button', { name: 'Day', exact: true }).first().click();
  await goToDate(page, '2026-10-06');
  await card(page, 'Carl Cancel').click();
  await page.getByTestId('drawer').getByRole('button', { name: 'Cancel appointment' }).click();
  const cancel = page.getByRole('dialog', { name: "Cancel Carl Cancel's appointment" });
  await cancel.getByRole('button', { name: 'Client called to cancel' }).click();
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  const fits = page.getByTestId('waitlist-fits');
  // The entry's parts are the shop's words joined by " · ": each is said in the shop's language.
  await expect(fits).toContainText(`Wendy Wait · ${demoShop.services.haircut} · `);
  for (const part of ['anyone', `can come ${thisWeek}, 09:00–12:00`]) await expect(fits).toContainText(part);
  if (e2eLanguage === 'en') await expect(fits).toContainText(`Wendy Wait · ${demoShop.services.haircut} · anyone · can come ${thisWeek}, 09:00–12:00`);
  await screenshots(page, '76-waitlist-fits');

  // One click books her.
  await fits.getByRole('button', { name: 'Book 10:00 with Priya Shah' }).click();
  await expect(card(page, 'Wendy Wait')).toContainText('10:00');
  await expect(fits).toBeHidden();
  await page.getByRole('button', { name: 'Waitlist' }).click();
  await expect(page.getByText('Nobody is waiting.')).toBeVisible();
});
