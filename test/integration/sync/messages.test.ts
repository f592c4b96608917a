import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_SETTINGS, SETTINGS_ID, type Message } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { statements } from '../../../src-main/core/store/statements';
import { listRecovery } from '../../../src-main/core/recovery/recovery';
import { Clock, Machine, setUpShop, syncUntilQuiet, syncTestbed, twoPairedDesks, expectConverged as expectConvergedOn } from '../../support/sync/harness';

/**
 * Messages between two desks and the server (issue 13, docs/architecture.md §17): the messages a
 * booking causes on one desk travel as changes of their own, the server stores them without
 * deciding any of its own, and the other desk's move of the booking moves the same reminders.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 1 June 2026, 08:00 in London, for every machine and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const serverClock = new Clock(SHOP_TIME);

const bed = syncTestbed('caredesk-messages-sync', { clock: serverClock });

const twoMachines = (name: string) => twoPairedDesks(bed.server, serverClock, bed.dir, name, SHOP_TIME);
const expectConverged = (machines: Machine[], shopId: string) => expectConvergedOn(bed.server, machines, shopId);
const messagesOf = (machine: Machine, appointmentId: string): Message[] => statements(machine.store).messagesOfAppointment(appointmentId);
const dueTimes = (messages: Message[]) =>
  messages
    .filter((message) => message.status === 'scheduled')
    .map((message) => `${message.kind} ${message.reminderOffsetMinutes ?? ''}@${message.dueAt}`)
    .sort();

describe('messages between two desks', () => {
  it('a booking’s messages reach the other desk and the server once; a move on the other desk moves the same reminders', async () => {
    const { a, b, shop, shopId, clock } = await twoMachines('messages-travel');
    a.run('settings', 'update', SETTINGS_ID, { messages: { ...DEFAULT_MESSAGE_SETTINGS, channels: { email: true, sms: false } } });
    const client = shop.clientIds[0]!;
    a.run('client', 'update', client, { email: 'client0@example.com' });
    a.run('client', 'recordConsent', client, { channel: 'email', given: true });

    const booking = newId();
    const startsAt = SHOP_TIME + 3 * 24 * HOUR;
    a.run('appointment', 'create', booking, { clientId: client, staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt });
    const made = messagesOf(a, booking);
    expect(dueTimes(made)).toEqual(
      [`confirmation @${SHOP_TIME}`, `reminder 2880@${startsAt - 48 * HOUR}`, `reminder 120@${startsAt - 2 * HOUR}`].sort(),
    );
    await syncUntilQuiet([a, b]);
    // The server kept the desk's messages and made none of its own.
    const serverMessages = [...(await bed.server.rows(shopId)).entries()].filter(([key]) => key.startsWith('message:'));
    expect(serverMessages.map(([key]) => key).sort()).toEqual(made.map((message) => `message:${message.id}`).sort());
    expect(messagesOf(b, booking)).toEqual(made);

    clock.advance(10 * MINUTE);
    b.run('appointment', 'reschedule', booking, { startsAt: startsAt + 24 * HOUR });
    await syncUntilQuiet([b, a]);
    await syncUntilQuiet([a, b]);
    const moved = messagesOf(a, booking);
    expect(dueTimes(moved)).toEqual(
      [`rescheduled @${SHOP_TIME + 10 * MINUTE}`, `reminder 2880@${startsAt - 24 * HOUR}`, `reminder 120@${startsAt + 22 * HOUR}`].sort(),
    );
    // The reminders are the ones the booking made, moved (version 2); the confirmation not yet sent was replaced.
    const reminders = moved.filter((message) => message.kind === 'reminder' && message.status === 'scheduled');
    expect(reminders.map((message) => message.id).sort()).toEqual(made.filter((message) => message.kind === 'reminder').map((message) => message.id).sort());
    expect(reminders.every((message) => message.version === 2)).toBe(true);
    expect(moved.find((message) => message.kind === 'confirmation')?.status).toBe('cancelled');

    // The sender's steps (here on desk a) travel like any change.
    const notice = moved.find((message) => message.kind === 'rescheduled')!;
    a.run('message', 'startSending', notice.id, { provider: 'smtp', subject: 'Moved', body: 'Your appointment has moved.' });
    a.run('message', 'recordSent', notice.id, { provider: 'smtp', providerMessageId: '<m1@example.com>' });
    await syncUntilQuiet([a, b]);
    expect(b.row('message', notice.id)).toMatchObject({ status: 'sent', attempts: 1, body: 'Your appointment has moved.' });
    await expectConverged([a, b], shopId);
    a.close();
    b.close();
  });

  it('a desk used on its own pairs later: its messages join the shop with the steps they went through', async () => {
    const clock = new Clock(SHOP_TIME);
    serverClock.set(SHOP_TIME);
    const solo = new Machine({ dir: bed.dir, name: 'messages-solo', clock: clock.now });
    const shop = setUpShop(solo);
    solo.run('settings', 'update', SETTINGS_ID, { messages: { ...DEFAULT_MESSAGE_SETTINGS, channels: { email: true, sms: true } } });
    const client = shop.clientIds[0]!;
    solo.run('client', 'update', client, { email: 'client0@example.com', phone: '07700 900321' });
    solo.run('client', 'recordConsent', client, { channel: 'email', given: true });
    const booking = newId();
    solo.run('appointment', 'create', booking, { clientId: client, staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt: SHOP_TIME + 3 * 24 * HOUR });
    const messages = messagesOf(solo, booking);
    // Texts are skipped (no consent); the e-mail confirmation went; one reminder was cancelled by a person.
    expect(messages.filter((message) => message.status === 'skipped').map((message) => message.lastError)).toEqual([
      'Client 0 has not agreed to text messages.',
      'Client 0 has not agreed to text messages.',
      'Client 0 has not agreed to text messages.',
    ]);
    const confirmation = messages.find((message) => message.kind === 'confirmation' && message.channel === 'email')!;
    solo.run('message', 'startSending', confirmation.id, { provider: 'smtp', subject: 'Booked', body: 'See you on Thursday.' });
    solo.run('message', 'recordSent', confirmation.id, { provider: 'smtp', providerMessageId: '<c1@example.com>' });
    const reminder = messages.find((message) => message.kind === 'reminder' && message.channel === 'email')!;
    solo.run('message', 'cancel', reminder.id, {}, 'Client asked for no reminders');

    const created = await bed.server.createShop('messages-solo');
    await solo.pair(bed.server, created.code);
    await syncUntilQuiet([solo]);
    expect(listRecovery(solo.store).items).toEqual([]);
    expect(solo.row('message', confirmation.id)).toMatchObject({ status: 'sent', providerMessageId: '<c1@example.com>', body: 'See you on Thursday.' });
    expect(solo.row('message', reminder.id)?.status).toBe('cancelled');
    const serverMessages = [...(await bed.server.rows(created.shopId)).keys()].filter((key) => key.startsWith('message:'));
    expect(serverMessages).toHaveLength(messages.length);
    await expectConverged([solo], created.shopId);
    solo.close();
  });
});
