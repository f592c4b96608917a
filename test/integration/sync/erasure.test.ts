import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_SETTINGS, SETTINGS_ID, type Client, type DomainEvent, type Message } from '../../../src-shared/entities';
import { ERASED_NAME } from '../../../src-shared/erasure';
import { ERASED_CANCEL_REASON } from '../../../src-shared/erasureFollowUps';
import { newId } from '../../../src-shared/ids';
import { loadRow } from '../../../src-main/core/store/rows';
import { refusal } from '../../support/refusal';
import { pairedDesks, syncUntilQuiet, type Machine } from '../../support/sync/harness';

/**
 * Erasing a client (issue 15, acceptance 4): after the owner erases a client on one desk, no byte
 * of their name, phone or e-mail is left in that desk's database file (and its WAL), in the other
 * desk's, paired through the real sync server on PostgreSQL, or anywhere in the server's tables;
 * the history keeps its visits, times and actors, naming the client "Erased client".
 */

const HOUR = 3_600_000;
/** Monday 1 June 2026, 08:00 in London. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk_erasure', SHOP_TIME);

const NAME = 'Marisol Quintanilla';
const OLD_NAME = 'Marisol Quintanila';
const PHONE = '07700 900461';
const EMAIL = 'marisol.q@example.net';
const NOTES = 'Brings her own towel, ask about the wedding';
/** Every way the details may be written down: as typed, lower case, the number's digit forms and E.164. */
const SECRETS = [NAME, OLD_NAME, NAME.toLowerCase(), 'quintanilla', EMAIL, PHONE, '07700900461', '447700900461', '+447700900461', NOTES, 'red coat', 'school run'];

function bytesHolding(file: string): string[] {
  const found: string[] = [];
  for (const path of [file, `${file}-wal`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const secret of SECRETS) if (bytes.includes(Buffer.from(secret, 'utf8'))) found.push(`${path.endsWith('-wal') ? 'WAL' : 'file'}: ${secret}`);
  }
  return found;
}

function eventsOf(machine: Machine, entityId: string): DomainEvent[] {
  return (
    machine.store.sqlite.prepare('SELECT * FROM events WHERE entity_id = ? ORDER BY seq').all(entityId) as Record<string, unknown>[]
  ).map((row) => ({ ...row, before: JSON.parse(row.before as string), after: JSON.parse(row.after as string) }) as unknown as DomainEvent);
}

async function serverTextsHolding(shopId: string): Promise<string[]> {
  const tables = await desks.server.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const rows = await desks.server.db.query<{ t: string }>(`SELECT t::text AS t FROM "${table}" t`);
    for (const { t } of rows.rows) for (const secret of SECRETS) if (t.toLowerCase().includes(secret.toLowerCase())) found.push(`${table}: ${secret}`);
  }
  expect(shopId).toBeTruthy();
  return found;
}

