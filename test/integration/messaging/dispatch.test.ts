import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/entities';
import { createDispatcher } from '../../../src-messaging/dispatch';
import { providersFrom } from '../../../src-messaging/providers/fromSettings';
import type { ResilienceOptions } from '../../../src-messaging/resilience';
import type { MessageProviders } from '../../../src-messaging/settings';
import { deskMessagePort } from '../../../src-main/agents/messages/deskPort';
import { createMessage, startSendingMessage } from '../../../src-main/core/messages/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { events } from '../../../src-main/core/store/schema';
import { book, HOUR_MS, key, makeShop, MIN_MS, type Shop } from '../../support/local/shop';
import { scheduleReminder } from '../../support/messaging/records';
import { startSmsStandIn, type SmsStandIn } from '../../support/messaging/smsStandIn';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/messaging/smtpStandIn';

/**
 * The dispatcher on the desk's real store (docs/architecture.md §18; issue 13, acceptance 2): a
 * real SMTP server and two local HTTP servers standing in for a primary and a fallback SMS provider.
 */

// Generous times: the machine may be loaded, and only the order of events matters here.
const COOL_DOWN_MS = 1_000;
const fast: Partial<ResilienceOptions> = { timeoutMs: 5_000, retries: 1, initialBackoffMs: 5, maxBackoffMs: 10, halfOpenAfterMs: COOL_DOWN_MS, concurrency: 4 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let smtp: SmtpStandIn;
let primary: SmsStandIn;
let fallback: SmsStandIn;
let shop: Shop;

beforeAll(async () => {
  [smtp, primary, fallback] = await Promise.all([startSmtpStandIn(), startSmsStandIn(), startSmsStandIn()]);
});
afterAll(() => Promise.all([smtp.close(), primary.close(), fallback.close()]));
beforeEach(async () => {
  shop = await makeShop({ now: Date.UTC(2026, 5, 1, 9, 0) });
  primary.answer(() => ({ deliver: true }));
  fallback.answer(() => ({ deliver: true }));
  smtp.refuse(null);
});
afterEach(() => shop.close());

const providers = (): MessageProviders => ({
  email: { primary: { kind: 'smtp', name: 'Shop mail', host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null, from: 'desk@harbour.example' }, fallback: null },
  sms: {
    primary: { kind: 'sms-http', name: 'Textline', baseUrl: primary.url, accountSid: 'AC1', authToken: 'one', from: '+447700900999', idempotent: true },
    fallback: { kind: 'sms-http', name: 'Backup SMS', baseUrl: fallback.url, accountSid: 'AC2', authToken: 'two', from: '+447700900998', idempotent: true },
  },
});

function dispatcher(options: Partial<ResilienceOptions> = fast) {
  return createDispatcher<Message>({
    port: deskMessagePort(shop.store, shop.clock.now),
    providers: providersFrom(providers(), shop.clock.now, options),
    render: (message) => ({ subject: message.channel === 'email' ? 'Your appointment' : null, body: `Hello from Test Cuts (${message.id})` }),
    now: shop.clock.now,
  });
}

function text(overrides: Partial<{ channel: 'email' | 'sms'; to: string }> = {}): Message {
  return createMessage(shop.ownerDesk, {
    idempotencyKey: key('message'),
    clientId: shop.clients[0] as string,
    appointmentId: null,
    kind: 'test',
    channel: overrides.channel ?? 'sms',
    to: overrides.to ?? '+447700900123',
  }).row as Message;
}
const row = (id: string) => loadRow(shop.store, 'message', id) as Message;
const history = (id: string) =>
  shop.store.db.select({ type: events.type }).from(events).where(eq(events.entityId, id)).orderBy(asc(events.seq)).all().map((event) => event.type);

describe('the dispatcher over the desk store', () => {
  it('sends by e-mail and by SMS, recording startSending (with the text) before the provider and recordSent after', async () => {
    const mail = text({ channel: 'email', to: 'aisha@example.com' });
    const sms = text();
    expect(await dispatcher().pass()).toMatchObject({ sent: 2, failed: 0 });
    expect(row(mail.id)).toMatchObject({ status: 'sent', provider: 'Shop mail', attempts: 1, subject: 'Your appointment', body: `Hello from Test Cuts (${mail.id})` });
    expect(row(sms.id)).toMatchObject({ status: 'sent', provider: 'Textline', attempts: 1 });
    expect(row(sms.id).providerMessageId).toMatch(/^SM/);
    expect(history(sms.id)).toEqual(['message.create', 'message.startSending', 'message.recordSent']);
    expect(smtp.received.at(-1)?.to).toEqual(['aisha@example.com']);
    expect(primary.delivered.at(-1)).toMatchObject({ to: '+447700900123', idempotencyKey: `${sms.id}:1` });
  });

  it('primary SMS down: the fallback sends, and the record names each provider in turn', async () => {
    primary.answer(() => ({ status: 503 }));
    const sms = text();
    expect(await dispatcher().pass()).toMatchObject({ sent: 1 });
    expect(row(sms.id)).toMatchObject({ status: 'sent', provider: 'Backup SMS', attempts: 2 });
    expect(history(sms.id)).toEqual(['message.create', 'message.startSending', 'message.recordFailure', 'message.startSending', 'message.recordSent']);
    expect(primary.requests.filter((request) => request.idempotencyKey === `${sms.id}:1`)).toHaveLength(2); // retried once, same key
    expect(fallback.delivered.filter((request) => request.idempotencyKey === `${sms.id}:2`)).toHaveLength(1);
  });

  it('both down: the message fails visibly with a later retryAt, and goes when it is due and a provider is back', async () => {
    primary.answer(() => ({ status: 500 }));
    fallback.answer(() => ({ status: 502 }));
    const sms = text();
    const send = dispatcher();
    expect(await send.pass()).toMatchObject({ failed: 1 });
    const failed = row(sms.id);
    expect(failed).toMatchObject({ status: 'failed', provider: 'Backup SMS', lastError: 'Backup SMS is not answering: it answered 502.' });
    expect(failed.retryAt).toBe(shop.clock.now() + 2 * 5 * MIN_MS); // attempt 2: 5 minutes doubled
    // Not before it is due.
    expect(await send.pass()).toMatchObject({ sent: 0, failed: 0 });
    fallback.answer(() => ({ deliver: true }));
    shop.clock.advance(10 * MIN_MS);
    expect(await send.pass()).toMatchObject({ sent: 1 });
    expect(row(sms.id)).toMatchObject({ status: 'sent', provider: 'Backup SMS', lastError: null });
  });

  it('a 4xx is a final failure with the provider’s reason; the fallback is not tried', async () => {
    primary.answer(() => ({ status: 400, message: 'The number +447700900123 has opted out.' }));
    const sms = text();
    const fallbackBefore = fallback.requests.length;
    expect(await dispatcher().pass()).toMatchObject({ failed: 1 });
    expect(row(sms.id)).toMatchObject({ status: 'failed', retryAt: null, lastError: 'Textline refused the message: The number +447700900123 has opted out.' });
    expect(fallback.requests.length).toBe(fallbackBefore);
  });

  it("after five failures the primary's circuit opens (shown), messages go straight to the fallback, and a probe closes it", async () => {
    primary.answer(() => ({ status: 503 }));
    const send = dispatcher({ ...fast, retries: 0 });
    for (let i = 0; i < 5; i += 1) text();
    await send.pass();
    const circuit = send.circuits().find((status) => status.provider === 'Textline');
    expect(circuit).toMatchObject({ state: 'open', since: shop.clock.now(), lastError: 'Textline is not answering: it answered 503.' });
    // While it is open the primary is not called at all.
    const reached = primary.requests.length;
    const next = text();
    await send.pass();
    expect(primary.requests.length).toBe(reached);
    expect(row(next.id)).toMatchObject({ status: 'sent', provider: 'Backup SMS', attempts: 1 });
    // After the cool-down, with the primary back, the next message is the probe and closes the circuit.
    primary.answer(() => ({ deliver: true }));
    await sleep(COOL_DOWN_MS + 100);
    const probe = text();
    await send.pass();
    expect(row(probe.id)).toMatchObject({ status: 'sent', provider: 'Textline' });
    expect(send.circuits().find((status) => status.provider === 'Textline')?.state).toBe('closed');
  });

  it('a message left sending by a dead sender: re-sent under the same key to an idempotent provider, marked uncertain otherwise', async () => {
    const sms = text();
    const mail = text({ channel: 'email', to: 'aisha@example.com' });
    // A sender that died after the provider took the SMS, before it recorded the answer.
    startSendingMessage(shop.ownerDesk, { idempotencyKey: key('start'), id: sms.id, expectedVersion: 1, provider: 'Textline', subject: null, body: 'Hello again' });
    await fetch(`${primary.url}/2010-04-01/Accounts/AC1/Messages.json`, {
      method: 'POST',
      headers: { 'idempotency-key': `${sms.id}:1`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: '+447700900123', From: '+447700900999', Body: 'Hello again' }).toString(),
    });
    startSendingMessage(shop.ownerDesk, { idempotencyKey: key('start'), id: mail.id, expectedVersion: 1, provider: 'Shop mail', subject: 'Hi', body: 'Hello' });
    const delivered = primary.delivered.length;
    expect(await dispatcher().pass()).toMatchObject({ resent: 1, uncertain: 1 });
    expect(row(sms.id)).toMatchObject({ status: 'sent', provider: 'Textline', attempts: 1 });
    expect(primary.delivered.length).toBe(delivered); // the stand-in took the repeat as the same request
    expect(row(mail.id)).toMatchObject({ status: 'uncertain' });
    expect(row(mail.id).lastError).toMatch(/may or may not have gone/);
  });

  it('a reminder whose appointment has started is marked missed; one whose appointment is ahead is sent', async () => {
    const soon = book(shop, shop.clock.now() + HOUR_MS).row;
    const later = book(shop, shop.clock.now() + 5 * HOUR_MS).row;
    const missed = scheduleReminder(shop.ownerDesk, soon);
    const ahead = scheduleReminder(shop.ownerDesk, later);
    // The desk was closed until after the first appointment began.
    shop.clock.advance(4 * HOUR_MS);
    await dispatcher().pass();
    expect(row(missed.id).status).toBe('missed');
    expect(row(ahead.id).status).toBe('sent');
  });
});
