import { hash } from 'node:crypto';

/**
 * What an idempotency key or a mutation id stands for is a hash of the change's content, the same
 * way on the desk and on the server. (Main process and server only: the renderer never hashes.)
 */

/**
 * JSON with object keys sorted and undefined fields left out, so equal payloads hash equally whatever
 * their key order. Its text must never change: the hashes of answers already kept are compared with it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  let fields = '';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    fields += `${fields === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `{${fields}}`;
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

export function payloadHash(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}
