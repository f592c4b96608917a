import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/app';
import { createLogger } from '../../../server/log';
import { serverKeys } from '../../../server/messages/secrets';
import { saveShopProviders } from '../../../server/messages/providerStore';
import { signLink } from '../../../server/links/token';
import type { ResilienceOptions } from '../../../src-messaging/resilience';
import type { MessageProviders } from '../../../src-messaging/settings';
import { SETTINGS_ID, type Appointment, type Message, type Settings } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { join } from 'node:path';
import { saveMessageProviders } from '../../../src-main/agents/messages/providerConfig';
import { startMessageSender, type MessageSender } from '../../../src-main/agents/messages/sender';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { activityLog } from '../../../src-main/core/activity/activityLog';
import { and, eq } from 'drizzle-orm';
import { listRecovery } from '../../../src-main/core/recovery/recovery';
import { messages, outbox } from '../../../src-main/core/store/schema';
import { Clock, expectConverged, syncTestbed, syncUntilQuiet, twoPairedDesks, type Machine, type ShopSetup } from '../../support/sync/harness';
import { startSmsStandIn, type SmsStandIn } from '../../support/messaging/smsStandIn';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/messaging/smtpStandIn';

/**
 * Issue 13, acceptance 4 (docs/architecture.md §20): a paired shop of two desks and the sync
 * server on real PostgreSQL, a real SMTP server and a local HTTP server standing in for the SMS
 * provider. Only the server sends; the messages' statuses converge on both desks and the server;
 * the client's confirmation link confirms once, says so on a second click, and is refused forged
 * or expired. Every clock is the test's.
 */

const MINUTE = 60_000;
/** Monday 1 June 2026, 08:00 in London. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const serverClock = new Clock(SHOP_TIME);
const keys = serverKeys('a test secret that is long enough to be one');
const fast: Partial<ResilienceOptions> = { timeoutMs: 2_000, retries: 1, initialBackoffMs: 5, maxBackoffMs: 20, halfOpenAfterMs: 150, concurrency: 4 };

const bed = syncTestbed('caredesk-paired-sender', {
  clock: serverClock,
  // Passes run when the test says (passNow), never on their own in between.
  server: { keys, sender: { intervalMs: 3_600_000, resilience: fast } },
});

let smtp: SmtpStandIn;
let sms: SmsStandIn;
beforeAll(async () => {
  smtp = await startSmtpStandIn();
  sms = await startSmsStandIn();
});
afterAll(async () => {
  await smtp?.close();
  await sms?.close();
});

const providers = (): MessageProviders => ({
  email: {
    primary: { kind: 'smtp', name: 'Shop mail', host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: 'mail-secret', from: 'desk@shop.example' },
    fallback: null,
  },
  sms: {
    primary: { kind: 'sms-http', name: 'Textline', baseUrl: sms.url, accountSid: 'AC1', authToken: 'sms-secret', from: '+447700900999', idempotent: false },
    fallback: null,
  },
});

const sender = () => {
  const running = bed.server.server?.sender;
  if (running == null) throw new Error('The test server runs the sender.');
  return running;
};

/**
 * Two paired desks and the server, each with the same providers: the desks' own senders run (as
 * startDesk starts them) and must send nothing while the shop is paired.
 */
async function pairedShop(name: string) {
  const desks = await twoPairedDesks(bed.server, serverClock, bed.dir, name, SHOP_TIME);
  await saveShopProviders(bed.server.db, desks.shopId, providers(), keys.sealing, desks.clock.time);
  // The shop sends by both channels, reminders 48 and 2 hours before; its first client agreed to both.
  const { a, shop } = desks;
  const settings = a.row('settings', SETTINGS_ID) as Settings;
  a.run('settings', 'update', SETTINGS_ID, {
    messages: { ...settings.messages, channels: { email: true, sms: true }, quietHours: null, reminderOffsetsMinutes: [2880, 120] },
  });
  const clientId = shop.clientIds[0]!;
  a.run('client', 'update', clientId, { email: 'client0@example.test', phone: '+447700900123' });
  a.run('client', 'recordConsent', clientId, { channel: 'email', given: true });
  a.run('client', 'recordConsent', clientId, { channel: 'sms', given: true });
  await syncUntilQuiet([desks.a, desks.b]);
  const deskSenders: MessageSender[] = [];
  for (const desk of [desks.a, desks.b]) {
    await saveMessageProviders(desk.store, providers(), (secret) => fileSecretStore(join(bed.dir, `${desk.options.name}-${secret}`)));
    deskSenders.push(
      startMessageSender({
        getStore: () => desk.store,
        now: desks.clock.now,
        secrets: (secret) => fileSecretStore(join(bed.dir, `${desk.options.name}-${secret}`)),
        intervalMs: 3_600_000,
      }),
    );
  }
  /** The server's pass, and each desk's sender asked to pass too: paired, they answer that they did not. */
  const passEverywhere = async () => {
    await sender().passNow();
    for (const deskSender of deskSenders) expect(await deskSender.passNow()).toBeNull();
  };
  const stop = () => {
    for (const deskSender of deskSenders) deskSender.stop();
    desks.a.close();
    desks.b.close();
  };
  return { ...desks, passEverywhere, stop };
}

