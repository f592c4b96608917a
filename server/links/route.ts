import type http from 'node:http';
import { CLIENT_VIA_LINK_ACTOR_ID } from '../../src-shared/clientActor';
import type { Command } from '../../src-shared/commands';
import type { Appointment } from '../../src-shared/entities';
import { isAppError } from '../../src-shared/errors';
import type { Database } from '../db/connect';
import type { Logger } from '../log';
import type { RateLimiter } from '../rate-limit';
import { readBookingFacts } from '../messages/facts';
import { creatorOf, originate } from '../sync/originate';
import type { KeyedSerializer } from '../sync/shop-queue';
import { askPage, linkT, notePage, type BookingOnPage } from './page';
import { DEFAULT_LOCALE } from '../../src-shared/locale/settings';
import { readLink } from './token';

/**
 * The client's confirmation link, `/c/<token>` (docs/architecture.md §20). GET shows the booking
 * with Confirm and Cancel; POST (`action=confirm|cancel`) confirms it (`recordClientConfirmation`,
 * via 'link') or cancels it, each a change the server originates as the client, through the one
 * rulebook. A forged or expired link is refused with a plain page and a 4xx; each address has a
 * budget of tries (`limiter`).
 */

export interface LinkServices {
  db: Database;
  now: () => number;
  log: Logger;
  /** The server's link key; null when the server has no secret key (no link is then valid). */
  key: Buffer | null;
  limiter: RateLimiter;
  shopQueue?: KeyedSerializer;
  /** Where clients reach this server (a form link starts with it), once it listens. */
  publicUrl?: string;
}

export const LINK_PATH = '/c/';
const MAX_FORM_BYTES = 1024;

export interface Answer {
  status: number;
  html: string;
}

export function send(res: http.ServerResponse, answer: Answer, retryAfter?: number): void {
  res.statusCode = answer.status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  // The token in the address is the client's key: no referrer carries it elsewhere, nothing caches the page.
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
  res.end(answer.html);
}

/** A posted page form's fields; null when it is larger than `maxBytes`. */
export async function postedForm(req: http.IncomingMessage, maxBytes: number): Promise<URLSearchParams | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function formAction(req: http.IncomingMessage): Promise<string | null> {
  return (await postedForm(req, MAX_FORM_BYTES))?.get('action') ?? null;
}

const linkRefusals: LinkRefusals = {
  forged: { status: 403, html: notePage('invalid', null) },
  expired: { status: 410, html: notePage('expired', null) },
  wrongMethod: { status: 405, html: notePage('openFromMessage', null) },
};

/** Refused in plain words: a link that is not genuine, one that has run out, and a request that is neither GET nor POST. */
export interface LinkRefusals {
  forged: Answer;
  expired: Answer;
  wrongMethod: Answer;
}

/**
 * What the token of a request under `path` says, read with `read` at `now`; null once the request
 * is answered with a refusal.
 */
export function openedLink<R extends { ok: true }>(
  services: LinkServices,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  now: number,
  path: string,
  read: (key: Buffer, token: string, now: number) => R | { ok: false; reason: 'forged' | 'expired' },
  refusals: LinkRefusals,
): R | null {
  // Taken as it stands: a token is base64url, so anything escaped is not one (readLink refuses it).
  const token = (req.url ?? '').slice(path.length).split('?')[0] ?? '';
  const reading = services.key === null ? ({ ok: false, reason: 'forged' } as const) : read(services.key, token, now);
  if (!reading.ok) {
    send(res, reading.reason === 'expired' ? refusals.expired : refusals.forged);
    return null;
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    send(res, refusals.wrongMethod);
    return null;
  }
  return reading;
}

/** Each address has a budget of link requests (both kinds of link); false, answered 429, when it is spent. */
export function withinBudget(services: LinkServices, res: http.ServerResponse, ip: string): boolean {
  if (services.limiter.take(ip)) return true;
  send(res, { status: 429, html: notePage('tooMany', null) }, services.limiter.retryAfter(ip));
  return false;
}

