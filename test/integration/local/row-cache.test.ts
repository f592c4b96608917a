import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { SETTINGS_ID, type Service, type Settings } from '../../../src-shared/entities';
import { createAppointment } from '../../../src-main/core/appointments/commands';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { updateService } from '../../../src-main/core/services/commands';
import { updateStaffMember } from '../../../src-main/core/staff/commands';
import { isPaired } from '../../../src-main/core/outbox/outbox';
import { deleteLocalMeta, writeLocalMeta } from '../../../src-main/core/store/localMeta';
import { loadRow } from '../../../src-main/core/store/rows';
import { transact } from '../../../src-main/core/store/transaction';
import { errorCodeOf, everyDay, key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

/**
 * The command path keeps the settings, staff and service rows it last read
 * (src-main/core/store/rowCache.ts): every booking is still judged by them as they are now.
 */
const sevenAm = Date.UTC(2026, 5, 2, 6, 0); // 07:00 London, before the shop's 08:00 opening

function earlyBooking(shop: Shop) {
  return { idempotencyKey: key('early'), clientId: shop.clients[0]!, staffId: shop.staff[0].id, serviceId: shop.services.cut, startsAt: sevenAm };
}

function serviceVersion(shop: Shop): number {
  return (loadRow(shop.store, 'service', shop.services.cut) as Service).version;
}

/** A booking of the cut at 10:00 London, inside the shop's hours. */
function cutAtTen(shop: Shop, minutesLater = 0) {
  return { idempotencyKey: key('cut'), clientId: shop.clients[0]!, staffId: shop.staff[0].id, serviceId: shop.services.cut, startsAt: Date.UTC(2026, 5, 2, 9, minutesLater) };
}

function staffVersion(shop: Shop, id: string): number {
  return (loadRow(shop.store, 'staff', id) as { version: number }).version;
}

/** The owner hands the shop on by becoming staff: refused while they are its only active owner. */
function ownerStepsDown(shop: Shop) {
  return updateStaffMember(shop.ownerDesk, { idempotencyKey: key('down'), id: shop.owner.id, expectedVersion: staffVersion(shop, shop.owner.id), role: 'staff' });
}

function makeOwner(shop: Shop, id: string) {
  return updateStaffMember(shop.ownerDesk, { idempotencyKey: key('up'), id, expectedVersion: staffVersion(shop, id), role: 'owner' });
}

function settingsVersion(shop: Shop): number {
  return (loadRow(shop.store, 'settings', SETTINGS_ID) as Settings).version;
}

const it = shopTest();

describe('the settings a booking is judged by', () => {
  it('follow a change of opening hours made on this desk', async ({ shop }) => {
    expect(await errorCodeOf(() => createAppointment(shop.receptionDesk, earlyBooking(shop)))).toBe('OUTSIDE_OPENING_HOURS');
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key(), id: SETTINGS_ID, expectedVersion: settingsVersion(shop), openingHours: everyDay('06:00', '20:00') });
    expect(createAppointment(shop.receptionDesk, earlyBooking(shop)).row).toMatchObject({ startsAt: sevenAm, outsideHours: false });
  });

  it('do not keep a change that was rolled back', async ({ shop }) => {
    expect(await errorCodeOf(() => createAppointment(shop.receptionDesk, earlyBooking(shop)))).toBe('OUTSIDE_OPENING_HOURS');
    const failure = await errorCodeOf(() =>
      transact(shop.store, () => {
        updateShopSettings(shop.ownerDesk, { idempotencyKey: key(), id: SETTINGS_ID, expectedVersion: settingsVersion(shop), openingHours: everyDay('06:00', '20:00') });
        // Judged inside the transaction by the hours it has just written…
        createAppointment(shop.receptionDesk, earlyBooking(shop));
        throw new Error('the change is abandoned');
      }),
    );
    expect(failure).toBe('DB_TRANSACTION_FAILED');
    // …and by the hours kept once it is rolled back.
    expect(await errorCodeOf(() => createAppointment(shop.receptionDesk, earlyBooking(shop)))).toBe('OUTSIDE_OPENING_HOURS');
  });

  it('follow a change another connection commits to the same file', async ({ shop }) => {
    expect(await errorCodeOf(() => createAppointment(shop.receptionDesk, earlyBooking(shop)))).toBe('OUTSIDE_OPENING_HOURS');
    const other = new Database(shop.file);
    try {
      other.prepare('UPDATE settings SET opening_hours = ? WHERE id = ?').run(JSON.stringify(everyDay('06:00', '20:00')), SETTINGS_ID);
    } finally {
      other.close();
    }
    expect(createAppointment(shop.receptionDesk, earlyBooking(shop)).row).toMatchObject({ startsAt: sevenAm, outsideHours: false });
  });
});

