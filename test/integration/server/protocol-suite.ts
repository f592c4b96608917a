import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../server/admin';
import type { RunningServer } from '../../../server/app';
import { issuePairingCode } from '../../../server/pairing';
import { push, type PushHooks } from '../../../server/sync/push';
import { MAX_PUSH_MUTATIONS, pullInputSchema, receivedPushSchema, type Change, type Mutation, type Outcome } from '../../../src-shared/sync';
import {
  cmd,
  count,
  DAY,
  HOUR,
  expectAppError,
  makeClient,
  pairDevice,
  setupShop,
  shopSnapshot,
  shuffle,
  serverTestbed,
  serverTestClock,
  startTestServer,
  type Backend,
  type Device,
} from './helpers';

/**
 * The sync protocol's acceptance suite (issue 3, 1–8 except the connection-cut fault, which
 * needs a real PostgreSQL server and lives in faults.postgres.test.ts). Runs over real HTTP with
 * @trpc/client, once on PostgreSQL and once on PGlite.
 */

/** Inputs @trpc/client can send at all (superjson refuses prototype-polluting keys on the client). */
function serializable(value: unknown): boolean {
  try {
    superjson.serialize(value);
    return true;
  } catch {
    return false;
  }
}

export interface SuiteScale {
  raceDevices: number;
  raceSlots: number;
  fuzzRuns: { push: number; pull: number };
}

