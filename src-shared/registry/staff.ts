import { z } from 'zod';
import { staffRoleSchema, type Staff } from '../entities';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, colour, name, pinHash, pinSchema } from './fields';
import { flagOp } from './flagOp';
import { checkedWorkingHours, workingHoursArgs } from './hours';
import { definedOnly, newRecord, refuseRemoved } from './planning';

/**
 * The shop's staff, the owner's to change. A PIN arrives from a caller as digits (`pin`) and is
 * hashed in the main process: a caller never sends, and the router never accepts, a `pinHash`.
 */

const pinField = { pin: pinSchema.nullable().optional() };

export const staff = declareEntity({
  changedBy: 'owner',
  check: refuseRemoved('removed.staff'),
  ops: {
    create: createOp({
      args: z.strictObject({ name, colour, role: staffRoleSchema, pinHash: pinHash.optional() }),
      input: (base) => base.omit({ pinHash: true }).extend(pinField),
      wording: { label: 'Staff added', verb: 'added', name: 'creation' },
      plan: (args, context): Staff =>
        newRecord(context, {
          name: args.name,
          colour: args.colour,
          role: args.role,
          pinHash: args.pinHash ?? null,
          active: true,
          workingHours: null,
        }),
    }),
    update: changeOp({
      args: atLeastOne(
        z.strictObject({
          name: name.optional(),
          colour: colour.optional(),
          role: staffRoleSchema.optional(),
          pinHash: pinHash.optional(),
        }),
      ),
      input: (base) => base.omit({ pinHash: true }).extend(pinField),
      wording: { label: 'Staff updated', verb: 'updated', name: 'update' },
      plan: (row: Staff, args) => ({ ...row, ...definedOnly(args) }),
    }),
    setWorkingHours: changeOp({
      args: z.strictObject({ workingHours: workingHoursArgs.nullable() }),
      wording: { label: 'Working hours changed', verb: 'changed the working hours of', name: 'working hours change' },
      plan: (row: Staff, args) => ({
        ...row,
        workingHours: args.workingHours === null ? null : checkedWorkingHours(args.workingHours),
      }),
    }),
    /**
     * The signed-in member changes their own PIN: the desk checks the current PIN against the
     * stored hash and hashes the new one (src-main/core/commands/hashedPinCommand.ts) before this.
     */
    changeOwnPin: changeOp({
      args: z.strictObject({ pinHash: pinHash.unwrap() }),
      input: (base) => base.omit({ pinHash: true }).extend({ currentPin: pinSchema.nullable(), pin: pinSchema }),
      changedBy: 'self',
      wording: { label: 'PIN changed', verb: 'changed the PIN of', name: 'PIN change' },
      plan: (row: Staff, args) => ({ ...row, pinHash: args.pinHash }),
    }),
    deactivate: flagOp<Staff>('active', false, { label: 'Staff deactivated', verb: 'deactivated', name: 'deactivation' }, 'flag.alreadyInactive'),
    reactivate: flagOp<Staff>('active', true, { label: 'Staff reactivated', verb: 'reactivated', name: 'reactivation' }, 'flag.alreadyActive'),
  },
});
