import nodemailer from 'nodemailer';
import { isAppError } from '../../src-shared/errors';
import type { SmtpProviderSettings } from '../settings';
import { providerRefused, providerUnavailable, type Provider } from './provider';

/**
 * E-mail over SMTP with nodemailer (docs/architecture.md §18). The plain-text part always goes;
 * the HTML part only when there is one. SMTP's own codes read the other way round from HTTP's: a
 * 5xx answer is permanent (the provider refuses, the reason in its words), a 4xx answer, a lost
 * connection or a timeout is "try later". SMTP has no idempotency key, so an e-mail whose outcome
 * is unknown is never sent again blindly.
 */
export function smtpProvider(settings: SmtpProviderSettings, options: { connections?: number } = {}): Provider {
  const transport = nodemailer.createTransport({
    // Connections are kept and reused, as many as the provider's bulkhead lets through at once:
    // a new connection and handshake per message would cost more than the message.
    pool: true,
    maxConnections: options.connections ?? 5,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user === null ? {} : { auth: { user: settings.user, pass: settings.password ?? '' } }),
    // Our own timeouts decide (resilience.ts); these only stop a silent socket from hanging forever.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // nodemailer's logger would print the envelope and, on AUTH, credentials: never log them.
    logger: false,
    debug: false,
  });
  return {
    name: settings.name,
    channel: 'email',
    idempotent: false,
    async send(message, signal) {
      const sending = transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.body,
        ...(message.html === undefined ? {} : { html: message.html }),
        headers: { 'X-CareDesk-Message': message.idempotencyKey },
      });
      const aborted = new Promise<never>((_, reject) => {
        const abort = () => reject(providerUnavailable(settings.name, 'it did not answer in time.', { timeout: true }));
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      });
      try {
        const info = await Promise.race([sending, aborted]);
        return { providerMessageId: info.messageId };
      } catch (error) {
        throw smtpFailure(settings.name, error);
      }
    },
    close: () => transport.close(),
  };
}

function smtpFailure(provider: string, error: unknown): Error {
  if (isAppError(error)) return error;
  const failure = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = (failure.response ?? failure.message ?? 'no answer').replace(/\s+/g, ' ').trim();
  if (failure.responseCode !== undefined && failure.responseCode >= 500) {
    return providerRefused(provider, reason, { status: failure.responseCode });
  }
  return providerUnavailable(provider, reason, { ...(failure.responseCode === undefined ? {} : { status: failure.responseCode }), ...(failure.code === undefined ? {} : { code: failure.code }) });
}
