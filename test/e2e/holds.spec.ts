import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { bookViaForm, card, expectAccessible, goToDate, screenshots, ZONE } from './helpers';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';
import { demoShop } from './support/demoShop';

/**
 * Issue 12's holds in Chromium, on their own demo desk: a time pencilled in for a client who will
 * call back shows as Held with its end, becomes a booking in one click, or runs out by itself —
 * freeing the slot, with an event in the activity log. The desk's and the page's clock: Monday
 * 5 October 2026, 08:30 in London, then an hour and a minute later.
 */

const at = DateTime.fromISO('2026-10-05T08:30', { zone: ZONE }).toMillis();
const desk = ownDesk(Number(process.env.CAREDESK_E2E_HOLDS_PORT ?? 4548), { shopTime: aMonthBefore(at) });

async function holdFor(page: Page, client: string, time: string) {
  await bookViaForm(page, { client, staff: 'Priya Shah', date: '2026-10-06', time, submit: false });
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Book or hold').selectOption({ label: 'Hold it for 1 hour (the client will call back)' });
  await dialog.getByRole('button', { name: 'Hold time' }).click();
  await expect(dialog).toBeHidden();
}

test('a held time shows until when, becomes a booking in one click, or runs out by itself and frees the slot', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeskAt(page, desk, at);
  await goToDate(page, '2026-10-06');

  await holdFor(page, 'Hana Hold', '10:00');
  await expect(card(page, 'Hana Hold').getByTestId('visit-stage')).toHaveText('Held until 09:30 today');
  await card(page, 'Hana Hold').click();
  await expect(page.getByTestId('drawer').getByTestId('timeline')).toContainText('You pencilled in the appointment');
  await screenshots(page, '90-held-time');
  await expectAccessible(page, 'drawer of a held time');
  await page.getByTestId('drawer').getByRole('button', { name: 'Confirm booking' }).click();
  await expect(card(page, 'Hana Hold').getByTestId('visit-stage')).toHaveCount(0);
  await expect(card(page, 'Hana Hold')).toHaveAttribute('data-state', 'Confirmed');
  await page.getByRole('button', { name: 'Close appointment details' }).click();

  await holdFor(page, 'Hugo Hold', '11:00');
  await expect(card(page, 'Hugo Hold').getByTestId('visit-stage')).toHaveText('Held until 09:30 today');
  // An hour and a minute later the hold has run out: the desk closes it by itself (it looks every half minute).
  const later = at + 61 * 60_000;
  await page.clock.setFixedTime(later);
  await desk.clockAt(page, later);
  await expect(card(page, 'Hugo Hold')).toHaveCount(0, { timeout: 45_000 });
  await page.getByRole('button', { name: 'Activity' }).click();
  // The sentences hold a date as the shop writes it, so each language's sentence is written out.
  await expect(page.getByTestId('activity-table')).toContainText(
    e2eLanguage === 'es'
      ? `cerró la reserva provisional de ${demoShop.services.haircut} de Hugo Hold el mar 6 oct 2026, 11:00 con Priya Shah: caducó`
      : `closed the hold on Hugo Hold's ${demoShop.services.haircut} on Tue 6 Oct 2026, 11:00 with Priya Shah: it ran out`,
  );
  await expect(page.getByTestId('activity-table')).toContainText(
    e2eLanguage === 'es'
      ? `reservó provisionalmente ${demoShop.services.haircut} de Hugo Hold el mar 6 oct 2026, 11:00 con Priya Shah, hasta 09:30`
      : `pencilled in Hugo Hold's ${demoShop.services.haircut} on Tue 6 Oct 2026, 11:00 with Priya Shah, held until 09:30`,
  );
});
