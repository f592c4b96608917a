import { afterEach, beforeEach, describe, expect } from 'vitest';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { weekView } from '../../../src-main/core/appointments/weekView';
import { clientAlerts } from '../../../src-main/core/clients/alerts';
import { createClient, updateClient } from '../../../src-main/core/clients/commands';
import { createService, updateService } from '../../../src-main/core/services/commands';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { openStore } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { rowSchemas, SETTINGS_ID } from '../../../src-shared/entities';
import { foldEvents } from '../../../src-shared/fold';
import { checkPatchTest, patchTestWarning } from '../../../src-shared/patchTest';
import { checkInvariants, eventsByEntity } from '../../support/local/invariants';
import { book, key, tempDir, type Shop } from '../../support/local/shop';
import { refusal } from '../../support/refusal';
import { shopTest } from '../../support/local/shopTest';
import { nineToFiveJson, olderIds, olderShopFile } from '../../support/local/olderShopFile';

/** Client alerts on the desk's SQLite file: stored, shown to the day view, warned about, never refused. */

/** Tuesday 2 June 2026, 10:00 in London. */
const TEN = Date.UTC(2026, 5, 2, 9, 0);


const it = shopTest();

/** Isla Nguyen, a new client with an allergy and a preference, and what else the test gives her. */
const islaNguyen = (shop: Shop, more: { patchTestOn?: string; notes?: string }) =>
  createClient(shop.receptionDesk, {
    idempotencyKey: key('client'),
    name: 'Isla Nguyen',
    allergies: 'Allergic to ammonia dyes',
    preferences: 'Quiet chair',
    ...more,
  }).row;