/** Serves one request under /c/. */
export async function serveLink(services: LinkServices, req: http.IncomingMessage, res: http.ServerResponse, ip: string): Promise<void> {
  if (!withinBudget(services, res, ip)) return;
  const now = services.now();
  const reading = openedLink(services, req, res, now, LINK_PATH, readLink, linkRefusals);
  if (reading === null) return;
  const linked = await linkedBooking(services.db, reading.claims.appointmentId);
  if (linked === null) {
    send(res, { status: 404, html: notePage('notFound', null) });
    return;
  }
  const { shopId, appointment, booking } = linked;
  if (req.method === 'GET') {
    send(res, { status: 200, html: stateNote(appointment, booking) ?? askPage(booking) });
    return;
  }
  const action = await formAction(req);
  if (action !== 'confirm' && action !== 'cancel') {
    send(res, { status: 400, html: notePage('chooseAction', booking) });
    return;
  }
  const settled = stateNote(appointment, booking);
  if (settled !== null) {
    send(res, { status: 200, html: settled });
    return;
  }
  send(res, await act(services, shopId, appointment, action, booking, now));
}

/** The booking a link names, and how its pages show it; null when no shop has it or it was deleted. */
export async function linkedBooking(db: Database, appointmentId: string): Promise<{ shopId: string; appointment: Appointment; booking: BookingOnPage } | null> {
  const shopId = await shopOfAppointment(db, appointmentId);
  const facts = shopId === null ? null : await readBookingFacts(db, shopId, { clientId: null, appointmentId });
  const appointment = facts?.appointment ?? null;
  const settings = facts?.settings ?? null;
  if (shopId === null || facts === null || appointment === null || settings === null || appointment.deletedAt !== null) return null;
  const booking: BookingOnPage = {
    shopName: settings.shopName,
    timeZone: settings.timeZone,
    serviceName: facts.service?.name ?? '',
    staffName: facts.staff?.name ?? '',
    startsAt: appointment.startsAt,
    // A settings row stored before the shop had a language has none.
    locale: settings.locale ?? DEFAULT_LOCALE,
  };
  return { shopId, appointment, booking };
}

/** The shop an appointment belongs to (ids are unique across shops), or null when no shop has it. */
async function shopOfAppointment(db: Database, appointmentId: string): Promise<string | null> {
  const found = await db.query<{ shop_id: string }>(
    "SELECT shop_id FROM entity_rows WHERE entity_type = 'appointment' AND id = $1",
    [appointmentId],
    'cd_link_shop',
  );
  return found.rows[0]?.shop_id ?? null;
}

/** The page for a booking already confirmed, cancelled or otherwise past asking; null while it can still be confirmed. */
function stateNote(appointment: Appointment, booking: BookingOnPage): string | null {
  if (appointment.status === 'cancelled') return notePage('isCancelled', booking);
  if (appointment.clientConfirmedAt !== null) return notePage('alreadyConfirmed', booking);
  if (appointment.status !== 'booked') return notePage('nothingToConfirm', booking);
  return null;
}

async function act(services: LinkServices, shopId: string, appointment: Appointment, action: 'confirm' | 'cancel', booking: BookingOnPage, now: number): Promise<Answer> {
  const command: Command =
    action === 'confirm'
      ? {
          entityType: 'appointment',
          op: 'recordClientConfirmation',
          entityId: appointment.id,
          expectedVersion: appointment.version,
          idempotencyKey: `client-link:${appointment.id}:confirm`,
          reason: null,
          args: { via: 'link' },
        }
      : {
          entityType: 'appointment',
          op: 'cancel',
          entityId: appointment.id,
          expectedVersion: appointment.version,
          idempotencyKey: `client-link:${appointment.id}:cancel`,
          // Kept with the booking and read at the desk: written in the shop's language.
          reason: linkT(booking.locale.language)('link.cancelReason'),
          args: {},
        };
  try {
    // The messages the client's change causes (a cancellation notice, reminders called off) are the
    // shop's, made in the name of whoever made the booking, as the sender sends in a message's creator's.
    const followUpsBy = await creatorOf(services.db, shopId, appointment.id);
    const { replayed } = await originate(
      { db: services.db, shopId, now, ...(services.shopQueue === undefined ? {} : { shopQueue: services.shopQueue }) },
      { command, actorStaffId: CLIENT_VIA_LINK_ACTOR_ID, viaClientLink: true, ...(followUpsBy === null ? {} : { followUpsBy }) },
    );
    if (action === 'confirm') {
      return replayed
        ? { status: 200, html: notePage('alreadyConfirmed', booking) }
        : { status: 200, html: notePage('confirmed', booking) };
    }
    return { status: 200, html: notePage('cancelledNow', booking) };
  } catch (error) {
    if (!isAppError(error) || error.retryable) throw error;
    // The booking changed at the desk a moment ago (moved, cancelled): the client is told in the rules' words.
    services.log.info({ code: error.code, shopId }, 'confirmation link refused');
    return { status: 409, html: notePage('refused', booking, { reason: error.message }) };
  }
}
