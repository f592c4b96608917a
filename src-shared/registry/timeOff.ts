import { z } from 'zod';
import { idSchema, instantSchema, timeOffKindSchema, type TimeOff } from '../entities';
import { text } from '../text';
import { MINUTE_MS } from '../time';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, none } from './fields';
import { definedOnly, invalid, newRecord, plainFieldError, refuseRemoved, requireStaffMember } from './planning';

/**
 * A staff member's time away (holiday, sickness, training, personal) or extra hours beyond their
 * rota, the owner's to record. It changes when the person works (src-shared/schedule.ts), so the
 * booking rules read it; it never moves a booking by itself.
 */

/** A year and a day: a longer absence is recorded as more than one. */
export const LONGEST_TIME_OFF_MS = 367 * 24 * 60 * MINUTE_MS;
const note = text(500);

/** The time off's own rules across fields, on the row it would become. */
function checked(row: TimeOff): TimeOff {
  if (row.endsAt <= row.startsAt) plainFieldError('endsAt', 'End time must be after the start time.');
  if (row.endsAt - row.startsAt > LONGEST_TIME_OFF_MS)
    plainFieldError('endsAt', 'End time is more than a year after the start: record time off that long as more than one entry.');
  return row;
}

export const timeOff = declareEntity({
  noun: 'time off',
  aNoun: 'a time off',
  title: 'Time off',
  changedBy: 'owner',
  check: refuseRemoved('This time off was removed.'),
  ops: {
    create: createOp({
      args: z.strictObject({
        staffId: idSchema,
        kind: timeOffKindSchema,
        startsAt: instantSchema,
        endsAt: instantSchema,
        note: note.optional(),
      }),
      wording: { label: 'Time off added', verb: 'added', name: 'creation' },
      plan: (args, context): TimeOff => {
        requireStaffMember(context.refs, args.staffId);
        return checked(
          newRecord(context, {
            staffId: args.staffId,
            kind: args.kind,
            startsAt: args.startsAt,
            endsAt: args.endsAt,
            note: args.note ?? '',
          }),
        );
      },
    }),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          kind: timeOffKindSchema.optional(),
          startsAt: instantSchema.optional(),
          endsAt: instantSchema.optional(),
          note: note.optional(),
        }),
      ),
      wording: { label: 'Time off changed', verb: 'changed', name: 'change' },
      plan: (row: TimeOff, args) => checked({ ...row, ...definedOnly(args) }),
    }),
    delete: changeOp({
      args: none,
      wording: { label: 'Time off removed', verb: 'removed', name: 'removal' },
      plan: (row: TimeOff, _args, { now }) => {
        if (row.deletedAt !== null) invalid('This time off is already removed.');
        return { ...row, deletedAt: now };
      },
    }),
  },
});
