import { EnvelopeError, localEnvelope } from './errors';

/**
 * Browser mode's sign-in (the server side is src-main/launch/web/server.ts). The launch link carries a
 * one-time token in its fragment; it is taken out of the address bar at once and traded for a
 * session key, kept in this tab's sessionStorage (so a reload stays signed in) and sent only in
 * an Authorization header — never a cookie, which every other app on 127.0.0.1 would receive.
 * Another tab signs in with the fresh link CareDesk prints each time one is used.
 */

const KEY = 'caredesk.session';

export type SessionStart = 'signed-in' | 'link-spent' | 'no-link';

export function sessionKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function authorizationHeader(): Record<string, string> {
  const key = sessionKey();
  return key === null ? {} : { authorization: `Bearer ${key}` };
}

export async function startSession(): Promise<SessionStart> {
  const launch = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (launch !== null) {
    // Before anything else: the token must not stay in the address bar or this tab's history.
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    const response = await fetch('/session', {
      method: 'POST',
      headers: { 'X-CareDesk-Launch': launch },
      credentials: 'omit',
      cache: 'no-store',
    });
    if (response.ok) {
      sessionStorage.setItem(KEY, ((await response.json()) as { session: string }).session);
      return 'signed-in';
    }
  }
  // A reload of a signed-in tab (or a spent link opened again in it) keeps its session.
  if (sessionKey() !== null) {
    const check = await fetch('/session', { headers: authorizationHeader(), credentials: 'omit', cache: 'no-store' });
    if (check.ok) return 'signed-in';
    sessionStorage.removeItem(KEY);
  }
  return launch === null ? 'no-link' : 'link-spent';
}

/** A single-use ticket for the printable page, which a frame or a new tab loads without headers. */
export async function printTicket(): Promise<string> {
  const response = await fetch('/session/print-ticket', {
    method: 'POST',
    headers: authorizationHeader(),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new EnvelopeError(localEnvelope('INTERNAL_ERROR', 'screen.printPage', true));
  }
  return ((await response.json()) as { ticket: string }).ticket;
}
