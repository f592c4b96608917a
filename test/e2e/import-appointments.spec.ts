import { expect, test, type Locator, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { appointmentImportCsv } from '../../bench/importDataset';
import { callDesk, card, column, expectAccessible, goToDate, screenButton, screenshots, ZONE } from './helpers';
import { checkOnlyThenImport } from './support/importer';
import { aMonthBefore, asOwner, openDeskAt, ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';
import { demoShop } from './support/demoShop';

/**
 * Issue 15 in Chromium: future appointments from another tool's export (Fresha's headers) through
 * the same importer as clients. The receptionist chooses "Future appointments", picks the file,
 * sees the guessed columns and each bad row with its reason in plain words (a service the shop
 * does not have, a time already taken, a date written the wrong way, a day the shop is closed),
 * checks only, imports exactly the good rows, sees them on the day view, undoes the whole file,
 * and a second import of the same file adds nothing new. The page's and the desk's clocks are
 * both Monday 30 November 2026, 08:30 in London, whatever the run's time.
 */

const monday = '2026-11-30';
const tuesday = '2026-12-01';
const wednesday = '2026-12-02';
const friday = '2026-12-04';
const at = DateTime.fromISO(`${monday}T08:30`, { zone: ZONE }).toMillis();
// The demo shop is filled around the day its desk starts: a month earlier, so this week is empty.
const desk = ownDesk(Number(process.env.CAREDESK_E2E_IMPORT_APPOINTMENTS_PORT ?? 4731), { shopTime: aMonthBefore(at) });

const rows = [
  ['Hattie Imported', '07700 900401', 'hattie@example.com', demoShop.services.haircut, 'Sam Taylor', '01/12/2026', '10:00', '45', 'Booked on Fresha'],
  ['Rowan Imported', '+44 7700 900402', '', demoShop.services.blowDry, 'Priya Shah', '01/12/2026', '2:30 PM', '30 min', ''],
  // A date in the shop's own words (its month's name in the shop's language).
  ['Hattie Imported', '07700900401', '', demoShop.services.beardTrim, 'Luca Romano', e2eLanguage === 'es' ? '2 dic 2026' : '2 Dec 2026', '11:00', '20', ''],
  ['Nell Nails', '07700 900404', '', 'Gel nails', 'Sam Taylor', '01/12/2026', '12:00', '45', ''],
  ['Otto Overlap', '07700 900405', '', demoShop.services.kidsCut, 'Sam Taylor', '01/12/2026', '10:15', '30', ''],
  ['Mona Monthfirst', '07700 900406', '', demoShop.services.haircut, 'Priya Shah', '12/15/2026', '10:00', '45', ''],
  ['Cleo Closed', '07700 900407', '', demoShop.services.haircut, 'Luca Romano', '04/12/2026', '10:00', '45', ''],
];
const file = { name: 'fresha-appointments.csv', mimeType: 'text/csv', buffer: Buffer.from(appointmentImportCsv(rows), 'utf8') };

type Settings = { id: string; version: number; closedDates: string[] };

async function openImporter(page: Page) {
  await screenButton(page, 'Clients').click();
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await dialog.getByRole('radio', { name: 'Future appointments' }).check();
  await expect(dialog).toHaveAccessibleName('Import appointments');
  await dialog.getByLabel('CSV file').setInputFiles(file);
  await expect(dialog.getByTestId('import-summary')).toBeVisible();
  return dialog;
}

async function closeImporter(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();
}

/** The day view on `date`, with the cards of the file's clients on it. */
async function importedCardsOn(page: Page, date: string) {
  await screenButton(page, 'Day').click();
  await goToDate(page, date);
  // By the clients' names (a pattern: the word alone would be read as the importer's "Imported from …").
  return page.getByTestId('appointment-card').filter({ hasText: /(?:Hattie|Rowan) Imported/ });
}

test('import future appointments: guessed columns, each bad row with its reason, check only, import, day view, undo, import again', async ({ page }) => {
  // Four uploads, previews and imports on a desk that may share the machine with other runs.
  test.setTimeout(240_000);
  await openDeskAt(page, desk, at);
  // The shop is closed on Friday 4 December (a training day), as the owner set it.
  await asOwner(page, desk, async () => {
    const settings = await callDesk<Settings>(page, desk.url, 'settings.get', undefined, 'query');
    await callDesk(page, desk.url, 'settings.update', { idempotencyKey: crypto.randomUUID(), id: settings.id, expectedVersion: settings.version, closedDates: [...settings.closedDates, friday] });
  });
  await page.reload();
  await expect(page.getByTestId('day-view')).toBeVisible();

  let dialog = await openImporter(page);
  const mapping = dialog.getByTestId('import-mapping');
  await expect(mapping.getByLabel('Column “Client” fills')).toHaveValue('name');
  await expect(mapping.getByLabel('Column “Service Name” fills')).toHaveValue('service');
  await expect(mapping.getByLabel('Column “Team Member” fills')).toHaveValue('staff');
  await expect(mapping.getByLabel('Column “Appointment Date” fills')).toHaveValue('date');
  await expect(mapping.getByLabel('Column “Start Time” fills')).toHaveValue('startTime');
  await expect(dialog.getByTestId('import-summary')).toHaveText(
    'fresha-appointments.csv — rows: 7; appointments to add: 3 (new clients: 2); already here: 0; with problems: 4.',
  );
  await screenshots(page, '93-import-appointments-mapping');

  // Each bad row with its reason, as a receptionist would say it.
  const problems = dialog.getByTestId('import-problems');
  await expect(problems.getByRole('row')).toHaveCount(5);
  const reasonOf = (row: number) => problems.getByRole('row').filter({ has: page.getByRole('cell', { name: String(row), exact: true }) });
  await expect(reasonOf(5)).toContainText('No service here is called “Gel nails”.');
  await expect(reasonOf(6)).toContainText('Sam Taylor is already booked then');
  await expect(reasonOf(6)).toContainText('Hattie Imported');
  await expect(reasonOf(7)).toContainText('The date “12/15/2026” is not written the way this shop writes dates');
  await expect(reasonOf(8)).toContainText(`The shop is closed on ${e2eLanguage === 'es' ? 'viernes, 4 de diciembre de 2026' : 'Friday 4 December 2026'}.`);
  await problems.scrollIntoViewIfNeeded();
  await screenshots(page, '94-import-appointments-problems');
  await expectAccessible(page, 'appointments import preview');

  await checkOnlyThenImport(dialog, {
    checked: 'Check only, nothing was imported. Importing would book: 3; already here: 0; rows with problems: 4.',
    imported: 'Imported from fresha-appointments.csv — appointments booked: 3; already here: 0; rows with problems, not imported: 4.',
  });
  await screenshots(page, '95-import-appointments-result');

  // Undo takes the whole file back: its bookings and the clients it added.
  await dialog.getByRole('button', { name: 'Undo this import' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Import undone: the appointments it booked and the clients it added are removed.');
  await closeImporter(dialog);
  await expect(await importedCardsOn(page, tuesday)).toHaveCount(0);

  // Imported for good this time: exactly the good rows, on their days, with their staff.
  dialog = await openImporter(page);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('import-result')).toHaveText('Imported from fresha-appointments.csv — appointments booked: 3; already here: 0; rows with problems, not imported: 4.');
  await closeImporter(dialog);
  const onTuesday = await importedCardsOn(page, tuesday);
  await expect(onTuesday).toHaveCount(2);
  await expect(column(page, 'Sam Taylor').getByTestId('appointment-card').filter({ hasText: 'Hattie Imported' })).toContainText(demoShop.services.haircut);
  await expect(column(page, 'Priya Shah').getByTestId('appointment-card').filter({ hasText: 'Rowan Imported' })).toContainText(demoShop.services.blowDry);
  await expect(card(page, 'Otto Overlap')).toHaveCount(0);
  await screenshots(page, '96-import-appointments-day-view');
  await expect(await importedCardsOn(page, wednesday)).toHaveCount(1);
  await expect(column(page, 'Luca Romano').getByTestId('appointment-card').filter({ hasText: 'Hattie Imported' })).toContainText(demoShop.services.beardTrim);

  // The same file again adds nothing: every good row is already booked.
  dialog = await openImporter(page);
  await expect(dialog.getByTestId('import-summary')).toHaveText(
    'fresha-appointments.csv — rows: 7; appointments to add: 0 (new clients: 0); already here: 3; with problems: 4.',
  );
  const already = dialog.getByTestId('import-duplicates');
  await expect(already.getByRole('row')).toHaveCount(4);
  await expect(already).toContainText(
    e2eLanguage === 'es'
      ? `Rowan Imported${demoShop.services.blowDry} de Rowan Imported el martes, 1 de diciembre de 2026 a las 14:30 con Priya Shah, ya reservada`
      : `Rowan ImportedRowan Imported’s ${demoShop.services.blowDry} on Tuesday 1 December 2026 at 14:30 with Priya Shah, already booked`,
  );
  await already.scrollIntoViewIfNeeded();
  await screenshots(page, '97-import-appointments-again-preview');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('import-result')).toHaveText(
    'Nothing to import from fresha-appointments.csv: every appointment in it is already booked. Rows with problems: 4.',
  );
  await screenshots(page, '98-import-appointments-again-result');
  await closeImporter(dialog);
  await expect(await importedCardsOn(page, tuesday)).toHaveCount(2);

  await screenButton(page, 'Activity').click();
  const activity = page.getByTestId('activity-table');
  await expect(activity).toContainText('You imported 3 appointments from fresha-appointments.csv');
  await expect(activity).toContainText('You undid the import of appointments from fresha-appointments.csv');
});
