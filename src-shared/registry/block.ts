import { z } from 'zod';
import { blockKindSchema, idSchema, instantSchema, type Block } from '../entities';
import { MINUTE_MS } from '../time';
import { changeOp, declareEntity } from './declare';
import { MAX_DURATION_MIN } from './fields';
import { refuseRemoved, requireStaff } from './planning';
import { addStaffTime, checkedStretch, removeStaffTime } from './staffTime';

/**
 * Time blocked on a staff member's column (lunch, a meeting, cleaning): anyone at the desk sets
 * one, and it holds the person's time as a booking does (src-shared/slots.ts), so no booking may
 * meet it and it may not be put on a booking.
 */

/** A block is part of a day: as long as the longest booking, so the slot scan that finds bookings finds blocks too. */
export const LONGEST_BLOCKED_MS = MAX_DURATION_MIN * MINUTE_MS;
const checked = checkedStretch(LONGEST_BLOCKED_MS, 'staffTime.blockTooLong');

export const block = declareEntity({
  changedBy: 'anyone',
  check: refuseRemoved('removed.block'),
  ops: {
    create: addStaffTime<Block>(blockKindSchema, 'Blocked time', requireStaff, checked),
    move: changeOp({
      args: z.strictObject({
        startsAt: instantSchema,
        endsAt: instantSchema,
        staffId: idSchema.optional(),
      }),
      wording: { label: 'Blocked time moved', verb: 'moved', name: 'move' },
      plan: (row: Block, args, { refs }) => {
        const staffId = args.staffId ?? row.staffId;
        requireStaff(refs, staffId);
        return checked({ ...row, staffId, startsAt: args.startsAt, endsAt: args.endsAt });
      },
    }),
    delete: removeStaffTime<Block>('Blocked time', 'staffTime.alreadyRemoved.block'),
  },
});
