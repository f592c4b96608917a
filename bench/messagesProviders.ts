import { startSmsStandIn } from '../test/support/messaging/smsStandIn';
import { startSmtpStandIn } from '../test/support/messaging/smtpStandIn';

/**
 * The benchmark's providers, in a process of their own (as real providers run on machines of their
 * own, their work is not the sender's): a real SMTP server and the SMS stand-in, both answering
 * after `latencyMs`. Tells the parent where they listen; on 'report' answers the attempt key of
 * every message each took (an e-mail's X-CareDesk-Message header, an SMS's Idempotency-Key).
 */
const latencyMs = Number(process.argv[2] ?? 100);
const [smtp, sms] = await Promise.all([startSmtpStandIn({ delayMs: latencyMs }), startSmsStandIn()]);
sms.answer(() => ({ deliver: true, delayMs: latencyMs }));
process.send?.({ smtpPort: smtp.port, smsUrl: sms.url });
process.on('message', (request: string) => {
  if (request === 'report') {
    process.send?.({
      keys: [...smtp.received.map((mail) => mail.headers.get('x-caredesk-message') ?? ''), ...sms.delivered.map((text) => text.idempotencyKey ?? '')],
    });
  } else {
    void Promise.all([smtp.close(), sms.close()]).then(() => process.exit(0));
  }
});
