import { describe, expect, it } from 'vitest';
import { AuthCache, hashToken, newDeviceToken, type AuthenticatedDevice } from '../../../server/auth';
import { KeyedSerializer } from '../../../server/sync/shop-queue';
import { newPairingCode, normaliseCode } from '../../../server/pairing';
import { RateLimiter } from '../../../server/rate-limit';
import { sha256Hex, canonicalJson } from '../../../src-shared/payloadHash';
import { payloadHash } from '../../../src-shared/payloadHash';

describe('server basics', () => {
  it('canonicalJson ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: null }] })).toBe('{"a":[{"d":2,"e":null}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('a payload hashes the same whatever its key order, and differently when a value differs', () => {
    const command = { entityType: 'client', op: 'create', entityId: 'x', expectedVersion: null, idempotencyKey: 'k-12345678', reason: null, args: { name: 'A', phone: null } } as const;
    const reordered = { args: { phone: null, name: 'A' }, reason: null, idempotencyKey: 'k-12345678', expectedVersion: null, entityId: 'x', op: 'create', entityType: 'client' } as const;
    expect(payloadHash(command)).toBe(payloadHash(reordered));
    expect(payloadHash(command)).not.toBe(payloadHash({ ...command, args: { name: 'B', phone: null } }));
  });

  it('device tokens carry 256 random bits and only their hash is kept', () => {
    const one = newDeviceToken();
    const two = newDeviceToken();
    expect(one.token).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/);
    expect(one.token).not.toBe(two.token);
    expect(one.tokenHash).toBe(hashToken(one.token));
    expect(one.tokenHash).toBe(sha256Hex(one.token));
    expect(one.tokenHash).not.toContain(one.token.slice(4));
  });

  it('pairing codes are readable and normalise case and dashes', () => {
    const code = newPairingCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(normaliseCode(code.toLowerCase())).toBe(code.replace(/-/g, ''));
    expect(normaliseCode(' abcd efgh-jkmn ')).toBe('ABCDEFGHJKMN');
  });

  it('the rate limiter allows a burst, then refills at its rate', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.retryAfter('a')).toBe(1);
    now = 500;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('the auth cache expires, never lowers lastMutationId and forgets at once', () => {
    let now = 0;
    const cache = new AuthCache(1000, 2, () => now);
    const device: AuthenticatedDevice = { deviceId: 'd', shopId: 's', name: 'Desk', lastMutationId: 3, tokenHash: 'h', cached: false };
    cache.set(device);
    expect(cache.get('h')).toEqual({ ...device, cached: true });
    cache.noteLastMutationId('h', 7);
    cache.noteLastMutationId('h', 5);
    expect(cache.get('h')?.lastMutationId).toBe(7);
    cache.forget('h');
    expect(cache.get('h')).toBeUndefined();
    cache.set(device);
    now = 1000;
    expect(cache.get('h')).toBeUndefined();
    for (const hash of ['a', 'b', 'c']) cache.set({ ...device, tokenHash: hash });
    expect(cache.size).toBe(2);
  });

  it('the shop queue runs one task per key at a time, in arrival order, and survives failures', async () => {
    const queue = new KeyedSerializer();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) => async () => {
      running += 1;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      running -= 1;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run('shop', task('a')), queue.run('shop', task('b', true)), queue.run('shop', task('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.busy).toBe(0);
  });
});
