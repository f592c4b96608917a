import { describe, expect } from 'vitest';
import { DeskSession, MAX_PIN_ATTEMPTS, PIN_LOCKOUT_MS } from '../../../src-main/core/session/deskSession';
import { createStaffMember, deactivateStaffMember, updateStaffMember } from '../../../src-main/core/staff/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { appErrorOfCall, dumpDb, key } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

const it = shopTest();

describe('the shop keeps an owner', () => {
  it('refuses to deactivate or demote the last active owner, and writes nothing', async ({ shop }) => {
    const before = dumpDb(shop.store);
    const deactivate = await appErrorOfCall(() =>
      deactivateStaffMember(shop.ownerDesk, { idempotencyKey: key(), id: shop.owner.id, expectedVersion: shop.owner.version }),
    );
    expect(deactivate.code).toBe('INVALID_TRANSITION');
    const demote = await appErrorOfCall(() =>
      updateStaffMember(shop.ownerDesk, { idempotencyKey: key(), id: shop.owner.id, expectedVersion: shop.owner.version, role: 'staff' }),
    );
    expect(demote.code).toBe('INVALID_TRANSITION');
    expect(dumpDb(shop.store)).toBe(before);
  });

  it('allows it once another owner exists', async ({ shop }) => {
    await createStaffMember(shop.ownerDesk, { idempotencyKey: key(), name: 'Second owner', colour: '#112233', role: 'owner' });
    const done = deactivateStaffMember(shop.ownerDesk, { idempotencyKey: key(), id: shop.owner.id, expectedVersion: shop.owner.version });
    expect(done.row.active).toBe(false);
  });
});

describe('PIN sign-in is rate limited', () => {
  it(`locks a staff member's PIN for a minute after ${MAX_PIN_ATTEMPTS} wrong tries, then accepts the right one`, async ({ shop }) => {
    const member = shop.staff[0];
    const updated = await updateStaffMember(shop.ownerDesk, { idempotencyKey: key(), id: member.id, expectedVersion: member.version, pin: '2468' });
    expect(loadRow(shop.store, 'staff', member.id)?.pinHash).toMatch(/^scrypt\$/);
    expect(updated.row.version).toBe(member.version + 1);
    let now = Date.UTC(2026, 5, 1, 9, 0);
    const session = new DeskSession(() => now);
    for (let i = 0; i < MAX_PIN_ATTEMPTS; i += 1) {
      const wrong = await appErrorOfCall(() => session.signIn(shop.store, { staffId: member.id, pin: '0000' }));
      expect(wrong.code).toBe('AUTH_TOKEN_INVALID');
    }
    const locked = await appErrorOfCall(() => session.signIn(shop.store, { staffId: member.id, pin: '2468' }));
    expect(locked.code).toBe('RATE_LIMITED');
    now += PIN_LOCKOUT_MS + 1;
    const actor = await session.signIn(shop.store, { staffId: member.id, pin: '2468' });
    expect(actor.staffId).toBe(member.id);
  });
});
