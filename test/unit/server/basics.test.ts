import { describe, expect, it } from 'vitest';
import { hashToken, newDeviceToken } from '../../../server/auth';
import { newPairingCode, normaliseCode } from '../../../server/pairing';
import { RateLimiter } from '../../../server/rate-limit';
import { sha256Hex, stableStringify } from '../../../server/sync/hash';
import { payloadHash } from '../../../server/sync/push';

describe('server basics', () => {
  it('stableStringify ignores key order and undefined fields', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: undefined, e: null }] })).toBe('{"a":[{"d":2,"e":null}],"b":1}');
    expect(stableStringify({ a: 1, b: 2 })).toBe(stableStringify({ b: 2, a: 1 }));
  });

  it('the idempotency payload hash is the command only', () => {
    const command = { entityType: 'client', op: 'create', entityId: 'x', expectedVersion: null, idempotencyKey: 'k-12345678', reason: null, args: { name: 'A' } } as const;
    const a = payloadHash({ mutationId: 1, eventId: 'e1', command, actorStaffId: null, clientTime: 1 });
    const b = payloadHash({ mutationId: 9, eventId: 'e2', command: { ...command, args: { name: 'A' } }, actorStaffId: null, clientTime: 2 });
    const c = payloadHash({ mutationId: 9, eventId: 'e2', command: { ...command, args: { name: 'B' } }, actorStaffId: null, clientTime: 2 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
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
});
