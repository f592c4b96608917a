import { isIP } from 'node:net';
import { AppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { sayIn } from '../../../src-shared/say';
import { normaliseServerUrl } from './transport';

/**
 * Which sync server addresses a desk may pair with. Pairing codes and device tokens must not
 * cross a network in clear: http:// is accepted only for this machine itself (loopback), or when
 * the person pairing explicitly accepts an unencrypted connection after being warned.
 */

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host) || host === '0:0:0:0:0:0:0:1';
  return false;
}

export const INSECURE_SERVER_MESSAGE = sayIn({ key: 'sync.insecure' }, 'en');

/** The normalised address, or a plain-language refusal — before any network call. */
export function checkServerAddress(serverUrl: string, options: { allowInsecureHttp?: boolean } = {}): string {
  let normalised: string;
  try {
    normalised = normaliseServerUrl(serverUrl);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse('VALIDATION_ERROR', 'sync.checkAddress', undefined, { field: 'serverUrl' });
  }
  const url = new URL(normalised);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw refuse('VALIDATION_ERROR', 'sync.insecure', undefined, { field: 'serverUrl', insecure: true });
  }
  return normalised;
}
