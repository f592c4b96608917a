import { randomBytes } from 'node:crypto';
import { refuse } from '../src-shared/refuse';
import type { Queryable } from './db/connect';
import { sha256Hex } from '../src-shared/payloadHash';
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

/**
 * The device behind an `Authorization: Bearer` header, checked on every call. When it comes from
 * the AuthCache, revocation is still checked at once by the call's own database work: push locks
 * the device row in every mutation's transaction and refuses a revoked device there, and pull
 * reads the device row in the same statement as the changes.
 */
export interface AuthenticatedDevice extends DeviceIdentity {
  name: string;
  /** As read at authentication (or last seen by this server); push re-checks it under the shop's lock. */
  lastMutationId: number;
  tokenHash: string;
  /** Came from the cache rather than from the database during this call. */
  cached: boolean;
}

const invalidToken = () => refuse('AUTH_TOKEN_INVALID', 'sync.pairingNotAccepted');

/**
 * token hash → device, for a short time, to save a database round trip per request. It is never
 * what enforces revocation (see AuthenticatedDevice); entries are dropped as soon as a call finds
 * the device revoked or gone.
 */
export class AuthCache {
  private readonly entries = new Map<string, { device: AuthenticatedDevice; until: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(tokenHash: string): AuthenticatedDevice | undefined {
    const entry = this.entries.get(tokenHash);
    if (entry === undefined) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return { ...entry.device, cached: true };
  }

  set(device: AuthenticatedDevice): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(device.tokenHash, { device: { ...device, cached: false }, until: this.now() + this.ttlMs });
  }

  /** A later lastMutationId seen by this server (never lowers it). */
  noteLastMutationId(tokenHash: string, lastMutationId: number): void {
    const entry = this.entries.get(tokenHash);
    if (entry !== undefined && lastMutationId > entry.device.lastMutationId) entry.device = { ...entry.device, lastMutationId };
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  get size(): number {
    return this.entries.size;
  }
}

export async function authenticate(db: Queryable, header: string | undefined, cache?: AuthCache): Promise<AuthenticatedDevice> {
  if (header === undefined || header.trim() === '') {
    throw refuse('AUTH_REQUIRED', 'sync.notPairedWithServer');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = match?.[1];
  if (token === undefined || !tokenPattern.test(token)) throw invalidToken();
  const tokenHash = hashToken(token);
  const hit = cache?.get(tokenHash);
  if (hit !== undefined) return hit;
  const result = await db.query<{ id: string; shop_id: string; name: string; revoked_at: unknown; last_mutation_id: string | number }>(
    'SELECT id, shop_id, name, revoked_at, last_mutation_id FROM devices WHERE token_hash = $1',
    [tokenHash],
    'cd_authenticate',
  );
  const row = result.rows[0];
  if (row === undefined || row.revoked_at !== null) {
    cache?.forget(tokenHash);
    throw invalidToken();
  }
  const device: AuthenticatedDevice = {
    deviceId: row.id,
    shopId: row.shop_id,
    name: row.name,
    lastMutationId: Number(row.last_mutation_id),
    tokenHash,
    cached: false,
  };
  cache?.set(device);
  return device;
}
