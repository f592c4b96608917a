import { z } from 'zod';
import { idempotencyKeySchema, opSchemas, pinSchema, reasonSchema, undoArgsSchema } from './commands';
import { idSchema } from './entities';

/**
 * What a caller (the renderer) sends for each command: the op's args flattened beside the
 * idempotency key, the id and expected version of an existing record, and an optional reason.
 */

const createBase = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.optional(),
  /** A caller may choose the new record's id (so it can refer to it before the answer arrives). */
  id: idSchema.optional(),
});
const changeBase = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.optional(),
  id: idSchema,
  expectedVersion: z.int().min(1),
});

// Generic over the shape itself (not the schema): `args.shape` of a schema-typed parameter would
// widen to any field, and every caller's input type with it.
const createInput = <Shape extends z.core.$ZodLooseShape>(args: z.ZodObject<Shape, z.core.$strict>) =>
  createBase.extend(args.shape);
const changeInput = <Shape extends z.core.$ZodLooseShape>(args: z.ZodObject<Shape, z.core.$strict>) =>
  changeBase.extend(args.shape);
const undoInput = changeInput(undoArgsSchema);

/** Staff PINs arrive as digits and are hashed in the main process; a hash is never accepted from outside. */
const pinField = { pin: pinSchema.nullable().optional() };

const { appointment, client, staff, service, settings } = opSchemas;

export const commandInputs = {
  appointment: {
    create: createInput(appointment.create),
    reschedule: changeInput(appointment.reschedule),
    changeService: changeInput(appointment.changeService),
    updateNotes: changeInput(appointment.updateNotes),
    cancel: changeInput(appointment.cancel).extend({ reason: reasonSchema.min(1, { message: 'is required' }) }),
    restore: changeInput(appointment.restore),
    markNoShow: changeInput(appointment.markNoShow),
    clearNoShow: changeInput(appointment.clearNoShow),
    delete: changeInput(appointment.delete),
    undelete: changeInput(appointment.undelete),
    undo: undoInput,
  },
  client: {
    create: createInput(client.create),
    update: changeInput(client.update),
    delete: changeInput(client.delete),
    restore: changeInput(client.restore),
    undo: undoInput,
  },
  staff: {
    create: createInput(staff.create.omit({ pinHash: true })).extend(pinField),
    update: changeInput(z.strictObject(staff.update.shape).omit({ pinHash: true })).extend(pinField),
    deactivate: changeInput(staff.deactivate),
    reactivate: changeInput(staff.reactivate),
    undo: undoInput,
  },
  service: {
    create: createInput(service.create),
    update: changeInput(service.update),
    archive: changeInput(service.archive),
    unarchive: changeInput(service.unarchive),
    undo: undoInput,
  },
  settings: {
    create: createInput(settings.create),
    update: changeInput(settings.update),
    undo: undoInput,
  },
} as const;

/** Split a flattened input back into the command's parts. */
export function splitInput(input: Record<string, unknown>): {
  idempotencyKey: string;
  id: string | undefined;
  expectedVersion: number | null;
  reason: string | null;
  args: Record<string, unknown>;
} {
  const { idempotencyKey, id, expectedVersion, reason, ...args } = input;
  return {
    idempotencyKey: idempotencyKey as string,
    id: id as string | undefined,
    expectedVersion: (expectedVersion as number | undefined) ?? null,
    reason: (reason as string | undefined) ?? null,
    args,
  };
}
