import { expect } from './support/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  bookViaForm,
  card,
  column,
  dayFromToday,
  expectAccessible,
  expectHonest,
  goToDate,
  openDesk,
  screenButton,
  screenshots,
  switchTo,
  test,
  today,
} from './helpers';
import { ownDesk } from './support/ownDesk';
import { demoShop } from './support/demoShop';

/**
 * Issue 6 from the reception screen: print the day (a frame with the printable page), save it as
 * a PDF (read back with pdftotext), and Settings → Backups (list, back up now, export, restore
 * with confirmation). On its own demo desk, because a restore replaces the database.
 */

test.describe.configure({ mode: 'serial' });

const desk = ownDesk(Number(process.env.CAREDESK_E2E_PRINT_PORT ?? 4533), { startTimeoutMs: 90_000 });

test('print the day from the day view, and save one staff member’s day as a PDF read back with pdftotext', async ({
  page,
}) => {
  await openDesk(page, desk.url);
  const date = dayFromToday(1);
  await goToDate(page, date);
  const booked = column(page, 'Maya Okafor').locator('[data-testid="appointment-card"][data-state="Confirmed"]');
  await expect(booked.first()).toBeVisible();
  const names = (await booked.locator('.card-client').allInnerTexts()).map((name) => name.trim());
  expect(names.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Print day' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print the day' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'print dialog');
  await screenshots(page, '29-print-dialog');

  // Print: the printable page loads in a frame and the print dialog is asked for.
  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('The print dialog opened for all staff');
  const frame = page.frameLocator('[data-testid="print-frame"]');
  await expect(frame.locator('body')).toContainText(demoShop.shopName);
  for (const name of names) await expect(frame.locator('body')).toContainText(name);

  // Save as PDF, Maya's day only.
  await dialog.getByLabel('Whose schedule').selectOption({ label: 'Maya Okafor (list)' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save as PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  mkdirSync('test-results/print', { recursive: true });
  const file = join('test-results/print', download.suggestedFilename());
  await download.saveAs(file);
  await expect(dialog.getByRole('status')).toContainText('Downloaded');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Maya Okafor');
  expect(text).not.toContain('Luca Romano');
  let last = -1;
  for (const name of names) {
    // A client may come twice in one day (the demo shop's days depend on the run's date): look after the last one.
    const at = text.indexOf(name, last + 1);
    expect(at, `${name} is in the PDF`).toBeGreaterThan(-1);
    expect(at, `${name} comes after the earlier appointments`).toBeGreaterThan(last);
    last = at;
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('Settings → Backups: back up now, export the database, and restore a backup with confirmation (owner)', async ({
  page,
}) => {
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', '1234');
  const date = dayFromToday(2);
  await screenButton(page, 'Settings').click();
  const backups = page.getByTestId('backups');
  await backups.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await expect(backups.getByTestId('backup-row').first()).toContainText('Daily (automatic)');
  const before = await backups.getByTestId('backup-row').count();
  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(backups.getByRole('status')).toContainText('Backup taken at');
  await expect(backups.getByTestId('backup-row')).toHaveCount(before + 1);
  await expect(backups.getByTestId('backup-row').first()).toContainText('Made by hand');

  await backups.getByRole('button', { name: 'Export database' }).click();
  await expect(backups.getByRole('status')).toContainText('Database exported to');
  // The sentence is checked above in the shop's language; the file is the one .sqlite path in it.
  const exported = /(\S+\.sqlite)/.exec(await backups.getByRole('status').innerText())?.[1];
  expect(exported && existsSync(exported)).toBe(true);
  await expectAccessible(page, 'settings backups');
  await screenshots(page, '30-settings-backups');

  // A booking made after the backup is gone once the backup is restored.
  await screenButton(page, 'Day').click();
  await goToDate(page, date);
  await bookViaForm(page, { client: 'Rita Restored', staff: 'Sam Taylor', date, time: 'first free' });
  await expect(card(page, 'Rita Restored')).toHaveAttribute('data-state', 'Confirmed');
  await screenButton(page, 'Settings').click();
  const manual = backups.getByTestId('backup-row').filter({ hasText: 'Made by hand' }).first();
  await manual.getByRole('button', { name: /^Restore the backup/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(confirm).toContainText('The current database is backed up first');
  await expectAccessible(page, 'restore confirmation');
  await screenshots(page, '31-restore-confirmation');
  await confirm.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(backups.getByRole('status')).toContainText('Restored.');
  await expect(backups.getByTestId('backup-row').filter({ hasText: 'Before a restore' })).toHaveCount(1);

  await screenButton(page, 'Day').click();
  await goToDate(page, today());
  await goToDate(page, date);
  await expect(page.getByTestId('appointment-card').first()).toBeVisible();
  await expect(card(page, 'Rita Restored')).toHaveCount(0);
  await expectHonest(page);
});
