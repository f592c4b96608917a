import { isIP } from 'node:net';
import { AppError } from '../../../src-shared/errors';
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

export const INSECURE_SERVER_MESSAGE =
  'This address is not encrypted (http://), so the pairing code and this desk’s key would cross the network readable by anyone on it. Use the server’s https:// address, or confirm that you accept an unencrypted connection on a private network you trust.';

/** The normalised address, or a plain-language refusal — before any network call. */
export function checkServerAddress(serverUrl: string, options: { allowInsecureHttp?: boolean } = {}): string {
  let normalised: string;
  try {
    normalised = normaliseServerUrl(serverUrl);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_ERROR', 'Please check the server address: it should look like https://sync.myshop.example.', { field: 'serverUrl' });
  }
  const url = new URL(normalised);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    throw new AppError('VALIDATION_ERROR', INSECURE_SERVER_MESSAGE, { field: 'serverUrl', insecure: true });
  }
  return normalised;
}
