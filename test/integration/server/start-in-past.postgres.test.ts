import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { push } from '../../../server/sync/push';
import type { Mutation } from '../../../src-shared/sync';
import { cmd, DAY, HOUR, setupShop, type ShopFixture, postgresTestbed } from './helpers';

/**
 * The server judges "has the start passed?" at the time the change was made on the desk (its
 * clientTime), never later than its own clock: a desk that booked 10:30 at 10:20 while offline and
 * syncs at 11:00 is not refused, and a desk clock running ahead cannot let a past start through.
 * Real PostgreSQL; the server's clock is set to 11:00 on the shop's day (UTC).
 */

const MIN = 60_000;
const serverNow = DAY + 11 * HOUR;

describe('a start that has passed, on the sync server', () => {
  const bed = postgresTestbed();
  let shop: ShopFixture;

  beforeAll(async () => {
    shop = await setupShop(bed.server.url, bed.backend.db());
  });

  /** Push one booking through the server's push with its clock at 11:00. */
  async function pushBooking(startsAt: number, clientTime: number, args: Record<string, unknown> = {}) {
    const device = shop.devices[0]!;
    const command = cmd.appointmentCreate(randomUUID(), shop.refs, startsAt);
    const mutation: Mutation = {
      mutationId: device.nextMutationId++,
      eventId: randomUUID(),
      command: { ...command, args: { ...command.args, ...args } },
      actorStaffId: shop.ownerId,
      clientTime,
    };
    const result = await push(
      { db: bed.backend.db(), device: { deviceId: device.deviceId, shopId: shop.shopId }, requestId: `past-${mutation.mutationId}`, now: () => serverNow },
      { mutations: [mutation] },
    );
    return result.outcomes[0]!;
  }

  it('accepts 10:30 booked at 10:20 on a desk that syncs at 11:00, not marked as recorded after its start', async () => {
    const outcome = await pushBooking(DAY + 10 * HOUR + 30 * MIN, DAY + 10 * HOUR + 20 * MIN);
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('applied');
    expect(outcome.row).toMatchObject({ startsAt: DAY + 10 * HOUR + 30 * MIN, recordedAfterStart: false });
  });

  it('refuses 10:00 booked at 10:30 (final, not retryable), and the next change is not blocked by it', async () => {
    const refused = await pushBooking(DAY + 10 * HOUR, DAY + 10 * HOUR + 30 * MIN);
    expect(refused.status).toBe('rejected');
    expect(refused.error).toMatchObject({ code: 'START_IN_PAST', retryable: false });
    const next = await pushBooking(DAY + 12 * HOUR, DAY + 10 * HOUR + 31 * MIN);
    expect(next.status).toBe('applied');
  });

  it('a desk clock far ahead of the server does not let a past start through', async () => {
    const outcome = await pushBooking(DAY + 9 * HOUR, DAY + 400 * 24 * HOUR);
    expect(outcome.error).toMatchObject({ code: 'START_IN_PAST' });
  });

  it('recorded anyway, it is applied and the row says so', async () => {
    const outcome = await pushBooking(DAY + 9 * HOUR + 30 * MIN, DAY + 10 * HOUR + 40 * MIN, { allowPast: true });
    expect(outcome.status).toBe('applied');
    expect(outcome.row).toMatchObject({ recordedAfterStart: true });
  });
});
