import { randomBytes } from 'node:crypto';
import { AppError } from '../src-shared/errors';
import type { Queryable } from './db/connect';
import { sha256Hex } from './sync/hash';
import type { DeviceIdentity } from './sync/push';

/** Device tokens: 256 random bits, handed out once, stored only as a sha256 hash. */
export const TOKEN_PREFIX = 'cdt_';

export function newDeviceToken(): { token: string; tokenHash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

const tokenPattern = /^cdt_[A-Za-z0-9_-]{43}$/;

/** The device behind an `Authorization: Bearer` header: checked on every call, so a revoked token stops at once. */
export interface AuthenticatedDevice extends DeviceIdentity {
  name: string;
  /** As read at authentication; push re-checks it under the shop's lock. */
  lastMutationId: number;
}

export async function authenticate(db: Queryable, header: string | undefined): Promise<AuthenticatedDevice> {
  if (header === undefined || header.trim() === '') {
    throw new AppError('AUTH_REQUIRED', 'This machine is not paired with the sync server. Pair it in Settings.');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = match?.[1];
  if (token === undefined || !tokenPattern.test(token)) {
    throw new AppError('AUTH_TOKEN_INVALID', 'The sync server did not accept this machine\'s pairing. Pair it again.');
  }
  const result = await db.query<{ id: string; shop_id: string; name: string; revoked_at: unknown; last_mutation_id: string | number }>(
    'SELECT id, shop_id, name, revoked_at, last_mutation_id FROM devices WHERE token_hash = $1',
    [hashToken(token)],
  );
  const device = result.rows[0];
  if (device === undefined || device.revoked_at !== null) {
    throw new AppError('AUTH_TOKEN_INVALID', 'The sync server did not accept this machine\'s pairing. Pair it again.');
  }
  return { deviceId: device.id, shopId: device.shop_id, name: device.name, lastMutationId: Number(device.last_mutation_id) };
}
