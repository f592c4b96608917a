import { e2eLanguage } from './support/spoken';
import { expect, test } from './support/playwright';
import { DateTime } from 'luxon';
import { card, expectAccessible, screenshots, ZONE } from './helpers';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * Issue 12's walk-ins in Chromium, on their own demo desk: a client walks in for a haircut with
 * whoever is free, the strip above today says who is free next and when, one click seats her there
 * (a booking on the day); another walk-in leaves unserved and is recorded. The desk's and the
 * page's clock: Tuesday 6 October 2026, 10:00 in London, whatever the run's shop time.
 */

const at = DateTime.fromISO('2026-10-06T10:00', { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so today is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_WALKINS_PORT ?? 4544), { shopTime: aMonthBefore(at) });

test('a walk-in is seated with the next free stylist in one click; one who leaves is recorded', async ({ page }) => {
  await openDeskAt(page, desk, at);

  const strip = page.getByTestId('walk-ins');
  // The day keeps its room while nobody waits.
  await expect(strip).toHaveCount(0);
  for (const name of ['Wally Walkin', 'Lena Leaves']) {
    await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
    const form = page.getByRole('form', { name: 'Add a walk-in' });
    await form.getByLabel('Client', { exact: true }).fill(name);
    await form.getByRole('button', { name: `New client “${name}”` }).click();
    await form.getByRole('button', { name: 'Add client' }).click();
    await form.getByLabel('Service').selectOption({ label: demoShop.services.haircut });
    await form.getByRole('button', { name: 'Add to the queue' }).click();
    await expect(form).toBeHidden();
  }
  const wally = strip.getByTestId('walk-in').filter({ hasText: 'Wally Walkin' });
  const lena = strip.getByTestId('walk-in').filter({ hasText: 'Lena Leaves' });
  // Nobody is booked today: Wally gets the first person free now; Lena, behind him, someone else at the same time.
  // The line's parts are the shop's words joined by " · ": each is said in the shop's language.
  await expect(wally).toContainText(`Wally Walkin · ${demoShop.services.haircut} · `);
  const freeWith = async (line: typeof wally) => {
    const text = (await line.textContent()) ?? '';
    return ['Maya Okafor', 'Luca Romano', 'Priya Shah', 'Sam Taylor'].find((staff) => text.includes(staff)) ?? 'nobody';
  };
  const wallyWith = await freeWith(wally);
  const lenaWith = await freeWith(lena);
  for (const part of ['anyone', 'waiting 0 min', `next free 10:00 with ${wallyWith} (now)`]) await expect(wally).toContainText(part);
  if (e2eLanguage === 'en') await expect(wally).toContainText(`Wally Walkin · ${demoShop.services.haircut} · anyone · waiting 0 min · next free 10:00 with ${wallyWith} (now)`);
  await expect(lena).toContainText(`next free 10:00 with ${lenaWith}`);
  expect(lenaWith).not.toBe(wallyWith);
  await screenshots(page, '78-walk-ins');
  await expectAccessible(page, 'walk-in queue');

  await wally.getByRole('button', { name: 'Seat' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Seated Wally Walkin with ${wallyWith} at 10:00` })).toBeVisible();
  await expect(card(page, 'Wally Walkin')).toContainText('10:00');
  await expect(wally).toBeHidden();

  await lena.getByRole('button', { name: 'Left' }).click();
  await expect(lena).toBeHidden();
  await expect(strip).toHaveCount(0);
  await page.getByRole('button', { name: 'Activity' }).click();
  // The activity sentence is the rulebook's (registry) words, which the run's translator does not read: in another
  // language the row names Lena's visit and says she left in the shop's words.
  if (e2eLanguage === 'en') await expect(page.getByTestId('activity-table')).toContainText(`You recorded that Lena Leaves (${demoShop.services.haircut}) left without being seen`);
  else await expect(page.getByTestId('activity-table').getByRole('row').filter({ hasText: `Lena Leaves (${demoShop.services.haircut})` }).first()).toContainText(/se fue sin ser atendid/u);
});
