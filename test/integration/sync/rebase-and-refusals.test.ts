import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';
import { listRecovery } from '../../../src-main/core/recovery/recovery';
import { outbox } from '../../../src-main/core/store/schema';
import { readPairing, readProgress, writeProgress } from '../../../src-main/agents/sync/meta';
import { entitySyncStates } from '../../../src-main/core/outbox/syncState';
import { Clock, localRows, Machine, setUpShop, syncUntilQuiet, type ShopSetup, syncTestbed } from '../../support/sync/harness';

/**
 * Issue 9, items 1 and 2 at the desk: a desk restored from an older backup, or whose numbering
 * went back some other way, re-bases instead of taking another change's answer as its own; and a
 * change the server can never store ends refused, once, without holding up the ones behind it.
 */

const HOUR = 3_600_000;

const bed = syncTestbed('caredesk-rebase');

async function pairedDesk(name: string): Promise<{ desk: Machine; shop: ShopSetup; shopId: string; clock: Clock }> {
  const clock = new Clock(Date.UTC(2026, 2, 2, 8, 0));
  const created = await bed.server.createShop(name);
  const desk = new Machine({ dir: bed.dir, name, clock: clock.now });
  await desk.pair(bed.server, created.code);
  const shop = setUpShop(desk);
  await syncUntilQuiet([desk]);
  return { desk, shop, shopId: created.shopId, clock };
}

function book(machine: Machine, shop: ShopSetup, startsAt: number): string {
  const id = newId();
  machine.run('appointment', 'create', id, { clientId: shop.clientIds[0], staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt, allowOutsideHours: true });
  return id;
}

/** Every change this desk holds as applied has its own event on the server: none was confirmed with another's answer. */
async function expectNoFalseConfirmation(machine: Machine): Promise<void> {
  const deviceId = readPairing(machine.store)!.deviceId;
  const onServer = new Set(
    (await bed.server.db.query<{ id: string }>('SELECT id FROM events WHERE device_id = $1', [deviceId])).rows.map((row) => row.id),
  );
  for (const row of machine.store.db.select().from(outbox).where(eq(outbox.state, 'applied')).all()) {
    expect(onServer.has(row.eventId), `${row.op} ${row.entityType} ${row.entityId} is confirmed but the server never applied it`).toBe(true);
  }
}

async function expectConverged(machine: Machine, shopId: string): Promise<void> {
  const serverRows = await bed.server.rows(shopId);
  const rows = localRows(machine.store);
  for (const [key, row] of serverRows) expect(rows.get(key), key).toEqual(row);
  for (const [key, row] of rows) if (!serverRows.has(key)) expect(row.deletedAt, `local-only ${key}`).not.toBeNull();
}

