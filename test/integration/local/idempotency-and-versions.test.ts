import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import {
  cancelAppointment,
  createAppointment,
  rescheduleAppointment,
  updateAppointmentNotes,
} from '../../../src-main/core/appointments/commands';
import { createClient, updateClient } from '../../../src-main/core/clients/commands';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { openStore } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { checkInvariants } from '../../support/local/invariants';
import { appErrorOfCall, deskFor, dumpDb, HOUR_MS, key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

const nineAm = Date.UTC(2026, 5, 2, 8, 0); // 09:00 London

function countRows(shop: Shop, table: string): number {
  return (shop.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A booking of the shop's first client with its first staff member for a cut. */
function booking(shop: Shop, idempotencyKey: string, startsAt = nineAm, extra: { notes?: string } = {}) {
  return {
    idempotencyKey,
    clientId: shop.clients[0]!,
    staffId: shop.staff[0].id,
    serviceId: shop.services.cut,
    startsAt,
    ...extra,
  };
}

const it = shopTest();

describe('acceptance 2: idempotency', () => {
  it('the same create twice with one key books one appointment and returns the same result', ({ shop }) => {
    const input = booking(shop, key('same'), nineAm, { notes: 'fringe only' });
    const before = countRows(shop, 'appointments');
    const first = createAppointment(shop.receptionDesk, input);
    const afterFirst = dumpDb(shop.store);
    shop.clock.advance(5 * 60_000); // a retry a bit later still gets the stored answer
    const second = createAppointment(shop.receptionDesk, { ...input });
    expect(second).toEqual(first);
    expect(dumpDb(shop.store)).toBe(afterFirst);
    expect(countRows(shop, 'appointments')).toBe(before + 1);
    expect(entityHistory(shop.store, { entityType: 'appointment', entityId: first.row.id })).toHaveLength(1);
  });

  it('a replayed change (not just a create) returns the stored result even after later changes', ({ shop }) => {
    const booked = createAppointment(shop.receptionDesk, booking(shop, key()));
    const move = { idempotencyKey: key('move'), id: booked.row.id, expectedVersion: 1, startsAt: nineAm + HOUR_MS };
    const moved = rescheduleAppointment(shop.receptionDesk, move);
    updateAppointmentNotes(shop.receptionDesk, {
      idempotencyKey: key(),
      id: booked.row.id,
      expectedVersion: 2,
      notes: 'later',
    });
    const snapshot = dumpDb(shop.store);
    // The stale expectedVersion is not re-checked: the stored outcome is returned, nothing written.
    expect(rescheduleAppointment(shop.receptionDesk, move)).toEqual(moved);
    expect(dumpDb(shop.store)).toBe(snapshot);
  });

  it('the same change under the same key sent by someone else answers the first answer and writes nothing', ({ shop }) => {
    const input = booking(shop, key('retried'), nineAm + 3 * HOUR_MS);
    const first = createAppointment(shop.receptionDesk, input);
    const snapshot = dumpDb(shop.store);
    // A change kept after a failure and retried from the Recovery Center by whoever is at the desk.
    const again = createAppointment(shop.desk(shop.staff[1]), input);
    expect(again.event.id).toBe(first.event.id);
    expect(again.row).toEqual(first.row);
    expect(dumpDb(shop.store)).toBe(snapshot);
  });

  it('the same key with a different payload is IDEMPOTENCY_KEY_REUSED and writes nothing', async ({ shop }) => {
    const idempotencyKey = key('reused');
    const input = booking(shop, idempotencyKey);
    const first = createAppointment(shop.receptionDesk, input);
    const snapshot = dumpDb(shop.store);
    const variants: (() => unknown)[] = [
      () => createAppointment(shop.receptionDesk, { ...input, startsAt: nineAm + HOUR_MS }),
      () => createAppointment(shop.receptionDesk, { ...input, staffId: shop.staff[1].id }),
      () => createAppointment(shop.receptionDesk, { ...input, notes: 'different' }),
      () => createAppointment(shop.receptionDesk, { ...input, id: first.row.id }),
      () =>
        cancelAppointment(shop.receptionDesk, { idempotencyKey, id: first.row.id, expectedVersion: 1, reason: 'x' }),
      () => createClient(shop.receptionDesk, { idempotencyKey, name: 'Somebody' }),
    ];
    for (const [index, variant] of variants.entries()) {
      const error = await appErrorOfCall(variant);
      expect(error.code, `variant ${index}`).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(error.details).toMatchObject({ idempotencyKey });
      expect(dumpDb(shop.store), `variant ${index} wrote something`).toBe(snapshot);
    }
    // And the original is still answered from the record.
    expect(createAppointment(shop.receptionDesk, input)).toEqual(first);
  });

  it('the answer is kept in the event row (a create keeps no copy of its row) and a replay returns row and event', ({ shop }) => {
    const input = booking(shop, key('compact'), nineAm, { notes: 'fringe only' });
    const first = createAppointment(shop.receptionDesk, input);
    const kept = shop.store.sqlite
      .prepare('SELECT id, payload_hash AS hash, answer_row AS answerRow FROM events WHERE idempotency_key = ?')
      .get(input.idempotencyKey) as { id: string; hash: string; answerRow: string | null };
    // Fewer pages per booking: no separate record, and the event's after-values are the row.
    expect(kept).toMatchObject({ id: first.event.id, answerRow: null });
    expect(kept.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(countRows(shop, 'idempotency_records')).toBe(0);
    const snapshot = dumpDb(shop.store);
    expect(createAppointment(shop.receptionDesk, { ...input })).toEqual(first);
    expect(dumpDb(shop.store)).toBe(snapshot);
  });

  it('keys answered in idempotency_records by an earlier version are still answered as kept', async ({ shop }) => {
    const input = booking(shop, key('new-form'));
    const first = createAppointment(shop.receptionDesk, input);
    // The payload hash leaves the key out, so the same change under another key hashes the same.
    const hash = shop.store.sqlite
      .prepare('SELECT payload_hash FROM events WHERE idempotency_key = ?')
      .pluck()
      .get(input.idempotencyKey) as string;
    // Written as the earlier version did, from its own connection to the file.
    const earlier = new Database(shop.file);
    const keep = earlier.prepare('INSERT INTO idempotency_records (key, payload_hash, result, created_at) VALUES (?, ?, ?, ?)');
    const named = key('old-named');
    const copied = key('old-copied');
    const other = key('old-other');
    keep.run(named, hash, JSON.stringify({ row: first.row, eventId: first.event.id }), nineAm);
    keep.run(copied, hash, JSON.stringify({ row: first.row, event: first.event }), nineAm);
    keep.run(other, 'f'.repeat(64), JSON.stringify({ row: first.row, eventId: first.event.id }), nineAm);
    earlier.close();
    const snapshot = dumpDb(shop.store);
    expect(createAppointment(shop.receptionDesk, { ...input, idempotencyKey: named })).toEqual(first);
    expect(createAppointment(shop.receptionDesk, { ...input, idempotencyKey: copied })).toEqual(first);
    const error = await appErrorOfCall(() =>
      createAppointment(shop.receptionDesk, { ...input, idempotencyKey: other }),
    );
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(dumpDb(shop.store)).toBe(snapshot);
  });

  it('a change that is not a create keeps the rest of its row, and its replay returns that row', ({ shop }) => {
    const booked = createAppointment(shop.receptionDesk, booking(shop, key()));
    shop.clock.advance(60_000);
    const change = { idempotencyKey: key('notes'), id: booked.row.id, expectedVersion: 1, notes: 'later' };
    const changed = updateAppointmentNotes(shop.receptionDesk, change);
    const answerRow = shop.store.sqlite
      .prepare('SELECT answer_row FROM events WHERE idempotency_key = ?')
      .pluck()
      .get(change.idempotencyKey) as string;
    const kept = JSON.parse(answerRow) as Record<string, unknown>;
    expect(kept).toMatchObject({ createdAt: booked.row.createdAt, startsAt: nineAm });
    expect(kept).not.toHaveProperty('notes');
    expect(updateAppointmentNotes(shop.receptionDesk, change)).toEqual(changed);
  });

  it('a key survives closing and reopening the store', ({ shop }) => {
    const input = { idempotencyKey: key('durable'), name: 'Persistent Pat', phone: '0123 456' };
    const first = createClient(shop.receptionDesk, input);
    shop.store.close();
    const reopened = openStore(shop.file);
    try {
      const desk = deskFor(reopened, shop.receptionDesk.actor, shop.clock.now);
      expect(createClient(desk, input)).toEqual(first);
      expect(
        (
          reopened.sqlite.prepare(`SELECT count(*) AS n FROM clients WHERE name = 'Persistent Pat'`).get() as {
            n: number;
          }
        ).n,
      ).toBe(1);
    } finally {
      reopened.close();
      shop.store = openStore(shop.file);
    }
  });
});

describe('acceptance 3: optimistic concurrency', () => {
  it('two reschedules with the same expectedVersion: one succeeds, one VERSION_CONFLICT that writes nothing', async ({ shop }) => {
    const booked = createAppointment(shop.receptionDesk, booking(shop, key()));
    const id = booked.row.id;
    const first = rescheduleAppointment(shop.receptionDesk, {
      idempotencyKey: key('a'),
      id,
      expectedVersion: 1,
      startsAt: nineAm + HOUR_MS,
    });
    expect(first.row.version).toBe(2);
    const snapshot = dumpDb(shop.store);
    const conflict = await appErrorOfCall(() =>
      rescheduleAppointment(shop.desk(shop.staff[1]), {
        idempotencyKey: key('b'),
        id,
        expectedVersion: 1,
        startsAt: nineAm + 2 * HOUR_MS,
      }),
    );
    expect(conflict.code).toBe('VERSION_CONFLICT');
    expect(conflict.retryable).toBe(false);
    expect(conflict.details).toMatchObject({
      expectedVersion: 1,
      current: { id, version: 2, startsAt: nineAm + HOUR_MS },
    });
    expect(dumpDb(shop.store)).toBe(snapshot);
    expect((loadRow(shop.store, 'appointment', id) as Appointment).startsAt).toBe(nineAm + HOUR_MS);
  });

  it('two desks on two connections to the same file racing on one version: exactly one wins', async ({ shop }) => {
    const booked = createAppointment(shop.receptionDesk, booking(shop, key()));
    const other = openStore(shop.file);
    try {
      const deskA = shop.receptionDesk;
      const deskB = deskFor(other, { staffId: shop.staff[1].id, role: 'staff' }, shop.clock.now);
      const attempts = [
        Promise.resolve().then(() =>
          rescheduleAppointment(deskA, {
            idempotencyKey: key('a'),
            id: booked.row.id,
            expectedVersion: 1,
            startsAt: nineAm + HOUR_MS,
          }),
        ),
        Promise.resolve().then(() =>
          rescheduleAppointment(deskB, {
            idempotencyKey: key('b'),
            id: booked.row.id,
            expectedVersion: 1,
            startsAt: nineAm + 3 * HOUR_MS,
          }),
        ),
      ];
      const outcomes = await Promise.allSettled(attempts);
      const codes = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? 'ok' : ((outcome.reason as { code?: string }).code ?? String(outcome.reason)),
      );
      expect(codes.sort()).toEqual(['VERSION_CONFLICT', 'ok']);
      const row = loadRow(shop.store, 'appointment', booked.row.id) as Appointment;
      expect(row.version).toBe(2);
      expect(entityHistory(shop.store, { entityType: 'appointment', entityId: booked.row.id })).toHaveLength(2);
    } finally {
      other.close();
    }
  });

  it('a stale expectedVersion on a client update is a VERSION_CONFLICT too', async ({ shop }) => {
    const id = shop.clients[1]!;
    updateClient(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 1, name: 'Ann Newname' });
    const snapshot = dumpDb(shop.store);
    const error = await appErrorOfCall(() =>
      updateClient(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 1, phone: '0999 999' }),
    );
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(dumpDb(shop.store)).toBe(snapshot);
    expect(checkInvariants(shop.store)).toEqual([]);
  });
});
