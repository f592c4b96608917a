import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src-shared/commands';
import { cmd, count, key, setupShop, type Device, postgresTestbed } from './helpers';

/**
 * The server applies the desk's rules about who may act: the shop keeps an active owner, a
 * change without an actor is only for first-run set-up, and a deactivated staff member's changes
 * are refused (issue 9, item 3). Each refusal is a stored, final outcome.
 */

const staffChange = (
  id: string,
  op: 'update' | 'deactivate',
  expectedVersion: number,
  args: Record<string, unknown> = {},
): Command => ({
  entityType: 'staff',
  op,
  entityId: id,
  expectedVersion,
  idempotencyKey: key(),
  reason: null,
  args,
});

const activeOwnersSql = `SELECT count(*) AS n FROM entity_rows
  WHERE shop_id = $1 AND entity_type = 'staff' AND role = 'owner' AND deleted_at IS NULL AND data -> 'active' = 'true'::jsonb`;

describe('owner and actor rules on the sync server (PostgreSQL)', () => {
  const bed = postgresTestbed();

  /** A shop with two desks: the owner's, and one where a member the owner has just added is signed in. */
  async function twoDesks(role: 'owner' | 'staff', name: string) {
    const shop = await setupShop(bed.server.url, bed.backend.db(), 2);
    const [first, second] = shop.devices as [Device, Device];
    const memberId = randomUUID();
    const [created] = await first.run([cmd.staffCreate(memberId, role, name)]);
    expect(created?.status).toBe('applied');
    second.actorStaffId = memberId;
    return { shop, first, second, memberId };
  }

  it('two owners stepping down on two desks at once: one applies, the other is refused and the shop keeps an owner', async () => {
    const { shop, first, second, memberId: otherOwnerId } = await twoDesks('owner', 'Pat');

    // Each desk alone sees another owner, so each allows its own owner to step down.
    const [a, b] = await Promise.all([
      first.run([staffChange(shop.ownerId, 'deactivate', 1)]),
      second.run([staffChange(otherOwnerId, 'update', 1, { role: 'staff' })]),
    ]);
    const outcomes = [a[0]!, b[0]!];
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['applied', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected')!;
    expect(refused.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('at least one active owner'),
    });
    expect(await count(bed.backend.db(), activeOwnersSql, [shop.shopId])).toBe(1);

    // The refusal is final: stored, and the desk's next change goes through behind it.
    const refusedDevice = refused === a[0] ? first : second;
    expect(
      await count(
        bed.backend.db(),
        `SELECT count(*) AS n FROM mutation_outcomes WHERE device_id = $1 AND mutation_id = $2 AND status = 'rejected'`,
        [refusedDevice.deviceId, refused.mutationId],
      ),
    ).toBe(1);
  });

  it('an owner cannot step down when no other active owner is left (a deactivated owner does not count)', async () => {
    const shop = await setupShop(bed.server.url, bed.backend.db());
    const device = shop.devices[0]!;
    const otherOwnerId = randomUUID();
    const setup = await device.run([
      cmd.staffCreate(otherOwnerId, 'owner', 'Pat'),
      staffChange(otherOwnerId, 'deactivate', 1),
    ]);
    expect(setup.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
    const [demoted] = await device.run([staffChange(shop.ownerId, 'update', 1, { role: 'staff' })]);
    expect(demoted).toMatchObject({ status: 'rejected', error: { code: 'INVALID_TRANSITION' } });
    expect(await count(bed.backend.db(), activeOwnersSql, [shop.shopId])).toBe(1);
  });

  it('a change without anyone at the desk is refused once the shop has an owner, even for staff and settings', async () => {
    const shop = await setupShop(bed.server.url, bed.backend.db());
    const device = shop.devices[0]!;
    const intruderId = randomUUID();
    const [noActor] = await device.run([cmd.staffCreate(intruderId, 'owner', 'Intruder')], null);
    expect(noActor).toMatchObject({ status: 'rejected', error: { code: 'AUTH_REQUIRED' } });
    expect(await count(bed.backend.db(), 'SELECT count(*) AS n FROM entity_rows WHERE id = $1', [intruderId])).toBe(0);

    // The reproduction: both owners stepped down one after the other, then a change with no actor.
    const otherOwnerId = randomUUID();
    await device.run([cmd.staffCreate(otherOwnerId, 'owner', 'Pat')]);
    const [firstDown] = await device.run([staffChange(shop.ownerId, 'deactivate', 1)]);
    expect(firstDown?.status).toBe('applied');
    const [secondDown] = await device.run([staffChange(otherOwnerId, 'update', 1, { role: 'staff' })], otherOwnerId);
    expect(secondDown).toMatchObject({ status: 'rejected', error: { code: 'INVALID_TRANSITION' } });
    const [takeover] = await device.run([cmd.staffCreate(intruderId, 'owner', 'Intruder')], null);
    expect(takeover).toMatchObject({ status: 'rejected', error: { code: 'AUTH_REQUIRED' } });
    expect(await count(bed.backend.db(), 'SELECT count(*) AS n FROM entity_rows WHERE id = $1', [intruderId])).toBe(0);
  });

  it('a change made in the name of a deactivated staff member is refused and stored as final; the queue goes on', async () => {
    const { shop, first: ownerDesk, second: staffDesk, memberId: staffId } = await twoDesks('staff', 'Jo');
    const [before] = await staffDesk.run([cmd.clientCreate(randomUUID(), 'Before')]);
    expect(before?.status).toBe('applied');

    const [deactivated] = await ownerDesk.run([staffChange(staffId, 'deactivate', 1)]);
    expect(deactivated?.status).toBe('applied');

    // The staff desk was offline: its change in Jo's name arrives after Jo was deactivated.
    const clientId = randomUUID();
    const late = staffDesk.mutations([cmd.clientCreate(clientId, 'After')]);
    const answer = await staffDesk.push(late);
    const [refused] = answer.outcomes;
    expect(refused).toMatchObject({
      status: 'rejected',
      error: { code: 'AUTH_REQUIRED', message: expect.stringContaining('Jo is no longer active') },
    });
    expect(answer.lastMutationId).toBe(late[0]!.mutationId);
    expect(await count(bed.backend.db(), 'SELECT count(*) AS n FROM entity_rows WHERE id = $1', [clientId])).toBe(0);
    // Replayed, it answers the same stored refusal.
    expect((await staffDesk.push(late)).outcomes).toEqual(answer.outcomes);
    // The next change from that desk, by someone active, is not blocked by it.
    const [next] = await staffDesk.run([cmd.clientCreate(randomUUID(), 'Next')], shop.ownerId);
    expect(next?.status).toBe('applied');
  });
});
