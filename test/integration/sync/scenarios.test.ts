import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { isAppError } from '../../../src-shared/errors';
import { applyMyChange, keepServerVersion, listRecovery, moveBooking, slotOptions } from '../../../src-main/core/recovery/recovery';
import { systemStatus } from '../../../src-main/agents/status/systemStatus';
import { entitySyncStates } from '../../../src-main/core/outbox/syncState';
import { Clock, localRows, Machine, setUpShop, syncUntilQuiet, tempDir, TestServer, type ShopSetup } from '../../support/sync/harness';

const HOUR = 3_600_000;
/** The shop's time for every machine and the server (a Monday, 08:00 in London): nothing reads the machine's date. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const serverClock = new Clock(SHOP_TIME);

let server: TestServer;
let temp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await TestServer.create({ clock: serverClock });
  temp = tempDir('caredesk-sync');
});

afterAll(async () => {
  await server?.close();
  temp?.remove();
});

/** A shop with two paired machines that agree on settings, staff, service and clients. */
async function twoMachines(name: string): Promise<{ a: Machine; b: Machine; shop: ShopSetup; shopId: string; clock: Clock }> {
  const clock = new Clock(SHOP_TIME);
  const created = await server.createShop(name);
  const a = new Machine({ dir: temp.dir, name: `${name}-a`, clock: clock.now });
  await a.pair(server, created.code);
  const shop = setUpShop(a);
  await syncUntilQuiet([a]);
  const b = new Machine({ dir: temp.dir, name: `${name}-b`, clock: clock.now });
  await b.pair(server, await server.pairingCode(created.shopId));
  b.actor = { ...a.actor };
  await syncUntilQuiet([a, b]);
  return { a, b, shop, shopId: created.shopId, clock };
}

async function expectConverged(machines: Machine[], shopId: string) {
  const serverRows = await server.rows(shopId);
  for (const machine of machines) {
    const rows = localRows(machine.store);
    for (const [key, row] of rows) {
      if (!serverRows.has(key)) {
        expect(row.deletedAt, `${machine.options.name} has local-only ${key}`).not.toBeNull();
        continue;
      }
      expect(row, `${machine.options.name} ${key}`).toEqual(serverRows.get(key));
    }
    for (const key of serverRows.keys()) expect(rows.has(key), `${machine.options.name} lacks ${key}`).toBe(true);
  }
}

function book(machine: Machine, shop: ShopSetup, startsAt: number, staffId = shop.staffIds[1]!): string {
  const id = newId();
  machine.run('appointment', 'create', id, { clientId: shop.clientIds[0], staffId, serviceId: shop.serviceId, startsAt, allowOutsideHours: true });
  return id;
}

