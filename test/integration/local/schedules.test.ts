import { describe, expect } from 'vitest';
import { createService, setServiceSkills, updateService } from '../../../src-main/core/services/commands';
import { changeOwnPin, createTimeOff, setWorkingHours } from '../../../src-main/core/staff/commands';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { loadRow } from '../../../src-main/core/store/rows';
import { clearNoShow, deleteAppointment, markNoShow, undeleteAppointment } from '../../../src-main/core/appointments/commands';
import { verifyPin } from '../../../src-main/core/commands/pin';
import { book, everyDay, key, MIN_MS } from '../../support/local/shop';
import { refusal } from '../../support/refusal';
import { shopTest } from '../../support/local/shopTest';

/** Schedules on the desk: what a change of a service does to bookings, and the refusals a person reads. */

/** Tuesday 2 June 2026, 10:00 in London. */
const TEN = Date.UTC(2026, 5, 2, 9, 0);


const it = shopTest();

describe('schedules on the desk', () => {
  it("a service's duration change 45 → 60 keeps existing bookings at 45, books new ones at 60, and is in the service's history", ({ shop }) => {
    const blowDry = createService(shop.ownerDesk, { idempotencyKey: key('svc'), name: 'Blow-dry', durationMin: 45 }).row;
    const before = book(shop, TEN, { serviceId: blowDry.id }).row;
    updateService(shop.ownerDesk, { idempotencyKey: key('svc'), id: blowDry.id, expectedVersion: 1, durationMin: 60 });
    const after = book(shop, TEN + 2 * 60 * MIN_MS, { serviceId: blowDry.id }).row;

    const kept = loadRow(shop.store, 'appointment', before.id)!;
    expect(kept.endsAt - kept.startsAt).toBe(45 * MIN_MS);
    expect(kept.version).toBe(1);
    expect(after.endsAt - after.startsAt).toBe(60 * MIN_MS);
    const history = entityHistory(shop.store, { entityType: 'service', entityId: blowDry.id });
    expect(history.map((event) => event.type)).toEqual(['service.create', 'service.update']);
    expect(history[1]).toMatchObject({ before: { durationMin: 45 }, after: { durationMin: 60 } });
  });

  it('refusals name the person, the service and the time in plain words', ({ shop }) => {
    const alice = shop.staff[0];
    setWorkingHours(shop.ownerDesk, {
      idempotencyKey: key('hours'),
      id: alice.id,
      expectedVersion: 1,
      workingHours: { weeks: [{ ...everyDay('09:00', '17:00'), tue: [{ open: '13:00', close: '17:00' }] }], weekAStartsOn: '2026-06-01' },
    });
    const morning = refusal(() => book(shop, TEN, { staffId: alice.id }));
    expect(morning.code).toBe('OUTSIDE_SCHEDULE');
    expect(morning.message).toMatch(new RegExp(`^${alice.name} doesn't work at 10:00 on Tuesday 2 June 2026\\.`));

    createTimeOff(shop.ownerDesk, {
      idempotencyKey: key('off'),
      staffId: alice.id,
      kind: 'sick',
      startsAt: TEN + 4 * 60 * MIN_MS,
      endsAt: TEN + 6 * 60 * MIN_MS,
    });
    const sick = refusal(() => book(shop, TEN + 4 * 60 * MIN_MS, { staffId: alice.id }));
    expect(sick.code).toBe('OUTSIDE_SCHEDULE');
    expect(sick.message).toMatch(new RegExp(`^${alice.name} is off sick then \\(14:00 on Tuesday 2 June 2026\\)`));

    setServiceSkills(shop.ownerDesk, {
      idempotencyKey: key('skills'),
      id: shop.services.colour,
      expectedVersion: 1,
      performedBy: [{ staffId: shop.staff[1].id, durationMin: null, priceCents: null }],
    });
    const colour = loadRow(shop.store, 'service', shop.services.colour)!;
    const unskilled = refusal(() => book(shop, TEN + 5 * 60 * MIN_MS + 30 * MIN_MS, { staffId: alice.id, serviceId: colour.id }));
    expect(unskilled.code).toBe('STAFF_NOT_QUALIFIED');
    expect(unskilled.message).toBe(`${alice.name} doesn't do ${colour.name}.`);

    const overlapping = refusal(() =>
      setWorkingHours(shop.ownerDesk, {
        idempotencyKey: key('hours'),
        id: alice.id,
        expectedVersion: 2,
        workingHours: {
          weeks: [{ ...everyDay('09:00', '17:00'), tue: [{ open: '09:00', close: '13:00' }, { open: '12:30', close: '12:00' }] }],
          weekAStartsOn: '2026-06-01',
        },
      }),
    );
    expect(overlapping).toMatchObject({ code: 'VALIDATION_ERROR', message: "Tuesday's second shift ends before it starts." });
  });

  it('a booking brought back (undeleted, its no-show cleared) into time off added meanwhile is refused, unless it was an exception', ({ shop }) => {
    const alice = shop.staff[0];
    const deleted = book(shop, TEN).row;
    deleteAppointment(shop.receptionDesk, { idempotencyKey: key('del'), id: deleted.id, expectedVersion: 1 });
    const noShow = book(shop, TEN + 2 * 60 * MIN_MS).row;
    shop.clock.set(TEN + 3 * 60 * MIN_MS);
    markNoShow(shop.receptionDesk, { idempotencyKey: key('ns'), id: noShow.id, expectedVersion: 1 });
    createTimeOff(shop.ownerDesk, { idempotencyKey: key('off'), staffId: alice.id, kind: 'sick', startsAt: TEN - 60 * MIN_MS, endsAt: TEN + 8 * 60 * MIN_MS });

    const back = refusal(() => undeleteAppointment(shop.receptionDesk, { idempotencyKey: key('un'), id: deleted.id, expectedVersion: 2 }));
    expect(back.code).toBe('OUTSIDE_SCHEDULE');
    expect(back.message).toMatch(new RegExp(`^${alice.name} is off sick then`));
    expect(loadRow(shop.store, 'appointment', deleted.id)!.deletedAt).not.toBeNull();
    const cleared = refusal(() => clearNoShow(shop.receptionDesk, { idempotencyKey: key('cl'), id: noShow.id, expectedVersion: 2 }));
    expect(cleared.code).toBe('OUTSIDE_SCHEDULE');
    expect(loadRow(shop.store, 'appointment', noShow.id)!.status).toBe('no_show');
  });

  it('a member changes their own PIN only with the current one, and only their own', async ({ shop }) => {
    const alice = shop.staff[0];
    const aliceDesk = shop.desk(alice);
    const first = await changeOwnPin(aliceDesk, { idempotencyKey: key('pin'), id: alice.id, expectedVersion: 1, currentPin: null, pin: '1357' });
    expect(first.row.version).toBe(2);
    expect(await verifyPin('1357', loadRow(shop.store, 'staff', alice.id)!.pinHash!)).toBe(true);
    await expect(
      changeOwnPin(aliceDesk, { idempotencyKey: key('pin'), id: alice.id, expectedVersion: 2, currentPin: '0000', pin: '2468' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'currentPin' } });
    await expect(
      changeOwnPin(aliceDesk, { idempotencyKey: key('pin'), id: shop.staff[1].id, expectedVersion: 1, currentPin: null, pin: '2468' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(loadRow(shop.store, 'staff', alice.id)!.version).toBe(2);
  });
});