/** A booking with Staff 1 on Thursday 4 June 2026 at 10:00 London, made on `desk`. */
function book(desk: Machine, shop: ShopSetup): { id: string; startsAt: number } {
  const id = newId();
  const startsAt = Date.UTC(2026, 5, 4, 9, 0);
  desk.run('appointment', 'create', id, { clientId: shop.clientIds[0], staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt });
  return { id, startsAt };
}

/** The messages the rulebook's follow-ups made for a booking, as a desk holds them, by kind and channel. */
function messagesOf(desk: Machine, appointmentId: string): Message[] {
  return desk.store.db.select().from(messages).where(eq(messages.appointmentId, appointmentId)).all() as Message[];
}
function messageOf(desk: Machine, appointmentId: string, kind: Message['kind'], channel: Message['channel'], offset: number | null = null): Message {
  const found = messagesOf(desk, appointmentId).find((message) => message.kind === kind && message.channel === channel && message.reminderOffsetMinutes === offset);
  if (found === undefined) throw new Error(`no ${kind} by ${channel} for ${appointmentId}`);
  return found;
}
const linkIn = (text: string | undefined) => /(http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9_-]+)/u.exec(text ?? '')?.[1];
/**
 * The text the stand-in delivered under a provider's message id ("SM00000007": the stand-in numbers
 * what it delivers, in order). Other tests' shops send in the same passes, so "the last text" may be theirs.
 */
const textDeliveredAs = (sid: unknown) => (typeof sid === 'string' ? sms.delivered[Number(sid.slice(2)) - 1]?.body : undefined);

const messageOn = (desk: Machine, id: string) => desk.row('message', id) as Message;
const bookingOn = (desk: Machine, id: string) => desk.row('appointment', id) as Appointment;

