import { z } from 'zod';
import { idSchema } from '../../src-shared/entities';
import { byIdInputSchema } from '../../src-shared/queries';
import { overdueFormsAttention } from '../core/forms/attention';
import { clientForms, formTemplateList, missingForms, visitForms } from '../core/forms/queries';
import { instantSchema } from '../../src-shared/entities';
import { procedure } from './trpc';

/**
 * The screens' reads of intake forms (docs/architecture.md §23); their changes are the registry's
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
};
