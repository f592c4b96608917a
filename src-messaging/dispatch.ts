import { isAppError, toAppError, type AppError } from '../src-shared/errors';
import type { MessagePort, SenderMessage, DueMessage } from './port';
import { idempotencyKeyOf, type Channel } from './providers/provider';
import type { CircuitStatus, ResilientProvider } from './resilience';

/**
 * The dispatcher (docs/architecture.md §18): store-agnostic, it sends what is due through each
 * channel's providers and records every step as the message's own op.
 *
 * - `startSending` — naming the provider about to be called and carrying the text as rendered —
 *   is committed before any provider is called; `recordSent` / `recordFailure` follow its answer.
 * - A refusal (4xx) is final. A provider that is down or whose circuit is open hands over to the
 *   next one; the hand-over is itself recorded (a failure due at once, then `startSending` naming
 *   the next provider), so the record always names the one provider that may hold the message.
 *   Every provider down: `recordFailure` with a `retryAt` later, tried again then.
 * - A message found `sending` that this dispatcher is not sending is an orphan of a sender that
 *   died mid-send. It is never repeated blindly: to a provider that honours idempotency keys it is
 *   sent again under the same key (`<id>:<attempt>`), which that provider answers as the same
 *   request; otherwise it is `markUncertain` for a person to check.
 * - A reminder whose appointment has started is `markMissed`, not sent.
 */

export interface Rendered {
  subject: string | null;
  body: string;
  html?: string | undefined;
}

export interface DispatcherOptions<M extends SenderMessage> {
  port: MessagePort<M>;
  /** Each channel's providers, primary first. A channel without any is left alone (its messages wait). */
  providers: Partial<Record<Channel, readonly ResilientProvider[]>>;
  /** The message's text as it goes out (the templates, src-shared/messages/templates.ts). */
  render: (message: M) => Promise<Rendered> | Rendered;
  /** The one clock. */
  now: () => number;
  /** Messages in flight at once (each provider's own bulkhead bounds its share). */
  concurrency?: number;
  /** Messages read per pass. */
  batch?: number;
  /** When every provider is down: the wait before the next try, doubled each attempt up to `maxRetryLaterMs`. */
  retryLaterMs?: number;
  maxRetryLaterMs?: number;
}

export interface PassResult {
  sent: number;
  failed: number;
  missed: number;
  uncertain: number;
  /** Orphans sent again under their own idempotency key. */
  resent: number;
}

export interface Dispatcher {
  /** One pass: orphans first, then everything due at `now`. */
  pass(): Promise<PassResult>;
  /** Every provider's circuit, for the status and attention list. */
  circuits(): CircuitStatus[];
  /** Closes the providers' kept connections (a pass under way fails its remaining calls). */
  close(): void;
}

const emptyResult = (): PassResult => ({ sent: 0, failed: 0, missed: 0, uncertain: 0, resent: 0 });

