import { z } from 'zod';
import {
  idempotencyKeySchema,
  opSchemas,
  pinSchema,
  reasonRequiredOps,
  reasonSchema,
  undoArgsSchema,
  type OpSchemas,
} from './commands';
import { idSchema, type EntityType } from './entities';

/**
 * What a caller (the renderer) sends for each command: the op's args flattened beside the
 * idempotency key, the id and expected version of an existing record, and an optional reason.
 */

const baseFields = {
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.optional(),
};

const argsShape = (schema: z.ZodType) => (schema as unknown as z.ZodObject).shape;

function inputFor<S extends z.ZodObject>(entityType: EntityType, op: string, args: S) {
  const reason = reasonRequiredOps.has(`${entityType}.${op}`)
    ? reasonSchema.min(1, { message: 'a reason is required' })
    : reasonSchema.optional();
  if (op === 'create') {
    return z.strictObject({ ...baseFields, reason, id: idSchema.optional(), ...args.shape });
  }
  return z.strictObject({ ...baseFields, reason, id: idSchema, expectedVersion: z.int().min(1), ...args.shape });
}

type Shape<E extends EntityType, O extends keyof OpSchemas[E]> = OpSchemas[E][O] extends z.ZodObject
  ? OpSchemas[E][O]
  : z.ZodObject;

function inputsOf<E extends EntityType>(entityType: E) {
  const ops = opSchemas[entityType] as Record<string, z.ZodType>;
  return Object.fromEntries(
    Object.entries(ops).map(([op, schema]) => [op, inputFor(entityType, op, z.strictObject(argsShape(schema)))]),
  ) as { [O in keyof OpSchemas[E]]: ReturnType<typeof inputFor<Shape<E, O>>> };
}

/** Staff PINs arrive as digits and are hashed in the main process; a hash is never accepted from outside. */
function withPin<S extends z.ZodObject>(schema: S) {
  return schema.omit({ pinHash: true } as never).extend({ pin: pinSchema.nullable().optional() });
}

const staffInputs = inputsOf('staff');

export const commandInputs = {
  appointment: { ...inputsOf('appointment'), undo: inputFor('appointment', 'undo', undoArgsSchema) },
  client: { ...inputsOf('client'), undo: inputFor('client', 'undo', undoArgsSchema) },
  staff: {
    ...staffInputs,
    create: withPin(staffInputs.create),
    update: withPin(staffInputs.update),
    undo: inputFor('staff', 'undo', undoArgsSchema),
  },
  service: { ...inputsOf('service'), undo: inputFor('service', 'undo', undoArgsSchema) },
  settings: { ...inputsOf('settings'), undo: inputFor('settings', 'undo', undoArgsSchema) },
};

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
