import { z } from 'zod';
import { text } from '../src-shared/text';

/**
 * The shop's message providers (docs/architecture.md §18): per channel a primary and an optional
 * fallback. E-mail goes over SMTP; SMS over HTTP in Twilio's request shape, whose adapter says
 * whether the provider honours an idempotency key. Credentials are secrets: the desk keeps them
 * encrypted (src-main/agents/messages/providerConfig.ts), nothing logs them, and the support
 * report shows them only through `redactProviders`.
 */

const providerName = text(60, { min: 1 });

/** https, or plain http to this machine only (a local relay, the tests' stand-ins). */
const providerUrl = z
  .url({ protocol: /^https?$/, message: 'must be a web address' })
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  }, 'must start with https:// (plain http only to this computer)');

export const smtpProviderSchema = z.strictObject({
  kind: z.literal('smtp'),
  name: providerName,
  host: text(253, { min: 1 }),
  port: z.int().min(1).max(65_535),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: text(200).nullable(),
  password: text(500).nullable(),
  from: z.email({ message: 'must be an e-mail address' }),
});
export type SmtpProviderSettings = z.infer<typeof smtpProviderSchema>;

export const smsHttpProviderSchema = z.strictObject({
  kind: z.literal('sms-http'),
  name: providerName,
  /** The API's root; the adapter posts to `<baseUrl>/2010-04-01/Accounts/<accountSid>/Messages.json`. */
  baseUrl: providerUrl,
  accountSid: text(100, { min: 1 }),
  authToken: text(500, { min: 1 }),
  /** The sender: an E.164 number or an alphanumeric sender id. */
  from: text(20, { min: 1 }),
  /** The provider honours `Idempotency-Key`: a send whose outcome is unknown may then go again. */
  idempotent: z.boolean(),
});
export type SmsHttpProviderSettings = z.infer<typeof smsHttpProviderSchema>;

const chain = <S extends z.ZodType>(provider: S) => z.strictObject({ primary: provider, fallback: provider.nullable() });

export const messageProvidersSchema = z
  .strictObject({
    email: chain(smtpProviderSchema).nullable(),
    sms: chain(smsHttpProviderSchema).nullable(),
  })
  .refine((settings) => {
    const names = [settings.email?.primary, settings.email?.fallback, settings.sms?.primary, settings.sms?.fallback]
      .filter((provider) => provider != null)
      .map((provider) => provider.name);
    return new Set(names).size === names.length;
  }, { message: 'must give each provider its own name', path: ['name'] });
export type MessageProviders = z.infer<typeof messageProvidersSchema>;
export type ProviderSettings = SmtpProviderSettings | SmsHttpProviderSettings;

/** The fields of each kind of provider that are secrets. */
export const secretFieldsOf = {
  smtp: ['password'],
  'sms-http': ['authToken'],
} as const satisfies { [K in ProviderSettings['kind']]: readonly (keyof Extract<ProviderSettings, { kind: K }>)[] };

export const REDACTED = '[redacted]';

/** A provider's settings with every secret replaced by a marker (a set secret reads "[redacted]", an unset one null). */
export function redactProvider<P extends ProviderSettings>(provider: P): P {
  const copy: Record<string, unknown> = { ...provider };
  for (const field of secretFieldsOf[provider.kind]) copy[field] = copy[field] == null ? null : REDACTED;
  return copy as P;
}

/** The whole providers' settings without a secret in them: for the support report and any log line. */
export function redactProviders(settings: MessageProviders): MessageProviders {
  const redactChain = <P extends ProviderSettings>(providers: { primary: P; fallback: P | null } | null) =>
    providers === null
      ? null
      : { primary: redactProvider(providers.primary), fallback: providers.fallback === null ? null : redactProvider(providers.fallback) };
  return { email: redactChain(settings.email), sms: redactChain(settings.sms) };
}

/**
 * The providers as the settings form sends them: a secret may be left out, meaning "keep the saved
 * one" (the form only ever shows "saved", never the secret). The desk's router and the sync
 * server's `messages.setProviders` both take this and merge with `keepSavedSecrets` before saving
 * (docs/architecture.md §20, §21).
 */
const chainInput = <S extends z.ZodType>(provider: S) => z.strictObject({ primary: provider, fallback: provider.nullable() }).nullable();
export const providersInputSchema = z.strictObject({
  email: chainInput(smtpProviderSchema.extend({ password: smtpProviderSchema.shape.password.optional() })),
  sms: chainInput(smsHttpProviderSchema.extend({ authToken: smsHttpProviderSchema.shape.authToken.optional() })),
});
export type ProvidersInput = z.output<typeof providersInputSchema>;

/** The providers to save: each secret the form left out is the one saved for the same channel and role. */
export function keepSavedSecrets(input: ProvidersInput, saved: MessageProviders | null): MessageProviders {
  const keep = <P extends ProviderSettings>(provider: P | null, before: P | null | undefined): P | null => {
    if (provider === null) return null;
    const copy: Record<string, unknown> = { ...provider };
    for (const field of secretFieldsOf[provider.kind]) {
      if (copy[field] === undefined) copy[field] = (before as Record<string, unknown> | null | undefined)?.[field] ?? null;
    }
    return copy as P;
  };
  const chain = <P extends ProviderSettings>(next: { primary: P; fallback: P | null } | null, before: { primary: P; fallback: P | null } | null | undefined) =>
    next === null ? null : { primary: keep(next.primary, before?.primary) as P, fallback: keep(next.fallback, before?.fallback) };
  return {
    email: chain(input.email as MessageProviders['email'], saved?.email),
    sms: chain(input.sms as MessageProviders['sms'], saved?.sms),
  };
}
