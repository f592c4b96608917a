import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsHttpProvider } from '../../../src-messaging/providers/smsHttp';
import { smtpProvider } from '../../../src-messaging/providers/smtp';
import type { OutgoingMessage } from '../../../src-messaging/providers/provider';
import { startSmsStandIn, type SmsStandIn } from '../../support/messaging/smsStandIn';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/messaging/smtpStandIn';
import { appErrorOfCall } from '../../support/local/shop';

/**
 * The two providers against real servers (docs/architecture.md §18): a real SMTP server started
 * here with `smtp-server`, and a local HTTP server standing in for the SMS provider's API.
 */

const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: '6b1f0d4e-3c2a-4f0e-9d7b-1a2b3c4d5e6f',
  channel: 'sms',
  to: '+447700900123',
  subject: null,
  body: 'Hi Aisha, see you tomorrow at 10:00 for Cut & finish. Harbour Hair 020 7946 0000',
  idempotencyKey: '6b1f0d4e-3c2a-4f0e-9d7b-1a2b3c4d5e6f:1',
  ...overrides,
});
const live = () => new AbortController().signal;

/** The AppError a send failed with. */
const failure = (promise: Promise<unknown>) => appErrorOfCall(() => promise);

describe('e-mail over SMTP (nodemailer → a real smtp-server)', () => {
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    smtp = await startSmtpStandIn();
  });
  afterAll(() => smtp.close());

  const provider = () =>
    smtpProvider({ kind: 'smtp', name: 'Shop mail', host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null, from: 'desk@harbour.example' });

  it('sends the plain-text part, with the subject, addresses and the attempt header', async () => {
    smtp.refuse(null);
    const answer = await provider().send(message({ channel: 'email', to: 'aisha@example.com', subject: 'Your appointment tomorrow' }), live());
    expect(answer.providerMessageId).toMatch(/^<.+>$/);
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['aisha@example.com']);
    expect(mail?.from).toBe('desk@harbour.example');
    expect(mail?.headers.get('subject')).toBe('Your appointment tomorrow');
    expect(mail?.headers.get('x-caredesk-message')).toBe('6b1f0d4e-3c2a-4f0e-9d7b-1a2b3c4d5e6f:1');
    expect(mail?.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(mail?.raw).toContain('see you tomorrow at 10:00');
  });

  it('adds an HTML part beside the text part when there is one', async () => {
    smtp.refuse(null);
    await provider().send(message({ channel: 'email', to: 'aisha@example.com', subject: 'Booked', html: '<p>See you <b>soon</b></p>' }), live());
    const mail = smtp.received.at(-1);
    expect(mail?.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail?.raw).toMatch(/Content-Type: text\/html/);
  });

  it("a 5xx answer is the server's final refusal, with its reason; a 4xx is try-later", async () => {
    smtp.refuse({ code: 550, text: 'Mailbox unavailable' });
    const refused = await failure(provider().send(message({ channel: 'email', to: 'nobody@example.com', subject: 'x' }), live()));
    expect(refused.code).toBe('PROVIDER_REFUSED');
    expect(refused.retryable).toBe(false);
    expect(refused.message).toContain('Mailbox unavailable');
    smtp.refuse({ code: 451, text: 'Try again later' });
    const later = await failure(provider().send(message({ channel: 'email', to: 'nobody@example.com', subject: 'x' }), live()));
    expect(later.code).toBe('NETWORK_UNAVAILABLE');
    expect(later.retryable).toBe(true);
    smtp.refuse(null);
  });
});

describe("SMS over HTTP in Twilio's request shape (a local stand-in)", () => {
  let sms: SmsStandIn;
  beforeAll(async () => {
    sms = await startSmsStandIn();
  });
  afterAll(() => sms.close());

  const provider = (idempotent: boolean) =>
    smsHttpProvider({ kind: 'sms-http', name: 'Textline', baseUrl: sms.url, accountSid: 'AC123', authToken: 'secret-token', from: '+447700900999', idempotent });

  it('posts To, From and Body with basic auth, and answers the provider’s sid', async () => {
    sms.answer(() => ({ deliver: true }));
    const answer = await provider(true).send(message(), live());
    expect(answer.providerMessageId).toMatch(/^SM\d+$/);
    const request = sms.requests.at(-1);
    expect(request).toMatchObject({ to: '+447700900123', from: '+447700900999', path: '/2010-04-01/Accounts/AC123/Messages.json' });
    expect(request?.body).toContain('see you tomorrow at 10:00');
    expect(request?.authorization).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
    expect(request?.idempotencyKey).toBe('6b1f0d4e-3c2a-4f0e-9d7b-1a2b3c4d5e6f:1');
  });

  it('sends an idempotency key only to a provider that honours one, which takes a repeat once', async () => {
    sms.answer(() => ({ deliver: true }));
    const before = sms.delivered.length;
    await provider(false).send(message({ idempotencyKey: 'k:1' }), live());
    expect(sms.requests.at(-1)?.idempotencyKey).toBeNull();
    const first = await provider(true).send(message({ idempotencyKey: 'k:2' }), live());
    const again = await provider(true).send(message({ idempotencyKey: 'k:2' }), live());
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(sms.delivered.length - before).toBe(2);
  });

  it("4xx is a final refusal in the provider's words; 5xx and 429 are try-later; the token is in no error", async () => {
    sms.answer(() => ({ status: 400, message: "The 'To' number +447700900123 is not a valid phone number." }));
    const refused = await failure(provider(true).send(message(), live()));
    expect(refused).toMatchObject({ code: 'PROVIDER_REFUSED', retryable: false });
    expect(refused.message).toBe("Textline refused the message: The 'To' number +447700900123 is not a valid phone number.");
    sms.answer(() => ({ status: 503 }));
    expect(await failure(provider(true).send(message(), live()))).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true });
    sms.answer(() => ({ status: 429 }));
    const limited = await failure(provider(true).send(message(), live()));
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(JSON.stringify([refused, limited, refused.details, limited.details])).not.toContain('secret-token');
  });

  it('a call aborted by its timeout reads as the provider not answering', async () => {
    sms.answer(() => ({ deliver: true, delayMs: 500 }));
    const aborted = await failure(provider(true).send(message(), AbortSignal.timeout(50)));
    expect(aborted).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true });
    expect(aborted.details).toMatchObject({ timeout: true });
  });
});
