import { z } from 'zod';
import { phoneProblem } from '../contacts';
import { localDateSchema, messageChannelSchema, NO_CONSENT, type Client } from '../entities';
import { shopCountry } from '../peopleSearch';
import { erasedClientFields } from '../erasure';
import { text } from '../text';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, email, name, none, notes, phone } from './fields';
import { definedOnly, invalid, newRecord, plainFieldError, type Refs } from './planning';

/** The client's alerts: shown on the card, in the booking dialog and the drawer. */
const allergies = text(500);
const preferences = text(500);
const patchTestOn = localDateSchema.nullable();
const alerts = { allergies: allergies.optional(), patchTestOn: patchTestOn.optional(), preferences: preferences.optional() };

/** A number that cannot be a phone number is refused with the reason, read for the shop's country (docs/architecture.md §17). */
function checkedContacts<C extends Pick<Client, 'phone'>>(row: C, refs: Refs): C {
  if (row.phone === null || row.phone === '') return row;
  const problem = phoneProblem(row.phone, shopCountry(refs.settings?.timeZone));
  if (problem !== null) plainFieldError('phone', 'client.badPhone', { phone: row.phone, problem });
  return row;
}

/** The shop's clients: anyone signed in adds and edits them; a deleted client can be restored. */

export const client = declareEntity({
  changedBy: 'anyone',
  // An erased client keeps only the shape of their history: nothing may change them again.
  check: (current: Client | null) => {
    if (current !== null && current.erasedAt !== null) invalid('client.erased');
  },
  ops: {
    create: createOp({
      args: z.strictObject({ name, phone: phone.optional(), email: email.optional(), notes: notes.optional(), ...alerts }),
      wording: { label: 'Client added', verb: 'added', name: 'creation' },
      plan: (args, context): Client =>
        checkedContacts(
          newRecord(context, {
            name: args.name,
            phone: args.phone ?? null,
            email: args.email ?? null,
            notes: args.notes ?? '',
            allergies: args.allergies ?? '',
            patchTestOn: args.patchTestOn ?? null,
            preferences: args.preferences ?? '',
            consent: NO_CONSENT,
            erasedAt: null,
          }),
          context.refs,
        ),
    }),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          name: name.optional(),
          phone: phone.optional(),
          email: email.optional(),
          notes: notes.optional(),
          ...alerts,
        }),
      ),
      wording: { label: 'Client updated', verb: 'updated', name: 'update' },
      plan: (row: Client, args, { refs }) => {
        if (row.deletedAt !== null) invalid('client.deleted');
        return args.phone === undefined ? { ...row, ...definedOnly(args) } : checkedContacts({ ...row, ...definedOnly(args) }, refs);
      },
    }),
    recordConsent: changeOp({
      args: z.strictObject({ channel: messageChannelSchema, given: z.boolean() }),
      wording: { label: 'Message consent recorded', verb: 'recorded the message consent of', name: 'consent' },
      // Who and when are kept on the row too, so the client's card says it without reading history.
      plan: (row: Client, args, { judgedAt, actorStaffId }) => {
        if (row.deletedAt !== null) invalid('client.deleted');
        return { ...row, consent: { ...row.consent, [args.channel]: { given: args.given, at: judgedAt, by: actorStaffId } } };
      },
    }),
    delete: changeOp({
      args: none,
      wording: { label: 'Client deleted', verb: 'deleted', name: 'deletion' },
      plan: (row: Client, _args, { now }) => {
        if (row.deletedAt !== null) invalid('client.alreadyDeleted');
        return { ...row, deletedAt: now };
      },
    }),
    restore: changeOp({
      args: none,
      wording: { label: 'Client restored', verb: 'restored', name: 'restore' },
      plan: (row: Client) => {
        if (row.deletedAt === null) invalid('client.notDeleted');
        return { ...row, deletedAt: null };
      },
    }),
    /**
     * The right to be forgotten (docs/architecture.md §28): the owner only, with a reason. The row
     * loses every personal detail and leaves the lists; the rulebook has each store scrub every
     * other copy (history, payloads, messages) in the same transaction. Never undone.
     */
    erase: changeOp({
      args: none,
      reasonRequired: true,
      changedBy: 'owner',
      erasure: true,
      wording: { label: 'Client erased', verb: 'erased', name: 'erasure' },
      plan: (row: Client, _args, { now }) => ({ ...row, ...erasedClientFields, erasedAt: now, deletedAt: row.deletedAt ?? now }),
    }),
  },
});