export function defineProtocolSuite(name: string, openBackend: () => Promise<Backend>, scale: SuiteScale): void {
  describe(`sync protocol on ${name}`, () => {
    const gate: { hold: ((info: { shopId: string; mutationId: number }) => Promise<void>) | null } = { hold: null };
    const hooks: PushHooks = {
      beforeCommit: async (info) => {
        if (gate.hold !== null) await gate.hold(info);
      },
    };

    const bed = serverTestbed(openBackend, { hooks });

    const db = () => bed.backend.db();

    it('health.check answers without a token', async () => {
      const health = await makeClient(bed.server.url).health.check.query();
      expect(health).toMatchObject({ status: 'ok', database: true, schemaCurrent: true, version: expect.any(String) });
      expect(Math.abs(health.serverTime - serverTestClock.now())).toBeLessThan(5_000);
    });

    it('1. replay: the same batch twice, or after a lost response, applies once and answers the same', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const clientId = randomUUID();
      const appointmentId = randomUUID();
      const batch = device.mutations([
        cmd.clientCreate(clientId, 'Robin'),
        cmd.clientUpdate(clientId, 1, { phone: '+44 20 7946 0000' }),
        cmd.appointmentCreate(appointmentId, shop.refs, DAY + 9 * HOUR),
        cmd.clientUpdate(clientId, 1, { name: 'stale' }),
      ]);
      const first = await device.push(batch);
      expect(first.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'conflict']);
      const before = await shopSnapshot(db(), shop.shopId);

      const second = await device.push(batch);
      expect(second).toEqual(first);
      expect(await shopSnapshot(db(), shop.shopId)).toEqual(before);

      // A lost response: the device does not know the batch landed and sends it again with more behind it.
      const more = device.mutations([cmd.appointmentCancel(appointmentId, 1)]);
      const third = await device.push([...batch, ...more]);
      expect(third.outcomes.slice(0, batch.length)).toEqual(first.outcomes);
      expect(third.outcomes[batch.length]?.status).toBe('applied');
      expect(third.lastMutationId).toBe(more[0]!.mutationId);
      expect(await count(db(), 'SELECT count(*) AS n FROM events WHERE shop_id = $1 AND entity_id = $2', [shop.shopId, appointmentId])).toBe(2);
    });

    it('1b. idempotency: the same key and payload under a new mutation id answers the stored result; a different payload is refused', async () => {
      const shop = await setupShop(bed.server.url, db(), 2);
      const [a, b] = shop.devices as [Device, Device];
      const clientId = randomUUID();
      const create = cmd.clientCreate(clientId, 'Kim');
      const [applied] = await a.run([create]);
      expect(applied?.status).toBe('applied');
      const [again] = await b.run([create]);
      expect(again).toEqual({ ...applied, mutationId: again!.mutationId });
      const [reused] = await b.run([{ ...create, args: { name: 'Someone else' } }]);
      expect(reused?.status).toBe('rejected');
      expect(reused?.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count(db(), 'SELECT count(*) AS n FROM events WHERE entity_id = $1', [clientId])).toBe(1);
    });

    it('2. order: a gap is refused with nothing applied; ids at or below lastMutationId are replays', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const applied = await device.push(device.mutations(ids.map((id) => cmd.clientCreate(id))));
      const last = applied.lastMutationId;
      const before = await shopSnapshot(db(), shop.shopId);

      // Skipping one id.
      device.nextMutationId += 1;
      const skipped = device.mutations([cmd.clientCreate(randomUUID())]);
      const gap = await expectAppError(device.push(skipped), 'MUTATION_GAP');
      expect(gap.details).toMatchObject({ lastMutationId: last });
      // Not contiguous inside the batch.
      const holey = [
        { ...skipped[0]!, mutationId: last + 1 },
        { ...skipped[0]!, mutationId: last + 3, eventId: randomUUID() },
      ];
      await expectAppError(device.push(holey), 'MUTATION_GAP');
      // Descending.
      await expectAppError(device.push([holey[1]!, holey[0]!]), 'MUTATION_GAP');
      expect(await shopSnapshot(db(), shop.shopId)).toEqual(before);

      // Replays of old ids (as first sent) plus the next id: the old ones answer as stored, the new one applies.
      const next = { ...skipped[0]!, mutationId: last + 1 };
      const sent = device.sent.filter((mutation) => applied.outcomes.some((outcome) => outcome.mutationId === mutation.mutationId));
      const replayed = await device.push([...sent, next]);
      expect(replayed.outcomes.slice(0, 3)).toEqual(applied.outcomes);
      expect(replayed.outcomes[3]?.status).toBe('applied');
      expect(replayed.lastMutationId).toBe(last + 1);
    });

    it('2b. a used mutation id with a different payload is MUTATION_ID_REUSED: nothing applied, the first answer kept', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const x = randomUUID();
      const y = randomUUID();
      const [createX] = device.mutations([cmd.clientCreate(x, 'Xavier')]);
      const first = await device.push([createX!]);
      expect(first.outcomes[0]).toMatchObject({ status: 'applied', row: { id: x } });
      const before = await shopSnapshot(db(), shop.shopId);

      // The same id again, for another change (a desk restored from an older backup numbers this way).
      const createY = { ...device.mutations([cmd.clientCreate(y, 'Yasmin')])[0]!, mutationId: createX!.mutationId };
      const reused = await expectAppError(device.push([createY]), 'MUTATION_ID_REUSED');
      expect(reused.retryable).toBe(false);
      expect(reused.details).toMatchObject({ lastMutationId: createX!.mutationId, mutationId: createX!.mutationId });
      expect(reused.message).not.toMatch(/mutation|payload|hash/i);
      // Any one part of the change differing is enough; a resend differing only in clientTime is the same change.
      for (const variant of [
        { ...createX!, eventId: randomUUID() },
        { ...createX!, actorStaffId: null },
        { ...createX!, baseEventId: randomUUID() },
        { ...createX!, command: { ...createX!.command, args: { name: 'Xavier ' } } },
      ]) {
        await expectAppError(device.push([variant]), 'MUTATION_ID_REUSED');
      }
      expect(await shopSnapshot(db(), shop.shopId)).toEqual(before);
      expect(await count(db(), 'SELECT count(*) AS n FROM entity_rows WHERE id = $1', [y])).toBe(0);
      expect((await device.push([{ ...createX!, clientTime: createX!.clientTime + 5_000 }])).outcomes).toEqual(first.outcomes);

      // Y under the next id applies, and X's answer stays X's.
      const renumbered = { ...createY, mutationId: first.lastMutationId + 1 };
      device.nextMutationId = renumbered.mutationId + 1;
      const applied = await device.push([renumbered]);
      expect(applied.outcomes[0]).toMatchObject({ status: 'applied', row: { id: y, name: 'Yasmin' } });
      expect((await device.push([createX!])).outcomes).toEqual(first.outcomes);
    });

    it('2c. an outcome stored before payloads were kept cannot vouch for a replay; the idempotency key still answers it once', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const id = randomUUID();
      const [create] = device.mutations([cmd.clientCreate(id, 'Legacy')]);
      const first = await device.push([create!]);
      await db().query('UPDATE mutation_outcomes SET payload_hash = NULL WHERE device_id = $1 AND mutation_id = $2', [device.deviceId, create!.mutationId]);
      await expectAppError(device.push([create!]), 'MUTATION_ID_REUSED');
      // Re-based under the next id, the same change gets its stored answer and lands once.
      const again = await device.push([{ ...create!, mutationId: device.nextMutationId++ }]);
      expect(again.outcomes[0]).toEqual({ ...first.outcomes[0], mutationId: again.outcomes[0]!.mutationId });
      expect(await count(db(), 'SELECT count(*) AS n FROM events WHERE entity_id = $1', [id])).toBe(1);
    });

    it('2d. a mutation the database or the planner cannot handle is a final, stored rejection; the ones behind it go through', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      // Straight to push(), past the router's schemas: whatever slips through validation must not wedge the queue.
      const direct = (mutations: Mutation[]) =>
        push({ db: db(), device: { deviceId: device.deviceId, shopId: shop.shopId }, requestId: 'test-unstorable' }, { mutations });
      const good = randomUUID();
      const hostile = [
        cmd.clientCreate(randomUUID(), 'Nul\u0000Byte'),
        cmd.clientCreate(randomUUID(), 'Lone \ud800 surrogate'),
        { ...cmd.clientCreate(randomUUID()), args: { name: 'Key', ['no\u0000te']: 'x' } },
        { ...cmd.clientCreate(randomUUID()), idempotencyKey: `k-\u0000-${randomUUID()}` },
        { ...cmd.clientCreate(randomUUID()), reason: 'why\u0000' },
        cmd.appointmentCreate(randomUUID(), shop.refs, 8_640_000_000_000_000 - 60_000),
      ];
      const mutations = device.mutations([...hostile, cmd.clientCreate(good, 'Behind them')]);
      const before = await count(db(), 'SELECT change_counter AS n FROM shops WHERE id = $1', [shop.shopId]);
      const output = await direct(mutations);
      expect(output.lastMutationId).toBe(mutations.at(-1)!.mutationId);
      const refused = output.outcomes.slice(0, hostile.length);
      for (const outcome of refused) {
        expect(outcome).toMatchObject({ status: 'rejected', changeId: null, error: { retryable: false } });
        expect(outcome.error!.message).not.toMatch(/invalid byte|unicode|RangeError|jsonb|syntax/i);
      }
      expect(output.outcomes.at(-1)).toMatchObject({ status: 'applied', row: { id: good } });
      expect(await count(db(), 'SELECT change_counter AS n FROM shops WHERE id = $1', [shop.shopId])).toBe(before + 1);
      // Final and stored: the replay answers the same, over HTTP too, and nothing more is written.
      expect(await direct(mutations)).toEqual(output);
      const stored = await count(db(), `SELECT count(*) AS n FROM mutation_outcomes WHERE device_id = $1 AND status = 'rejected'`, [device.deviceId]);
      expect(stored).toBe(hostile.length);
      // Over HTTP the router lets each command through to the rulebook too: the whole batch is answered
      // mutation by mutation (a bad change never refuses the good ones around it).
      expect((await device.push(mutations)).outcomes).toEqual(output.outcomes);
      expect((await device.run([cmd.clientCreate(randomUUID(), 'Next')]))[0]?.status).toBe('applied');
    });

    it('3. conflict: a stale base version gets VERSION_CONFLICT with the server row, and the batch goes on', async () => {
      const shop = await setupShop(bed.server.url, db(), 2);
      const [a, b] = shop.devices as [Device, Device];
      const [updated] = await a.run([cmd.clientUpdate(shop.clientId, 1, { name: 'Alex Morgan' })]);
      expect(updated?.status).toBe('applied');
      const nextId = randomUUID();
      const outcomes = await b.run([cmd.clientUpdate(shop.clientId, 1, { name: 'Alexandra' }), cmd.clientCreate(nextId, 'Next')]);
      expect(outcomes[0]).toMatchObject({ status: 'conflict', changeId: null, error: { code: 'VERSION_CONFLICT', retryable: false } });
      expect(outcomes[0]?.row).toMatchObject({ id: shop.clientId, version: 2, name: 'Alex Morgan' });
      expect(outcomes[1]).toMatchObject({ status: 'applied', row: { id: nextId, version: 1 } });
      // Rejections do not block either.
      const more = await b.run([
        cmd.appointmentCreate(randomUUID(), { ...shop.refs, serviceId: randomUUID() }, DAY + 10 * HOUR),
        cmd.clientUpdate(nextId, 1, { name: 'Next one' }),
      ]);
      expect(more.map((o) => [o.status, o.error?.code ?? null])).toEqual([
        ['rejected', 'NOT_FOUND'],
        ['applied', null],
      ]);
    });

    it('3b. base event: a change built on an event that is not the row\'s latest is a VERSION_CONFLICT, even at the right version', async () => {
      const shop = await setupShop(bed.server.url, db(), 2);
      const [a, b] = shop.devices as [Device, Device];
      const [first] = a.mutations([cmd.clientUpdate(shop.clientId, 1, { name: 'From A' })]);
      await a.push([first!]);
      // B's own unacknowledged change (never on the server) was version 2 too; its follow-up says version 2.
      const [stale] = b.mutations([cmd.clientUpdate(shop.clientId, 2, { name: 'B on top of its own change' })]);
      const refused = await b.push([{ ...stale!, baseEventId: randomUUID() }]);
      expect(refused.outcomes[0]).toMatchObject({ status: 'conflict', error: { code: 'VERSION_CONFLICT' }, row: { name: 'From A', version: 2 } });
      const [built] = b.mutations([cmd.clientUpdate(shop.clientId, 2, { name: 'B on top of A' })]);
      const applied = await b.push([{ ...built!, baseEventId: first!.eventId }]);
      expect(applied.outcomes[0]).toMatchObject({ status: 'applied', row: { name: 'B on top of A', version: 3 } });
    });

    it('undo names the same event on the server, once', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const [update] = device.mutations([cmd.clientUpdate(shop.clientId, 1, { name: 'Before undo' })]);
      await device.push([update!]);
      const outcomes = await device.run([
        cmd.undo('client', shop.clientId, 2, update!.eventId),
        cmd.undo('client', shop.clientId, 3, update!.eventId),
      ]);
      expect(outcomes[0]).toMatchObject({ status: 'applied', row: { name: 'Alex', version: 3 } });
      expect(outcomes[1]).toMatchObject({ status: 'rejected', error: { code: 'ALREADY_UNDONE' } });
    });

    it(`4. race: ${scale.raceDevices} devices book the same ${scale.raceSlots} slots; one booking per slot`, async () => {
      const shop = await setupShop(bed.server.url, db(), scale.raceDevices);
      const slots = Array.from({ length: scale.raceSlots }, (_, i) => DAY + 8 * HOUR + i * 30 * 60_000);
      const results = await Promise.all(
        shop.devices.map(async (device) => {
          const order = shuffle(slots);
          const mutations = device.mutations(order.map((startsAt) => cmd.appointmentCreate(randomUUID(), shop.refs, startsAt)));
          const output = await device.push(mutations);
          return output.outcomes.map((outcome, i) => ({ outcome, startsAt: order[i]! }));
        }),
      );
      const all = results.flat();
      expect(all).toHaveLength(scale.raceDevices * scale.raceSlots);
      for (const startsAt of slots) {
        const forSlot = all.filter((entry) => entry.startsAt === startsAt);
        expect(forSlot.filter((entry) => entry.outcome.status === 'applied')).toHaveLength(1);
        for (const entry of forSlot.filter((e) => e.outcome.status !== 'applied')) {
          expect(entry.outcome.status).toBe('rejected');
          expect(entry.outcome.error?.code).toBe('SLOT_TAKEN');
        }
      }
      const overlaps = await count(
        db(),
        `SELECT count(*) AS n FROM entity_rows a JOIN entity_rows b
           ON a.shop_id = b.shop_id AND a.staff_id = b.staff_id AND a.id < b.id
          WHERE a.shop_id = $1 AND a.entity_type = 'appointment' AND b.entity_type = 'appointment'
            AND a.status = 'booked' AND b.status = 'booked' AND a.deleted_at IS NULL AND b.deleted_at IS NULL
            AND a.starts_at < b.block_ends_at AND b.starts_at < a.block_ends_at`,
        [shop.shopId],
      );
      expect(overlaps).toBe(0);
      expect(await count(db(), `SELECT count(*) AS n FROM entity_rows WHERE shop_id = $1 AND entity_type = 'appointment'`, [shop.shopId])).toBe(
        scale.raceSlots,
      );
      // The constraint itself refuses an overlapping booked row written behind the server's back.
      const existing = await db().query<{ id: string }>(`SELECT id FROM entity_rows WHERE shop_id = $1 AND entity_type = 'appointment' LIMIT 1`, [
        shop.shopId,
      ]);
      const sneak = db().query(
        `INSERT INTO entity_rows (shop_id, entity_type, id, version, data, change_id, staff_id, starts_at, block_ends_at, status)
         SELECT shop_id, entity_type, $2, 1, data, change_id, staff_id, starts_at + 60000, block_ends_at + 60000, status
           FROM entity_rows WHERE id = $1`,
        [existing.rows[0]!.id, randomUUID()],
      );
      await expect(sneak).rejects.toMatchObject({ cause: { code: '23P01' } });
    });

    it('5. late commit: a pull while a push is in flight never skips the change once it commits', async () => {
      const shop = await setupShop(bed.server.url, db(), 3);
      const [a, b, reader] = shop.devices as [Device, Device, Device];
      const first = await reader.client.sync.pull.query({ cursor: 0, limit: 1000 });
      let cursor = first.cursor;
      const seen: Change[] = [...first.changes];

      // Hold a's transaction open after its counter is taken, until released.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inFlight = new Promise<void>((resolve) => (entered = resolve));
      gate.hold = async (info) => {
        if (info.shopId !== shop.shopId) return;
        gate.hold = null;
        entered();
        await released;
      };
      const pushA = a.run([cmd.clientCreate(randomUUID(), 'Late')]);
      await inFlight;
      const pushB = b.run([cmd.clientCreate(randomUUID(), 'Behind')]);
      const during = reader.client.sync.pull.query({ cursor, limit: 1000 });
      setTimeout(release, 150);
      const page = await during;
      seen.push(...page.changes);
      cursor = page.cursor;
      await Promise.all([pushA, pushB]);
      for (;;) {
        const next = await reader.client.sync.pull.query({ cursor, limit: 1000 });
        seen.push(...next.changes);
        cursor = next.cursor;
        if (!next.hasMore) break;
      }
      const ids = seen.map((change) => change.changeId);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
      expect(seen.map((c) => c.row.name).filter((n) => n === 'Late' || n === 'Behind')).toEqual(['Late', 'Behind']);

      // And under load: pulls racing concurrent pushes see every change exactly once, in order.
      const writers = shop.devices.slice(0, 2).map(async (device) => {
        for (let i = 0; i < 10; i += 1) await device.run([cmd.clientCreate(randomUUID(), `W${i}`), cmd.clientCreate(randomUUID())]);
      });
      let done = false;
      const all = Promise.all(writers).then(() => (done = true));
      const collected: number[] = [...ids];
      while (!done) {
        const next = await reader.client.sync.pull.query({ cursor, limit: 7 });
        collected.push(...next.changes.map((c) => c.changeId));
        cursor = next.cursor;
      }
      await all;
      for (;;) {
        const next = await reader.client.sync.pull.query({ cursor, limit: 1000 });
        collected.push(...next.changes.map((c) => c.changeId));
        cursor = next.cursor;
        if (!next.hasMore) break;
      }
      expect(collected).toEqual(Array.from({ length: collected.length }, (_, i) => i + 1));
      const counter = await count(db(), 'SELECT change_counter AS n FROM shops WHERE id = $1', [shop.shopId]);
      expect(collected.length).toBe(counter);
      const last = await reader.client.sync.pull.query({ cursor: 0, limit: 1 });
      expect(last.lastMutationId).toBe(reader.nextMutationId - 1);
      expect(last.hasMore).toBe(true);
    });

    it('pull pages carry the row after each change and the event', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const page = await device.client.sync.pull.query({ cursor: 0, limit: 2 });
      expect(page.changes).toHaveLength(2);
      expect(page.hasMore).toBe(true);
      expect(page.cursor).toBe(2);
      expect(page.changes[0]).toMatchObject({ changeId: 1, entityType: 'settings', event: { type: 'settings.create', version: 1, deviceId: device.deviceId } });
      expect(page.changes[1]).toMatchObject({ entityType: 'staff', row: { id: shop.ownerId, role: 'owner', version: 1 } });
      const rest = await device.client.sync.pull.query({ cursor: 2, limit: 1000 });
      expect(rest.changes.map((c) => c.changeId)).toEqual([3, 4]);
      expect(rest.hasMore).toBe(false);
      expect(rest.lastMutationId).toBe(4);
    });

    it('6. isolation: every procedure refuses missing, bad and revoked tokens, and shop B stays invisible and unchanged', async () => {
      const shopA = await setupShop(bed.server.url, db(), 2, 'Shop A');
      const shopB = await setupShop(bed.server.url, db(), 1, 'Shop B');
      const [a, revoked] = shopA.devices as [Device, Device];
      const b = shopB.devices[0]!;
      const bAppointment = randomUUID();
      const [booked] = await b.run([cmd.appointmentCreate(bAppointment, shopB.refs, DAY + 9 * HOUR)]);
      expect(booked?.status).toBe('applied');
      const bEvents = await db().query<{ id: string }>('SELECT id FROM events WHERE shop_id = $1 ORDER BY change_id', [shopB.shopId]);
      const before = await shopSnapshot(db(), shopB.shopId);

      const anonymous = makeClient(bed.server.url);
      const garbage = makeClient(bed.server.url, 'not-a-token');
      const unknown = makeClient(bed.server.url, `cdt_${'A'.repeat(43)}`);
      const sample = a.mutations([cmd.clientCreate(randomUUID())]);
      a.nextMutationId -= 1;
      await expectAppError(anonymous.sync.push.mutate({ mutations: sample }), 'AUTH_REQUIRED');
      await expectAppError(anonymous.sync.pull.query({ cursor: 0, limit: 10 }), 'AUTH_REQUIRED');
      await expectAppError(garbage.sync.push.mutate({ mutations: sample }), 'AUTH_TOKEN_INVALID');
      await expectAppError(garbage.sync.pull.query({ cursor: 0, limit: 10 }), 'AUTH_TOKEN_INVALID');
      await expectAppError(unknown.sync.push.mutate({ mutations: sample }), 'AUTH_TOKEN_INVALID');
      await expectAppError(unknown.sync.pull.query({ cursor: 0, limit: 10 }), 'AUTH_TOKEN_INVALID');
      // Malformed input without a token is still an auth failure, not a hint about the input.
      await expectAppError(anonymous.sync.push.mutate({ mutations: [] }), 'AUTH_REQUIRED');

      // Revocation takes effect at once.
      await revoked.client.sync.pull.query({ cursor: 0, limit: 1 });
      await revokeDevice(db(), revoked.deviceId);
      await expectAppError(revoked.client.sync.pull.query({ cursor: 0, limit: 1 }), 'AUTH_TOKEN_INVALID');
      await expectAppError(revoked.push(revoked.mutations([cmd.clientCreate(randomUUID())])), 'AUTH_TOKEN_INVALID');

      // Shop A's device naming shop B's records.
      const outcomes: Outcome[] = await a.run([
        cmd.clientUpdate(shopB.clientId, 1, { name: 'Hijacked' }),
        cmd.clientCreate(shopB.clientId, 'Clone'),
        cmd.appointmentCancel(bAppointment, 1),
        cmd.appointmentCreate(randomUUID(), shopB.refs, DAY + 11 * HOUR),
        cmd.appointmentCreate(randomUUID(), { ...shopA.refs, clientId: shopB.clientId }, DAY + 12 * HOUR),
        cmd.appointmentCreate(randomUUID(), { ...shopA.refs, staffId: shopB.ownerId }, DAY + 12 * HOUR),
        cmd.undo('client', shopB.clientId, 1, bEvents.rows[3]!.id),
        cmd.undo('client', shopA.clientId, 1, bEvents.rows[3]!.id),
      ]);
      const asB = await a.run([cmd.clientCreate(randomUUID(), 'Acting as B')], shopB.ownerId);
      for (const outcome of [...outcomes, ...asB]) {
        expect(outcome.status).toBe('rejected');
        expect(outcome.error?.code).toBe('FORBIDDEN');
        expect(JSON.stringify(outcome)).not.toContain(shopB.shopId);
      }
      // Rows in the answers are only ever shop A's.
      for (const outcome of [...outcomes, ...asB]) if (outcome.row !== null) expect(outcome.row.id).toBe(shopA.clientId);

      // Nothing of B is visible through A's pull.
      const pulled = await a.client.sync.pull.query({ cursor: 0, limit: 1000 });
      const bIds = new Set([shopB.clientId, shopB.ownerId, shopB.serviceId, bAppointment]);
      expect(pulled.changes.some((change) => bIds.has(change.entityId))).toBe(false);
      expect(pulled.changes.every((change) => change.event.deviceId !== b.deviceId)).toBe(true);
      // A used pairing code of B (or any bad code) pairs nothing.
      await expectAppError(makeClient(bed.server.url).pairing.pair.mutate({ code: 'ABCD-EFGH-JKLM', deviceName: 'Intruder' }), 'AUTH_TOKEN_INVALID');

      expect(await shopSnapshot(db(), shopB.shopId)).toEqual(before);
    });

    it('pairing codes are one-time and expire', async () => {
      const shop = await setupShop(bed.server.url, db());
      const { code } = await issuePairingCode(db(), shop.shopId, { now: serverTestClock.now() });
      const anonymous = makeClient(bed.server.url);
      await anonymous.pairing.pair.mutate({ code: code.toLowerCase(), deviceName: 'Front desk' });
      await expectAppError(anonymous.pairing.pair.mutate({ code, deviceName: 'Again' }), 'AUTH_TOKEN_INVALID');
      const expired = await issuePairingCode(db(), shop.shopId, { ttlMs: 1, now: serverTestClock.now() - 1000 });
      await expectAppError(anonymous.pairing.pair.mutate({ code: expired.code, deviceName: 'Late' }), 'AUTH_TOKEN_INVALID');
      await expectAppError(anonymous.pairing.pair.mutate({ code: 'x', deviceName: 'Short' } as never), 'VALIDATION_ERROR');
    });

    it('limits: batch size, body size, pairing and device rate limits', async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const many = device.mutations(Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => cmd.clientCreate(randomUUID())));
      device.nextMutationId -= many.length;
      await expectAppError(device.push(many), 'PAYLOAD_TOO_LARGE');
      const huge = device.mutations([{ ...cmd.clientCreate(randomUUID()), args: { name: 'x', notes: 'y'.repeat(1_200_000) } }]);
      device.nextMutationId -= 1;
      await expectAppError(device.push(huge), 'PAYLOAD_TOO_LARGE');
      // A raw body over the transport limit.
      const raw = await fetch(`${bed.server.url}/sync.push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ json: { mutations: [], pad: 'z'.repeat(2 * 1024 * 1024) } }),
      });
      expect(raw.status).toBe(413);
      // Unknown fields are refused.
      const extra = device.mutations([cmd.clientCreate(randomUUID())]);
      device.nextMutationId -= 1;
      await expectAppError(device.client.sync.push.mutate({ mutations: extra, extra: 1 } as never), 'VALIDATION_ERROR');
      await expectAppError(device.client.sync.push.mutate({ mutations: [{ ...extra[0]!, sneaky: true }] } as never), 'VALIDATION_ERROR');

      const strict = await startTestServer(bed.backend, { limits: { pairAttemptsPerMinute: 3, deviceRequestsPerSecond: 1, deviceBurst: 3 } });
      try {
        const anonymous = makeClient(strict.url);
        for (let i = 0; i < 3; i += 1) {
          await expectAppError(anonymous.pairing.pair.mutate({ code: `WRONG-CODE-${i}`, deviceName: 'Guess' }), 'AUTH_TOKEN_INVALID');
        }
        const limited = await expectAppError(anonymous.pairing.pair.mutate({ code: 'WRONG-CODE-9', deviceName: 'Guess' }), 'RATE_LIMITED');
        expect(limited.retryable).toBe(true);
        const fast = makeClient(strict.url, device.token);
        for (let i = 0; i < 3; i += 1) await fast.sync.pull.query({ cursor: 0, limit: 1 });
        await expectAppError(fast.sync.pull.query({ cursor: 0, limit: 1 }), 'RATE_LIMITED');
      } finally {
        await strict.stop();
      }
    });

    it('7b. server restart: the client retries and the final state equals a fault-free run', async () => {
      const shop = await setupShop(bed.server.url, db());
      const clean = await setupShop(bed.server.url, db());
      const script = (refs: typeof shop.refs, ids: string[]) => [
        ...ids.map((id, i) => cmd.appointmentCreate(id, refs, DAY + 8 * HOUR + (i % 12) * 30 * 60_000)),
        ...ids.slice(0, 5).map((id) => cmd.appointmentCancel(id, 1)),
      ];
      const n = 120;
      const idsA = Array.from({ length: n }, () => randomUUID());
      const idsB = Array.from({ length: n }, () => randomUUID());
      const expected = await clean.devices[0]!.run(script(clean.refs, idsB));

      // A second server on the same database, restarted while the device is mid-batch (from
      // inside the 11th mutation's transaction, so the moment is exact).
      const device = shop.devices[0]!;
      const batch = device.mutations(script(shop.refs, idsA));
      let stopping: Promise<void> | null = null;
      let current: RunningServer = await startTestServer(bed.backend, {
        hooks: {
          beforeCommit: async (info) => {
            if (info.deviceId === device.deviceId && info.mutationId === batch[10]!.mutationId && stopping === null) {
              stopping = current.stop(0);
            }
          },
        },
      });
      const port = current.port;
      const moved = makeClient(current.url, device.token);
      const firstTry = moved.sync.push.mutate({ mutations: batch }).then(
        (output) => output,
        () => null,
      );
      const deadline = Date.now() + 20_000;
      while (stopping === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await stopping;
      current = await startTestServer(bed.backend, { port });
      try {
        // The first attempt was cut off by the restart.
        expect(await firstTry).toBeNull();
        let output = null;
        for (let attempt = 0; output === null && attempt < 50; attempt += 1) {
          output = await moved.sync.push.mutate({ mutations: batch }).catch(async () => {
            await new Promise((resolve) => setTimeout(resolve, 100));
            return null;
          });
        }
        expect(output).not.toBeNull();
        const statuses = (outcomes: Outcome[]) => outcomes.map((o) => [o.status, o.error?.code ?? null, o.row?.status ?? null]);
        expect(statuses(output!.outcomes)).toEqual(statuses(expected));
        expect(await count(db(), 'SELECT count(*) AS n FROM events WHERE shop_id = $1', [shop.shopId])).toBe(
          await count(db(), 'SELECT count(*) AS n FROM events WHERE shop_id = $1', [clean.shopId]),
        );
        expect(
          await count(db(), 'SELECT count(*) AS n FROM (SELECT device_id, mutation_id FROM events WHERE shop_id = $1 GROUP BY 1, 2 HAVING count(*) > 1) d', [
            shop.shopId,
          ]),
        ).toBe(0);
      } finally {
        await current.stop();
      }
    });

    it(`8. fuzz: ${scale.fuzzRuns.push + scale.fuzzRuns.pull} malformed pushes and pulls get typed 4xx errors and write nothing`, async () => {
      const shop = await setupShop(bed.server.url, db());
      const device = shop.devices[0]!;
      const before = await shopSnapshot(db(), shop.shopId);
      const valid = device.mutations([cmd.clientCreate(randomUUID())]);
      device.nextMutationId -= 1;
      const validMutation = valid[0]! as unknown as Record<string, unknown>;
      const fields = Object.keys(validMutation);
      const commandFields = Object.keys(validMutation.command as object);

      const brokenMutation = fc.oneof(
        // Drop a field.
        fc.constantFrom(...fields).map((field) => {
          const copy = { ...validMutation };
          delete copy[field];
          return copy;
        }),
        // Replace a field with anything.
        fc.tuple(fc.constantFrom(...fields), fc.anything()).map(([field, value]) => ({ ...validMutation, [field]: value })),
        // Replace a command field with anything.
        fc.tuple(fc.constantFrom(...commandFields), fc.anything()).map(([field, value]) => ({
          ...validMutation,
          command: { ...(validMutation.command as object), [field]: value },
        })),
        // Unknown fields.
        fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue()).map(([field, value]) => ({ ...validMutation, [`x${field}`]: value })),
        fc.anything(),
      );
      const badPush = fc.oneof(
        fc.array(brokenMutation, { minLength: 1, maxLength: 4 }).map((mutations) => ({ mutations })),
        fc.anything().map((mutations) => ({ mutations })),
        fc.anything(),
        fc.constant({ mutations: [] }),
      );
      const badPull = fc.oneof(
        fc.record({ cursor: fc.anything(), limit: fc.anything() }, { requiredKeys: [] }),
        fc.record({ cursor: fc.oneof(fc.integer({ max: -1 }), fc.double(), fc.string()), limit: fc.integer({ min: 1, max: 10 }) }),
        fc.record({ cursor: fc.nat(), limit: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 })) }),
        fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 8 })).map(([cursor, extra]) => ({ cursor, limit: 5, [`x${extra}`]: 1 })),
        fc.anything(),
      );

      const isBad4xx = async (call: Promise<unknown>) => {
        const error = await call.then(
          () => null,
          (caught: unknown) => caught as { data?: { httpStatus?: number; envelope?: { code?: string } }; meta?: { response?: Response } },
        );
        expect(error, 'a malformed request was accepted').not.toBeNull();
        const status = error!.meta?.response?.status ?? 0;
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(error!.data?.httpStatus).toBe(status);
        expect(['VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE']).toContain(error!.data?.envelope?.code);
      };

      await fc.assert(
        fc.asyncProperty(badPush, async (input) => {
          fc.pre(!receivedPushSchema.safeParse(input).success && serializable(input));
          await isBad4xx(device.client.sync.push.mutate(input as never));
        }),
        { numRuns: scale.fuzzRuns.push },
      );
      await fc.assert(
        fc.asyncProperty(badPull, async (input) => {
          fc.pre(!pullInputSchema.safeParse(input).success && serializable(input));
          await isBad4xx(device.client.sync.pull.query(input as never));
        }),
        { numRuns: scale.fuzzRuns.pull },
      );
      // Bodies that are not even JSON.
      const bodies = [
        '',
        '{',
        'null',
        '[]',
        '{"json":',
        '\u0000\u0001',
        '{"json":{"mutations":"x"}}',
        '<xml/>',
        '{"json":{"constructor":{"prototype":{}}}}',
        '{"json":{"mutations":[]},"meta":{"values":{"mutations":["set"]}}}',
        '{"json":{"a":1},"meta":{"values":{"__proto__.polluted":["undefined"]}}}',
        '{"json":{"mutations":[{"prototype":1}]},"meta":{"values":{"mutations.0.prototype":["bigint"]}}}',
      ];
      for (const body of bodies) {
        const response = await fetch(`${bed.server.url}/sync.push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
          body,
        });
        expect(response.status, body).toBeGreaterThanOrEqual(400);
        expect(response.status, body).toBeLessThan(500);
      }
      const unknownPath = await fetch(`${bed.server.url}/sync.nothing`, { method: 'POST', body: '{"json":null}', headers: { 'content-type': 'application/json' } });
      expect(unknownPath.status).toBe(404);
      expect(((await unknownPath.json()) as { error: { json: { data: { envelope: { code: string } } } } }).error.json.data.envelope.code).toBe('NOT_FOUND');
      const outside = await fetch(bed.server.url.replace('/trpc', '/elsewhere'));
      expect(outside.status).toBe(404);

      expect(await shopSnapshot(db(), shop.shopId)).toEqual(before);
      expect((await makeClient(bed.server.url).health.check.query()).status).toBe('ok');
      // The device still works normally afterwards.
      expect((await device.push(valid)).outcomes[0]?.status).toBe('applied');
    });

    it('a device paired to a fresh shop can push its standalone history (no owner yet) and later changes need an actor', async () => {
      const shop = await setupShop(bed.server.url, db());
      const newcomer = await pairDevice(bed.server.url, db(), shop.shopId, 'Late desk');
      const [noActor] = await newcomer.run([cmd.clientCreate(randomUUID())], null);
      expect(noActor).toMatchObject({ status: 'rejected', error: { code: 'AUTH_REQUIRED' } });
      const staffId = randomUUID();
      const [byOwner] = await newcomer.run([cmd.staffCreate(staffId, 'staff', 'Jo')], shop.ownerId);
      expect(byOwner?.status).toBe('applied');
      const [byStaff] = await newcomer.run([cmd.serviceCreate(randomUUID())], staffId);
      expect(byStaff).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    });
  });
}