describe('erasing a client', () => {
  it('leaves no byte of their details on either desk or the server, and keeps the history of their visits', async () => {
    const { a, b, shop, shopId, clock } = await desks.twoDesks('erasure');
    a.run('settings', 'update', SETTINGS_ID, { messages: { ...DEFAULT_MESSAGE_SETTINGS, channels: { email: true, sms: true } } });
    const client = newId();
    a.run('client', 'create', client, { name: OLD_NAME, phone: PHONE, email: EMAIL, notes: NOTES, allergies: 'Ammonia dyes', preferences: 'Quiet chair' });
    b.run('client', 'create', newId(), { name: 'Kept Person', notes: `Came with ${NAME}` });
    await syncUntilQuiet([a, b]);
    b.run('client', 'update', client, { name: NAME });
    await syncUntilQuiet([b, a]);
    a.run('client', 'recordConsent', client, { channel: 'email', given: true });
    a.run('client', 'recordConsent', client, { channel: 'sms', given: true });
    const booking = newId();
    const startsAt = SHOP_TIME + 3 * 24 * HOUR;
    a.run('appointment', 'create', booking, { clientId: client, staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt, notes: `${NAME} wants a fringe` });
    const confirmation = (a.store.sqlite.prepare(`SELECT id FROM messages WHERE appointment_id = ? AND kind = 'confirmation' AND channel = 'email'`).get(booking) as { id: string }).id;
    a.run('message', 'startSending', confirmation, { provider: 'smtp', subject: 'See you soon', body: 'Hi Marisol, your cut is booked.' });
    const walkIn = newId();
    b.run('walkIn', 'create', walkIn, { clientId: client, serviceId: shop.serviceId, note: 'Waiting by the window, in a red coat' });
    const waiting = newId();
    b.run('waitlist', 'create', waiting, { clientId: client, serviceId: shop.serviceId, fromDate: '2026-06-08', toDate: '2026-06-12', fromTime: '09:00', toTime: '12:00', note: 'Only after the school run' });
    const reminders = (a.store.sqlite.prepare(`SELECT id FROM messages WHERE appointment_id = ? AND status = 'scheduled'`).all(booking) as { id: string }[]).map(({ id }) => id);
    expect(reminders.length).toBeGreaterThan(0);
    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);
    const historyBefore = eventsOf(b, booking).map(({ id, at, actorStaffId, type }) => ({ id, at, actorStaffId, type }));
    expect(bytesHolding(b.file).length).toBeGreaterThan(0);

    // Only the owner, and only with a reason.
    const staffMember = { staffId: shop.staffIds[1]!, role: 'staff' as const };
    const owner = a.actor;
    a.actor = staffMember;
    expect((await refusal(() => a.run('client', 'erase', client, {}, 'Asked to be forgotten'))).code).toBe('FORBIDDEN');
    a.actor = owner;
    expect((await refusal(() => a.run('client', 'erase', client, {}))).details?.field).toBe('reason');

    clock.advance(HOUR);
    const { event } = a.run('client', 'erase', client, {}, 'Asked to be forgotten by e-mail');
    expect(event).toMatchObject({ type: 'client.erase', actorStaffId: owner.staffId, at: clock.time, reason: 'Asked to be forgotten by e-mail' });
    await syncUntilQuiet([a, b]);
    await syncUntilQuiet([b, a]);

    for (const machine of [a, b]) {
      expect(bytesHolding(machine.file), machine.options.name).toEqual([]);
      const row = loadRow(machine.store, 'client', client) as Client;
      expect(row).toMatchObject({ name: ERASED_NAME, phone: null, email: null, notes: '', allergies: '', preferences: '', erasedAt: event.at });
      // The visit keeps its history: the same events, times and people, naming the erased client;
      // it was still to come, so the erasure cancelled it, in the name of the owner who erased.
      const visitHistory = eventsOf(machine, booking);
      expect(visitHistory.slice(0, -1).map(({ id, at, actorStaffId, type }) => ({ id, at, actorStaffId, type }))).toEqual(historyBefore);
      expect(visitHistory.at(-1)).toMatchObject({ type: 'appointment.cancel', at: event.at, reason: ERASED_CANCEL_REASON });
      expect(machine.store.sqlite.prepare('SELECT actor_staff_id FROM events WHERE entity_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(booking)).toBe(owner.staffId);
      expect(loadRow(machine.store, 'appointment', booking)).toMatchObject({ status: 'cancelled', cancelReason: ERASED_CANCEL_REASON });
      // Nothing more goes to them: their reminders waiting to be sent are cancelled.
      for (const reminder of reminders) expect(loadRow(machine.store, 'message', reminder)).toMatchObject({ status: 'cancelled', to: '' });
      // Off the waitlist and out of the walk-in queue, with the desk's notes about them gone.
      expect(loadRow(machine.store, 'waitlist', waiting)).toMatchObject({ deletedAt: event.at, note: '' });
      expect(eventsOf(machine, waiting).map((item) => item.after.note ?? null)).not.toContain('Only after the school run');
      expect(eventsOf(machine, booking)[0]?.after.notes).toBe(`${ERASED_NAME} wants a fringe`);
      const clientHistory = eventsOf(machine, client);
      expect(clientHistory.map((item) => item.type)).toEqual([
        'client.create',
        'client.update',
        'client.recordConsent',
        'client.recordConsent',
        'client.erase',
      ]);
      expect(clientHistory[0]?.after).toMatchObject({ name: ERASED_NAME, phone: null, email: null, notes: '' });
      const message = loadRow(machine.store, 'message', confirmation) as Message;
      expect(message).toMatchObject({ to: '', body: null, subject: null });
      expect(loadRow(machine.store, 'walkIn', walkIn)).toMatchObject({ name: ERASED_NAME, note: '', status: 'left' });
    }
    expect(await serverTextsHolding(shopId)).toEqual([]);
    const serverRow = (await desks.server.rows(shopId)).get(`client:${client}`);
    expect(serverRow).toMatchObject({ name: ERASED_NAME, erasedAt: event.at });

    // Final: nothing changes the erased client again, and the erasure is never undone.
    expect((await refusal(() => b.run('client', 'update', client, { name: NAME }))).message).toMatch(/erased/);
    expect((await refusal(() => a.run('client', 'undo', client, { eventId: event.id }))).code).toBe('UNDO_NOT_ALLOWED');
    await desks.expectConverged([a, b], shopId);
    a.close();
    b.close();
  });
});
