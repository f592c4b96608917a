import { expect } from './support/playwright';
import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callDesk, dayFromToday, expectAccessible, expectHonest, openDesk, openSettings, screenshots, switchTo, test } from './helpers';
import { ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';
import { localTimeToInstant } from '../../src-shared/time';

/**
 * Issue 15 from the owner's screens: Settings → Records exports the clients as CSV and brings back a
 * deleted client and a deleted booking; Settings → Shop and this desk → Off-site copy copies every
 * backup to a second folder and says so when that folder goes away, until it returns.
 */

test.describe.configure({ mode: 'serial' });

const desk = ownDesk(Number(process.env.CAREDESK_E2E_RECORDS_PORT ?? 4549), { startTimeoutMs: 90_000 });

type Row = { id: string; name: string; version: number };

test('Records: export the clients, and restore a deleted client and a deleted booking (owner)', async ({ page }) => {
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', '1234');
  // Nothing on screen deletes a client yet: the desk's calls do it, as a script would, in Maya's name.
  const call = <T,>(path: string, input?: unknown, kind?: 'query') => callDesk<T>(page, desk.url, path, input, kind);
  const dora = (await call<{ row: Row }>('clients.create', { idempotencyKey: 'e2e-records-dora', name: 'Dora Deleted', phone: null })).row;
  await call('clients.delete', { idempotencyKey: 'e2e-records-dora-del', id: dora.id, expectedVersion: dora.version, reason: 'Entered twice' });
  const sam = (await call<Row[]>('staff.list')).find((member) => member.name === 'Sam Taylor') as Row;
  const cut = (await call<Row[]>('services.list'))[0] as Row;
  const otto = (await call<{ row: Row }>('clients.create', { idempotencyKey: 'e2e-records-otto', name: 'Otto Oops', phone: null })).row;
  const booking = (
    await call<{ row: Row }>('appointments.create', {
      idempotencyKey: 'e2e-records-booking',
      clientId: otto.id,
      staffId: sam.id,
      serviceId: cut.id,
      startsAt: localTimeToInstant(dayFromToday(3), '16:00', 'Europe/London'),
      allowOutsideHours: true,
      allowOutsideSchedule: true,
    })
  ).row;
  await call('appointments.delete', { idempotencyKey: 'e2e-records-booking-del', id: booking.id, expectedVersion: booking.version, reason: 'Entered on the wrong day' });

  await openSettings(page, 'Records');
  const exports = page.getByTestId('exports');
  await exports.getByRole('button', { name: 'Export clients' }).click();
  await expect(exports.getByRole('status')).toContainText('Clients saved to');
  // The sentence is in the shop's language; the file's path is the one .csv in it.
  const path = /(\S+\.csv)\.?(?:\s|$)/u.exec(await exports.getByRole('status').innerText())?.[1] as string;
  const csv = readFileSync(path, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFName,Phone,Email,Notes,Allergies,Patch test,Preferences');
  expect(csv).toContain('Otto Oops');
  expect(csv).not.toContain('Dora Deleted');

  const deleted = page.getByTestId('deleted-records');
  const doraRow = deleted.getByRole('row', { name: /Dora Deleted/ });
  await expect(doraRow).toContainText('Maya Okafor');
  await expect(doraRow).toContainText('Entered twice');
  await expectAccessible(page, 'settings records');
  await screenshots(page, '60-settings-records');
  await doraRow.getByRole('button', { name: 'Restore Dora Deleted' }).click();
  await expect(deleted.getByText('No deleted clients.')).toBeVisible();

  await deleted.getByRole('button', { name: 'Bookings' }).click();
  const bookingRow = deleted.getByRole('row', { name: /Otto Oops: / }).filter({ hasText: 'Sam Taylor' });
  await expect(bookingRow).toContainText('Entered on the wrong day');
  await screenshots(page, '61-settings-deleted-bookings');
  await bookingRow.getByRole('button', { name: /^Restore Otto Oops’s/ }).click();
  await expect(deleted.getByText('No deleted bookings.')).toBeVisible();
  await expectHonest(page);
});

test('Off-site copy: every backup goes to the chosen folder; a folder that goes away is a check until it returns', async ({ page }) => {
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', '1234');
  await openSettings(page, 'Shop and this desk');
  const offsite = page.getByTestId('offsite-backup');
  await offsite.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const usb = mkdtempSync(join(tmpdir(), 'caredesk-e2e-usb-'));
  await offsite.getByLabel('Copy backups to this folder').fill(usb);
  await offsite.getByRole('button', { name: 'Use this folder' }).click();
  await expect(offsite.getByRole('status')).toContainText(`Backups will be copied to ${usb}.`);
  await expect(offsite).toContainText('Up to date');
  await expectAccessible(page, 'off-site copy');
  await screenshots(page, '62-settings-offsite');

  // The drive is unplugged: the next backup is kept here, and the off-site copy says it failed.
  renameSync(usb, `${usb}-away`);
  await offsite.getByRole('button', { name: 'Back up and copy now' }).click();
  await expect(offsite.getByRole('status')).toContainText(e2eLanguage === 'es' ? 'no se ha podido copiar fuera' : 'could not be copied off-site');
  await expect(offsite).toContainText('Folder not found');
  await expect(page.getByRole('region', { name: 'System status' })).toContainText(`The off-site backup folder ${usb} is not there`);
  await screenshots(page, '63-offsite-missing');

  renameSync(`${usb}-away`, usb);
  await offsite.getByRole('button', { name: 'Back up and copy now' }).click();
  await expect(offsite.getByRole('status')).toContainText(e2eLanguage === 'es' ? 'y copiada fuera' : 'and copied off-site');
  await expect(offsite).toContainText('Up to date');
});
