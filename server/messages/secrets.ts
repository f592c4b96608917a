import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../src-shared/errors';

/**
 * The server's secret key (docs/architecture.md §20), from its environment (CAREDESK_SECRET_KEY),
 * never stored and never logged. Two keys are derived from it, one per use: one seals the shops'
 * provider credentials at rest (AES-256-GCM), the other signs client confirmation links
 * (HMAC-SHA256), so neither use can stand in for the other.
 */

export const SECRET_KEY_ENV = 'CAREDESK_SECRET_KEY';
const MIN_SECRET_CHARS = 32;

export interface ServerKeys {
  /** Seals provider credentials. */
  sealing: Buffer;
  /** Signs confirmation links. */
  links: Buffer;
}

/** The keys derived from the server's secret; refused when the secret is too short to be one. */
export function serverKeys(secret: string): ServerKeys {
  if (secret.length < MIN_SECRET_CHARS) {
    throw new AppError('VALIDATION_ERROR', `${SECRET_KEY_ENV} must be at least ${MIN_SECRET_CHARS} characters (for example: openssl rand -base64 32).`, {
      field: SECRET_KEY_ENV,
    });
  }
  const derive = (use: string) => Buffer.from(hkdfSync('sha256', secret, 'caredesk-sync-server', use, 32));
  return { sealing: derive('provider-credentials'), links: derive('confirmation-links') };
}

/** The keys from the environment, or null when the server has no secret (it then sends nothing and serves no link). */
export function serverKeysFromEnv(env: NodeJS.ProcessEnv = process.env): ServerKeys | null {
  const secret = env[SECRET_KEY_ENV];
  return secret === undefined || secret === '' ? null : serverKeys(secret);
}

const SEALED_PREFIX = 'sealed:v1:';

/** A secret sealed with AES-256-GCM: the prefix, then the nonce, the tag and the ciphertext in base64url. */
export function seal(key: Buffer, plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
}

/** The secret a `seal` made; refused (never guessed at) when it was sealed under another key or altered. */
export function unseal(key: Buffer, sealed: string): string {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new AppError('INTERNAL_ERROR', 'A stored credential is not sealed.');
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('INTERNAL_ERROR', `A stored provider credential cannot be read with this server's key: was ${SECRET_KEY_ENV} changed? Enter the provider settings again.`);
  }
}
