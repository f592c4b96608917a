import { z } from 'zod';
import { idSchema, instantSchema, type Block, type TimeOff } from '../entities';
import type { SayKey } from '../say';
import { text } from '../text';
import { changeOp, createOp } from './declare';
import { none } from './fields';
import { invalid, newRecord, plainFieldError, type PlanContext, type Refs } from './planning';

/**
 * What time off and blocked time share: a stretch of one staff member's time, of some kind, with a
 * note, that ends after it starts and is not longer than its kind allows, and is removed (never
 * deleted) like every record.
 */

type StaffTime = TimeOff | Block;

export const staffTimeNote = text(500);

/** The args that create one: whose time, what kind, from when to when, and a note. */
const staffTimeArgs = <K extends z.ZodEnum>(kind: K) =>
  z.strictObject({ staffId: idSchema, kind, startsAt: instantSchema, endsAt: instantSchema, note: staffTimeNote.optional() });

/** The stretch's own rules across fields, on the row it would become. */
export function checkedStretch(longestMs: number, tooLong: SayKey) {
  return <R extends StaffTime>(row: R): R => {
    if (row.endsAt <= row.startsAt) plainFieldError('endsAt', 'staffTime.endAfterStart');
    if (row.endsAt - row.startsAt > longestMs) plainFieldError('endsAt', tooLong);
    return row;
  };
}

/** The new record a create makes of its args. */
function newStaffTime<K extends string>(
  context: PlanContext,
  args: { staffId: string; kind: K; startsAt: number; endsAt: number; note?: string | undefined },
) {
  return newRecord(context, { staffId: args.staffId, kind: args.kind, startsAt: args.startsAt, endsAt: args.endsAt, note: args.note ?? '' });
}

/** Adding one: for a staff member `whose` accepts, checked by its kind's own rules. */
export function addStaffTime<R extends StaffTime>(
  kind: z.ZodEnum<{ [V in R['kind']]: V }>,
  title: string,
  whose: (refs: Refs, staffId: string) => unknown,
  checked: (row: ReturnType<typeof newStaffTime<R['kind']>>) => R,
) {
  return createOp({
    args: staffTimeArgs(kind),
    wording: { label: `${title} added`, verb: 'added', name: 'creation' },
    plan: (args, context): R => {
      whose(context.refs, args.staffId);
      return checked(newStaffTime(context, args));
    },
  });
}

/** Removing one: a soft delete, refused when it is already removed. */
export function removeStaffTime<R extends StaffTime>(title: string, alreadyRemoved: SayKey) {
  return changeOp({
    args: none,
    wording: { label: `${title} removed`, verb: 'removed', name: 'removal' },
    plan: (row: R, _args, { now }) => {
      if (row.deletedAt !== null) invalid(alreadyRemoved);
      return { ...row, deletedAt: now };
    },
  });
}
