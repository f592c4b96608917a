import { createHash } from 'node:crypto';
import { parseOrThrow } from '../../../src-shared/errors';
import {
  messageProvidersSchema,
  REDACTED,
  secretFieldsOf,
  type MessageProviders,
  type ProviderSettings,
} from '../../../src-messaging/settings';
import type { Store } from '../../core/store/open';
import { readLocalMeta, writeLocalMeta } from '../../core/store/localMeta';
import type { SecretStore, StoredSecret } from '../sync/secrets';

/**
 * The desk's message providers (docs/architecture.md §18) live in this desk's own `local_meta`
 * (key 'messageProviders'): a standalone desk is the shop's sender, and a paired desk never sends.
 * Each credential is kept the way the device token is (§5): encrypted with the OS keychain through
 * the launcher's secret store, or in a file only this user can read; the row holds only the
 * `StoredSecret` handle, never the secret.
 */

const KEY = 'messageProviders';

/** Where one named secret is kept: the launcher's keychain-backed store, or a private file. */
export type ProviderSecrets = (name: string) => SecretStore;

type StoredProvider = Omit<ProviderSettings, 'password' | 'authToken'> & { secrets: Record<string, StoredSecret | null> };
interface StoredProviders {
  email: { primary: StoredProvider; fallback: StoredProvider | null } | null;
  sms: { primary: StoredProvider; fallback: StoredProvider | null } | null;
}

/** A file-safe name for one provider's secret field (provider names are the owner's words). */
const secretName = (provider: string, field: string): string =>
  `message-provider-${createHash('sha256').update(provider).digest('hex').slice(0, 16)}-${field}`;

async function keep(provider: ProviderSettings, secrets: ProviderSecrets, allowWeak: boolean): Promise<StoredProvider> {
  const copy: Record<string, unknown> = { ...provider };
  const kept: Record<string, StoredSecret | null> = {};
  for (const field of secretFieldsOf[provider.kind]) {
    const value = copy[field];
    delete copy[field];
    kept[field] = typeof value === 'string' ? await secrets(secretName(provider.name, field)).save(value, { allowWeak }) : null;
  }
  return { ...(copy as Omit<ProviderSettings, 'password' | 'authToken'>), secrets: kept };
}

async function open(stored: StoredProvider, secrets: ProviderSecrets): Promise<ProviderSettings> {
  const { secrets: kept, ...rest } = stored;
  const copy: Record<string, unknown> = { ...rest };
  for (const [field, handle] of Object.entries(kept)) {
    copy[field] = handle === null ? null : await secrets(secretName(stored.name, field)).load(handle);
  }
  return copy as unknown as ProviderSettings;
}

/** Saves the providers, their secrets through `secrets` (refused where storage is weak unless allowed). */
export async function saveMessageProviders(
  store: Store,
  settings: MessageProviders,
  secrets: ProviderSecrets,
  options: { allowWeak?: boolean } = {},
): Promise<void> {
  const checked = parseOrThrow(messageProvidersSchema, settings);
  const allowWeak = options.allowWeak === true;
  const chain = async (providers: { primary: ProviderSettings; fallback: ProviderSettings | null } | null) =>
    providers === null
      ? null
      : {
          primary: await keep(providers.primary, secrets, allowWeak),
          fallback: providers.fallback === null ? null : await keep(providers.fallback, secrets, allowWeak),
        };
  const value: StoredProviders = { email: await chain(checked.email), sms: await chain(checked.sms) };
  writeLocalMeta(store, KEY, value);
}

/** The providers with their secrets opened; null when none were ever set on this desk. */
export async function loadMessageProviders(store: Store, secrets: ProviderSecrets): Promise<MessageProviders | null> {
  const stored = readLocalMeta<StoredProviders>(store, KEY);
  if (stored === null) return null;
  const chain = async (providers: StoredProviders['email']) =>
    providers === null
      ? null
      : { primary: await open(providers.primary, secrets), fallback: providers.fallback === null ? null : await open(providers.fallback, secrets) };
  return parseOrThrow(messageProvidersSchema, { email: await chain(stored.email), sms: await chain(stored.sms) });
}

/**
 * The providers as the support report shows them: kind, name and where they send, each secret only
 * as "[redacted]" or "not set" (the stored row holds no secret; this never opens one).
 */
export function describeMessageProviders(store: Store): string[] {
  const stored = readLocalMeta<StoredProviders>(store, KEY);
  if (stored === null) return ['No message providers set on this desk.'];
  const line = (channel: string, role: string, provider: StoredProvider) => {
    const { secrets, ...rest } = provider;
    const shown = Object.entries(rest)
      .filter(([field]) => field !== 'kind' && field !== 'name')
      .map(([field, value]) => `${field} ${String(value)}`);
    const hidden = Object.entries(secrets).map(([field, handle]) => `${field} ${handle === null ? 'not set' : REDACTED}`);
    return `${channel} ${role}: ${provider.name} (${provider.kind}) ${[...shown, ...hidden].join(', ')}`;
  };
  const lines: string[] = [];
  for (const channel of ['email', 'sms'] as const) {
    const chain = stored[channel];
    if (chain === null) continue;
    lines.push(line(channel, 'primary', chain.primary));
    if (chain.fallback !== null) lines.push(line(channel, 'fallback', chain.fallback));
  }
  return lines;
}