describe('sync agent', () => {
  it('pairs machines and converges on the shop rows', async () => {
    const { a, b, shop, shopId, clock } = await twoMachines('basic');
    const id = book(b, shop, clock.time + 2 * HOUR);
    expect(entitySyncStates(b.store, 'appointment', [id]).get(id)).toEqual({ state: 'pending', onServer: false });
    await syncUntilQuiet([b, a]);
    expect(entitySyncStates(b.store, 'appointment', [id]).get(id)).toEqual({ state: 'confirmed', onServer: true });
    expect(a.row('appointment', id)?.startsAt).toBe(clock.time + 2 * HOUR);
    await expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  it('time off and blocked time made on one desk reach the other, and their changes too', async () => {
    const { a, b, shop, shopId, clock } = await twoMachines('schedules');
    const away = newId();
    const lunch = newId();
    a.run('timeOff', 'create', away, { staffId: shop.staffIds[1], kind: 'holiday', startsAt: clock.time + 24 * HOUR, endsAt: clock.time + 72 * HOUR });
    b.run('block', 'create', lunch, { staffId: shop.staffIds[1], kind: 'lunch', startsAt: clock.time + 4 * HOUR, endsAt: clock.time + 5 * HOUR });
    await syncUntilQuiet([a, b, a]);
    expect(b.row('timeOff', away)).toMatchObject({ kind: 'holiday', version: 1 });
    expect(a.row('block', lunch)).toMatchObject({ kind: 'lunch', version: 1 });
    a.run('block', 'move', lunch, { startsAt: clock.time + 5 * HOUR, endsAt: clock.time + 6 * HOUR });
    await syncUntilQuiet([a, b, a]);
    expect(b.row('block', lunch)).toMatchObject({ startsAt: clock.time + 5 * HOUR, version: 2 });
    await expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  it("a booking made offline in time off recorded on another desk is refused by the server and waits in the Recovery Center, never dropped", async () => {
    const { a, b, shop, shopId, clock } = await twoMachines('away');
    const staffId = shop.staffIds[1]!;
    const away = newId();
    // Desk A records the holiday and syncs; desk B, offline, does not know it yet and books into it.
    a.run('timeOff', 'create', away, { staffId, kind: 'holiday', startsAt: clock.time + 2 * HOUR, endsAt: clock.time + 6 * HOUR });
    await syncUntilQuiet([a]);
    const booking = book(b, shop, clock.time + 3 * HOUR, staffId);
    expect(b.row('appointment', booking)?.status).toBe('booked');
    await syncUntilQuiet([b, a]);
    expect(entitySyncStates(b.store, 'appointment', [booking]).get(booking)).toEqual({ state: 'rejected', onServer: false });
    const kept = b.row('appointment', booking) as Appointment;
    expect(kept).toMatchObject({ status: 'booked', deletedAt: null });
    const item = listRecovery(b.store).items.find((candidate) => candidate.entityId === booking);
    expect(item).toMatchObject({ kind: 'rejected', isNewBooking: true, error: { code: 'OUTSIDE_SCHEDULE' } });
    // Named for a person: who, that they are away, and when on the shop's clock.
    expect(item!.error!.message).toMatch(/^\S.* is on holiday then \(\d\d:\d\d on \w+day \d+ \w+ \d{4}\)/);
    expect(item!.choices).toEqual(expect.arrayContaining(['moveBooking', 'bookOtherStaff', 'cancelBooking', 'discard']));
    expect(b.row('timeOff', away)).toMatchObject({ kind: 'holiday' });
    // The server never took it; desk A does not have it.
    expect(a.row('appointment', booking)).toBeNull();
    expect((await server.rows(shopId)).has(`appointment:${booking}`)).toBe(false);
    a.close();
    b.close();
  });

  it('acceptance 2: two offline machines book the same slot; one is confirmed, the other gets SLOT_TAKEN with alternatives', async () => {
    const { a, b, shop, shopId, clock } = await twoMachines('slot');
    const at = clock.time + 3 * HOUR;
    const first = book(a, shop, at);
    const second = book(b, shop, at);
    await syncUntilQuiet([a]);
    await syncUntilQuiet([b, a]);
    expect(entitySyncStates(a.store, 'appointment', [first]).get(first)?.state).toBe('confirmed');
    expect(entitySyncStates(b.store, 'appointment', [second]).get(second)).toEqual({ state: 'rejected', onServer: false });
    const kept = b.row('appointment', second) as Appointment;
    expect(kept.status).toBe('booked');
    expect(kept.deletedAt).toBeNull();
    const { items } = listRecovery(b.store);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ entityId: second, kind: 'slotTaken', isNewBooking: true });
    expect(items[0]!.choices).toEqual(expect.arrayContaining(['moveBooking', 'bookOtherStaff', 'cancelBooking', 'discard']));
    const options = slotOptions(b.store, { entityType: 'appointment', entityId: second }, clock.time);
    expect(options.sameStaff.length).toBeGreaterThan(0);
    expect(options.sameStaff.every((slot) => slot.startsAt >= at + 30 * 60_000 || slot.startsAt + 30 * 60_000 <= at)).toBe(true);
    expect(options.otherStaff.map((other) => other.staffId)).toContain(shop.staffIds[2]);
    // The person moves the booking to the first free slot offered: a new booking, confirmed after sync.
    const moved = moveBooking(b.desk, { entityType: 'appointment', entityId: second }, { startsAt: options.sameStaff[0]!.startsAt });
    await syncUntilQuiet([b, a]);
    expect(entitySyncStates(b.store, 'appointment', [moved.entityId]).get(moved.entityId)?.state).toBe('confirmed');
    expect(listRecovery(b.store).items).toHaveLength(0);
    await expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  for (const choice of ['keepServer', 'applyMine'] as const) {
    it(`acceptance 3: concurrent edits of one appointment conflict; "${choice}" gives the expected state everywhere`, async () => {
      const { a, b, shop, shopId, clock } = await twoMachines(`edit-${choice}`);
      const id = book(a, shop, clock.time + 4 * HOUR);
      await syncUntilQuiet([a, b]);
      a.run('appointment', 'updateNotes', id, { notes: 'from A' });
      b.run('appointment', 'updateNotes', id, { notes: 'from B' });
      b.run('appointment', 'reschedule', id, { startsAt: clock.time + 5 * HOUR });
      await syncUntilQuiet([a]);
      await syncUntilQuiet([b]);
      const item = listRecovery(b.store).items[0]!;
      expect(item.kind).toBe('conflict');
      expect(item.error?.code).toBe('VERSION_CONFLICT');
      expect((item.localRow as Appointment).notes).toBe('from B');
      expect((item.serverRow as Appointment).notes).toBe('from A');
      // The reschedule built on B's own refused change is held, never applied on top of A's.
      expect(item.changes.map((change) => change.op)).toEqual(['updateNotes', 'reschedule']);
      expect(item.changes.map((change) => change.state)).toEqual(['conflict', 'conflict']);
      if (choice === 'keepServer') keepServerVersion(b.desk, item);
      else applyMyChange(b.desk, item);
      await syncUntilQuiet([b, a]);
      const expected = choice === 'keepServer' ? { notes: 'from A', startsAt: clock.time + 4 * HOUR } : { notes: 'from B', startsAt: clock.time + 5 * HOUR };
      for (const machine of [a, b]) expect(machine.row('appointment', id)).toMatchObject(expected);
      expect(listRecovery(b.store).items).toHaveLength(0);
      await expectConverged([a, b], shopId);
      a.close();
      b.close();
    });
  }

  it('acceptance 5: status Online, Offline when the server stops, Degraded when stalled, writes locked on clock skew', async () => {
    const { a, b, shop, clock } = await twoMachines('status');
    const disk = { freeBytes: () => 10 * 1024 ** 3 };
    await a.agent.checkHealth();
    expect(systemStatus(a.store, clock.time, { ...disk, agent: a.agent }).mode).toBe('online');
    book(a, shop, clock.time + 6 * HOUR);
    await server.stop();
    try {
      const report = await a.agent.syncNow();
      expect(report.ok).toBe(false);
      expect(report.error?.code).toBe('NETWORK_UNAVAILABLE');
      const offline = systemStatus(a.store, clock.time, { ...disk, agent: a.agent });
      expect(offline.mode).toBe('offline');
      expect(offline.checks.find((check) => check.name === 'server')?.status).toBe('failed');
    } finally {
      await server.start();
    }
    await a.agent.syncNow();
    expect(systemStatus(a.store, clock.time, { ...disk, agent: a.agent }).mode).toBe('online');
    // A pending change older than five minutes (the clock is injected): Degraded.
    await b.agent.checkHealth();
    book(b, shop, clock.time + 7 * HOUR);
    expect(systemStatus(b.store, clock.time + 4 * 60_000, { ...disk, agent: b.agent }).mode).toBe('online');
    const degraded = systemStatus(b.store, clock.time + 6 * 60_000, { ...disk, agent: b.agent });
    expect(degraded.mode).toBe('degraded');
    expect(degraded.checks.find((check) => check.name === 'pending')?.status).toBe('warning');
    await b.agent.syncNow();
    // Clock 11 minutes off the server's: writes locked with WRITES_LOCKED.
    const skewed = new Clock(SHOP_TIME + 11 * 60_000);
    const c = new Machine({ dir: temp.dir, name: 'status-skewed', clock: skewed.now });
    await c.pair(server, await server.pairingCode((await a.agent.pairing())!.shopId));
    c.actor = { ...a.actor };
    await c.agent.checkHealth();
    const locked = systemStatus(c.store, skewed.time, { ...disk, agent: c.agent });
    expect(locked.writesLocked).toBe(true);
    expect(locked.checks.find((check) => check.name === 'clock')?.status).toBe('failed');
    let code: string | undefined;
    try {
      book(c, shop, skewed.time + 8 * HOUR);
    } catch (error) {
      code = isAppError(error) ? error.code : String(error);
    }
    expect(code).toBe('WRITES_LOCKED');
    a.close();
    b.close();
    c.close();
  });
});
