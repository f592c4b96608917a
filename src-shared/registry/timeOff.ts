import { z } from 'zod';
import { instantSchema, timeOffKindSchema, type TimeOff } from '../entities';
import { MINUTE_MS } from '../time';
import { changeOp, declareEntity } from './declare';
import { atLeastOne } from './fields';
import { definedOnly, refuseRemoved, requireStaffMember } from './planning';
import { addStaffTime, checkedStretch, removeStaffTime, staffTimeNote } from './staffTime';

/**
 * A staff member's time away (holiday, sickness, training, personal) or extra hours beyond their
 * rota, the owner's to record. It changes when the person works (src-shared/schedule.ts), so the
 * booking rules read it; it never moves a booking by itself.
 */

/** A year and a day: a longer absence is recorded as more than one. */
export const LONGEST_TIME_OFF_MS = 367 * 24 * 60 * MINUTE_MS;
/** The time off's own rules across fields, on the row it would become. */
const checked = checkedStretch(LONGEST_TIME_OFF_MS, 'staffTime.timeOffTooLong');

export const timeOff = declareEntity({
  changedBy: 'owner',
  check: refuseRemoved('removed.timeOff'),
  ops: {
    create: addStaffTime<TimeOff>(timeOffKindSchema, 'Time off', requireStaffMember, checked),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          kind: timeOffKindSchema.optional(),
          startsAt: instantSchema.optional(),
          endsAt: instantSchema.optional(),
          note: staffTimeNote.optional(),
        }),
      ),
      wording: { label: 'Time off changed', verb: 'changed', name: 'change' },
      plan: (row: TimeOff, args) => checked({ ...row, ...definedOnly(args) }),
    }),
    delete: removeStaffTime<TimeOff>('Time off', 'staffTime.alreadyRemoved.timeOff'),
  },
});
