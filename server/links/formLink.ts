import { createHmac } from 'node:crypto';
import { readLink, signLink, type LinkReading } from './token';

/**
 * A client's form link, `/f/<token>` (docs/architecture.md §27): the same 75-character signed
 * token as a confirmation link (token.ts), naming the appointment and the form template, working
 * until the appointment starts. It is signed under its own key, derived from the link key, so a
 * confirmation token is never a form token nor the other way round.
 */

export const FORM_LINK_PATH = '/f/';

const formKeyOf = (linkKey: Buffer) => createHmac('sha256', linkKey).update('caredesk-form-links').digest();

export function formLinkFor(linkKey: Buffer, publicUrl: string, claims: { appointmentId: string; templateId: string; expiresAt: number }): string {
  const token = signLink(formKeyOf(linkKey), { appointmentId: claims.appointmentId, messageId: claims.templateId, expiresAt: claims.expiresAt });
  return `${publicUrl.replace(/\/+$/u, '')}${FORM_LINK_PATH}${token}`;
}

export type FormLinkReading = { ok: true; appointmentId: string; templateId: string } | { ok: false; reason: 'forged' | 'expired' };

export function readFormLink(linkKey: Buffer, token: string, now: number): FormLinkReading {
  const reading: LinkReading = readLink(formKeyOf(linkKey), token, now);
  return reading.ok ? { ok: true, appointmentId: reading.claims.appointmentId, templateId: reading.claims.messageId } : reading;
}
