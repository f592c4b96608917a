import { parseOrThrow } from '../../src-shared/errors';
import { messageProvidersSchema, redactProviders, secretFieldsOf, type MessageProviders, type ProviderSettings } from '../../src-messaging/settings';
import type { Queryable } from '../db/connect';
import { seal, unseal } from './secrets';

/**
 * A shop's message providers on the sync server (docs/architecture.md §20), table
 * `message_providers`: the settings as the desk's screen makes them (src-messaging/settings.ts),
 * each secret field sealed with the server's key, so the database and its backups never hold a
 * credential in clear.
 */

type Sealer = (value: string) => string;

function mapSecrets(settings: MessageProviders, change: Sealer): MessageProviders {
  const each = <P extends ProviderSettings>(provider: P): P => {
    const copy: Record<string, unknown> = { ...provider };
    for (const field of secretFieldsOf[provider.kind]) {
      const value = copy[field];
      if (typeof value === 'string') copy[field] = change(value);
    }
    return copy as P;
  };
  const chain = <P extends ProviderSettings>(providers: { primary: P; fallback: P | null } | null) =>
    providers === null ? null : { primary: each(providers.primary), fallback: providers.fallback === null ? null : each(providers.fallback) };
  return { email: chain(settings.email), sms: chain(settings.sms) };
}

/** Checks and stores the shop's providers, secrets sealed. */
export async function saveShopProviders(db: Queryable, shopId: string, settings: unknown, key: Buffer, now: number): Promise<void> {
  const checked = parseOrThrow(messageProvidersSchema, settings);
  const sealed = mapSecrets(checked, (value) => seal(key, value));
  await db.query(
    `INSERT INTO message_providers (shop_id, settings, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (shop_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at`,
    [shopId, JSON.stringify(sealed), now],
  );
}

export interface StoredProviders {
  settings: MessageProviders;
  /** When they were last saved: a sender rebuilds its providers when this changes. */
  updatedAt: number;
}

async function storedRow(db: Queryable, shopId: string): Promise<StoredProviders | null> {
  const found = await db.query<{ settings: MessageProviders; updated_at: string | number }>(
    'SELECT settings, updated_at FROM message_providers WHERE shop_id = $1',
    [shopId],
  );
  const row = found.rows[0];
  return row === undefined ? null : { settings: row.settings, updatedAt: Number(row.updated_at) };
}

/** The shop's providers with their secrets unsealed, or null when the shop has none. */
export async function loadShopProviders(db: Queryable, shopId: string, key: Buffer): Promise<StoredProviders | null> {
  const row = await storedRow(db, shopId);
  if (row === null) return null;
  return { settings: mapSecrets(row.settings, (value) => unseal(key, value)), updatedAt: row.updatedAt };
}

/** The shop's providers with every secret redacted; needs no key, since nothing is unsealed. */
export async function shopProvidersSummary(db: Queryable, shopId: string): Promise<MessageProviders> {
  const row = await storedRow(db, shopId);
  return row === null ? { email: null, sms: null } : redactProviders(row.settings);
}
