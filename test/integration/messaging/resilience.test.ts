import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/clock';
import { isAppError } from '../../../src-shared/errors';
import { smsHttpProvider } from '../../../src-messaging/providers/smsHttp';
import { resilient, type ResilienceOptions } from '../../../src-messaging/resilience';
import { startSmsStandIn, type SmsStandIn } from '../../support/messaging/smsStandIn';

/**
 * cockatiel's policies around a provider (docs/architecture.md §18), against the local stand-in for
 * the SMS provider: retries with backoff for 5xx and timeouts, none for 4xx, a timeout per call, a
 * circuit that opens after five consecutive failures and closes after a probe, bounded concurrency.
 */

// Generous times: the machine may be loaded, and only the order of events matters here.
const COOL_DOWN_MS = 800;
const fast: Partial<ResilienceOptions> = { timeoutMs: 1_000, retries: 2, initialBackoffMs: 5, maxBackoffMs: 20, halfOpenAfterMs: COOL_DOWN_MS, concurrency: 2 };
const sms = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  channel: 'sms' as const,
  to: '+447700900123',
  subject: null,
  body: `Reminder ${n}`,
  idempotencyKey: `m${n}:1`,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('resilience around a provider', () => {
  let standIn: SmsStandIn;
  const clock = new ManualClock(Date.UTC(2026, 4, 6, 9, 0));
  beforeAll(async () => {
    standIn = await startSmsStandIn();
  });
  afterAll(() => standIn.close());
  const provider = (options: Partial<ResilienceOptions> = fast) =>
    resilient(
      smsHttpProvider({ kind: 'sms-http', name: 'Textline', baseUrl: standIn.url, accountSid: 'AC1', authToken: 't', from: '+447700900999', idempotent: true }),
      clock.now,
      options,
    );

  it('retries a 5xx and a timeout with backoff, and sends once', async () => {
    const start = standIn.requests.length;
    standIn.answer((_request, index) => (index - start === 0 ? { status: 502 } : index - start === 1 ? { deliver: true, delayMs: 1_500 } : { deliver: true }));
    const before = standIn.delivered.length;
    await provider().send(sms(1));
    expect(standIn.requests.length - start).toBe(3);
    // The timed-out call may still land at the stand-in; it carries the same key, so it is delivered once.
    await sleep(1_600);
    expect(standIn.delivered.length - before).toBe(1);
  });

  it('a rate limit (429) is waited out with backoff and retried under the same key', async () => {
    const start = standIn.requests.length;
    standIn.answer((_request, index) => (index - start < 2 ? { status: 429 } : { deliver: true }));
    const before = standIn.delivered.length;
    await provider().send(sms(6));
    const tried = standIn.requests.slice(start);
    expect(tried.map((request) => request.idempotencyKey)).toEqual(['m6:1', 'm6:1', 'm6:1']);
    expect(standIn.delivered.length - before).toBe(1);
  });

  it('a 4xx is not retried and does not count against the provider', async () => {
    const target = provider();
    const start = standIn.requests.length;
    standIn.answer(() => ({ status: 400, message: 'Unsubscribed recipient' }));
    for (let i = 0; i < 6; i += 1) await target.send(sms(2)).catch(() => undefined);
    expect(standIn.requests.length - start).toBe(6);
    expect(target.circuit()).toMatchObject({ state: 'closed', lastError: null });
  });

  it('opens after five consecutive failures (shown with since and the last error), refuses without calling, and closes after a probe', async () => {
    const target = provider({ ...fast, retries: 0 });
    standIn.answer(() => ({ status: 503 }));
    clock.set(Date.UTC(2026, 4, 6, 9, 5));
    for (let i = 0; i < 5; i += 1) {
      expect(target.circuit().state).toBe('closed');
      await target.send(sms(3)).catch(() => undefined);
    }
    expect(target.circuit()).toEqual({
      provider: 'Textline',
      channel: 'sms',
      state: 'open',
      since: Date.UTC(2026, 4, 6, 9, 5),
      lastError: 'Textline is not answering: it answered 503.',
    });
    expect(target.admits()).toBe(false);
    const reached = standIn.requests.length;
    const refused = await target.send(sms(3)).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.retryable && refused.details?.circuitOpen).toBe(true);
    expect(standIn.requests.length).toBe(reached);

    // After the cool-down one probe goes through; the provider is back, so the circuit closes.
    standIn.answer(() => ({ deliver: true }));
    await sleep(COOL_DOWN_MS + 100);
    clock.set(Date.UTC(2026, 4, 6, 9, 10));
    expect(target.admits()).toBe(true);
    await target.send(sms(4));
    expect(standIn.requests.length).toBe(reached + 1);
    expect(target.circuit()).toEqual({ provider: 'Textline', channel: 'sms', state: 'closed', since: Date.UTC(2026, 4, 6, 9, 10), lastError: null });
  });

  it('a failed probe opens the circuit again', async () => {
    const target = provider({ ...fast, retries: 0 });
    standIn.answer(() => ({ status: 500 }));
    for (let i = 0; i < 5; i += 1) await target.send(sms(5)).catch(() => undefined);
    await sleep(COOL_DOWN_MS + 100);
    await target.send(sms(5)).catch(() => undefined);
    expect(target.circuit().state).toBe('open');
  });

  it('never has more calls in flight to one provider than its bulkhead allows', async () => {
    standIn.answer(() => ({ deliver: true, delayMs: 50 }));
    standIn.resetMostAtOnce();
    const target = provider({ ...fast, concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => target.send(sms(100 + i))));
    expect(standIn.mostAtOnce()).toBe(2);
  });
});
