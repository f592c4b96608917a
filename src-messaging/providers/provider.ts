import { AppError } from '../../src-shared/errors';

/**
 * What every message provider offers the sender (docs/architecture.md §18): one call that hands a
 * rendered message over and answers the provider's own id for it, or throws an `AppError` saying
 * whether trying again could help (`retryable`: 5xx, timeouts, 429) or not (`PROVIDER_REFUSED`,
 * the provider's reason in its own words).
 */

export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  /** The message record's id. */
  id: string;
  channel: Channel;
  /** An e-mail address or an E.164 phone number. */
  to: string;
  subject: string | null;
  /** Plain text: the whole SMS, or the e-mail's text part (always sent). */
  body: string;
  /** An e-mail's optional HTML part. */
  html?: string | undefined;
  /**
   * The provider's idempotency key (message id + ":" + attempt): the same attempt sent again —
   * after the sender died mid-send — is the same request to a provider that honours it.
   */
  idempotencyKey: string;
}

export interface Provider {
  /** The name the message record keeps (`provider`), unique among the shop's providers. */
  readonly name: string;
  readonly channel: Channel;
  /** Whether the provider honours an idempotency key: only then may an unknown outcome be sent again. */
  readonly idempotent: boolean;
  /** Hands the message over; `signal` aborts the call when its time is up. */
  send(message: OutgoingMessage, signal: AbortSignal): Promise<{ providerMessageId: string }>;
  /** Lets go of what it keeps open between messages (pooled connections). */
  close?(): void;
}

/** The idempotency key of one attempt of a message. */
export const idempotencyKeyOf = (messageId: string, attempt: number): string => `${messageId}:${attempt}`;

/** The provider could not be reached or answered "try later": nothing says the message went. */
export function providerUnavailable(provider: string, reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('NETWORK_UNAVAILABLE', `${provider} is not answering: ${reason}`, { provider, ...details });
}

/** The provider answered "too many requests": retried after a pause like any outage. */
export function providerRateLimited(provider: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('RATE_LIMITED', `${provider} asked us to slow down.`, { provider, ...details });
}

/** The provider refused this message for good: sending it again would be refused again. */
export function providerRefused(provider: string, reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('PROVIDER_REFUSED', `${provider} refused the message: ${reason}`, { provider, reason, ...details });
}
