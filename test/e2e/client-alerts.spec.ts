import { expect, test, type Page } from './support/playwright';
import { DEMO_OWNER_PIN } from '../../src-main/core/demo/plan';
import { DateTime } from 'luxon';
import { expectAccessible, goToDate, openDesk, screenButton, screenshots, switchTo, ZONE } from './helpers';
import { ownDesk } from './support/ownDesk';
import { asData, longDate, say } from './support/spoken';
import { demoShop } from './support/demoShop';

/**
 * Client alerts (issue 12, acceptance 2) in Chromium on its own demo desk: picking Isla Brown in
 * the booking dialog shows her allergy and preferences before anything is saved; a Colour warns
 * that her patch test (taken 7 months before the demo's today) is older than the shop's 6 months,
 * and the booking is still made. The card then carries the alert icon and the drawer the alerts.
 * The desk's clock and the page's are both at 10:03 on Tuesday 2 June 2026, whatever the run's time.
 */

const date = '2026-06-02';
const at = DateTime.fromISO(`${date}T10:03`, { zone: ZONE }).toMillis();
const desk = ownDesk(Number(process.env.CAREDESK_E2E_ALERTS_PORT ?? 4539), { shopTime: at });
const allergy = demoShop.allergy;
const warning = 'Patch test is 7 months old — the shop asks for one within 6 months';

test('an allergy shows the moment the client is picked, and an old patch test warns for a colour without refusing it', async ({ page }) => {
  // Six screens, each photographed at three sizes and checked with axe: a long flow, like the others given more time.
  test.setTimeout(120_000);
  await page.clock.setFixedTime(at);
  await openDesk(page, desk.url);
  await goToDate(page, date);

  await page.getByRole('button', { name: /New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill('Isla');
  await dialog.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: /Isla Brown/ }).click();

  // Before a service, a time or a save: who she is and what to watch for.
  const alerts = dialog.getByTestId('client-alerts');
  await expect(alerts).toBeVisible();
  await expect(alerts).toContainText(allergy);
  await expect(alerts).toContainText(demoShop.preferences);
  await expect(alerts).toContainText('Patch test');
  await expect(dialog.getByTestId('patch-test-warning')).toHaveCount(0);

  // A haircut needs no patch test; a colour does.
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.haircut} — 45 min` });
  await expect(dialog.getByTestId('patch-test-warning')).toHaveCount(0);
  await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.colour} — 90 min` });
  await expect(dialog.getByTestId('patch-test-warning')).toContainText(warning);
  // The first free time with anyone (the demo's today is full for a colour): its day, staff and time.
  const chip = dialog.getByTestId('next-available').getByRole('button').first();
  const time = /(\d{2}:\d{2})$/.exec((await chip.getAttribute('aria-label')) ?? '')?.[1] ?? '';
  expect(time).not.toBe('');
  await chip.click();
  // Still a warning once the time is chosen (the visit's own date decides it).
  await expect(dialog.getByTestId('patch-test-warning')).toContainText(warning);
  await expect(dialog.getByRole('button', { name: 'Book appointment' })).toBeEnabled();
  await expectAccessible(page, 'booking dialog with client alerts');
  await screenshots(page, '50-booking-client-alerts');

  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(dialog).toBeHidden();

  // The card: an icon that names the allergy, to a screen reader and as a tooltip.
  const booked = page.getByTestId('appointment-card').filter({ hasText: 'Isla Brown' }).filter({ hasText: time });
  await expect(booked).toHaveAttribute('data-state', 'Confirmed');
  const icon = booked.getByRole('img', { name: `Allergy: ${allergy}` });
  await expect(icon).toBeVisible();
  await expect(icon).toHaveAttribute('title', `Allergy: ${allergy}`);
  // Cards of clients without an allergy carry no icon.
  const plain = page.getByTestId('appointment-card').filter({ hasNotText: 'Isla Brown' }).first();
  await expect(plain.getByTestId('alert-icon')).toHaveCount(0);
  await expectAccessible(page, 'day view with an alert icon');
  await screenshots(page, '51-card-alert-icon');

  // The drawer: the same alerts and the warning for this visit.
  await booked.click();
  const drawer = page.getByTestId('drawer');
  await expect(drawer.getByTestId('client-alerts')).toContainText(allergy);
  await expect(drawer.getByTestId('patch-test-warning')).toContainText(warning);
  await expectAccessible(page, 'drawer with client alerts');
  await screenshots(page, '52-drawer-client-alerts');
  await drawer.getByRole('button', { name: 'Close appointment details' }).click();

  // The whole team's week: the bar's name says the allergy too.
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Week' }).click();
  await expect(page.getByTestId('week-view')).toBeVisible();
  const bar = page.getByTestId('week-bar').filter({ has: page.getByTestId('alert-icon') }).first();
  const allergyShown = say(`Allergy: ${allergy}`);
  await expect(bar).toHaveAccessibleName(new RegExp(`Isla Brown.*${typeof allergyShown === 'string' ? allergyShown : allergyShown.source}`, 'u'));
  await screenshots(page, '56-week-team-alert');
  // One person's week draws the day view's cards, icon included.
  await page.getByTestId('week-view').getByRole('button', { name: 'One person' }).click();
  await page.getByTestId('week-view').getByLabel('Staff').selectOption({ label: 'Sam Taylor' });
  await expect(page.getByTestId('appointment-card').filter({ hasText: 'Isla Brown' }).filter({ hasText: time }).getByRole('img', { name: `Allergy: ${allergy}` })).toBeVisible();
  await screenshots(page, '57-week-person-alert');
});

