import { z } from 'zod';
import { localDateSchema, type Client } from '../entities';
import { text } from '../text';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, email, name, none, notes, phone } from './fields';
import { definedOnly, invalid, newRecord } from './planning';

/** The client's alerts: shown on the card, in the booking dialog and the drawer. */
const allergies = text(500);
const preferences = text(500);
const patchTestOn = localDateSchema.nullable();
const alerts = { allergies: allergies.optional(), patchTestOn: patchTestOn.optional(), preferences: preferences.optional() };

/** The shop's clients: anyone signed in adds and edits them; a deleted client can be restored. */

export const client = declareEntity({
  noun: 'client',
  aNoun: 'a client',
  title: 'Client',
  changedBy: 'anyone',
  ops: {
    create: createOp({
      args: z.strictObject({ name, phone: phone.optional(), email: email.optional(), notes: notes.optional(), ...alerts }),
      wording: { label: 'Client added', verb: 'added', name: 'creation' },
      plan: (args, context): Client =>
        newRecord(context, {
          name: args.name,
          phone: args.phone ?? null,
          email: args.email ?? null,
          notes: args.notes ?? '',
          allergies: args.allergies ?? '',
          patchTestOn: args.patchTestOn ?? null,
          preferences: args.preferences ?? '',
        }),
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
      plan: (row: Client, args) => {
        if (row.deletedAt !== null) invalid('This client was deleted. Restore the client first.');
        return { ...row, ...definedOnly(args) };
      },
    }),
    delete: changeOp({
      args: none,
      wording: { label: 'Client deleted', verb: 'deleted', name: 'deletion' },
      plan: (row: Client, _args, { now }) => {
        if (row.deletedAt !== null) invalid('This client is already deleted.');
        return { ...row, deletedAt: now };
      },
    }),
    restore: changeOp({
      args: none,
      wording: { label: 'Client restored', verb: 'restored', name: 'restore' },
      plan: (row: Client) => {
        if (row.deletedAt === null) invalid('This client is not deleted.');
        return { ...row, deletedAt: null };
      },
    }),
  },
});
