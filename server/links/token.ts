import { createHmac, timingSafeEqual } from 'node:crypto';
import { LATEST_INSTANT } from '../../src-shared/time';

/**
 * A client confirmation link's token (docs/architecture.md §20): the appointment and the message it
 * is for and until when it works, signed with HMAC-SHA256 under the server's link key. It is
 * short enough for a text message: the two ids and the instant in binary (40 bytes) and the first
 * 16 bytes of the signature, in base64url (75 characters). A token altered in any byte, or signed
 * under another key, is forged.
 */

export interface LinkClaims {
  appointmentId: string;
  messageId: string;
  expiresAt: number;
}

const SIGNATURE_BYTES = 16;
const BODY_BYTES = 16 + 16 + 8;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const signatureOf = (key: Buffer, body: Buffer) => createHmac('sha256', key).update(body).digest().subarray(0, SIGNATURE_BYTES);

export function signLink(key: Buffer, claims: LinkClaims): string {
  if (!uuidPattern.test(claims.appointmentId) || !uuidPattern.test(claims.messageId)) throw new Error('signLink: ids must be uuids');
  const expiry = Buffer.alloc(8);
  expiry.writeBigUInt64BE(BigInt(claims.expiresAt));
  const body = Buffer.concat([uuidBytes(claims.appointmentId), uuidBytes(claims.messageId), expiry]);
  return Buffer.concat([body, signatureOf(key, body)]).toString('base64url');
}

export type LinkReading = { ok: true; claims: LinkClaims } | { ok: false; reason: 'forged' | 'expired' };

/** What a token says, when it is genuine and has not run out at `now`. */
export function readLink(key: Buffer, token: string, now: number): LinkReading {
  if (!/^[A-Za-z0-9_-]+$/u.test(token)) return { ok: false, reason: 'forged' };
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== BODY_BYTES + SIGNATURE_BYTES || raw.toString('base64url') !== token) return { ok: false, reason: 'forged' };
  const body = raw.subarray(0, BODY_BYTES);
  if (!timingSafeEqual(raw.subarray(BODY_BYTES), signatureOf(key, body))) return { ok: false, reason: 'forged' };
  const expiresAt = Number(body.readBigUInt64BE(32));
  if (expiresAt > LATEST_INSTANT) return { ok: false, reason: 'forged' };
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { appointmentId: uuidOf(body.subarray(0, 16)), messageId: uuidOf(body.subarray(16, 32)), expiresAt } };
}
