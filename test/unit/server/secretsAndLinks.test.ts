import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLink, signLink } from '../../../server/links/token';
import { createLogger } from '../../../server/log';
import { seal, serverKeys, unseal } from '../../../server/messages/secrets';
import { isAppError } from '../../../src-shared/errors';

/** The server's key and what it protects (docs/architecture.md §20): sealed credentials, signed links, a log that never holds a secret. */

const keys = serverKeys('a secret long enough to be a real server key');
const otherKeys = serverKeys('another secret long enough to be a server key');
const claims = {
  appointmentId: '0b0f3f4e-2a59-4c47-9d5a-2f5b8e1c7a10',
  messageId: '7c3b5d1e-8f2a-4e6b-a1c9-3d4e5f6a7b8c',
  expiresAt: Date.UTC(2026, 5, 4, 9, 0),
};
const before = claims.expiresAt - 60_000;

describe("the server's secret key", () => {
  it('is refused when too short to be one', () => {
    const refused = (() => {
      try {
        serverKeys('short');
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(isAppError(refused) && refused.code).toBe('VALIDATION_ERROR');
  });

  it('seals a credential so that only the same key reads it, and never in clear', () => {
    const sealed = seal(keys.sealing, 'sms-auth-token-123');
    expect(sealed).not.toContain('sms-auth-token-123');
    expect(seal(keys.sealing, 'sms-auth-token-123')).not.toBe(sealed); // a fresh nonce each time
    expect(unseal(keys.sealing, sealed)).toBe('sms-auth-token-123');
    expect(() => unseal(otherKeys.sealing, sealed)).toThrow(/cannot be read with this server's key/u);
    expect(() => unseal(keys.links, sealed)).toThrow(); // the link key is another key
  });
});

describe('confirmation link tokens', () => {
  it('say what they were signed for until the appointment starts, and fit a text message', () => {
    const token = signLink(keys.links, claims);
    expect(token.length).toBeLessThanOrEqual(80);
    expect(readLink(keys.links, token, before)).toEqual({ ok: true, claims });
    expect(readLink(keys.links, token, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are forged when any byte changes, when signed under another key, or when not a token at all', () => {
    const token = signLink(keys.links, claims);
    const raw = Buffer.from(token, 'base64url');
    for (let index = 0; index < raw.length; index += 1) {
      const altered = Buffer.from(raw);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      expect(readLink(keys.links, altered.toString('base64url'), before), `byte ${index}`).toEqual({ ok: false, reason: 'forged' });
    }
    expect(readLink(keys.links, signLink(otherKeys.links, claims), before)).toEqual({ ok: false, reason: 'forged' });
    for (const junk of ['', 'abc', `${token}x`, `${token}.`, '../../etc/passwd', token.slice(0, -1)])
      expect(readLink(keys.links, junk, before), junk).toEqual({ ok: false, reason: 'forged' });
  });
});

describe("the server's log", () => {
  it('never writes a credential, wherever it sits in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ providers: { sms: { primary: { authToken: 'sms-secret-1' } }, email: { primary: { password: 'mail-secret-2' } } } }, 'providers saved');
    log.info({ password: 'top-secret-3', token: 'device-token-4' }, 'flat');
    const written = lines.join('');
    for (const secret of ['sms-secret-1', 'mail-secret-2', 'top-secret-3', 'device-token-4']) expect(written).not.toContain(secret);
    expect(written).toContain('[redacted]');
    expect(written).toContain('providers saved');
  });
});
