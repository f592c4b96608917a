import { z } from 'zod';
import { formAnswersSchema, idSchema, type FormAnswers, type FormField, type FormResponse } from '../entities';
import { refuse } from '../refuse';
import { isValidLocalDate } from '../time';
import { changeOp, createOp, declareEntity } from './declare';
import { newRecord, plainFieldError, requireClient, type PlanContext } from './planning';

/**
 * A client's intake form for one visit (docs/architecture.md §27): started from a template (its
 * questions copied), answered, and signed with the client's typed name. Signed, it is kept as
 * signed: every later change, undo included, is FORM_SIGNED. The client may fill and sign it
 * themself through the form link the shop server serves (`byClient`).
 */

/** Refuses any change to a signed form, in words. */
export function refuseSignedForm(current: FormResponse | null): void {
  if (current?.status === 'signed') {
    throw refuse('FORM_SIGNED', 'form.signed', { name: current.signedName ?? { key: 'form.theClient' } }, { field: 'answers' });
  }
}

/** The answers the questions allow: each to a question of the form, of its kind; for signing, every required one given. */
export function checkedAnswers(fields: readonly FormField[], answers: FormAnswers, complete: boolean): FormAnswers {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const kept: FormAnswers = {};
  for (const [key, answer] of Object.entries(answers)) {
    const field = byKey.get(key);
    if (field === undefined) plainFieldError('answers', 'form.unknownQuestion');
    const fits =
      field.kind === 'yesNo'
        ? typeof answer === 'boolean'
        : typeof answer === 'string' &&
          (answer === '' || field.kind === 'text' || (field.kind === 'choice' ? field.choices.includes(answer) : isValidLocalDate(answer)));
    if (!fits) plainFieldError(`answers.${key}`, field.kind === 'date' ? 'form.giveDate' : field.kind === 'choice' ? 'form.chooseOption' : 'form.yesOrNo', { label: field.label });
    if (answer !== '') kept[key] = answer;
  }
  if (complete) {
    const missing = fields.find((field) => field.required && kept[field.key] === undefined);
    if (missing !== undefined) plainFieldError(`answers.${missing.key}`, 'form.needsAnswer', { label: missing.label });
  }
  return kept;
}

const signature = z.string().max(200);

/** The typed name that signs: the client's own words, not blank. */
function checkedSignature(signedName: string): string {
  const trimmed = signedName.trim();
  if (trimmed === '') plainFieldError('signedName', 'form.typeSignature');
  return trimmed;
}

function signed(row: FormResponse, answers: FormAnswers, signedName: string, { now }: Pick<PlanContext, 'now'>): FormResponse {
  return { ...row, answers: checkedAnswers(row.fields, answers, true), status: 'signed', signedName: checkedSignature(signedName), signedAt: now };
}

export const formResponse = declareEntity({
  changedBy: 'anyone',
  check: (current: FormResponse | null) => refuseSignedForm(current),
  ops: {
    /** Starts the form for a visit; with a signature it is filled and signed at once (at the desk or by link). */
    create: createOp({
      args: z.strictObject({
        templateId: idSchema,
        clientId: idSchema,
        appointmentId: idSchema,
        answers: formAnswersSchema.optional(),
        signedName: signature.optional(),
      }),
      byClient: true,
      wording: { label: 'Form filled in', verb: 'filled in', name: 'filling in' },
      plan: (args, context): FormResponse => {
        const { refs } = context;
        const template = refs.formTemplate;
        if (!template || template.id !== args.templateId || template.deletedAt !== null) {
          throw refuse('NOT_FOUND', 'form.noForm', undefined, { field: 'templateId' });
        }
        requireClient(refs, args.clientId);
        const visit = refs.appointment;
        if (!visit || visit.id !== args.appointmentId || visit.deletedAt !== null) {
          throw refuse('NOT_FOUND', 'form.noAppointment', undefined, { field: 'appointmentId' });
        }
        if (visit.clientId !== args.clientId) plainFieldError('appointmentId', 'form.otherClients');
        const open: FormResponse = newRecord(context, {
          templateId: template.id,
          clientId: args.clientId,
          appointmentId: visit.id,
          templateName: template.name,
          fields: template.fields,
          answers: checkedAnswers(template.fields, args.answers ?? {}, false),
          status: 'open' as const,
          signedName: null,
          signedAt: null,
        });
        return args.signedName === undefined ? open : signed(open, args.answers ?? {}, args.signedName, context);
      },
    }),
    answer: changeOp({
      args: z.strictObject({ answers: formAnswersSchema }),
      byClient: true,
      wording: { label: 'Form answers changed', verb: 'changed the answers of', name: 'change of answers' },
      plan: (row: FormResponse, args) => ({ ...row, answers: checkedAnswers(row.fields, args.answers, false) }),
    }),
    sign: changeOp({
      args: z.strictObject({ answers: formAnswersSchema, signedName: signature }),
      byClient: true,
      wording: { label: 'Form signed', verb: 'signed', name: 'signature' },
      plan: (row: FormResponse, args, context) => signed(row, args.answers, args.signedName, context),
    }),
  },
});
