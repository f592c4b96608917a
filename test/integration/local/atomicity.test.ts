import { describe, expect } from 'vitest';
import {
  cancelAppointment,
  createAppointment,
  rescheduleAppointment,
  undoAppointmentChange,
} from '../../../src-main/core/appointments/commands';
import { createClient, updateClient } from '../../../src-main/core/clients/commands';
import type { StoreFaults } from '../../../src-main/core/store/open';
import { checkInvariants } from '../../support/local/invariants';
import { appErrorOfCall, dumpDb, HOUR_MS, key, type Shop } from '../../support/local/shop';
import { bookedShopTest } from '../../support/local/shopTest';

const nineAm = Date.UTC(2026, 5, 2, 8, 0);

/** Each command under test, run against a shop that already has one booked appointment. */
const commands: Record<string, (shop: Shop, appointmentId: string, k: string) => unknown> = {
  'create appointment (row insert)': (shop, _id, k) =>
    createAppointment(shop.receptionDesk, {
      idempotencyKey: k,
      clientId: shop.clients[1]!,
      staffId: shop.staff[1].id,
      serviceId: shop.services.colour,
      startsAt: nineAm,
    }),
  'reschedule appointment (row update)': (shop, id, k) =>
    rescheduleAppointment(shop.receptionDesk, {
      idempotencyKey: k,
      id,
      expectedVersion: 1,
      startsAt: nineAm + HOUR_MS,
    }),
  'cancel appointment (row update)': (shop, id, k) =>
    cancelAppointment(shop.receptionDesk, { idempotencyKey: k, id, expectedVersion: 1, reason: 'ill' }),
  'create client (row insert)': (shop, _id, k) =>
    createClient(shop.receptionDesk, { idempotencyKey: k, name: 'New Person' }),
  'update client (row update)': (shop, _id, k) =>
    updateClient(shop.receptionDesk, { idempotencyKey: k, id: shop.clients[0]!, expectedVersion: 1, name: 'Renamed' }),
};

const it = bookedShopTest(nineAm);

describe('acceptance 4: a failure inside the transaction leaves the database unchanged', () => {
  const faultPoints: (keyof StoreFaults)[] = ['beforeEventInsert', 'beforeRowWrite'];
  for (const point of faultPoints) {
    for (const [name, run] of Object.entries(commands)) {
      it(`${point} fault during ${name}: DB_TRANSACTION_FAILED, content identical, then the same key succeeds`, async ({ shop, booked: appointmentId }) => {
        const snapshot = dumpDb(shop.store);
        let calls = 0;
        shop.store.faults[point] = () => {
          calls += 1;
          throw new Error(`injected fault at ${point}`);
        };
        const k = key('faulty');
        const error = await appErrorOfCall(() => run(shop, appointmentId, k));
        expect(calls).toBe(1);
        expect(error.code).toBe('DB_TRANSACTION_FAILED');
        expect(error.retryable).toBe(true);
        expect(error.message).toMatch(/nothing was changed/i);
        expect(dumpDb(shop.store)).toBe(snapshot);
        expect(shop.store.storageFailure).toBeNull();
        expect(shop.store.sqlite.inTransaction).toBe(false);

        // The key was not consumed: once the fault is gone the retry goes through exactly once.
        shop.store.faults = {};
        run(shop, appointmentId, k);
        const afterRetry = dumpDb(shop.store);
        expect(afterRetry).not.toBe(snapshot);
        run(shop, appointmentId, k);
        expect(dumpDb(shop.store)).toBe(afterRetry);
        expect(checkInvariants(shop.store)).toEqual([]);
      });
    }
  }

  it('a fault after the row update of an undo also rolls back', async ({ shop, booked: appointmentId }) => {
    const cancelled = cancelAppointment(shop.receptionDesk, {
      idempotencyKey: key(),
      id: appointmentId,
      expectedVersion: 1,
      reason: 'x',
    });
    const snapshot = dumpDb(shop.store);
    shop.store.faults.beforeEventInsert = () => {
      throw new Error('boom');
    };
    const error = await appErrorOfCall(() =>
      undoAppointmentChange(shop.receptionDesk, {
        idempotencyKey: key(),
        id: appointmentId,
        expectedVersion: 2,
        eventId: cancelled.event.id,
      }),
    );
    expect(error.code).toBe('DB_TRANSACTION_FAILED');
    expect(dumpDb(shop.store)).toBe(snapshot);
  });

  it('a storage-layer failure (SQLITE_IOERR) also marks the store unsafe: later writes are WRITES_LOCKED, reads still work', async ({ shop }) => {
    const snapshot = dumpDb(shop.store);
    shop.store.faults.beforeEventInsert = () => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    };
    const first = await appErrorOfCall(() =>
      createClient(shop.receptionDesk, { idempotencyKey: key(), name: 'Io Err' }),
    );
    expect(first.code).toBe('DB_TRANSACTION_FAILED');
    expect(first.details).toMatchObject({ sqliteCode: 'SQLITE_IOERR_WRITE' });
    expect(shop.store.storageFailure).not.toBeNull();
    shop.store.faults = {};
    const locked = await appErrorOfCall(() =>
      createClient(shop.receptionDesk, { idempotencyKey: key(), name: 'After' }),
    );
    expect(locked.code).toBe('WRITES_LOCKED');
    expect(dumpDb(shop.store)).toBe(snapshot);
  });
});
