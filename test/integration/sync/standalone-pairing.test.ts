import { count } from 'drizzle-orm';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID, type Appointment } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import type { AppError } from '../../../src-shared/errors';
import { executeCommand } from '../../../src-main/core/commands/execute';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { listRecovery } from '../../../src-main/core/recovery/recovery';
import { openStore } from '../../../src-main/core/store/open';
import { checkIntegrity } from '../../../src-main/agents/integrity/integrityCheck';
import { systemStatus } from '../../../src-main/agents/status/systemStatus';
import { buildSupportReport } from '../../../src-main/files/report/report';
import { outbox } from '../../../src-main/core/store/schema';
import { entitySyncStates } from '../../../src-main/core/outbox/syncState';
import { Clock, localRows, Machine, setUpShop, syncUntilQuiet, tempDir, TestServer } from '../../support/sync/harness';

const MIN = 60_000;
/** The shop's time for every machine and the server: nothing reads the machine's date. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);

let server: TestServer;
let temp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await TestServer.create({ clock: new Clock(SHOP_TIME) });
  temp = tempDir('caredesk-standalone');
});

afterAll(async () => {
  await server?.close();
  temp?.remove();
});

describe('a machine used on its own pairs later', () => {
  it('acceptance 6: 1,000 standalone appointments reach an empty shop; a second standalone machine pairs too and loses nothing', async () => {
    const clock = new Clock(SHOP_TIME);
    const first = new Machine({ dir: temp.dir, name: 'solo-1', clock: clock.now });
    const shop = setUpShop(first, { staff: 4, clients: 20 });
    const start = clock.time + 24 * 60 * MIN;
    const booked: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const id = newId();
      const staffId = shop.staffIds[i % 4]!;
      first.run('appointment', 'create', id, { clientId: shop.clientIds[i % 20], staffId, serviceId: shop.serviceId, startsAt: start + Math.floor(i / 4) * 30 * MIN, allowOutsideHours: true });
      booked.push(id);
    }
    // Some history before pairing: a cancellation and an edit.
    first.run('appointment', 'cancel', booked[0]!, {}, 'client called');
    first.run('appointment', 'updateNotes', booked[1]!, { notes: 'bring photos' });
    const created = await server.createShop('Solo shop');
    const paired = await first.pair(server, created.code);
    expect(paired.queued).toBeGreaterThanOrEqual(1000 + 4 + 1 + 20 + 1);
    // Nothing is confirmed before the server has it.
    expect(new Set([...entitySyncStates(first.store, 'appointment', booked).values()].map((s) => s.state))).toEqual(new Set(['pending']));
    const startedAt = Date.now();
    await syncUntilQuiet([first]);
    const elapsed = Date.now() - startedAt;
    expect(listRecovery(first.store).items).toEqual([]);
    expect(first.store.db.select({ n: count() }).from(outbox).get()?.n).toBe(paired.queued);
    const serverRows = await server.rows(created.shopId);
    expect([...serverRows.keys()].filter((key) => key.startsWith('appointment:'))).toHaveLength(1000);
    expect((serverRows.get(`appointment:${booked[0]}`) as Appointment).status).toBe('cancelled');
    expect((serverRows.get(`appointment:${booked[1]}`) as Appointment).notes).toBe('bring photos');

    // A second machine joins the shop and pulls them all.
    const second = new Machine({ dir: temp.dir, name: 'joins', clock: clock.now });
    await second.pair(server, await server.pairingCode(created.shopId));
    await syncUntilQuiet([second]);
    expect(localRows(second.store)).toEqual(localRows(first.store));

    // A second standalone machine with its own shop set-up and bookings, some on taken slots.
    const other = new Machine({ dir: temp.dir, name: 'solo-2', clock: clock.now });
    const otherShop = setUpShop(other, { staff: 2, clients: 3 });
    other.run('settings', 'update', SETTINGS_ID, { shopName: 'The other desk' });
    const mine: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const id = newId();
      other.run('appointment', 'create', id, { clientId: otherShop.clientIds[0], staffId: otherShop.staffIds[1], serviceId: otherShop.serviceId, startsAt: start + i * 60 * MIN, allowOutsideHours: true });
      mine.push(id);
    }
    await other.pair(server, await server.pairingCode(created.shopId));
    await syncUntilQuiet([other, first, second]);
    const recovery = listRecovery(other.store);
    const inRecovery = new Set(recovery.items.map((item) => item.entityId));
    const applied = new Set((await server.rows(created.shopId)).keys());
    for (const id of mine) {
      expect(applied.has(`appointment:${id}`) || inRecovery.has(id), `booking ${id} ended nowhere`).toBe(true);
      expect(other.row('appointment', id)?.deletedAt).toBeNull();
    }
    // Its settings differ from the shop's: a conflict kept for a person, the local settings still on screen.
    expect(recovery.items.find((item) => item.entityType === 'settings')?.kind).toBe('conflict');
    console.log(`[sync] uploaded ${paired.queued} mutations in ${elapsed} ms; second machine: ${inRecovery.size} record(s) in the Recovery Center`);
    for (const machine of [first, second, other]) machine.close();
  });

  it('schedules made alone (hours, skills, special days, time off, blocked time, exceptions) reach the shop when it pairs', async () => {
    const clock = new Clock(SHOP_TIME);
    const solo = new Machine({ dir: temp.dir, name: 'solo-schedules', clock: clock.now });
    const shop = setUpShop(solo, { staff: 2, clients: 2 });
    const alice = shop.staffIds[1]!;
    const day = clock.time + 24 * 60 * MIN;
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '09:00', close: '17:00' }]]));
    solo.run('staff', 'setWorkingHours', alice, { workingHours: { weeks: [week], weekAStartsOn: '2026-06-01' } });
    solo.run('service', 'setSkills', shop.serviceId, { performedBy: [{ staffId: alice, durationMin: 40, priceCents: null }, { staffId: shop.staffIds[0]!, durationMin: null, priceCents: null }] });
    solo.run('settings', 'update', SETTINGS_ID, { specialDays: [{ date: '2026-12-24', hours: [{ open: '09:00', close: '13:00' }] }] });
    const away = newId();
    solo.run('timeOff', 'create', away, { staffId: alice, kind: 'training', startsAt: day + 6 * 60 * MIN, endsAt: day + 8 * 60 * MIN });
    const lunch = newId();
    solo.run('block', 'create', lunch, { staffId: alice, kind: 'lunch', startsAt: day + 4 * 60 * MIN, endsAt: day + 5 * 60 * MIN });
    const removed = newId();
    solo.run('block', 'create', removed, { staffId: alice, kind: 'meeting', startsAt: day + 9 * 60 * MIN, endsAt: day + 10 * 60 * MIN });
    solo.run('block', 'delete', removed);
    const exception = newId();
    solo.run('appointment', 'create', exception, { clientId: shop.clientIds[0], staffId: alice, serviceId: shop.serviceId, startsAt: day + 6 * 60 * MIN, allowOutsideHours: true, allowOutsideSchedule: true });
    const created = await server.createShop('Solo schedules');
    await solo.pair(server, created.code);
    await syncUntilQuiet([solo]);
    expect(listRecovery(solo.store).items).toEqual([]);
    const serverRows = await server.rows(created.shopId);
    for (const key of [`timeOff:${away}`, `block:${lunch}`, `block:${removed}`, `appointment:${exception}`, `staff:${alice}`, `service:${shop.serviceId}`]) {
      const local = localRows(solo.store).get(key) as unknown as Record<string, unknown>;
      const { version: _v, createdAt: _c, updatedAt: _u, deletedAt, ...content } = local;
      expect(serverRows.get(key), key).toMatchObject({ ...content, deletedAt: deletedAt === null ? null : expect.any(Number) });
    }
    expect(serverRows.get(`appointment:${exception}`)).toMatchObject({ outsideSchedule: true, endsAt: day + 6 * 60 * MIN + 40 * MIN });
    solo.close();
  });

  it('acceptance 5: a corrupted database file is Unsafe at start; reading and the support report still work', async () => {
    const clock = new Clock(SHOP_TIME);
    const machine = new Machine({ dir: temp.dir, name: 'corrupt', clock: clock.now });
    const shop = setUpShop(machine, { clients: 400 });
    for (let i = 0; i < 200; i += 1) {
      machine.run('appointment', 'create', newId(), { clientId: shop.clientIds[i % 400], staffId: shop.staffIds[i % 3], serviceId: shop.serviceId, startsAt: clock.time + i * 30 * MIN, notes: 'x'.repeat(500), allowOutsideHours: true });
    }
    machine.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const page = machine.store.sqlite.pragma('page_size', { simple: true }) as number;
    const root = (machine.store.sqlite.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'clients_search_name'`).get() as { rootpage: number }).rootpage;
    machine.close();
    // Scribble over the root page of the client-name index (storage damage a search would hit).
    expect(statSync(machine.file).size).toBeGreaterThan(root * page);
    const fd = openSync(machine.file, 'r+');
    writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, (root - 1) * page);
    closeSync(fd);
    const store = openStore(machine.file);
    try {
      // The start-up check runs off the main thread; the desk answers while it runs.
      expect(systemStatus(store, clock.time, { agent: null, freeBytes: () => 10 * 1024 ** 3 }).mode).toBe('standalone');
      expect((await checkIntegrity(store)).state).toBe('failed');
      const status = systemStatus(store, clock.time, { agent: null, freeBytes: () => 10 * 1024 ** 3 });
      expect(status.mode).toBe('unsafe');
      expect(status.writesLocked).toBe(true);
      expect(status.checks.find((check) => check.name === 'integrity')?.status).toBe('failed');
      // Reading still works where the pages are intact, and the support report can be made.
      const date = new Date(clock.time).toISOString().slice(0, 10);
      expect(dayView(store, { date }).appointments.length).toBeGreaterThan(0);
      const report = buildSupportReport(store, { status, recentErrors: [], includeClientDetails: false, now: clock.time });
      expect(report.text.length).toBeGreaterThan(100);
      expect(report.text).toMatch(/integrity/i);
      // Unsafe is enforced, not just shown: a booking change is refused and writes nothing.
      const desk = { store, actor: { staffId: shop.staffIds[0]!, role: 'owner' as const }, now: clock.now };
      const before = store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
      const refused = (() => {
        try {
          executeCommand(desk, { entityType: 'client', op: 'update', entityId: shop.clientIds[0]!, expectedVersion: 1, idempotencyKey: `unsafe-${newId()}`, reason: null, args: { notes: 'x' } });
          return null;
        } catch (error) {
          return error as AppError;
        }
      })();
      expect(refused?.code).toBe('WRITES_LOCKED');
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual(before);
    } finally {
      store.close();
    }
  });
});
