import { createHash } from 'node:crypto';

/**
 * What an idempotency key or a mutation id stands for is a hash of the change's content, the same
 * way on the desk and on the server. (Main process and server only: the renderer never hashes.)
 */

/** JSON with object keys sorted and undefined fields left out, so equal payloads hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function payloadHash(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}
