import { and, count, isNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { appointmentImportCsv } from '../../../bench/importDataset';
import { createClient } from '../../../src-main/core/clients/commands';
import type { Store } from '../../../src-main/core/store/open';
import { appointments, clients } from '../../../src-main/core/store/schema';
import { undoImport } from '../../../src-main/files/imports/commitImport';
import { importText, preview, uploadFile } from '../../support/local/clientImport';
import { book, key } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/** Issue 15: future appointments from another tool's export, on a real SQLite file (the shop's clock: Mon 1 Jun 2026, 07:00 in London). */

const it = shopTest();
const live = (store: Store, table: typeof appointments | typeof clients) => store.db.select({ n: count() }).from(table).where(and(isNull(table.deletedAt))).get()!.n;

// Fresha's headers; the shop writes dates as "3 Jun 2026" (its default date format).
const rows = [
  ['Known Client', '+44 7700 900111', '', 'Cut', 'Alice', '3 Jun 2026', '10:00', '30', 'Regular'],
  ['New Person', '07700 900222', 'new@example.com', 'colour', 'Bob', '3 Jun 2026', '2:30 PM', '60 min', ''],
  ['New Person', '07700900222', '', 'Cut', 'Bob', '4 Jun 2026', '09:00', '', ''],
  ['Perm Lover', '07700900333', '', 'Perm', 'Alice', '4 Jun 2026', '11:00', '', ''],
  ['Zed Fan', '07700900444', '', 'Cut', 'Zed', '4 Jun 2026', '12:00', '', ''],
  ['Wrong Date', '07700900555', '', 'Cut', 'Alice', 'June 3rd', '12:00', '', ''],
  ['Wrong Time', '07700900666', '', 'Cut', 'Alice', '5 Jun 2026', '25:00', '', ''],
  ['Overlap', '07700900777', '', 'Cut', 'Alice', '3 Jun 2026', '10:15', '', ''],
  ['Late', '07700900888', '', 'Cut', 'Alice', '3 Jun 2026', '21:00', '', ''],
  ['Past', '07700900999', '', 'Cut', 'Alice', '31 May 2026', '10:00', '', ''],
];
const csv = appointmentImportCsv(rows);

describe('importing future appointments from a CSV file', () => {
  it('books the good rows as one undoable batch, lists each bad row with its reason, and adds nothing when imported again', async ({ shop }) => {
    createClient(shop.receptionDesk, { idempotencyKey: key('known'), name: 'Known Client', phone: '07700900111' });
    const clientsBefore = live(shop.store, clients);
    const bookingsBefore = live(shop.store, appointments);

    const seen = preview(shop.receptionDesk, uploadFile(shop.store, 'fresha.csv', csv, shop.clock.now()), 'skip', undefined, 'appointments');
    expect(seen.mapping).toEqual(['name', 'phone', 'email', 'service', 'staff', 'date', 'startTime', 'duration', 'notes']);
    expect(seen.mappingProblem).toBeNull();
    expect(seen.wouldAdd).toBe(3);
    expect(seen.wouldAddClients).toBe(1);
    expect(seen.problems.map((problem) => problem.row)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    const reasons = seen.problems.map((problem) => problem.reason);
    expect(reasons[0]).toContain('No service here is called “Perm”');
    expect(reasons[1]).toContain('No staff member here is called “Zed”');
    expect(reasons[2]).toContain('The date “June 3rd” is not written the way this shop writes dates');
    expect(reasons[3]).toContain('The start time “25:00” is not a time of day');
    // The rulebook's refusals, in an import's words: the booking that holds the time, the day's hours.
    expect(reasons[4]).toBe('Alice is already booked then (Wednesday 3 June 2026 at 10:15): row 2 of this file books Known Client for Cut at 10:00.');
    expect(reasons[5]).toBe("Cut at 21:00 is outside the shop's opening hours on Wednesday 3 June 2026 (08:00–20:00).");
    expect(reasons[6]).toContain('has already passed');
    // The preview wrote nothing.
    expect(live(shop.store, appointments)).toBe(bookingsBefore);
    expect(live(shop.store, clients)).toBe(clientsBefore);

    const dry = await importText(shop.receptionDesk, 'fresha.csv', csv, { kind: 'appointments', dryRun: true });
    expect(dry.outcome).toMatchObject({ added: 3, problems: 7, dryRun: true });
    expect(live(shop.store, appointments)).toBe(bookingsBefore);

    const done = await importText(shop.receptionDesk, 'fresha.csv', csv, { kind: 'appointments' });
    expect(done.phase).toBe('done');
    expect(done.outcome).toMatchObject({ added: 3, skipped: 0, problems: 7, dryRun: false });
    expect(live(shop.store, appointments)).toBe(bookingsBefore + 3);
    expect(live(shop.store, clients)).toBe(clientsBefore + 1);
    const booked = shop.store.db.select().from(appointments).where(isNull(appointments.deletedAt)).all();
    const known = booked.find((booking) => booking.notes === 'Regular');
    expect(known?.startsAt).toBe(Date.UTC(2026, 5, 3, 9, 0));
    expect(known?.staffId).toBe(shop.staff[0].id);
    expect(booked.some((booking) => booking.startsAt === Date.UTC(2026, 5, 3, 13, 30) && booking.staffId === shop.staff[1].id)).toBe(true);

    // The same file again adds nothing: every good row is already here.
    const again = await importText(shop.receptionDesk, 'fresha.csv', csv, { kind: 'appointments' });
    expect(again.outcome).toMatchObject({ added: 0, skipped: 3, batchId: null });
    expect(live(shop.store, appointments)).toBe(bookingsBefore + 3);
    expect(live(shop.store, clients)).toBe(clientsBefore + 1);

    // Undoing the batch takes back its bookings and the client it added, together.
    undoImport(shop.receptionDesk, { id: done.outcome!.batchId!, idempotencyKey: key('undo') });
    expect(live(shop.store, appointments)).toBe(bookingsBefore);
    expect(live(shop.store, clients)).toBe(clientsBefore);
  });

  it('a row whose time a booking already here holds names that booking', ({ shop }) => {
    // Zoë Smith's cut with Alice, Friday 5 June 10:00–10:30 (and its 10 minutes' buffer).
    book(shop, Date.UTC(2026, 5, 5, 9, 0));
    const file = appointmentImportCsv([['Late Comer', '07700 900321', '', 'Cut', 'Alice', '5 Jun 2026', '10:20', '', '']]);
    const seen = preview(shop.receptionDesk, uploadFile(shop.store, 'fresha.csv', file, shop.clock.now()), 'skip', undefined, 'appointments');
    expect(seen.problems).toEqual([{ row: 2, reason: 'Alice is already booked then (Friday 5 June 2026 at 10:20): Zoë Smith has Cut at 10:00.' }]);
    expect(seen.wouldAdd).toBe(0);
  });
});
