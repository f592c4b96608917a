import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import {
  cancelAppointment,
  clearNoShow,
  deleteAppointment,
  markNoShow,
  rescheduleAppointment,
  restoreAppointment,
  undeleteAppointment,
  undoAppointmentChange,
  updateAppointmentNotes,
} from '../../../src-main/core/appointments/commands';
import { undoClientChange, updateClient } from '../../../src-main/core/clients/commands';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { loadRow } from '../../../src-main/core/store/rows';
import { checkInvariants } from '../../support/local/invariants';
import { appErrorOfCall, book, dumpDb, HOUR_MS, key, makeShop, type Shop } from '../../support/local/shop';

const nineAm = Date.UTC(2026, 5, 2, 8, 0);

describe('acceptance 5: undo', () => {
  let shop: Shop;
  let id: string;
  beforeEach(async () => {
    shop = await makeShop();
    id = book(shop, nineAm).row.id;
  });
  afterEach(() => {
    expect(checkInvariants(shop.store)).toEqual([]);
    shop.close();
  });

  const row = () => loadRow(shop.store, 'appointment', id) as Appointment;
  const history = () => entityHistory(shop.store, { entityType: 'appointment', entityId: id });
  /** The booking's change `eventId` undone, at the reception desk unless told. */
  const undoEvent = (expectedVersion: number, eventId: string, desk = shop.receptionDesk) =>
    undoAppointmentChange(desk, { idempotencyKey: key(), id, expectedVersion, eventId });
  /** The booking, as booked, cancelled: the client is ill. */
  const cancelIll = () =>
    cancelAppointment(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 1, reason: 'ill' });
  const moveTo = (expectedVersion: number, startsAt: number) =>
    rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion, startsAt });

  it('cancel then undo: both listed and linked both ways, version incremented, booking back', () => {
    const cancel = cancelIll();
    shop.clock.advance(60_000);
    const undo = undoEvent(2, cancel.event.id, shop.desk(shop.staff[1]));
    expect(undo.row).toMatchObject({ version: 3, status: 'booked', cancelReason: null });
    expect(undo.event).toMatchObject({
      type: 'appointment.undo',
      undoesEventId: cancel.event.id,
      actorStaffId: shop.staff[1].id,
    });
    expect(undo.event.before).toEqual({ status: 'cancelled', cancelReason: 'ill' });
    expect(undo.event.after).toEqual({ status: 'booked', cancelReason: null });
    expect(row()).toEqual(undo.row);

    const list = history();
    expect(list.map((event) => event.type)).toEqual(['appointment.create', 'appointment.cancel', 'appointment.undo']);
    expect(list[1]).toMatchObject({ id: cancel.event.id, undoneByEventId: undo.event.id, canUndo: false });
    expect(list[2]).toMatchObject({
      id: undo.event.id,
      undoesEventId: cancel.event.id,
      undoesEventType: 'appointment.cancel',
      canUndo: true,
    });
  });

  it('a second undo of the same event is ALREADY_UNDONE; undo of the undo works', async () => {
    const cancel = cancelIll();
    const undo = undoEvent(2, cancel.event.id);
    const snapshot = dumpDb(shop.store);
    const again = await appErrorOfCall(() => undoEvent(3, cancel.event.id));
    expect(again.code).toBe('ALREADY_UNDONE');
    expect(dumpDb(shop.store)).toBe(snapshot);

    const redo = undoEvent(3, undo.event.id);
    expect(redo.row).toMatchObject({ version: 4, status: 'cancelled', cancelReason: 'ill' });
    expect(redo.event.undoesEventId).toBe(undo.event.id);
    const list = history();
    expect(list.map((event) => [event.type, event.undoesEventId, event.undoneByEventId])).toEqual([
      ['appointment.create', null, null],
      ['appointment.cancel', null, undo.event.id],
      ['appointment.undo', cancel.event.id, redo.event.id],
      ['appointment.undo', undo.event.id, null],
    ]);
    // The undo of the undo can itself be undone, once.
    const third = undoEvent(4, redo.event.id);
    expect(third.row).toMatchObject({ version: 5, status: 'booked' });
    expect((await appErrorOfCall(() => undoEvent(5, redo.event.id))).code).toBe('ALREADY_UNDONE');
  });

  it('a stale undo is VERSION_CONFLICT and writes nothing', async () => {
    const cancel = cancelIll();
    updateAppointmentNotes(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 2, notes: 'called back' });
    const snapshot = dumpDb(shop.store);
    const stale = await appErrorOfCall(() => undoEvent(2, cancel.event.id));
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(dumpDb(shop.store)).toBe(snapshot);
    // With the current version it goes through (the notes change touched other fields).
    expect(undoEvent(3, cancel.event.id).row.status).toBe('booked');
  });

  it('undoing a change whose fields changed again since is UNDO_NOT_ALLOWED', async () => {
    const first = moveTo(1, nineAm + HOUR_MS);
    moveTo(2, nineAm + 2 * HOUR_MS);
    const error = await appErrorOfCall(() => undoEvent(3, first.event.id));
    expect(error.code).toBe('UNDO_NOT_ALLOWED');
    expect(history()[1]!.canUndo).toBe(false);
    expect(history()[2]!.canUndo).toBe(true);
  });

  it('undo of an event of another record is NOT_FOUND naming eventId', async () => {
    const other = book(shop, nineAm + 3 * HOUR_MS);
    const error = await appErrorOfCall(() => undoEvent(1, other.event.id));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ field: 'eventId' });
  });

  it('undoing a change that changed nothing does not delete the record', () => {
    // The same notes again: an event with an empty diff.
    const same = updateAppointmentNotes(shop.receptionDesk, {
      idempotencyKey: key(),
      id,
      expectedVersion: 1,
      notes: '',
    });
    expect(same.event.before).toEqual({});
    const undo = undoEvent(2, same.event.id);
    expect(undo.row.deletedAt).toBeNull();
    expect(row().deletedAt).toBeNull();
    expect(row().status).toBe('booked');
  });

  it('undoing a create soft-deletes the record (it stays, with its history)', () => {
    const created = history()[0]!;
    const undo = undoEvent(1, created.id);
    expect(undo.row.deletedAt).not.toBeNull();
    expect(row()).toEqual(undo.row);
    const back = undoEvent(2, undo.event.id);
    expect(back.row.deletedAt).toBeNull();
  });

  it('undoing a client change that changed nothing keeps the client', () => {
    const clientId = shop.clients[0]!;
    const same = updateClient(shop.receptionDesk, {
      idempotencyKey: key(),
      id: clientId,
      expectedVersion: 1,
      name: 'Zoë Smith',
    });
    const undo = undoClientChange(shop.receptionDesk, {
      idempotencyKey: key(),
      id: clientId,
      expectedVersion: 2,
      eventId: same.event.id,
    });
    expect(undo.row.deletedAt).toBeNull();
  });

  describe('SLOT_TAKEN when the slot was taken meanwhile', () => {
    const expectSlotTaken = async (work: () => unknown, takenBy: string) => {
      const snapshot = dumpDb(shop.store);
      const error = await appErrorOfCall(work);
      expect(error.code).toBe('SLOT_TAKEN');
      expect(error.details).toMatchObject({ conflictingAppointmentId: takenBy });
      expect(dumpDb(shop.store)).toBe(snapshot);
    };

    it('restoring a cancelled booking', async () => {
      cancelIll();
      const taker = book(shop, nineAm + 20 * 60_000).row.id; // overlaps 09:00–09:40 (30 min + 10 min buffer)
      await expectSlotTaken(
        () => restoreAppointment(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 2 }),
        taker,
      );
    });

    it('undoing the cancel', async () => {
      const cancel = cancelIll();
      const taker = book(shop, nineAm).row.id;
      await expectSlotTaken(() => undoEvent(2, cancel.event.id), taker);
    });

    it('undoing a reschedule back into a slot someone took (buffer counts)', async () => {
      const moved = moveTo(1, nineAm + 2 * HOUR_MS);
      // Starts in the 10-minute buffer after 09:30.
      const taker = book(shop, nineAm + 35 * 60_000).row.id;
      await expectSlotTaken(() => undoEvent(2, moved.event.id), taker);
    });

    it('undeleting, and undoing the delete', async () => {
      const deleted = deleteAppointment(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 1 });
      const taker = book(shop, nineAm - 15 * 60_000).row.id;
      await expectSlotTaken(
        () => undeleteAppointment(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 2 }),
        taker,
      );
      await expectSlotTaken(() => undoEvent(2, deleted.event.id), taker);
    });

    it('clearing a no-show, and undoing the no-show', async () => {
      shop.clock.at = nineAm + 5 * 60_000;
      const noShow = markNoShow(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 1 });
      const taker = book(shop, nineAm + 10 * 60_000, { clientId: shop.clients[1] }).row.id;
      await expectSlotTaken(
        () => clearNoShow(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 2 }),
        taker,
      );
      await expectSlotTaken(() => undoEvent(2, noShow.event.id), taker);
    });

    it('touching blocks are not a clash: restore fits exactly between two later bookings', () => {
      cancelIll();
      book(shop, nineAm + 40 * 60_000); // 09:40, exactly where 09:00's block (30 min + 10 buffer) ends
      book(shop, nineAm - HOUR_MS, { serviceId: shop.services.colour }); // 08:00–09:00, no buffer
      const restored = restoreAppointment(shop.receptionDesk, { idempotencyKey: key(), id, expectedVersion: 2 });
      expect(restored.row.status).toBe('booked');
    });
  });
});