describe('the staff member and service a booking is judged by', () => {
  it("follow a service's new length made on this desk, and not one rolled back", async ({ shop }) => {
    const first = createAppointment(shop.receptionDesk, cutAtTen(shop)).row;
    expect(first.endsAt - first.startsAt).toBe(30 * 60_000);
    const failure = await errorCodeOf(() =>
      transact(shop.store, () => {
        updateService(shop.ownerDesk, { idempotencyKey: key(), id: shop.services.cut, expectedVersion: serviceVersion(shop), durationMin: 45 });
        throw new Error('the change is abandoned');
      }),
    );
    expect(failure).toBe('DB_TRANSACTION_FAILED');
    const second = createAppointment(shop.receptionDesk, cutAtTen(shop, 60)).row;
    expect(second.endsAt - second.startsAt).toBe(30 * 60_000);
    updateService(shop.ownerDesk, { idempotencyKey: key(), id: shop.services.cut, expectedVersion: serviceVersion(shop), durationMin: 45 });
    const third = createAppointment(shop.receptionDesk, cutAtTen(shop, 120)).row;
    expect(third.endsAt - third.startsAt).toBe(45 * 60_000);
  });

  it('refuse a staff member another connection deactivated, as the person booked and as the person acting', async ({ shop }) => {
    createAppointment(shop.receptionDesk, cutAtTen(shop));
    const other = new Database(shop.file);
    try {
      other.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(shop.staff[0].id);
    } finally {
      other.close();
    }
    // Booked by the owner: the person is no longer active. Acting themself: they can no longer act.
    expect(await errorCodeOf(() => createAppointment(shop.ownerDesk, cutAtTen(shop, 60)))).toBe('VALIDATION_ERROR');
    expect(await errorCodeOf(() => createAppointment(shop.receptionDesk, { ...cutAtTen(shop, 60), staffId: shop.staff[1].id }))).toBe('AUTH_REQUIRED');
  });
});

describe("the shop's active owners a change is judged by", () => {
  it('follow an owner made on this desk, and not one rolled back', async ({ shop }) => {
    expect(await errorCodeOf(() => ownerStepsDown(shop))).toBe('INVALID_TRANSITION');
    const failure = await errorCodeOf(() =>
      transact(shop.store, () => {
        // No PIN to hash: the change is made before the first await, inside this transaction.
        void makeOwner(shop, shop.staff[1].id);
        throw new Error('the change is abandoned');
      }),
    );
    expect(failure).toBe('DB_TRANSACTION_FAILED');
    expect(await errorCodeOf(() => ownerStepsDown(shop))).toBe('INVALID_TRANSITION');
    await makeOwner(shop, shop.staff[1].id);
    expect((await ownerStepsDown(shop)).row).toMatchObject({ role: 'staff' });
  });

  it('follow an owner another connection makes', async ({ shop }) => {
    expect(await errorCodeOf(() => ownerStepsDown(shop))).toBe('INVALID_TRANSITION');
    const other = new Database(shop.file);
    try {
      other.prepare("UPDATE staff SET role = 'owner' WHERE id = ?").run(shop.staff[1].id);
    } finally {
      other.close();
    }
    expect((await ownerStepsDown(shop)).row).toMatchObject({ role: 'staff' });
  });
});

describe('whether a change is queued for the sync server', () => {
  it('follows pairing and unpairing on this desk and on another connection', ({ shop }) => {
    expect(isPaired(shop.store)).toBe(false);
    writeLocalMeta(shop.store, 'pairing', { serverUrl: 'https://sync.example' });
    expect(isPaired(shop.store)).toBe(true);
    deleteLocalMeta(shop.store, 'pairing');
    expect(isPaired(shop.store)).toBe(false);
    const other = new Database(shop.file);
    try {
      other.prepare("INSERT INTO local_meta (key, value) VALUES ('pairing', ?)").run(JSON.stringify({ serverUrl: 'https://sync.example' }));
      expect(isPaired(shop.store)).toBe(true);
      other.prepare("UPDATE local_meta SET value = 'null' WHERE key = 'pairing'").run();
      expect(isPaired(shop.store)).toBe(false);
    } finally {
      other.close();
    }
  });
});
