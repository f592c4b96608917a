import { expect, test } from './support/playwright';
import { DateTime } from 'luxon';
import { DEMO_OWNER_PIN } from '../../src-main/core/demo/plan';
import { callDesk, expectAccessible, openDesk, screenButton, screenshots, switchTo, ZONE } from './helpers';
import { ownDesk } from './support/ownDesk';
import { say } from './support/spoken';
import type { Locator } from './support/playwright';

/**
 * Erasing a client (issue 15) in Chromium on its own demo desk: the profile's Delete client asks
 * first; the owner's Erase client… says what goes, that it cannot be undone and which backups still
 * hold the details, and needs a reason and the name typed out; afterwards the profile and its
 * history name the client "Erased client", with the erasure, its reason and the old backups.
 */

const at = DateTime.fromISO('2026-06-02T10:03', { zone: ZONE }).toMillis();
const desk = ownDesk(Number(process.env.CAREDESK_E2E_ERASURE_PORT ?? 4556), { shopTime: at });

/** The numbers a sentence shows (how many bookings, backups, minutes): digits in any language. */
async function numbersIn(sentence: Locator): Promise<number[]> {
  await expect(sentence).toContainText(/\d/);
  return ((await sentence.innerText()).match(/\d+/gu) ?? []).map(Number);
}
const counted = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;
/** A path through the screens ("Settings → Records → Deleted records"), each step as its screen names it. */
const pathOf = (...steps: string[]) =>
  new RegExp(
    steps
      .map((step) => {
        const said = say(step);
        return typeof said === 'string' ? said.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&') : `(?:${said.source})`;
      })
      .join(' → '),
    'u',
  );

test('delete asks first; the owner erases a client for good, and the history keeps the visits as "Erased client"', async ({
  page,
}) => {
  // Delete, restore, erase with its future bookings cancelled, and the other desk's copy: longer than the default minute.
  test.setTimeout(180_000);
  await page.clock.setFixedTime(at);
  await openDesk(page, desk.url);
  await callDesk(page, desk.url, 'backups.create', {});
  await switchTo(page, 'Maya Okafor', DEMO_OWNER_PIN);
  await screenButton(page, 'Clients').click();
  await page.getByLabel('Find a client').fill('Isla');
  await page
    .getByRole('list', { name: 'Clients' })
    .getByRole('button', { name: /Isla Brown/ })
    .click();
  const profile = page.getByTestId('client-profile');
  await expect(profile.getByRole('heading', { name: 'Isla Brown' })).toBeVisible();

  // Delete asks before it takes the client off the list; keeping her changes nothing.
  await profile.getByRole('button', { name: 'Delete client' }).click();
  const deleting = page.getByRole('dialog', { name: 'Delete Isla Brown?' });
  await expect(deleting).toContainText(pathOf('Settings', 'Records', 'Deleted records'));
  await screenshots(page, '90-delete-client');
  await deleting.getByRole('button', { name: 'Keep client' }).click();
  await expect(deleting).toBeHidden();

  await profile.getByRole('button', { name: 'Erase client…' }).click();
  const erasing = page.getByRole('dialog', { name: "Erase Isla Brown's details" });
  await expect(erasing).toContainText('This cannot be undone.');
  // Said first: what erasing cancels of what is still to come.
  const [bookings = 0] = await numbersIn(erasing.getByTestId('erase-bookings'));
  expect(bookings).toBeGreaterThan(0);
  await expect(erasing.getByTestId('erase-bookings')).toHaveText(
    `Their ${counted(bookings, 'booking', 'bookings')} still to come will be cancelled, and no more messages will go to them.`,
  );
  const [backups = 0] = await numbersIn(erasing.getByTestId('backups-holding'));
  expect(backups).toBeGreaterThan(0);
  await expect(erasing.getByTestId('backups-holding')).toContainText(
    `${counted(backups, 'backup on this computer holds', 'backups on this computer hold')} this client's details`,
  );
  const submit = erasing.getByRole('button', { name: 'Erase client' });
  await erasing.getByLabel('Why (kept with the erasure)').fill('Asked at the front desk to be forgotten');
  await expect(submit).toBeDisabled();
  await erasing.getByLabel('Type Isla Brown to confirm').fill('Isla Brown');
  await expect(submit).toBeEnabled();
  await expectAccessible(page, 'erase dialog');
  await screenshots(page, '91-erase-dialog');
  await submit.click();
  await expect(erasing).toBeHidden();

  await expect(profile.getByRole('heading', { name: 'Erased client' })).toBeVisible();
  await expect(profile.getByTestId('erased-notice')).toContainText("This client's details were erased on");
  const [before = 0, minutes = 0] = await numbersIn(profile.getByTestId('backups-holding'));
  expect(before).toBeGreaterThan(0);
  await expect(profile.getByTestId('backups-holding')).toContainText(
    before === 1
      ? `1 backup from before the erasure still holds this client's details: ${counted(minutes, 'minute', 'minutes')} old`
      : `${before} backups from before the erasure still hold this client's details: newest ${counted(minutes, 'minute', 'minutes')} old`,
  );
  await expect(profile.getByRole('button', { name: 'Erase client…' })).toHaveCount(0);
  await profile.getByRole('button', { name: 'Show history' }).click();
  await expect(profile).toContainText('Asked at the front desk to be forgotten');
  await expect(profile).not.toContainText('Isla');
  await expect(profile.getByRole('button', { name: /^Undo/ })).toHaveCount(0);
  await expect(profile.getByTestId('visits')).toBeVisible();
  await expectAccessible(page, 'erased client profile');
  await screenshots(page, '92-erased-client-history');
});