describe('client alerts on the desk', () => {
  it('allergies, patch test and preferences are stored, changed, in the history and folded back', ({ shop }) => {
    const created = islaNguyen(shop, { patchTestOn: '2025-10-20' });
    expect(rowSchemas.client.parse(loadRow(shop.store, 'client', created.id))).toMatchObject({
      allergies: 'Allergic to ammonia dyes',
      patchTestOn: '2025-10-20',
      preferences: 'Quiet chair',
      notes: '',
    });
    updateClient(shop.receptionDesk, { idempotencyKey: key('client'), id: created.id, expectedVersion: 1, patchTestOn: '2026-05-30', allergies: '  Latex  ' });
    const row = loadRow(shop.store, 'client', created.id)!;
    // What a person typed is trimmed, as every text field is.
    expect(row).toMatchObject({ allergies: 'Latex', patchTestOn: '2026-05-30', preferences: 'Quiet chair', version: 2 });
    const events = eventsByEntity(shop.store).get(`client:${created.id}`)!;
    expect(events.at(-1)).toMatchObject({ before: { allergies: 'Allergic to ammonia dyes', patchTestOn: '2025-10-20' }, after: { allergies: 'Latex', patchTestOn: '2026-05-30' } });
    expect(foldEvents('client', events)).toEqual(row);
    updateClient(shop.receptionDesk, { idempotencyKey: key('client'), id: created.id, expectedVersion: 2, patchTestOn: null });
    expect(loadRow(shop.store, 'client', created.id)!.patchTestOn).toBeNull();
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('too long or not a date: refused in words, nothing written', ({ shop }) => {
    const before = loadRow(shop.store, 'client', shop.clients[0]!)!;
    const long = refusal(() =>
      updateClient(shop.receptionDesk, { idempotencyKey: key('client'), id: before.id, expectedVersion: before.version, allergies: 'x'.repeat(501) }),
    );
    expect(long.code).toBe('VALIDATION_ERROR');
    expect(long.message).toMatch(/Allergies/);
    expect(long.message).toMatch(/500 characters/);
    const date = refusal(() =>
      updateClient(shop.receptionDesk, { idempotencyKey: key('client'), id: before.id, expectedVersion: before.version, patchTestOn: '2026-02-30' }),
    );
    expect(date.code).toBe('VALIDATION_ERROR');
    expect(date.message).toMatch(/Patch test/);
    expect(loadRow(shop.store, 'client', before.id)).toEqual(before);
  });

  it("the day and week views carry each booking's client allergies (one column), and the alerts query the rest", ({ shop }) => {
    const isla = islaNguyen(shop, { notes: 'Regular' });
    book(shop, TEN, { clientId: isla.id });
    book(shop, TEN, { staffId: shop.staff[1].id });
    const day = dayView(shop.store, { date: '2026-06-02' });
    const byClient = new Map(day.appointments.map((appointment) => [appointment.client.id, appointment.client]));
    expect(byClient.get(isla.id)).toEqual({ id: isla.id, name: 'Isla Nguyen', phone: null, allergies: 'Allergic to ammonia dyes' });
    expect(byClient.get(shop.clients[0]!)?.allergies).toBe('');
    const week = weekView(shop.store, { date: '2026-06-02' });
    expect(week.appointments.find((appointment) => appointment.clientId === isla.id)?.client.allergies).toBe('Allergic to ammonia dyes');
    expect(clientAlerts(shop.store, isla.id)).toEqual({
      id: isla.id,
      name: 'Isla Nguyen',
      allergies: 'Allergic to ammonia dyes',
      patchTestOn: null,
      preferences: 'Quiet chair',
      notes: 'Regular',
    });
    expect(refusal(() => clientAlerts(shop.store, crypto.randomUUID())).code).toBe('NOT_FOUND');
  });

  it("the shop's rule and a colour service that needs a patch test: an old test warns, the booking is still made", ({ shop }) => {
    const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
    expect(settings.patchTestMaxAgeMonths).toBeNull();
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key('settings'), id: SETTINGS_ID, expectedVersion: settings.version, patchTestMaxAgeMonths: 6 });
    const colour = loadRow(shop.store, 'service', shop.services.colour)!;
    expect(colour.needsPatchTest).toBe(false);
    updateService(shop.ownerDesk, { idempotencyKey: key('svc'), id: colour.id, expectedVersion: colour.version, needsPatchTest: true });
    const toner = createService(shop.ownerDesk, { idempotencyKey: key('svc'), name: 'Toner', durationMin: 30, needsPatchTest: true }).row;
    expect(toner.needsPatchTest).toBe(true);
    const isla = createClient(shop.receptionDesk, { idempotencyKey: key('client'), name: 'Isla', patchTestOn: '2025-10-20' }).row;

    const booked = book(shop, TEN, { clientId: isla.id, serviceId: colour.id }).row;
    expect(loadRow(shop.store, 'appointment', booked.id)?.status).toBe('booked');
    const check = checkPatchTest({
      service: loadRow(shop.store, 'service', colour.id)!,
      client: loadRow(shop.store, 'client', isla.id)!,
      settings: loadRow(shop.store, 'settings', SETTINGS_ID)!,
      visit: booked.startsAt,
    });
    expect(patchTestWarning(check)).toBe('Patch test is 7 months old — the shop asks for one within 6 months');

    const zero = refusal(() =>
      updateShopSettings(shop.ownerDesk, { idempotencyKey: key('settings'), id: SETTINGS_ID, expectedVersion: settings.version + 1, patchTestMaxAgeMonths: 0 }),
    );
    expect(zero.code).toBe('VALIDATION_ERROR');
    // A receptionist (not the owner) cannot change the shop's rule.
    const notOwner = refusal(() =>
      updateShopSettings(shop.receptionDesk, { idempotencyKey: key('settings'), id: SETTINGS_ID, expectedVersion: settings.version + 1, patchTestMaxAgeMonths: null }),
    );
    expect(notOwner.code).toBe('FORBIDDEN');
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('rows and events from before client alerts read the defaults', ({ shop }) => {
    // An old desk's create event and row, as a sync pull or the history holds them.
    const old = { id: crypto.randomUUID(), version: 1, createdAt: TEN, updatedAt: TEN, deletedAt: null, name: 'Old', phone: null, email: null, notes: '' };
    expect(rowSchemas.client.parse(old)).toMatchObject({ allergies: '', patchTestOn: null, preferences: '' });
    const { allergies: _a, patchTestOn: _p, preferences: _r, ...oldAfter } = rowSchemas.client.parse(old);
    expect(foldEvents('client', [{ ...eventsByEntity(shop.store).get(`client:${shop.clients[0]!}`)![0]!, entityId: old.id, after: oldAfter }])).toMatchObject({
      allergies: '',
      patchTestOn: null,
      preferences: '',
    });
  });
});

describe('a shop file from before client alerts', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('caredesk-alerts-migrate-');
  });
  afterEach(() => dir.cleanup());

  it('keeps its rows and reads the defaults of the new fields', async () => {
    const { old, file } = olderShopFile(dir.dir, '_client_alerts');
    // Written as the app before client alerts wrote them (its columns only).
    const ids = olderIds;
    const t = TEN;
    old.sqlite.exec(`
      INSERT INTO settings (id, version, created_at, updated_at, shop_name, time_zone, opening_hours, closed_dates, paper_size)
        VALUES ('${SETTINGS_ID}', 1, ${t}, ${t}, 'Old Cuts', 'Europe/London', '${nineToFiveJson}', '[]', 'A4');
      INSERT INTO services (id, version, created_at, updated_at, name, duration_min, buffer_after_min, archived)
        VALUES ('${ids.service}', 1, ${t}, ${t}, 'Colour', 60, 0, 0);
      INSERT INTO clients (id, version, created_at, updated_at, name, notes, search_name)
        VALUES ('${ids.client}', 1, ${t}, ${t}, 'Zoë', 'Regular', 'zoe');
    `);
    old.close();

    const store = openStore(file);
    try {
      expect(rowSchemas.client.parse(loadRow(store, 'client', ids.client))).toMatchObject({ name: 'Zoë', notes: 'Regular', allergies: '', patchTestOn: null, preferences: '' });
      expect(rowSchemas.service.parse(loadRow(store, 'service', ids.service))).toMatchObject({ name: 'Colour', needsPatchTest: false });
      expect(rowSchemas.settings.parse(loadRow(store, 'settings', SETTINGS_ID))).toMatchObject({ shopName: 'Old Cuts', patchTestMaxAgeMonths: null });
      // The old row answers the alerts query with nothing to warn about.
      expect(clientAlerts(store, ids.client)).toMatchObject({ allergies: '', patchTestOn: null, preferences: '' });
    } finally {
      store.close();
    }
  });
});
