import { expect, test } from './support/playwright';
import { expectAccessible, screenButton, screenshots } from './helpers';
import { checkOnlyThenImport } from './support/importer';
import { openDeskAt, ownDesk } from './support/ownDesk';

/**
 * Issue 15 in Chromium, on its own demo desk: the Clients screen's Import… reads another tool's
 * export (Square's headers), guesses its columns, lists each row's problem and each duplicate, checks
 * only, imports, and undoes the whole import from its result.
 */

const at = Date.UTC(2026, 10, 30, 10, 0);
const desk = ownDesk(Number(process.env.CAREDESK_E2E_IMPORT_PORT ?? 4555));

const csv = [
  'First Name,Last Name,Email Address,Phone Number,Loyalty Points,Notes',
  'Imogen,Importa,imogen@example.com,07700 900301,120,"Likes ""extra"" foam, warm water"',
  'Ivo,Núñez,ivo@example.com,+44 7700 900302,5,',
  ',,nobody@example.com,07700 900303,0,No name here',
  'Isla,Twice,imogen@example.com,07700 900304,0,Same e-mail as Imogen',
  'Ragged,Row,ragged@example.com',
  'Bad,Mail,not-an-address,07700 900306,0,',
].join('\r\n');

test('import clients: guessed columns, problems by row, duplicates, check only, import and undo', async ({ page }) => {
  // Six uploads, previews and imports on a desk shared with other engineers' runs.
  test.setTimeout(180_000);
  await openDeskAt(page, desk, at);
  await screenButton(page, 'Clients').click();
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import clients' });
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  const mapping = dialog.getByTestId('import-mapping');
  await expect(mapping.getByLabel('Column “First Name” fills')).toHaveValue('firstName');
  await expect(mapping.getByLabel('Column “Phone Number” fills')).toHaveValue('phone');
  await expect(mapping.getByLabel('Column “Loyalty Points” fills')).toHaveValue('');
  await expect(mapping.getByLabel('Column “Notes” fills')).toHaveValue('notes');
  await expect(dialog.getByTestId('import-summary')).toHaveText('clients.csv — rows: 6; to add: 2; to merge: 0; left out: 1; with problems: 3.');
  await screenshots(page, '90-import-mapping');

  // Two columns filling one field: the screen says so in words and offers no import until it is put right.
  await mapping.getByLabel('Column “Last Name” fills').selectOption({ label: 'First name' });
  await expect(dialog.getByRole('alert')).toHaveText('Two columns fill the same field. Choose each field for one column only.');
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expect(dialog.getByTestId('import-summary')).toHaveCount(0);
  await dialog.getByRole('alert').scrollIntoViewIfNeeded();
  await screenshots(page, '90-import-mapping-problem');
  await mapping.getByLabel('Column “Last Name” fills').selectOption({ label: 'Last name' });
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeEnabled();
  await expect(dialog.getByTestId('import-summary')).toHaveText('clients.csv — rows: 6; to add: 2; to merge: 0; left out: 1; with problems: 3.');

  // The notes column left out, then taken back: the preview follows the mapping.
  await mapping.getByLabel('Column “Notes” fills').selectOption({ label: 'Leave out' });
  await expect(mapping.getByLabel('Column “Notes” fills')).toHaveValue('');
  await mapping.getByLabel('Column “Notes” fills').selectOption({ label: 'Notes' });

  const problems = dialog.getByTestId('import-problems');
  await expect(problems.getByRole('row')).toHaveCount(4);
  // Each reason on its row (the row's number in its own cell, the reason said in the shop's language).
  const reasonOf = (row: number) => problems.getByRole('row').filter({ has: page.getByRole('cell', { name: String(row), exact: true }) });
  await expect(reasonOf(4)).toContainText('Name is missing.');
  await expect(reasonOf(6)).toContainText('This row has 3 cells where the header names 6 columns');
  await expect(reasonOf(7)).toContainText('E-mail must be an e-mail address.');
  // The duplicate's row, cell by cell: the client in the file, whom it matches, by what, and what happens to it.
  const twice = dialog.getByTestId('import-duplicates').getByRole('row').filter({ hasText: 'Isla Twice' }).getByRole('cell');
  await expect(twice.nth(1)).toHaveText('Isla Twice');
  await expect(twice.nth(2)).toHaveText('Imogen Importa (an earlier row of this file)');
  await expect(twice.nth(3)).toHaveText('E-mail');
  await expect(twice.nth(4)).toHaveText('Left out');
  await dialog.getByTestId('import-problems').scrollIntoViewIfNeeded();
  await screenshots(page, '91-import-preview-problems');
  await expectAccessible(page, 'import preview');

  await checkOnlyThenImport(dialog, {
    checked: 'Check only, nothing was imported. Importing would add: 2; merge: 0; leave out: 1; rows with problems: 3.',
    imported: 'Imported from clients.csv — added: 2; merged: 0; left out: 1; rows with problems, not imported: 3.',
  });
  await screenshots(page, '92-import-result');
  const list = page.getByRole('list', { name: 'Clients' });
  await page.getByLabel('Find a client').fill('Importa');
  await expect(list).toContainText('Imogen Importa');

  await dialog.getByRole('button', { name: 'Undo this import' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Import undone: the clients it added are removed and merged clients are as they were.');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();
  await expect(list).not.toContainText('Imogen Importa');

  await screenButton(page, 'Activity').click();
  await expect(page.getByTestId('activity-table')).toContainText('You undid the import of clients from clients.csv');
  await expect(page.getByTestId('activity-table')).toContainText('You imported 2 clients from clients.csv');
});
