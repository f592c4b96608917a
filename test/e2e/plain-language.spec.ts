import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { DEMO_OWNER_PIN } from '../../src-main/core/demo/plan';
import { bookViaForm, card, screenButton, screenshots, ZONE } from './helpers';
import { e2eLanguage } from './support/spoken';
import { aMonthBefore, openDeskAt, ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * Plain language (issue 12): an activity row names the client, service, time and staff member; one
 * compact toast at a time, whose Undo of an Undo never reads "Undone: Undone:"; a refusal names the
 * day and the opening interval, never a field path; a note's limit shows while typing.
 * The page's and the desk's clocks are both Monday 30 November 2026, 08:30, whatever the run's time.
 */

const monday = '2026-11-30';
const at = DateTime.fromISO(`${monday}T08:30`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_WORDING_PORT ?? 4541), { shopTime: aMonthBefore(at), startTimeoutMs: 90_000 });

test.describe.configure({ mode: 'serial' });

async function openMonday(page: Page) {
  await openDeskAt(page, desk, at);
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', monday);
}

async function reschedule(page: Page, client: string, time: string) {
  await card(page, client).click();
  const drawer = page.getByTestId('drawer');
  await drawer.getByRole('button', { name: 'Reschedule' }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`Reschedule ${client}`) });
  await dialog.getByLabel('Time', { exact: true }).fill(time);
  await dialog.getByRole('button', { name: 'Move appointment' }).click();
  await expect(dialog).toBeHidden();
}

test('a moved booking reads as a sentence in the activity log; one toast at a time, Undo of an Undo reads "Redone"', async ({ page }) => {
  await openMonday(page);
  await bookViaForm(page, { client: 'Aisha Patel', staff: 'Priya Shah', service: `${demoShop.services.kidsCut} — 30 min`, date: monday, time: '15:15' });
  await expect(card(page, 'Aisha Patel')).toHaveAttribute('data-state', 'Confirmed');
  await reschedule(page, 'Aisha Patel', '11:45');
  await expect(card(page, 'Aisha Patel')).toContainText('11:45–12:15');

  // Two quick actions: the move's toast is replaced by the notes' toast, never stacked under it.
  const drawer = page.getByTestId('drawer');
  await drawer.getByRole('textbox', { name: 'Notes' }).fill('Prefers the window seat');
  await drawer.getByRole('button', { name: 'Save notes' }).click();
  const toasts = page.getByTestId('toast');
  await expect(toasts).toHaveCount(1);
  await expect(toasts).toContainText('Notes');
  await expect(toasts).not.toContainText('Moved');
  await drawer.getByRole('button', { name: 'Close appointment details' }).click();
  // The toast sits in the strip under the screens: it covers nothing of the day's grid.
  const toastBox = await toasts.boundingBox();
  const screenBox = await page.locator('main.main').boundingBox();
  expect(toastBox?.y ?? 0).toBeGreaterThanOrEqual((screenBox?.y ?? Infinity) + (screenBox?.height ?? 0));
  await screenshots(page, 'plain-language-toast-day-view');

  // Undo, then undo the undo: "Undone: …", then "Redone: …", one toast each time.
  await toasts.getByRole('button', { name: /^Undo/ }).click();
  await expect(toasts).toHaveCount(1);
  await expect(toasts).toContainText(/^Undone: /);
  await toasts.getByRole('button', { name: /^Undo/ }).click();
  await expect(toasts).toHaveCount(1);
  await expect(toasts).toContainText(/^Redone: /);
  await expect(toasts).not.toContainText('Undone: Undone');

  await screenButton(page, 'Activity').click();
  const rows = page.getByTestId('activity-table').locator('tbody tr');
  const moved = rows.filter({ hasText: 'Appointment moved' });
  // Whole sentences of several phrases, a name and a service in them: each language's sentence written out.
  await expect(moved.locator('td').nth(1)).toHaveText(
    e2eLanguage === 'es'
      ? `Sam Taylor (tú) movió ${demoShop.services.kidsCut} de Aisha Patel de 15:15 a 11:45 con Priya Shah · Cita movida`
      : `You moved Aisha Patel's ${demoShop.services.kidsCut} from 15:15 to 11:45 with Priya Shah · Appointment moved`,
  );
  await expect(rows.filter({ hasText: 'Appointment booked' }).first().locator('td').nth(1)).toHaveText(
    e2eLanguage === 'es'
      ? `Sam Taylor (tú) reservó ${demoShop.services.kidsCut} de Aisha Patel a las 15:15 con Priya Shah · Cita reservada`
      : `You booked Aisha Patel's ${demoShop.services.kidsCut} at 15:15 with Priya Shah · Appointment booked`,
  );
  // The undo and its undo name what they undid, never "the a change (appointment)".
  await expect(rows.filter({ hasText: e2eLanguage === 'es' ? `Sam Taylor (tú) deshizo el cambio de notas de ${demoShop.services.kidsCut} de Aisha Patel` : 'You undid the notes change of Aisha Patel' })).toHaveCount(1);
  await expect(rows.filter({ hasText: e2eLanguage === 'es' ? `Sam Taylor (tú) deshizo el deshacer de ${demoShop.services.kidsCut} de Aisha Patel` : 'You undid the undo of Aisha Patel' })).toHaveCount(1);
  for (const text of await rows.allInnerTexts()) expect(text).not.toMatch(/the\sa\schange|\(appointment\)|— → yes|\b[a-z]+[A-Z][a-zA-Z]*\b/);
  await screenshots(page, 'plain-language-activity');
});

