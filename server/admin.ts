import { z } from 'zod';
import { AppError, parseOrThrow } from '../src-shared/errors';
import { newId } from '../src-shared/ids';
import type { Queryable } from './db/connect';
import { issuePairingCode } from './pairing';
import { text } from '../src-shared/text';

/** What the owner does from the server's command line: shops, pairing codes, devices. */

const shopNameInput = z.strictObject({ name: text(200, { min: 1 }) });

export async function createShop(
  db: Queryable,
  name: string,
  options: { ttlMs?: number; now?: number } = {},
): Promise<{ shopId: string; code: string; expiresAt: number }> {
  const { name: trimmed } = parseOrThrow(shopNameInput, { name });
  const shopId = newId();
  await db.query('INSERT INTO shops (id, name, created_at) VALUES ($1, $2, $3)', [shopId, trimmed, options.now ?? Date.now()]);
  const { code, expiresAt } = await issuePairingCode(db, shopId, options);
  return { shopId, code, expiresAt };
}

export interface DeviceInfo {
  id: string;
  shopId: string;
  name: string;
  lastMutationId: number;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export async function listDevices(db: Queryable, shopId: string): Promise<DeviceInfo[]> {
  const result = await db.query<Record<string, string | number | null>>(
    `SELECT id, shop_id, name, last_mutation_id, created_at, last_seen_at, revoked_at FROM devices WHERE shop_id = $1 ORDER BY created_at, id`,
    [shopId],
  );
  const num = (value: string | number | null) => (value === null ? null : Number(value));
  return result.rows.map((row) => ({
    id: String(row.id),
    shopId: String(row.shop_id),
    name: String(row.name),
    lastMutationId: Number(row.last_mutation_id),
    createdAt: Number(row.created_at),
    lastSeenAt: num(row.last_seen_at ?? null),
    revokedAt: num(row.revoked_at ?? null),
  }));
}

/** Revokes at once: the next request carrying the device's token is refused. */
export async function revokeDevice(db: Queryable, deviceId: string, now = Date.now()): Promise<void> {
  const result = await db.query('UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING id', [deviceId, now]);
  if (result.rows.length === 0) throw new AppError('NOT_FOUND', 'There is no such device.', { field: 'device' });
}
