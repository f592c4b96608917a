import type http from 'node:http';
import { z } from 'zod';
import { CLIENT_VIA_LINK_ACTOR_ID } from '../../src-shared/clientActor';
import type { Command } from '../../src-shared/commands';
import { idSchema, type FormAnswers, type FormResponse, type FormTemplate } from '../../src-shared/entities';
import { AppError, isAppError } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import type { Queryable } from '../db/connect';
import { readBookingFacts } from '../messages/facts';
import { originate } from '../sync/originate';
import { FORM_LINK_PATH, formLinkFor, readFormLink } from './formLink';
import { formPage, formProblem } from './formPage';
import { formNotePage } from './page';
import { linkedBooking, openedLink, postedForm, send, withinBudget, type LinkRefusals, type LinkServices } from './route';

/**
 * The client's form link, `/f/<token>` (docs/architecture.md §27): GET shows the form for the
 * visit; POST fills it in and signs it with the typed name — one `formResponse.create` (or `sign`,
 * when the desk started the form) that the server originates as the client, through the one
 * rulebook, so a required answer missing or a blank name is refused in the rules' words and the
 * form comes back with what was typed. A signed form is kept as signed: the link then says so.
 */

const MAX_FORM_BYTES = 64 * 1024;

export const formLinkInputSchema = z.strictObject({ appointmentId: idSchema, templateId: idSchema });

async function rowOf<T>(db: Queryable, shopId: string, sql: string, params: unknown[], name: string): Promise<T | null> {
  const found = await db.query<{ data: T }>(sql, [shopId, ...params], name);
  return found.rows[0]?.data ?? null;
}

const templateOf = (db: Queryable, shopId: string, templateId: string) =>
  rowOf<FormTemplate>(db, shopId, "SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'formTemplate' AND id = $2::uuid AND deleted_at IS NULL", [templateId], 'cd_form_template');

const responseOf = (db: Queryable, shopId: string, appointmentId: string, templateId: string) =>
  rowOf<FormResponse>(
    db,
    shopId,
    `SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'formResponse' AND deleted_at IS NULL
        AND data ->> 'appointmentId' = $2 AND data ->> 'templateId' = $3 LIMIT 1`,
    [appointmentId, templateId],
    'cd_form_response',
  );

/** The link a desk hands the client for one form of one visit (the desk's "Form link"), for a device of the visit's shop. */
export async function formLinkOf(services: LinkServices, shopId: string, input: z.output<typeof formLinkInputSchema>): Promise<{ url: string; expiresAt: number }> {
  if (services.key === null || services.publicUrl === undefined) {
    throw new AppError('NOT_FOUND', 'The shop server has no secret key, so it cannot make links for clients. Ask whoever runs it to set CAREDESK_SECRET_KEY.');
  }
  const { appointment } = await readBookingFacts(services.db, shopId, { clientId: null, appointmentId: input.appointmentId });
  const template = await templateOf(services.db, shopId, input.templateId);
  if (appointment === null || appointment.deletedAt !== null) throw new AppError('NOT_FOUND', 'The shop server does not have this appointment yet. Try again once the desk has synced.');
  if (template === null) throw new AppError('NOT_FOUND', 'The shop server does not have this form yet. Try again once the desk has synced.');
  if (appointment.startsAt <= services.now()) throw new AppError('INVALID_TRANSITION', 'This appointment has started: fill the form in at the desk.');
  return { url: formLinkFor(services.key, services.publicUrl, { ...input, expiresAt: appointment.startsAt }), expiresAt: appointment.startsAt };
}

// Before the link names a shop, its pages speak English (as a confirmation link's do).
const formLinkRefusals: LinkRefusals = {
  forged: { status: 403, html: formNotePage('invalid', null) },
  expired: { status: 410, html: formNotePage('expired', null) },
  wrongMethod: { status: 405, html: formNotePage('openFromMessage', null) },
};

/** The answers as the form's questions take them: yes/no as true/false, anything else as typed; blanks left out. */
function answersFrom(template: FormTemplate, posted: URLSearchParams): { answers: FormAnswers; given: Record<string, string> } {
  const answers: FormAnswers = {};
  const given: Record<string, string> = {};
  for (const field of template.fields) {
    const value = posted.get(`a.${field.key}`);
    if (value === null || value === '') continue;
    given[field.key] = value;
    answers[field.key] = field.kind === 'yesNo' ? value === 'yes' : value;
  }
  given.signedName = posted.get('signedName') ?? '';
  return { answers, given };
}

/** Serves one request under /f/. */
export async function serveFormLink(services: LinkServices, req: http.IncomingMessage, res: http.ServerResponse, ip: string): Promise<void> {
  if (!withinBudget(services, res, ip)) return;
  const now = services.now();
  const reading = openedLink(services, req, res, now, FORM_LINK_PATH, readFormLink, formLinkRefusals);
  if (reading === null) return;
  const { appointmentId, templateId } = reading;
  const linked = await linkedBooking(services.db, appointmentId);
  const template = linked === null ? null : await templateOf(services.db, linked.shopId, templateId);
  if (linked === null || template === null) {
    send(res, { status: 404, html: formNotePage('notFound', null) });
    return;
  }
  const { shopId, appointment, booking } = linked;
  const existing = await responseOf(services.db, shopId, appointmentId, templateId);
  if (existing?.status === 'signed') {
    send(res, { status: 200, html: formNotePage('alreadySigned', booking, { name: existing.signedName ?? '' }) });
    return;
  }
  if (req.method === 'GET') {
    send(res, { status: 200, html: formPage(template, booking) });
    return;
  }
  const posted = await postedForm(req, MAX_FORM_BYTES);
  if (posted === null) {
    send(res, { status: 413, html: formNotePage('tooLong', booking) });
    return;
  }
  const { answers, given } = answersFrom(template, posted);
  const signedName = given.signedName ?? '';
  const command: Command =
    existing === null
      ? {
          entityType: 'formResponse',
          op: 'create',
          entityId: newId(),
          expectedVersion: null,
          idempotencyKey: `client-form:${appointmentId}:${templateId}`,
          reason: null,
          args: { templateId, clientId: appointment.clientId, appointmentId, answers, signedName },
        }
      : {
          entityType: 'formResponse',
          op: 'sign',
          entityId: existing.id,
          expectedVersion: existing.version,
          idempotencyKey: `client-form:${existing.id}:sign`,
          reason: null,
          args: { answers, signedName },
        };
  try {
    await originate(
      { db: services.db, shopId, now, ...(services.shopQueue === undefined ? {} : { shopQueue: services.shopQueue }) },
      { command, actorStaffId: CLIENT_VIA_LINK_ACTOR_ID, viaClientLink: true },
    );
    send(res, { status: 200, html: formNotePage('signed', booking, { form: template.name }) });
  } catch (error) {
    if (!isAppError(error) || error.retryable) throw error;
    services.log.info({ code: error.code, shopId }, 'form link refused');
    // What to correct, in the shop's language, with everything typed kept.
    const problem = formProblem(template, booking, error.details?.field, given, error.message);
    send(res, { status: error.code === 'VALIDATION_ERROR' ? 400 : 409, html: formPage(template, booking, given, problem) });
  }
}
