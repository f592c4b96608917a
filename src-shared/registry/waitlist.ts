import { z } from 'zod';
import { clockTimeSchema, idSchema, localDateSchema, type WaitlistEntry } from '../entities';
import { text } from '../text';
import { addDays } from '../time';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, none } from './fields';
import { definedOnly, invalid, newRecord, plainFieldError, refuseRemoved, requireClient, requireService, requireStaff, type Refs } from './planning';

/**
 * The waitlist: a client who wants a service in a window of days and times (with someone, or
 * anyone who does it). When time frees up in a window, the desk shows the entries it fits
 * (src-shared/waitlistFit.ts); booking one marks the entry booked, naming the booking.
 */

/** A client waits at most three months ahead: a longer wish is a standing appointment. */
const LONGEST_WAIT_DAYS = 92;
const note = text(500);

/** The entry's own rules across fields, on the row it would become. */
function checked(row: WaitlistEntry, refs: Refs): WaitlistEntry {
  requireClient(refs, row.clientId);
  requireService(refs, row.serviceId);
  if (row.staffId !== null) requireStaff(refs, row.staffId);
  if (row.toDate < row.fromDate) plainFieldError('toDate', 'waitlist.lastBeforeFirst');
  if (row.toDate > addDays(row.fromDate, LONGEST_WAIT_DAYS))
    plainFieldError('toDate', 'waitlist.tooLong');
  if (row.toTime <= row.fromTime) plainFieldError('toTime', 'waitlist.latestBeforeEarliest');
  return row;
}

const windowFields = {
  fromDate: localDateSchema,
  toDate: localDateSchema,
  fromTime: clockTimeSchema,
  toTime: clockTimeSchema,
};

export const waitlist = declareEntity({
  changedBy: 'anyone',
  check: refuseRemoved('removed.waitlist'),
  ops: {
    create: createOp({
      args: z.strictObject({
        clientId: idSchema,
        serviceId: idSchema,
        staffId: idSchema.nullable().optional(),
        ...windowFields,
        note: note.optional(),
      }),
      wording: { label: 'Added to the waitlist', verb: 'added to the waitlist', name: 'creation', sentence: 'added {record} to the waitlist' },
      plan: (args, context): WaitlistEntry =>
        checked(
          newRecord(context, {
            clientId: args.clientId,
            serviceId: args.serviceId,
            staffId: args.staffId ?? null,
            fromDate: args.fromDate,
            toDate: args.toDate,
            fromTime: args.fromTime,
            toTime: args.toTime,
            note: args.note ?? '',
            status: 'waiting' as const,
            appointmentId: null,
          }),
          context.refs,
        ),
    }),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          serviceId: idSchema.optional(),
          staffId: idSchema.nullable().optional(),
          fromDate: localDateSchema.optional(),
          toDate: localDateSchema.optional(),
          fromTime: clockTimeSchema.optional(),
          toTime: clockTimeSchema.optional(),
          note: note.optional(),
        }),
      ),
      wording: { label: 'Waitlist entry changed', verb: 'changed', name: 'change', sentence: 'changed {record} on the waitlist' },
      plan: (row: WaitlistEntry, args, { refs }) => checked({ ...row, ...definedOnly(args) }, refs),
    }),
    markBooked: changeOp({
      args: z.strictObject({ appointmentId: idSchema }),
      wording: { label: 'Booked from the waitlist', verb: 'booked from the waitlist', name: 'booking', alone: true, sentence: 'booked {record} from the waitlist' },
      plan: (row: WaitlistEntry, args) => {
        if (row.status !== 'waiting') invalid('waitlist.alreadyBooked');
        return { ...row, status: 'booked' as const, appointmentId: args.appointmentId };
      },
    }),
    delete: changeOp({
      args: none,
      wording: { label: 'Removed from the waitlist', verb: 'removed from the waitlist', name: 'removal', alone: true, sentence: 'removed {record} from the waitlist' },
      plan: (row: WaitlistEntry, _args, { now }) => ({ ...row, deletedAt: now }),
    }),
  },
});
