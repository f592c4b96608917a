import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { bookViaForm, callDesk, card, goToDate, openDesk, screenshots, ZONE } from './helpers';
import { aMonthBefore, asOwner, openDeskAt, ownDesk } from './support/ownDesk';
import { shopFormat } from './support/shopFormat';

/**
 * Issue 12, acceptance 3 in Chromium, on its own demo desk: a weekly booking over 12 weeks that
 * crosses the end of summer time and Priya's holiday. The booked visits stay at 10:00 local; the
 * two holiday visits are listed for the receptionist with why; "this and all following" cancels
 * the rest of the series. The desk's and the page's clock: Monday 5 October 2026, 08:30 in London,
 * whatever the run's shop time.
 */

const at = DateTime.fromISO('2026-10-05T08:30', { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so these weeks are empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_SERIES_PORT ?? 4542), { shopTime: aMonthBefore(at) });

/** A date and time in London as the shop's screens write it ("Tue 3 Nov 2026, 10:00"). */
const shown = (iso: string) => shopFormat.dateTime(DateTime.fromISO(iso, { zone: ZONE }).toMillis(), ZONE);

const call = <T>(page: Page, path: string, input?: unknown) => callDesk<T>(page, desk.url, path, input);
const ask = <T>(page: Page, path: string, input: unknown) => callDesk<T>(page, desk.url, path, input, 'query');

/** The owner books Priya's holiday: the weeks of 2 and 9 November. */
function givePriyaAHoliday(page: Page) {
  return asOwner(page, desk, (byName) =>
    call(page, 'timeOff.create', {
      idempotencyKey: 'priya-november-holiday',
      staffId: byName('Priya Shah').id,
      kind: 'holiday',
      startsAt: DateTime.fromISO('2026-11-02T00:00', { zone: ZONE }).toMillis(),
      endsAt: DateTime.fromISO('2026-11-15T00:00', { zone: ZONE }).toMillis(),
    }),
  );
}

test('a weekly booking over 12 weeks: 10 visits at 10:00 across the clock change, the 2 holiday ones listed; cancel this and following', async ({
  page,
}) => {
  await openDeskAt(page, desk, at);
  await givePriyaAHoliday(page);
  await page.reload();
  await openDesk(page, desk.url);
  await goToDate(page, '2026-10-06');

  await bookViaForm(page, { client: 'Rita Regular', staff: 'Priya Shah', date: '2026-10-06', time: '10:00', submit: false });
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('How often').selectOption({ label: 'Every week' });
  await dialog.getByLabel('Number of visits').fill('12');
  await screenshots(page, '70-repeat-picker');
  await dialog.getByRole('button', { name: 'Book visits' }).click();

  const report = page.getByRole('dialog', { name: 'Repeating appointment' }).getByTestId('series-report');
  await expect(report).toContainText('Booked 10 of 12 visits for Rita Regular.');
  const missed = report.getByRole('listitem');
  await expect(missed).toHaveCount(2);
  await expect(missed.nth(0)).toContainText(`${shown('2026-11-03T10:00')} — Priya Shah is on holiday then`);
  await expect(missed.nth(1)).toContainText(`${shown('2026-11-10T10:00')} — Priya Shah is on holiday then`);
  await screenshots(page, '71-series-report');
  await report.getByRole('button', { name: 'Done' }).click();

  // After the clocks go back, the visit is still at 10:00 on the desk's own day view.
  await goToDate(page, '2026-10-27');
  await expect(card(page, 'Rita Regular')).toContainText('10:00');
  await card(page, 'Rita Regular').click();
  await expect(page.getByTestId('series-fact')).toHaveText(`Visit 4 of 10 · next ${shown('2026-11-17T10:00')}`);
  await screenshots(page, '72-series-drawer');

  await page.getByTestId('drawer').getByRole('button', { name: 'Cancel appointment' }).click();
  const cancel = page.getByRole('dialog', { name: "Cancel Rita Regular's appointment" });
  await cancel.getByLabel('This and all following visits').check();
  await cancel.getByRole('button', { name: 'Client called to cancel' }).click();
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(cancel).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: 'Cancelled 7 visits of Rita Regular from 10:00 on.' })).toBeVisible();

  const day = await ask<{ appointments: { client: { name: string }; seriesId: string }[] }>(page, 'appointments.day', { date: '2026-10-06' });
  const seriesId = day.appointments.find((appointment) => appointment.client.name === 'Rita Regular')?.seriesId;
  const visits = await ask<{ startsAt: number; status: string }[]>(page, 'appointments.series', { seriesId });
  expect(visits.map((visit) => `${DateTime.fromMillis(visit.startsAt, { zone: ZONE }).toFormat('dd LLL HH:mm')} ${visit.status}`)).toEqual([
    '06 Oct 10:00 booked',
    '13 Oct 10:00 booked',
    '20 Oct 10:00 booked',
    '27 Oct 10:00 cancelled',
    '17 Nov 10:00 cancelled',
    '24 Nov 10:00 cancelled',
    '01 Dec 10:00 cancelled',
    '08 Dec 10:00 cancelled',
    '15 Dec 10:00 cancelled',
    '22 Dec 10:00 cancelled',
  ]);
});
