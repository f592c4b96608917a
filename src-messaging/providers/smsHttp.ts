import { isAppError } from '../../src-shared/errors';
import type { SmsHttpProviderSettings } from '../settings';
import { providerRateLimited, providerRefused, providerUnavailable, type Provider } from './provider';

/**
 * SMS over HTTP through one request shape, Twilio's (docs/architecture.md §18): a form POST of
 * `To`, `From`, `Body` with basic auth (account id and token), answered `{ sid, status }`. A
 * provider that honours an idempotency key gets `Idempotency-Key: <message id>:<attempt>`, so
 * the same attempt sent again is one message to it; the settings say whether it does. 2xx is
 * taken; 429 and 5xx are "try later"; any other 4xx refuses the message for good, with the
 * provider's `message` as the reason. The token never appears in an error or a log line.
 */
export function smsHttpProvider(settings: SmsHttpProviderSettings, fetchImpl: typeof fetch = fetch): Provider {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    name: settings.name,
    channel: 'sms',
    idempotent: settings.idempotent,
    async send(message, signal) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            ...(settings.idempotent ? { 'idempotency-key': message.idempotencyKey } : {}),
          },
          body: new URLSearchParams({ To: message.to, From: settings.from, Body: message.body }).toString(),
          signal,
        });
      } catch (error) {
        if (isAppError(error)) throw error;
        const timedOut = signal.aborted;
        throw providerUnavailable(settings.name, timedOut ? 'it did not answer in time.' : 'it could not be reached.', timedOut ? { timeout: true } : {});
      }
      const answer = await readJson(response);
      if (response.ok) {
        const sid = typeof answer?.sid === 'string' ? answer.sid : null;
        if (sid === null) throw providerUnavailable(settings.name, 'its answer named no message.', { status: response.status });
        return { providerMessageId: sid };
      }
      if (response.status === 429) throw providerRateLimited(settings.name, { status: 429 });
      if (response.status >= 500) throw providerUnavailable(settings.name, `it answered ${response.status}.`, { status: response.status });
      const reason = typeof answer?.message === 'string' && answer.message.trim() !== '' ? answer.message.trim() : `it answered ${response.status}.`;
      throw providerRefused(settings.name, reason, { status: response.status });
    },
  };
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await response.json();
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