test('a wrong closing time is refused in words, naming the day and the interval, never a field path', async ({ page }) => {
  await openMonday(page);
  await page.getByTestId('actor-button').click();
  const who = page.getByRole('dialog', { name: 'Who is at the desk?' });
  await who.getByRole('radio', { name: /Maya Okafor/ }).check();
  await who.getByLabel('PIN for Maya Okafor').fill(DEMO_OWNER_PIN);
  await who.getByRole('button', { name: 'Switch' }).click();
  await expect(who).toBeHidden();
  await screenButton(page, 'Settings').click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: /^Opening hours/ }).click();
  const hours = page.getByRole('region', { name: 'Opening hours' });
  await hours.getByLabel('Thursday closes', { exact: true }).fill('08:00');
  await hours.getByRole('button', { name: 'Save opening hours' }).click();
  const refusal = hours.getByRole('alert');
  // A place in the week and a field inside one sentence: each language's sentence written out.
  await expect(refusal).toHaveText(
    e2eLanguage === 'es'
      ? 'Horario de apertura del jueves, primer intervalo, hora de cierre: debe ser posterior a la hora de apertura.'
      : "Thursday's opening hours, first interval: closing time must be after the opening time.",
  );
  await expect(refusal).not.toContainText('openingHours');
});

test('a note shows its limit while typing, and too much is refused before saving, never cut', async ({ page }) => {
  await openMonday(page);
  await card(page, 'Aisha Patel').click();
  const drawer = page.getByTestId('drawer');
  const notes = drawer.getByRole('textbox', { name: 'Notes' });
  const counter = drawer.getByTestId('length-limit');
  await notes.fill('x'.repeat(1000));
  await expect(counter).toBeEmpty();
  await notes.fill('x'.repeat(1950));
  // Numbers as the shop's language writes them.
  await expect(counter).toHaveText(e2eLanguage === 'es' ? '1950 / 2000' : '1,950 / 2,000');
  await expect(notes).toHaveAttribute('aria-describedby', 'drawer-notes-limit');
  await screenshots(page, 'plain-language-note-counter');
  // A paste beyond the limit is kept whole (no silent cut) and the form says how much is too much.
  await notes.fill('y'.repeat(2050));
  await expect(notes).toHaveValue('y'.repeat(2050));
  await expect(counter).toHaveText(e2eLanguage === 'es' ? '2050 / 2000 — 50 de más para guardar' : '2,050 / 2,000 — 50 too many to save');
  await expect(drawer.getByRole('button', { name: 'Save notes' })).toBeDisabled();
  await notes.fill('y'.repeat(2000));
  await expect(drawer.getByRole('button', { name: 'Save notes' })).toBeEnabled();
});

test('a refused change stays in view when a later change succeeds: one toast, the failure kept in it', async ({ page }) => {
  await openMonday(page);
  await bookViaForm(page, { client: 'Ben Blocker', staff: 'Priya Shah', service: `${demoShop.services.haircut} — 45 min`, date: monday, time: '14:00' });
  await expect(card(page, 'Ben Blocker')).toHaveAttribute('data-state', 'Confirmed');
  // Aisha Patel dropped onto Ben Blocker's time: refused ("Not moved: …").
  const grid = page.locator('.grid');
  const gridStart = Number(await grid.getAttribute('data-grid-start'));
  const pxPerMin = Number(await grid.getAttribute('data-px-per-min'));
  await card(page, 'Aisha Patel').dragTo(page.locator('[data-testid="staff-column"][data-staff-name="Priya Shah"]'), {
    sourcePosition: { x: 20, y: 4 },
    targetPosition: { x: 30, y: (14 * 60 + 10 - gridStart) * pxPerMin + 4 },
  });
  const toasts = page.getByTestId('toast');
  await expect(toasts).toHaveCount(1);
  await expect(toasts).toContainText('Not moved: ');
  const refusal = (await toasts.innerText()).trim();
  expect(refusal).not.toMatch(/"|\w\.\w|[a-z][A-Z]/);

  // A later success takes the toast, and the refusal stays in it until dismissed.
  await card(page, 'Aisha Patel').click();
  const drawer = page.getByTestId('drawer');
  await drawer.getByRole('textbox', { name: 'Notes' }).fill('Likes a quiet chair');
  await drawer.getByRole('button', { name: 'Save notes' }).click();
  await expect(toasts).toHaveCount(1);
  await expect(toasts.locator('.toast-text')).toContainText('Notes saved');
  await expect(toasts.getByTestId('toast-failure')).toHaveText(/^Not moved: /);
  await screenshots(page, 'plain-language-toast-failure-kept');
  await toasts.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(toasts).toHaveCount(0);
});