export function createDispatcher<M extends SenderMessage>(options: DispatcherOptions<M>): Dispatcher {
  const { port, now } = options;
  const concurrency = options.concurrency ?? 16;
  const batch = options.batch ?? 500;
  const retryLaterMs = options.retryLaterMs ?? 5 * 60_000;
  const maxRetryLaterMs = options.maxRetryLaterMs ?? 6 * 60 * 60_000;
  /** Messages this dispatcher itself is sending now: never taken for orphans. */
  const active = new Set<string>();
  const everyProvider = () => Object.values(options.providers).flatMap((list) => [...(list ?? [])]);

  const retryAtAfter = (attempts: number): number => now() + Math.min(maxRetryLaterMs, retryLaterMs * 2 ** Math.max(0, attempts - 1));

  /**
   * One call to one provider under the attempt's idempotency key. Only the provider's own answer
   * is caught here: a store that fails to record it afterwards must not read as a provider failure
   * (that would hand a message the provider took to the fallback).
   */
  async function handOver(provider: ResilientProvider, message: M, text: Rendered): Promise<{ ok: true; providerMessageId: string } | { ok: false; error: AppError }> {
    try {
      const { providerMessageId } = await provider.send({
        id: message.id,
        channel: message.channel,
        to: message.to,
        subject: text.subject,
        body: text.body,
        html: text.html,
        idempotencyKey: idempotencyKeyOf(message.id, message.attempts),
      });
      return { ok: true, providerMessageId };
    } catch (caught) {
      return { ok: false, error: toAppError(caught) };
    }
  }

  /** Sends one due message down its channel's providers; answers how it ended. */
  async function send(due: DueMessage<M>): Promise<keyof PassResult | null> {
    let message = due.message;
    if (message.kind === 'reminder' && due.appointmentStartsAt !== null && due.appointmentStartsAt <= now()) {
      if (message.status !== 'scheduled') return null; // a failed reminder stays failed, for a person
      await port.run(message, 'markMissed', {});
      return 'missed';
    }
    const chain = options.providers[message.channel] ?? [];
    if (chain.length === 0) return null;
    const rendered = await options.render(message);
    // The first provider whose circuit lets a call through; the primary when none does (it is then recorded as down).
    const open = chain.filter((provider) => !provider.admits()).map((provider) => provider.name);
    const candidates = chain.filter((provider) => provider.admits());
    if (candidates.length === 0) {
      const first = chain[0] as ResilientProvider;
      message = await port.run(message, 'startSending', { provider: first.name, subject: rendered.subject, body: rendered.body });
      await port.run(message, 'recordFailure', {
        provider: first.name,
        error: `Every ${channelWords[message.channel]} provider is unavailable (${open.join(', ')}); CareDesk will try again later.`,
        final: false,
        retryAt: retryAtAfter(message.attempts),
      });
      return 'failed';
    }
    for (const [index, provider] of candidates.entries()) {
      message = await port.run(message, 'startSending', { provider: provider.name, subject: rendered.subject, body: rendered.body });
      const answer = await handOver(provider, message, rendered);
      if (answer.ok) {
        await port.run(message, 'recordSent', { provider: provider.name, providerMessageId: answer.providerMessageId });
        return 'sent';
      }
      const { error } = answer;
      if (!error.retryable || index === candidates.length - 1) {
        await port.run(message, 'recordFailure', {
          provider: provider.name,
          error: error.message,
          final: !error.retryable,
          retryAt: error.retryable ? retryAtAfter(message.attempts) : null,
        });
        return 'failed';
      }
      // Down: recorded as a failure due at once, so the next startSending names the fallback.
      message = await port.run(message, 'recordFailure', { provider: provider.name, error: error.message, final: false, retryAt: now() });
    }
    return null;
  }

  /** A message a dead sender left `sending`. */
  async function recover(message: M): Promise<keyof PassResult | null> {
    const provider = everyProvider().find((candidate) => candidate.name === message.provider);
    if (provider === undefined || !provider.idempotent || message.body === null) {
      await port.run(message, 'markUncertain', {
        error: `CareDesk stopped while handing this message to ${message.provider ?? 'the provider'}, so it may or may not have gone. Check with the client before sending it again.`,
      });
      return 'uncertain';
    }
    const answer = await handOver(provider, message, { subject: message.subject, body: message.body });
    if (answer.ok) {
      await port.run(message, 'recordSent', { provider: provider.name, providerMessageId: answer.providerMessageId });
      return 'resent';
    }
    if (answer.error.retryable) return null; // still unknown: the same key is tried on the next pass
    await port.run(message, 'recordFailure', { provider: provider.name, error: answer.error.message, final: true, retryAt: null });
    return 'failed';
  }

  /** Runs `work` on each item with at most `concurrency` at once, each message once. */
  async function runAll<T extends { id: string }>(items: T[], work: (item: T) => Promise<keyof PassResult | null>, result: PassResult) {
    const queue = items.filter((item) => !active.has(item.id));
    for (const item of queue) active.add(item.id);
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        try {
          const outcome = await work(item);
          if (outcome !== null) result[outcome] += 1;
        } catch (error) {
          // A record the store refused (changed meanwhile, cancelled by a person): that message is left as it is.
          if (!isAppError(error)) throw error;
        } finally {
          active.delete(item.id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  return {
    async pass() {
      const result = emptyResult();
      const orphans = (await port.sending()).map((message) => ({ id: message.id, message }));
      await runAll(orphans, ({ message }) => recover(message), result);
      const due = (await port.due(now(), batch)).map((item) => ({ id: item.message.id, item }));
      await runAll(due, ({ item }) => send(item), result);
      return result;
    },
    circuits: () => everyProvider().map((provider) => provider.circuit()),
    close: () => everyProvider().forEach((provider) => provider.close()),
  };
}

const channelWords: Record<Channel, string> = { email: 'e-mail', sms: 'SMS' };
