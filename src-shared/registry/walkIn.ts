import { z } from 'zod';
import { idSchema, type WalkIn } from '../entities';
import { text } from '../text';
import { changeOp, createOp, declareEntity } from './declare';
import { name as nameField, none } from './fields';
import { invalid, newRecord, plainFieldError, refuseRemoved, requireClient, requireService, requireStaff } from './planning';

/**
 * Walk-ins: a client who came in without a booking joins today's queue for a service (with someone,
 * or the next free person who does it). Seating books them into the next free time through the
 * ordinary booking (src-main/core/walkIns/seat.ts) and marks them seated; one who leaves unserved is
 * recorded as having left, so the shop sees the custom it lost.
 */

const note = text(500);

export const walkIn = declareEntity({
  changedBy: 'anyone',
  check: refuseRemoved('removed.walkIn'),
  ops: {
    create: createOp({
      args: z.strictObject({
        clientId: idSchema.nullable().optional(),
        name: nameField.optional(),
        serviceId: idSchema,
        staffId: idSchema.nullable().optional(),
        note: note.optional(),
      }),
      wording: { label: 'Walk-in arrived', verb: 'added', name: 'arrival', sentence: 'added {record} to the walk-in queue' },
      plan: (args, context): WalkIn => {
        const { refs } = context;
        const client = args.clientId == null ? null : requireClient(refs, args.clientId);
        const name = args.name ?? client?.name;
        if (name === undefined) plainFieldError('name', 'walkIn.nameOrClient');
        requireService(refs, args.serviceId);
        if (args.staffId != null) requireStaff(refs, args.staffId);
        return newRecord(context, {
          clientId: args.clientId ?? null,
          name,
          serviceId: args.serviceId,
          staffId: args.staffId ?? null,
          arrivedAt: context.now,
          status: 'waiting' as const,
          appointmentId: null,
          note: args.note ?? '',
        });
      },
    }),
    seat: changeOp({
      args: z.strictObject({ appointmentId: idSchema, clientId: idSchema }),
      wording: { label: 'Walk-in seated', verb: 'seated', name: 'seating', alone: true, sentence: 'seated the walk-in {record}' },
      plan: (row: WalkIn, args) => {
        if (row.status !== 'waiting') invalid('walkIn.notWaiting', undefined, { status: row.status });
        return { ...row, status: 'seated' as const, appointmentId: args.appointmentId, clientId: args.clientId };
      },
    }),
    leave: changeOp({
      args: none,
      wording: { label: 'Walk-in left unserved', verb: 'recorded as left unserved', name: 'leaving', alone: true, sentence: 'recorded that {record} left without being seen' },
      plan: (row: WalkIn) => {
        if (row.status !== 'waiting') invalid('walkIn.notWaiting', undefined, { status: row.status });
        return { ...row, status: 'left' as const };
      },
    }),
  },
});
