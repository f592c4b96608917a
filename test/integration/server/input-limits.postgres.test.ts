import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createShop } from '../../../server/admin';
import { issuePairingCode } from '../../../server/pairing';
import { isAppError } from '../../../src-shared/errors';
import type { Command } from '../../../src-shared/commands';
import { cmd, DAY, expectAppError, HOUR, makeClient, setupShop, shopSnapshot, type ShopFixture, postgresTestbed, serverTestClock } from './helpers';

/**
 * Issue 9, item 2 on a real PostgreSQL server: text PostgreSQL cannot store (NUL, lone
 * surrogates) and a start time the time helper cannot compute used to reach the database or the
 * planner and come back as a retryable 500, so the desk retried the same change forever. Now the
 * shared schemas refuse them as VALIDATION_ERROR, not retryable, and nothing is stored: a bad
 * field inside a change's details rejects that change alone (the ones behind it apply); a bad
 * envelope (op, a field name, the reason, the time of the change, a device name) is a 400.
 */

const NUL = '\u0000';
const HIGH = '\uD83D';
const LOW = '\uDE00';

const bed = postgresTestbed();
let shop: ShopFixture;

beforeAll(async () => {
  shop = await setupShop(bed.server.url, bed.backend.db());
});

describe('the sync server refuses what it cannot store or compute', () => {
  it.each([
    ['NUL', `Ann${NUL}e`],
    ['a lone high surrogate', `Zo${HIGH}`],
    ['a lone low surrogate', `${LOW}Smith`],
  ])('a client name with %s is rejected as validation, and the change behind it applies', async (_label, name) => {
    const device = shop.devices[0]!;
    const bad = randomUUID();
    const good = randomUUID();
    const before = await shopSnapshot(bed.backend.db(), shop.shopId);
    const output = await device.push(
      device.mutations([cmd.clientCreate(bad, name), cmd.clientCreate(good, 'Ann Other')]),
    );
    const [refused, applied] = output.outcomes;
    expect(refused).toMatchObject({
      status: 'rejected',
      changeId: null,
      error: { code: 'VALIDATION_ERROR', retryable: false },
    });
    expect(refused!.error!.message).toBe('Name contains a character that cannot be stored.');
    expect(refused!.error!.details).toMatchObject({ field: 'name' });
    expect(applied).toMatchObject({ status: 'applied', error: null });
    expect(output.lastMutationId).toBe(device.nextMutationId - 1);
    const rows = await bed.backend
      .db()
      .query('SELECT id FROM entity_rows WHERE shop_id = $1 AND id = ANY($2)', [shop.shopId, [bad, good]]);
    expect(rows.rows.map((row) => (row as { id: string }).id)).toEqual([good]);
    expect(before).not.toEqual(await shopSnapshot(bed.backend.db(), shop.shopId));
  });

  it('a booking at the largest instant the old schema admitted is rejected as validation, not a database failure', async () => {
    const device = shop.devices[0]!;
    for (const startsAt of [
      8_640_000_000_000_000 - 1,
      Date.parse('9999-12-31T10:00:00Z'),
      Date.UTC(1999, 11, 31, 10, 0),
    ]) {
      const [outcome] = await device.run([cmd.appointmentCreate(randomUUID(), shop.refs, startsAt)]);
      expect(outcome).toMatchObject({
        status: 'rejected',
        error: { code: 'VALIDATION_ERROR', retryable: false, details: { field: 'startsAt' } },
      });
      expect(outcome!.error!.message).toBe('Start time must be between 2000 and 2100.');
    }
    // A start inside the years still books.
    const [booked] = await device.run([cmd.appointmentCreate(randomUUID(), shop.refs, DAY + 10 * HOUR)]);
    expect(booked).toMatchObject({ status: 'applied' });
  });

  const unreadableCommands: [string, (command: Command) => Command, string][] = [
    ['op with NUL', (command) => ({ ...command, op: `create${NUL}` }), 'op'],
    ['op with a lone surrogate', (command) => ({ ...command, op: `create${HIGH}` }), 'op'],
    ['a field name in args with NUL', (command) => ({ ...command, args: { ...command.args, [`na${NUL}me`]: 'x' } }), 'args'],
    ['a field name in args with a lone surrogate', (command) => ({ ...command, args: { [LOW]: 'x', name: 'A' } }), 'args'],
    ['a reason with NUL', (command) => ({ ...command, reason: `why${NUL}` }), 'reason'],
  ];
  it.each(unreadableCommands)(
    '%s: that change alone is a final VALIDATION_ERROR in words; nothing else is stored and the next change goes through',
    async (_label, change, field) => {
      const device = shop.devices[0]!;
      const before = await shopSnapshot(bed.backend.db(), shop.shopId);
      const [bad, good] = device.mutations([change(cmd.clientCreate(randomUUID(), 'Fine Name')), cmd.clientCreate(randomUUID(), 'Next Client')]);
      const { outcomes } = await device.push([bad!, good!]);
      expect(outcomes[0]).toMatchObject({ status: 'rejected', changeId: null, error: { code: 'VALIDATION_ERROR', retryable: false, details: { field } } });
      expect(JSON.stringify(outcomes[0])).not.toMatch(/\\u0000|\\ud8|\\udc|\\ude/i);
      expect(outcomes[0]!.error!.message).not.toMatch(/\bop\b|args|mutations\./);
      expect(outcomes[1]).toMatchObject({ status: 'applied' });
      const after = (await shopSnapshot(bed.backend.db(), shop.shopId)) as { idem: unknown[]; rows: unknown[] };
      // The refused change left only its outcome: no row, no event, and no record under its unreadable key.
      expect(after.rows.length).toBe((before as { rows: unknown[] }).rows.length + 1);
      expect(after.idem.length).toBe((before as { idem: unknown[] }).idem.length + 1);
    },
  );

  it('a time of the change in 1970: the whole request is a 400 VALIDATION_ERROR, not retryable, nothing stored', async () => {
    const device = shop.devices[0]!;
    const before = await shopSnapshot(bed.backend.db(), shop.shopId);
    const [mutation] = device.mutations([cmd.clientCreate(randomUUID(), 'Fine Name')]);
    const envelope = await expectAppError(device.push([{ ...mutation!, clientTime: 0 }]), 'VALIDATION_ERROR');
    expect(envelope.retryable).toBe(false);
    expect(await shopSnapshot(bed.backend.db(), shop.shopId)).toEqual(before);
    device.nextMutationId -= 1; // the id was never used
  });

  it('pairing a machine named with NUL or a lone surrogate is a 400 in words, and no device is added', async () => {
    for (const deviceName of [`Front desk${NUL}`, `Front desk${HIGH}`]) {
      const { code } = await issuePairingCode(bed.backend.db(), shop.shopId, { now: serverTestClock.now() });
      const before = await shopSnapshot(bed.backend.db(), shop.shopId);
      const envelope = await expectAppError(
        makeClient(bed.server.url).pairing.pair.mutate({ code, deviceName }),
        'VALIDATION_ERROR',
      );
      expect(envelope.message).toBe('Name of this machine contains a character that cannot be stored.');
      expect(await shopSnapshot(bed.backend.db(), shop.shopId)).toEqual(before);
    }
  });

  it('a shop created from the command line with NUL in its name is refused in words, and no shop is added', async () => {
    const shops = async () => (await bed.backend.db().query('SELECT count(*) AS n FROM shops')).rows[0];
    const before = await shops();
    const error = await createShop(bed.backend.db(), `Cuts${NUL}`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isAppError(error) && error.code).toBe('VALIDATION_ERROR');
    expect((error as Error).message).toBe('Name contains a character that cannot be stored.');
    expect(await shops()).toEqual(before);
  });
});