describe('a desk whose numbering goes back re-bases', () => {
  it('restoring an older backup, then booking: the booking reaches the server and the later bookings come back', async () => {
    const { desk, shop, shopId, clock } = await pairedDesk('restore');
    const backup = await desk.backUp();
    clock.advance(60_000);
    // After the backup: two bookings the server applies.
    const later = [book(desk, shop, clock.time + 2 * HOUR), book(desk, shop, clock.time + 3 * HOUR)];
    await syncUntilQuiet([desk]);
    expect((await bed.server.rows(shopId)).has(`appointment:${later[0]}`)).toBe(true);

    clock.advance(60_000);
    await desk.restore(backup.name);
    expect(desk.row('appointment', later[0]!)).toBeNull();
    // The restored file still numbers from the backup's progress.
    const fresh = book(desk, shop, clock.time + 5 * HOUR);
    await syncUntilQuiet([desk]);

    const serverRows = await bed.server.rows(shopId);
    expect(serverRows.get(`appointment:${fresh}`), 'the booking made after the restore is on the server').toMatchObject({ id: fresh, status: 'booked' });
    expect(entitySyncStates(desk.store, 'appointment', [fresh]).get(fresh)).toEqual({ state: 'confirmed', onServer: true });
    for (const id of later) expect(desk.row('appointment', id), 'pulled back from the server').toMatchObject({ id, status: 'booked' });
    await expectNoFalseConfirmation(desk);
    await expectConverged(desk, shopId);
    expect(readProgress(desk.store).rebase).toBeUndefined();
    desk.close();
  });

  it('numbering that went back without notice: MUTATION_ID_REUSED makes the desk re-base, nothing is confirmed falsely', async () => {
    const { desk, shop, shopId, clock } = await pairedDesk('reused');
    const before = readProgress(desk.store);
    const first = book(desk, shop, clock.time + 2 * HOUR);
    await syncUntilQuiet([desk]);
    // As if the progress had been rolled back behind the agent's back (no restore flag).
    writeProgress(desk.store, before);
    const second = book(desk, shop, clock.time + 4 * HOUR);
    desk.run('client', 'update', shop.clientIds[1]!, { notes: 'prefers mornings' });
    await syncUntilQuiet([desk]);

    const serverRows = await bed.server.rows(shopId);
    expect(serverRows.get(`appointment:${second}`)).toMatchObject({ id: second, status: 'booked' });
    expect(serverRows.get(`client:${shop.clientIds[1]}`)).toMatchObject({ notes: 'prefers mornings' });
    expect(serverRows.get(`appointment:${first}`)).toMatchObject({ id: first });
    const open = desk.store.db.select().from(outbox).all().filter((row) => row.state !== 'applied');
    expect(open).toEqual([]);
    await expectNoFalseConfirmation(desk);
    await expectConverged(desk, shopId);
    desk.close();
  });
});

describe('a change the server cannot store never wedges the queue', () => {
  it('is refused once, kept for the Recovery Center, and the changes behind it go through', async () => {
    const { desk, shop, shopId, clock } = await pairedDesk('wedge');
    const hostile = [
      desk.queueRaw({ entityType: 'client', op: 'create', entityId: newId(), reason: null, args: { name: 'Nul\u0000Byte' } }),
      desk.queueRaw({ entityType: 'client', op: 'update', entityId: shop.clientIds[2]!, reason: null, args: { notes: 'lone \udc00 surrogate' } }),
      desk.queueRaw({
        entityType: 'appointment',
        op: 'create',
        entityId: newId(),
        reason: null,
        args: { clientId: shop.clientIds[0], staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt: 8_640_000_000_000_000 - 60_000, allowOutsideHours: true },
      }),
    ];
    const behind = book(desk, shop, clock.time + 2 * HOUR);
    await syncUntilQuiet([desk], 10);

    const rows = desk.store.db.select().from(outbox).all();
    for (const eventId of hostile) {
      const row = rows.find((candidate) => candidate.eventId === eventId)!;
      expect(['rejected', 'failed'], `${row.op} ${JSON.stringify(row.args)}`).toContain(row.state);
      expect(row.attempts, 'sent once, never retried').toBe(1);
      expect((row.outcome as { error?: { message: string } } | null)?.error?.message ?? (row.lastError as { message: string }).message).not.toMatch(
        /invalid byte|unicode|RangeError|jsonb|0x00/i,
      );
    }
    expect(rows.find((row) => row.entityId === behind)?.state).toBe('applied');
    expect((await bed.server.rows(shopId)).has(`appointment:${behind}`)).toBe(true);
    // Visible to a person, with the intent kept.
    const recovery = listRecovery(desk.store);
    expect(recovery.items.length).toBe(hostile.length);
    expect(recovery.items.every((item) => item.changes.length > 0 && item.changes.every((change) => change.args !== null))).toBe(true);
    // Nothing more is sent for them: a later pass pushes nothing.
    expect((await desk.agent.syncNow()).pushed).toBe(0);
    // And the queue keeps moving.
    const next = book(desk, shop, clock.time + 6 * HOUR);
    await syncUntilQuiet([desk]);
    expect(entitySyncStates(desk.store, 'appointment', [next]).get(next)).toEqual({ state: 'confirmed', onServer: true });
    await expectNoFalseConfirmation(desk);
    desk.close();
  });
});