/** New appointment for a client found by a word of their name, with a service. */
async function pick(page: Page, search: string, client: RegExp, service: string) {
  await goToDate(page, date);
  await page.getByRole('button', { name: /New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill(search);
  await dialog.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: client }).first().click();
  await dialog.getByLabel('Service').selectOption({ label: service });
  return dialog;
}

test("the client form edits the alerts; the shop's rule and the service's flag decide the warning", async ({ page }) => {
  await page.clock.setFixedTime(at);
  await openDesk(page, desk.url);
  await screenButton(page, 'Clients').click();
  await page.getByLabel('Find a client').fill('Oliver');
  await page.getByRole('list', { name: 'Clients' }).getByRole('button', { name: /Oliver/ }).first().click();
  const profile = page.getByTestId('client-profile');
  await profile.getByLabel('Allergies').fill('Latex');
  await profile.getByLabel('Last patch test').fill('2026-05-20');
  await profile.getByLabel('Preferences').fill('Likes a strong coffee');
  await profile.getByRole('button', { name: 'Save client' }).click();
  await expect(profile.getByRole('button', { name: 'Save client' })).toBeDisabled();
  await screenshots(page, '53-client-form-alerts');

  await screenButton(page, 'Day').click();
  let dialog = await pick(page, 'Oliver', /Oliver/, `${demoShop.services.colour} — 90 min`);
  await expect(dialog.getByTestId('client-alerts')).toContainText('Latex');
  await expect(dialog.getByTestId('client-alerts')).toContainText('Likes a strong coffee');
  // A recent patch test: nothing to warn about. Its date as the shop's language writes it ("Wednesday 20 May 2026").
  await expect(dialog.getByTestId('client-alerts')).toContainText(longDate('2026-05-20'));
  await expect(dialog.getByTestId('patch-test-warning')).toHaveCount(0);
  // Past six months by days only: "more than 6 months", never "6 months", which would read as within the rule.
  await dialog.getByLabel('Date').fill('2026-12-01');
  await expect(dialog.getByTestId('patch-test-warning')).toContainText('Patch test is more than 6 months old — the shop asks for one within 6 months');
  await dialog.getByRole('button', { name: 'Discard' }).click();

  // The owner's rule: within 12 months, Isla's 7-month-old test is good.
  await switchTo(page, 'Maya Okafor', DEMO_OWNER_PIN);
  await screenButton(page, 'Settings').click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: /^Shop and this desk/ }).click();
  const rule = page.getByLabel('Patch test needed within');
  await expect(rule).toHaveValue('6');
  await rule.selectOption({ label: '12 months' });
  await page.getByRole('button', { name: 'Save shop details' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Shop details saved' }).first()).toBeVisible();
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByRole('button', { name: 'Show the history of the shop settings' }).click();
  await expect(shop.getByRole('region', { name: 'History of the shop settings' }).getByRole('listitem').first()).toContainText(
    'You changed the patch test rule (months) from 6 to 12',
  );
  await screenshots(page, '54-settings-patch-test-rule');
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: /^Services/ }).click();
  // The demo's service, not the desk's word for the colour.
  await expect(page.getByRole('row', { name: asData(demoShop.services.colour) })).toContainText('needs a patch test');
  await page.getByRole('button', { name: `Edit ${demoShop.services.colour}` }).click();
  const serviceDialog = page.getByRole('dialog', { name: `Edit ${demoShop.services.colour}` });
  await expect(serviceDialog.getByLabel(/Needs a patch test/)).toBeChecked();
  await screenshots(page, '55-service-needs-patch-test');
  await serviceDialog.getByRole('button', { name: 'Cancel' }).click();

  await screenButton(page, 'Day').click();
  dialog = await pick(page, 'Isla', /Isla Brown/, `${demoShop.services.colour} — 90 min`);
  await expect(dialog.getByTestId('client-alerts')).toContainText(allergy);
  await expect(dialog.getByTestId('patch-test-warning')).toHaveCount(0);
  await dialog.getByLabel('Date').fill('2026-11-03');
  await expect(dialog.getByTestId('patch-test-warning')).toContainText('Patch test is more than 12 months old — the shop asks for one within 12 months');
});
