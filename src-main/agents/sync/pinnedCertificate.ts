import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { AppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import type { Fetch } from './transport';

/**
 * A shop's own sync server may prove itself with a self-signed certificate. At pairing the desk
 * shows that certificate's SHA-256 fingerprint; once the person confirms it matches the one the
 * server shows, the desk keeps the certificate (trust on first use) and from then on talks to that
 * server only if it presents exactly the same certificate.
 */

export interface PinnedCertificate {
  /** SHA-256 fingerprint, upper-case hex pairs separated by colons (as Node and openssl print it). */
  fingerprint256: string;
  pem: string;
}

export interface ServerCertificate extends PinnedCertificate {
  /** Signed by an authority this machine already trusts, for this host name. */
  trusted: boolean;
}

/** Accepts a fingerprint typed or pasted with or without colons, in any case. */
export function normaliseFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return (hex.match(/.{2}/g) ?? []).join(':');
}

function toPem(certificate: PeerCertificate): string {
  const body = certificate.raw.toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

const unreachable = (cause: unknown) =>
  refuse('NETWORK_UNAVAILABLE', 'sync.cannotReach', undefined, { cause: cause instanceof Error ? cause.message : String(cause) });

/** Reads the certificate an https server presents, without sending it anything. */
export function readServerCertificate(serverUrl: string, timeoutMs = 10_000): Promise<ServerCertificate> {
  const url = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 443),
      ...(isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0 ? { servername: url.hostname } : {}),
      // Only to look at the certificate; nothing is sent over this connection.
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      socket.destroy();
      if (!certificate?.raw) return reject(unreachable('The server presented no certificate.'));
      resolve({ fingerprint256: certificate.fingerprint256, pem: toPem(certificate), trusted: socket.authorized });
    });
    socket.once('timeout', () => socket.destroy(new Error('timed out')));
    socket.once('error', (error) => reject(unreachable(error)));
  });
}

const certificateChanged = () => refuse('NETWORK_UNAVAILABLE', 'sync.certificateChanged', undefined, { certificateChanged: true });
export const CERTIFICATE_CHANGED_MESSAGE = certificateChanged().message;

/**
 * fetch over https that trusts exactly one certificate: the pinned one (no authorities, no host
 * name check — the pin is stronger than both). Anything else is refused before a byte is sent.
 */
export function pinnedFetch(pin: PinnedCertificate): Fetch {
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.protocol !== 'https:') throw refuse('VALIDATION_ERROR', 'sync.pinnedHttps');
    const headers = new Headers(init.headers);
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    if (body !== undefined && !headers.has('content-length')) headers.set('content-length', String(Buffer.byteLength(body)));
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers.entries()),
          ca: pin.pem,
          checkServerIdentity: (_host, certificate) =>
            normaliseFingerprint(certificate.fingerprint256) === normaliseFingerprint(pin.fingerprint256)
              ? undefined
              : certificateChanged(),
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
            }
            const status = res.statusCode ?? 502;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
          });
        },
      );
      req.on('error', (error) =>
        reject(error instanceof AppError ? error : /certificate|self[- ]signed|verify/i.test(error.message) ? certificateChanged() : error),
      );
      const signal = init.signal;
      if (signal) {
        if (signal.aborted) req.destroy(signal.reason as Error);
        signal.addEventListener('abort', () => req.destroy(signal.reason as Error), { once: true });
      }
      req.end(body);
    });
  };
}
