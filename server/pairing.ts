import { randomInt } from 'node:crypto';
import { AppError } from '../src-shared/errors';
import { refuse } from '../src-shared/refuse';
import { newId } from '../src-shared/ids';
import type { PairInput, PairOutput } from '../src-shared/sync';
import { newDeviceToken } from './auth';
import type { Database, Queryable } from './db/connect';
import { sha256Hex } from '../src-shared/payloadHash';

/** Pairing codes: one-time, expiring, stored hashed. 12 characters from an alphabet without look-alikes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const DEFAULT_CODE_TTL_MS = 15 * 60_000;

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function hashCode(code: string): string {
  return sha256Hex(`pairing:${normaliseCode(code)}`);
}

export function newPairingCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export async function issuePairingCode(
  db: Queryable,
  shopId: string,
  options: { ttlMs?: number; now?: number } = {},
): Promise<{ code: string; expiresAt: number }> {
  const shop = await db.query('SELECT 1 FROM shops WHERE id = $1', [shopId]);
  if (shop.rows.length === 0) throw new AppError('NOT_FOUND', 'There is no such shop.', { field: 'shop' });
  const now = options.now ?? Date.now();
  const code = newPairingCode();
  const expiresAt = now + (options.ttlMs ?? DEFAULT_CODE_TTL_MS);
  await db.query('INSERT INTO pairing_codes (code_hash, shop_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashCode(code),
    shopId,
    now,
    expiresAt,
  ]);
  return { code, expiresAt };
}

/** Trades a valid, unused, unexpired code for a new device and its token (the only time the token is seen). */
export async function pair(db: Database, input: PairInput, now = Date.now()): Promise<PairOutput> {
  const { token, tokenHash } = newDeviceToken();
  const deviceId = newId();
  return db.transaction(async (tx) => {
    const claimed = await tx.query<{ shop_id: string }>(
      `UPDATE pairing_codes SET used_at = $2, device_id = $3
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING shop_id`,
      [hashCode(input.code), now, deviceId],
    );
    const shopId = claimed.rows[0]?.shop_id;
    if (shopId === undefined) {
      throw refuse('AUTH_TOKEN_INVALID', 'sync.badPairingCode', undefined, { field: 'code' });
    }
    await tx.query('INSERT INTO devices (id, shop_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
      deviceId,
      shopId,
      input.deviceName,
      tokenHash,
      now,
    ]);
    return { shopId, deviceId, token };
  });
}
