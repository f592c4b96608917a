import { z } from 'zod';
import { byIdInputSchema } from '../../src-shared/queries';
import { overdueFormsAttention } from '../core/forms/attention';
import { clientForms, formTemplateList, missingForms, visitForms } from '../core/forms/queries';
import { idSchema, instantSchema } from '../../src-shared/entities';
import { AppError } from '../../src-shared/errors';
import { readPairing } from '../agents/sync/meta';
import { syncAgentFor } from '../agents/sync/registry';
import { procedure } from './trpc';

/**
 * The screens' reads of intake forms (docs/architecture.md §27); their changes are the registry's
 * ops (formTemplate, formResponse), added beside these in the desk router.
 */

const rangeInputSchema = z.strictObject({ from: instantSchema, to: instantSchema });

export const formTemplateQueries = {
  list: procedure.query(({ ctx }) => formTemplateList(ctx.store)),
};

export const formResponseQueries = {
  ofAppointment: procedure.input(z.strictObject({ appointmentId: idSchema })).query(({ ctx, input }) => visitForms(ctx.store, input.appointmentId)),
  ofClient: procedure.input(byIdInputSchema).query(({ ctx, input }) => clientForms(ctx.store, input.id)),
  /** Visits in [from, to) still missing a signed form (the cards' "Form missing"). */
  missing: procedure.input(rangeInputSchema).query(({ ctx, input }) => missingForms(ctx.store, input.from, input.to)),
  attention: procedure.query(({ ctx }) => overdueFormsAttention(ctx.store, ctx.now())),
  /** The client's link to fill a form ahead: made by the shop server, so only while paired. */
  link: procedure.input(z.strictObject({ appointmentId: idSchema, templateId: idSchema })).query(({ ctx, input }) => {
    if (readPairing(ctx.store) === null) throw new AppError('NOT_FOUND', 'Form links come from the shop server: pair this desk with it to send one.');
    return syncAgentFor(ctx.store).onServer((transport, token) => transport.formLink(token, input));
  }),
};
