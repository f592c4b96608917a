import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { deactivateStaffMember } from '../../../src-main/core/staff/commands';
import { rescheduleAppointment, undoAppointmentChange } from '../../../src-main/core/appointments/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { checkInvariants } from '../../support/local/invariants';
import { appErrorOfCall, book, key, makeShop, type Shop } from '../../support/local/shop';

const nineAm = Date.UTC(2026, 5, 2, 8, 0);

/** Regression: undoing a move to another staff member checks the staff member it moves back to. */
describe('undo of a reschedule to another staff member', () => {
  let shop: Shop;
  beforeEach(async () => {
    shop = await makeShop();
  });
  afterEach(() => {
    expect(checkInvariants(shop.store)).toEqual([]);
    shop.close();
  });

  it('moves the booking back to the first staff member', () => {
    const booked = book(shop, nineAm);
    const first = (booked.row as Appointment).staffId;
    const other = shop.staff.find((member) => member.id !== first) ?? shop.owner;
    const moved = rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key(), id: booked.row.id, expectedVersion: 1, staffId: other.id });
    expect(moved.row.staffId).toBe(other.id);
    const undone = undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key(), id: booked.row.id, expectedVersion: 2, eventId: moved.event.id });
    expect(undone.row.staffId).toBe(first);
    expect((loadRow(shop.store, 'appointment', booked.row.id) as Appointment).staffId).toBe(first);
  });

  it('refuses to move it back to a staff member who has left since', async () => {
    const booked = book(shop, nineAm);
    const first = (booked.row as Appointment).staffId;
    const other = shop.staff.find((member) => member.id !== first) ?? shop.owner;
    const moved = rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key(), id: booked.row.id, expectedVersion: 1, staffId: other.id });
    const leaver = loadRow(shop.store, 'staff', first);
    deactivateStaffMember(shop.ownerDesk, { idempotencyKey: key(), id: first, expectedVersion: leaver!.version });
    // The owner undoes it (the leaver may be the one at the reception desk, who can no longer act).
    const error = await appErrorOfCall(() =>
      undoAppointmentChange(shop.ownerDesk, { idempotencyKey: key(), id: booked.row.id, expectedVersion: 2, eventId: moved.event.id }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details?.field).toBe('staffId');
  });
});
