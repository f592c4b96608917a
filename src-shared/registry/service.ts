import { z } from 'zod';
import type { Service } from '../entities';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, bufferAfterMin, durationMin, name, none, priceCents } from './fields';
import { definedOnly, invalid, newRecord, refuseRemoved } from './planning';

/** What the shop offers, the owner's to change; an archived service takes no new bookings. */

export const service = declareEntity({
  noun: 'service',
  aNoun: 'a service',
  title: 'Service',
  changedBy: 'owner',
  check: refuseRemoved('This service was removed.'),
  ops: {
    create: createOp({
      args: z.strictObject({
        name,
        durationMin,
        bufferAfterMin: bufferAfterMin.optional(),
        priceCents: priceCents.optional(),
      }),
      wording: { label: 'Service added', verb: 'added', name: 'creation' },
      plan: (args, context): Service =>
        newRecord(context, {
          name: args.name,
          category: null,
          colour: null,
          durationMin: args.durationMin,
          bufferBeforeMin: 0,
          bufferAfterMin: args.bufferAfterMin ?? 0,
          priceCents: args.priceCents ?? null,
          archived: false,
          performedBy: null,
        }),
    }),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          name: name.optional(),
          durationMin: durationMin.optional(),
          bufferAfterMin: bufferAfterMin.optional(),
          priceCents: priceCents.optional(),
        }),
      ),
      wording: { label: 'Service updated', verb: 'updated', name: 'update' },
      plan: (row: Service, args) => ({ ...row, ...definedOnly(args) }),
    }),
    archive: changeOp({
      args: none,
      wording: { label: 'Service archived', verb: 'archived', name: 'archiving' },
      plan: (row: Service) => {
        if (row.archived) invalid(`${row.name} is already archived.`);
        return { ...row, archived: true };
      },
    }),
    unarchive: changeOp({
      args: none,
      wording: { label: 'Service unarchived', verb: 'unarchived', name: 'unarchiving' },
      plan: (row: Service) => {
        if (!row.archived) invalid(`${row.name} is not archived.`);
        return { ...row, archived: false };
      },
    }),
  },
});