async function open(url: string, action?: 'confirm' | 'cancel'): Promise<{ status: number; text: string }> {
  const response = await fetch(
    url,
    action === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}` },
  );
  return { status: response.status, text: await response.text() };
}

describe('a paired shop: the sync server is the one sender', () => {
  it('only the server sends; the statuses converge; the link confirms once and is refused forged or expired', async () => {
    const { a, b, shop, shopId, clock, passEverywhere, stop } = await pairedShop('one-sender');
    // The credentials are sealed at rest: the database never holds them in clear.
    const stored = await bed.server.db.query<{ settings: unknown }>('SELECT settings FROM message_providers WHERE shop_id = $1', [shopId]);
    const atRest = JSON.stringify(stored.rows[0]?.settings);
    expect(atRest).toContain('Textline');
    for (const secret of ['mail-secret', 'sms-secret']) expect(atRest).not.toContain(secret);
    const mailBefore = smtp.received.length;
    const textsBefore = sms.requests.length;
    const booking = book(a, shop);
    await syncUntilQuiet([a, b]);
    // The booking scheduled its messages in its own transaction (the rulebook's follow-ups); both desks hold them.
    const scheduled = messagesOf(b, booking.id);
    expect(scheduled.map((message) => `${message.kind}/${message.channel}/${message.reminderOffsetMinutes ?? '-'}/${message.status}`).sort()).toEqual([
      'confirmation/email/-/scheduled',
      'confirmation/sms/-/scheduled',
      'reminder/email/120/scheduled',
      'reminder/email/2880/scheduled',
      'reminder/sms/120/scheduled',
      'reminder/sms/2880/scheduled',
    ]);

    // Only the server sends (the desks' own senders answer that they did not); the reminders are not due yet.
    await passEverywhere();
    expect(smtp.received.length - mailBefore).toBe(1);
    expect(sms.requests.length - textsBefore).toBe(1);
    expect(smtp.received.at(-1)!.to).toEqual(['client0@example.test']);

    const reminderDue = booking.startsAt - 2880 * MINUTE;
    clock.advance(reminderDue - clock.time);
    await passEverywhere();
    expect(smtp.received.length - mailBefore).toBe(2);
    expect(sms.requests.length - textsBefore).toBe(2);
    const text = sms.requests.at(-1)!;
    expect(text.to).toBe('+447700900123');
    const link = linkIn(text.body);
    expect(link, text.body).toBeDefined();

    // The steps are the server's changes, pulled like any other: both desks and the server agree.
    await syncUntilQuiet([a, b]);
    const reminder = messageOf(a, booking.id, 'reminder', 'sms', 2880).id;
    for (const desk of [a, b]) {
      expect(messageOf(desk, booking.id, 'confirmation', 'email')).toMatchObject({ status: 'sent', provider: 'Shop mail', attempts: 1 });
      expect(messageOf(desk, booking.id, 'reminder', 'email', 2880)).toMatchObject({ status: 'sent', provider: 'Shop mail', attempts: 1 });
      expect(messageOf(desk, booking.id, 'reminder', 'sms', 2880)).toMatchObject({ status: 'sent', provider: 'Textline', attempts: 1, body: text.body });
      expect(messageOf(desk, booking.id, 'reminder', 'sms', 120)).toMatchObject({ status: 'scheduled', attempts: 0 });
    }
    await expectConverged(bed.server, [a, b], shopId);
    // Made in the name of the message's creator (the owner at desk A, who booked), from the server's own device.
    const steps = activityLog(b.store, { entityId: reminder, limit: 20 }).items;
    expect(steps.map((event) => event.type)).toEqual(['message.recordSent', 'message.startSending', 'message.create']);
    expect(steps[0]).toMatchObject({ actorStaffId: shop.ownerId });
    expect(steps[0]!.deviceId).not.toBe(steps[2]!.deviceId);
    // Nothing reached a provider but what the server recorded as sent.
    const sent = messagesOf(b, booking.id).filter((message) => message.status === 'sent').length;
    expect(smtp.received.length - mailBefore + (sms.requests.length - textsBefore)).toBe(sent);

    // The client's page: the shop, the service, the staff member, the date and time in the shop's zone.
    const page = await open(link!);
    expect(page.status).toBe(200);
    for (const words of ['Test shop', 'Cut', 'Staff 1', 'Thursday 4 June 2026', '10:00', 'Confirm', 'Cancel']) expect(page.text).toContain(words);
    const confirmed = await open(link!, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Confirmed');
    await syncUntilQuiet([a, b]);
    for (const desk of [a, b]) expect(bookingOn(desk, booking.id)).toMatchObject({ status: 'booked', clientConfirmedAt: clock.time, clientConfirmedVia: 'link' });
    const byClient = activityLog(b.store, { entityId: booking.id, limit: 20 }).items.find((event) => event.type === 'appointment.recordClientConfirmation');
    expect(byClient).toMatchObject({ actorName: 'Client, via link' });
    await expectConverged(bed.server, [a, b], shopId);

    const again = await open(link!, 'confirm');
    expect(again.status).toBe(200);
    expect(again.text).toContain('Already confirmed');
    expect((await open(link!)).text).toContain('Already confirmed');

    // Forged: one character of the signature changed, or a link signed under another key.
    const token = link!.slice(link!.indexOf('/c/') + 3);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const forged = await open(link!.replace(token, flipped));
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This link does not work');
    const otherKey = serverKeys('another secret that is long enough to be one').links;
    const foreign = signLink(otherKey, { appointmentId: booking.id, messageId: reminder, expiresAt: booking.startsAt });
    expect((await open(link!.replace(token, foreign), 'cancel')).status).toBe(403);
    for (const junk of ['%E0%A4%A', '..%2F..%2Fetc', '']) expect((await open(link!.replace(token, junk))).status, junk).toBe(403);
    // Expired: the link works until the appointment starts.
    clock.advance(booking.startsAt - clock.time + MINUTE);
    const expired = await open(link!, 'cancel');
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
    expect(bookingOn(a, booking.id).status).toBe('booked');
    stop();
  });

  it('the link routes have a budget per address', async () => {
    const limited = await startServer({
      databaseUrl: bed.server.databaseUrl,
      maxConnections: 2,
      logger: createLogger('silent'),
      clock: serverClock,
      keys,
      sendMessages: false,
      limits: { linkRequestsPerMinute: 3 },
    });
    try {
      const url = `${limited.url.replace(/\/trpc$/u, '')}/c/${signLink(keys.links, { appointmentId: newId(), messageId: newId(), expiresAt: serverClock.now() + 60 * MINUTE })}`;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await open(url)).status);
      // Three answers (no such appointment), then the address waits.
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.stop();
    }
  });

  it("a desk's cancel that reaches the server after the message went is refused in plain words; the record stays the server's, with nothing to decide", async () => {
    const { a, b, shop, shopId, passEverywhere, stop } = await pairedShop('late-cancel');
    const booking = book(a, shop);
    await syncUntilQuiet([a, b]);
    await passEverywhere();
    const message = messageOf(a, booking.id, 'confirmation', 'email').id;
    // Desk A has not heard yet that it went, and cancels it.
    expect(messageOn(a, message).status).toBe('scheduled');
    a.run('message', 'cancel', message, {});
    await syncUntilQuiet([a, b]);
    const serverRow = (await bed.server.rows(shopId)).get(`message:${message}`);
    expect(serverRow).toMatchObject({ status: 'sent' });
    expect(messageOn(b, message).status).toBe('sent');
    expect(messageOn(a, message).status).toBe('sent');
    // Refused in plain words, kept with the change; nothing for a person to decide, so not in the Recovery Center.
    const kept = a.store.db.select().from(outbox).where(and(eq(outbox.entityId, message), eq(outbox.op, 'cancel'))).all();
    expect(kept.map((row) => row.state)).toEqual(['resolved']);
    expect(kept[0]?.lastError).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'This message had already been sent when it was cancelled, so it could not be called back.',
    });
    expect(listRecovery(a.store).items.filter((item) => item.entityId === message)).toEqual([]);
    stop();
  });

  it('a client cancels through the link: the booking is cancelled as their event and its slot is free', async () => {
    const { a, b, shop, shopId, clock, passEverywhere, stop } = await pairedShop('link-cancel');
    const booking = book(a, shop);
    await syncUntilQuiet([a, b]);
    clock.advance(booking.startsAt - 2880 * MINUTE - clock.time);
    await passEverywhere();
    const reminder = messageOf(a, booking.id, 'reminder', 'sms', 2880).id;
    const sent = (await bed.server.rows(shopId)).get(`message:${reminder}`) as Message | undefined;
    const link = linkIn(textDeliveredAs(sent?.providerMessageId));
    expect(link).toBeDefined();
    const cancelled = await open(link!, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toContain('cancelled');
    await syncUntilQuiet([a, b]);
    for (const desk of [a, b]) expect(bookingOn(desk, booking.id)).toMatchObject({ status: 'cancelled' });
    const event = activityLog(b.store, { entityId: booking.id, limit: 20 }).items.find((item) => item.type === 'appointment.cancel');
    expect(event).toMatchObject({ actorName: 'Client, via link' });
    // The freed time takes a new booking.
    const next = newId();
    b.run('appointment', 'create', next, { clientId: shop.clientIds[1], staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt: booking.startsAt });
    await syncUntilQuiet([b, a]);
    expect((await bed.server.rows(shopId)).get(`appointment:${next}`)).toMatchObject({ status: 'booked' });
    expect((await open(link!)).text).toContain('Cancelled');
    // Its follow-ups, in the client's change: the reminders still to come are called off, a cancellation notice goes.
    for (const desk of [a, b]) {
      expect(messageOf(desk, booking.id, 'reminder', 'sms', 2880).status).toBe('sent');
      expect(messageOf(desk, booking.id, 'reminder', 'sms', 120).status).toBe('cancelled');
      expect(messageOf(desk, booking.id, 'cancelled', 'sms').status).toBe('scheduled');
    }
    const textsBefore = sms.requests.length;
    await passEverywhere();
    expect(sms.requests.slice(textsBefore).map((request) => request.body)).toEqual([expect.stringContaining('has been cancelled')]);
    stop();
  });
});
