import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { createClient, recordClientConsent } from '../../../src-main/core/clients/commands';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { DEFAULT_MESSAGE_SETTINGS, SETTINGS_ID } from '../../../src-shared/entities';
import { cancelAppointment, checkIn } from '../../../src-main/core/appointments/commands';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { localTimeToInstant } from '../../../src-shared/time';
import { book, everyDay, key, makeShop, type Shop } from '../../support/local/shop';

/** Issue 15: clients, bookings, the activity log and the messages leave the desk as CSV a spreadsheet opens safely. */

const zone = 'Europe/London';
const createCaller = createCallerFactory(appRouter);

function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('CSV export', () => {
  let shop: Shop;
  let outputDir: string;
  const callerAs = async (staffId: string) => {
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId });
    return createCaller({
      store: shop.store,
      session,
      now: shop.clock.now,
      requestId: 'req-export',
      shell: { outputDir },
    } as DeskContext);
  };
  const ownerCaller = () => callerAs(shop.owner.id);
  beforeEach(async () => {
    shop = await makeShop({
      openingHours: everyDay('09:00', '18:00'),
      now: localTimeToInstant('2026-06-02', '08:00', zone),
    });
    outputDir = join(shop.dir, 'saved');
    mkdirSync(outputDir);
  });
  afterEach(() => shop.close());

  it('writes every client with the importer’s headers; quotes, commas, line breaks and accents survive, formulas are escaped', async () => {
    createClient(shop.receptionDesk, {
      idempotencyKey: key('c'),
      name: '=HYPERLINK("http://evil.example","Click")',
      phone: '+44 7700 900456',
      email: 'sly@example.com',
      notes: 'Line one\nLine "two", with a comma',
    });
    createClient(shop.receptionDesk, {
      idempotencyKey: key('c'),
      name: "-2+3+cmd|' /C calc'!A0",
      phone: '020 7946 0000',
      notes: '-0207',
    });
    const saved = await (await ownerCaller()).exports.clients({});
    expect(saved).toMatchObject({ saved: true, path: join(outputDir, 'caredesk-clients-2026-06-02.csv') });
    const [header, ...rows] = readCsv(saved.path as string);
    expect(header).toEqual(['Name', 'Phone', 'Email', 'Notes', 'Allergies', 'Patch test', 'Preferences']);
    expect(rows.map((row) => row[0])).toEqual([
      "'-2+3+cmd|' /C calc'!A0",
      '\'=HYPERLINK("http://evil.example","Click")',
      'Ann Other',
      'Björn Berg',
      'Zoë Smith',
    ]);
    expect(rows[0]?.[3]).toBe('-0207');
    expect(rows[1]?.slice(1, 4)).toEqual(['+44 7700 900456', 'sly@example.com', 'Line one\nLine "two", with a comma']);
    expect(rows[4]?.slice(0, 3)).toEqual(['Zoë Smith', '07700 900123', '']);
  });

  it('writes the bookings of a range of the shop’s days in its time, with status, price and what was paid', async () => {
    const [alice] = shop.staff;
    const monday = book(shop, localTimeToInstant('2026-06-08', '09:30', zone), { staffId: alice.id }).row;
    const cancelled = book(shop, localTimeToInstant('2026-06-09', '11:00', zone), {
      staffId: alice.id,
      serviceId: shop.services.colour,
    }).row;
    book(shop, localTimeToInstant('2026-06-20', '10:00', zone), { staffId: alice.id });
    cancelAppointment(shop.receptionDesk, {
      idempotencyKey: key('x'),
      id: cancelled.id,
      expectedVersion: cancelled.version,
      reason: 'Client is ill',
    });
    shop.clock.set(localTimeToInstant('2026-06-08', '09:25', zone));
    checkIn(shop.receptionDesk, { idempotencyKey: key('in'), id: monday.id, expectedVersion: monday.version });

    const caller = await ownerCaller();
    const saved = await caller.exports.appointments({ from: '2026-06-08', to: '2026-06-14' });
    expect(saved.path).toBe(join(outputDir, 'caredesk-bookings-2026-06-08-to-2026-06-14.csv'));
    expect(readCsv(saved.path as string)).toEqual([
      ['Date', 'Start', 'End', 'Client', 'Phone', 'Service', 'Staff', 'Status', 'Price', 'Discount', 'Paid', 'Notes'],
      ['2026-06-08', '09:30', '10:00', 'Zoë Smith', '07700 900123', 'Cut', 'Alice', 'Arrived', '', '', '', ''],
      ['2026-06-09', '11:00', '12:00', 'Zoë Smith', '07700 900123', 'Colour', 'Alice', 'Cancelled', '', '', '', ''],
    ]);
    await expect(caller.exports.appointments({ from: '2026-06-14', to: '2026-06-08' })).rejects.toMatchObject({
      cause: { code: 'VALIDATION_ERROR' },
    });
  });

  it('writes the activity of a range of days: when, who, what, about whom, and why', async () => {
    const [alice] = shop.staff;
    const booking = book(shop, localTimeToInstant('2026-06-03', '10:00', zone), { staffId: alice.id }).row;
    cancelAppointment(shop.receptionDesk, {
      idempotencyKey: key('x'),
      id: booking.id,
      expectedVersion: booking.version,
      reason: 'Running late',
    });
    const saved = await (await ownerCaller()).exports.activity({ from: '2026-06-02', to: '2026-06-02' });
    const [header, ...rows] = readCsv(saved.path as string);
    expect(header).toEqual([
      'Date',
      'Time',
      'Who',
      'What',
      'Client',
      'Service',
      'Staff',
      'Appointment',
      'Reason',
      'Undone later',
    ]);
    expect(rows.at(-2)).toEqual([
      '2026-06-02',
      '08:00',
      'Alice',
      'Appointment booked',
      'Zoë Smith',
      'Cut',
      'Alice',
      '2026-06-03 10:00',
      '',
      '',
    ]);
    expect(rows.at(-1)).toEqual([
      '2026-06-02',
      '08:00',
      'Alice',
      'Appointment cancelled',
      'Zoë Smith',
      'Cut',
      'Alice',
      '2026-06-03 10:00',
      'Running late',
      '',
    ]);
    expect(rows.some((row) => row[3] === 'Client added' && row[4] === 'Björn Berg')).toBe(true);
  });

  it('writes the messages due in a range of days: what, to whom, how, the outcome and the visit', async () => {
    const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
    updateShopSettings(shop.ownerDesk, {
      idempotencyKey: key('msg'),
      id: SETTINGS_ID,
      expectedVersion: settings.version,
      messages: { ...DEFAULT_MESSAGE_SETTINGS, channels: { email: true, sms: false }, reminderOffsetsMinutes: [24 * 60] },
    });
    const ana = createClient(shop.receptionDesk, { idempotencyKey: key('ana'), name: 'Ana Silva', email: 'ana@example.com' }).row;
    recordClientConsent(shop.receptionDesk, { idempotencyKey: key('consent'), id: ana.id, expectedVersion: 1, channel: 'email', given: true });
    book(shop, localTimeToInstant('2026-06-04', '14:00', zone), { clientId: ana.id, staffId: shop.staff[0].id });
    book(shop, localTimeToInstant('2026-06-20', '10:00', zone), { clientId: ana.id, staffId: shop.staff[0].id });

    const saved = await (await ownerCaller()).exports.messages({ from: '2026-06-02', to: '2026-06-04' });
    expect(saved.path).toBe(join(outputDir, 'caredesk-messages-2026-06-02-to-2026-06-04.csv'));
    const visit = ['2026-06-04 14:00', 'Cut', 'Alice'];
    const [header, ...rows] = readCsv(saved.path as string);
    expect(header).toEqual(['Due', 'Client', 'Message', 'Reminder (hours before)', 'By', 'To', 'Status', 'Last change', 'Provider', 'Reason', 'Visit', 'Service', 'Staff']);
    // In order of when each is due; the two confirmations due at once, by client then the visit.
    expect(rows).toEqual([
      ['2026-06-02 08:00', 'Ana Silva', 'Confirmation', '', 'E-mail', 'ana@example.com', 'Scheduled', '2026-06-02 08:00', '', '', ...visit],
      ['2026-06-02 08:00', 'Ana Silva', 'Confirmation', '', 'E-mail', 'ana@example.com', 'Scheduled', '2026-06-02 08:00', '', '', '2026-06-20 10:00', 'Cut', 'Alice'],
      ['2026-06-03 14:00', 'Ana Silva', 'Reminder', '24', 'E-mail', 'ana@example.com', 'Scheduled', '2026-06-02 08:00', '', '', ...visit],
    ]);
  });

  it('only the owner exports', async () => {
    const reception = await callerAs(shop.staff[0].id);
    await expect(reception.exports.clients({})).rejects.toMatchObject({ cause: { code: 'FORBIDDEN' } });
    await expect(reception.exports.messages({ from: '2026-06-02', to: '2026-06-02' })).rejects.toMatchObject({ cause: { code: 'FORBIDDEN' } });
  });
});
