import type { MessageProviders } from '../settings';
import { defaultResilience, resilient, type ResilienceOptions, type ResilientProvider } from '../resilience';
import type { Channel } from './provider';
import { smsHttpProvider } from './smsHttp';
import { smtpProvider } from './smtp';

/** Each channel's providers, primary first, each behind its own policies (docs/architecture.md §18). */
export function providersFrom(
  settings: MessageProviders,
  now: () => number,
  resilience: Partial<ResilienceOptions> = {},
): Record<Channel, ResilientProvider[]> {
  const email = settings.email === null ? [] : [settings.email.primary, settings.email.fallback].filter((provider) => provider !== null);
  const sms = settings.sms === null ? [] : [settings.sms.primary, settings.sms.fallback].filter((provider) => provider !== null);
  return {
    email: email.map((provider) => resilient(smtpProvider(provider, { connections: resilience.concurrency ?? defaultResilience.concurrency }), now, resilience)),
    sms: sms.map((provider) => resilient(smsHttpProvider(provider), now, resilience)),
  };
}
