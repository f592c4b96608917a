import { z } from 'zod';
import { formFieldSchema, MAX_FORM_FIELDS, type FormField, type FormTemplate } from '../entities';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, name } from './fields';
import { flagOp } from './flagOp';
import { definedOnly, newRecord, plainFieldError, refuseRemoved } from './planning';

/**
 * Intake form templates (docs/architecture.md §27): the owner's questions — text, yes/no, a choice,
 * a date — each maybe required. A service names the templates its visits need; a client fills one
 * in and signs it with their typed name (registry/formResponse.ts).
 */

const fieldsArg = z.array(formFieldSchema).max(MAX_FORM_FIELDS);

/** The questions as a form can use them: at least one, each key once, a choice with options to choose from. */
function checkedFields(fields: readonly FormField[]): FormField[] {
  if (fields.length === 0) plainFieldError('fields', 'form.noQuestions');
  const keys = new Set<string>();
  return fields.map((field, index) => {
    if (keys.has(field.key)) plainFieldError('fields', 'form.repeatedReference', { number: index + 1 });
    keys.add(field.key);
    if (field.kind !== 'choice') return { ...field, choices: [] };
    if (field.choices.length < 2) plainFieldError('fields', 'form.twoOptions', { label: field.label });
    return field;
  });
}

export const formTemplate = declareEntity({
  changedBy: 'owner',
  check: refuseRemoved('removed.formTemplate'),
  ops: {
    create: createOp({
      args: z.strictObject({ name, fields: fieldsArg }),
      wording: { label: 'Form added', verb: 'added', name: 'creation' },
      plan: (args, context): FormTemplate => newRecord(context, { name: args.name, fields: checkedFields(args.fields), archived: false }),
    }),
    update: changeOp({
      args: atLeastOne(z.strictObject({ name: name.optional(), fields: fieldsArg.optional() })),
      wording: { label: 'Form changed', verb: 'changed', name: 'change' },
      plan: (row: FormTemplate, args) => {
        const changed = definedOnly(args);
        return { ...row, ...changed, ...(changed.fields === undefined ? {} : { fields: checkedFields(changed.fields) }) };
      },
    }),
    archive: flagOp<FormTemplate>('archived', true, { label: 'Form archived', verb: 'archived', name: 'archiving' }, 'flag.alreadyArchived'),
    unarchive: flagOp<FormTemplate>('archived', false, { label: 'Form unarchived', verb: 'unarchived', name: 'unarchiving' }, 'flag.notArchived'),
  },
});
