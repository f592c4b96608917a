import { z } from 'zod';
import { clockTimeSchema, entityTypeSchema, idSchema, type EntityType } from './entities';
import { argsSchemas, creatingOpNames, declaredOp, reasonRequiredTypes, undoArgsSchema } from './registry';
import { idempotencyKeySchema, reasonSchema } from './registry/fields';
import { fieldKeySchema, text } from './text';

/**
 * The commands that change entities. Every op is declared once in the registry
 * (src-shared/registry/, docs/architecture.md §2); the schemas here are derived from it. The pure
 * planner in operations.ts turns (current row, args) into the next row and its event, the same
 * way on the local store and on the sync server.
 */

export {
  MAX_BUFFER_MIN,
  MAX_DURATION_MIN,
  idempotencyKeySchema,
  pinSchema,
  reasonSchema,
  startsAtSchema,
} from './registry/fields';

/** Each op's args schema, by kind of record (undo's is undoArgsSchema, the same for every kind). */
export const opSchemas = argsSchemas;

/** Undo works on any entity's event; it is an op of its own so that sync carries it like any other. */
export { undoArgsSchema };

export type OpSchemas = typeof opSchemas;
export type OpName<E extends EntityType> = keyof OpSchemas[E] & string;
export type OpArgs<E extends EntityType, O extends OpName<E>> = z.infer<OpSchemas[E][O] & z.ZodType>;

/** Ops that bring an entity into existence (no expectedVersion). */
export const creatingOps: ReadonlySet<string> = creatingOpNames;

/** Ops that need a reason from the person ("entity.op"; it is stored on the event). */
export const reasonRequiredOps: ReadonlySet<string> = reasonRequiredTypes;

/** A command in the form the store and the sync protocol both use. */
export const commandSchema = z.strictObject({
  entityType: entityTypeSchema,
  op: text(40, { trim: false, min: 1 }),
  entityId: idSchema,
  expectedVersion: z.int().min(1).nullable(),
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.nullable(),
  args: z.record(fieldKeySchema, z.unknown()),
});
export type Command = z.infer<typeof commandSchema>;

/** The args schema for an (entity, op) pair, or undefined when there is no such op. */
export function argsSchemaFor(entityType: EntityType, op: string): z.ZodType | undefined {
  if (op === 'undo') return undoArgsSchema;
  return declaredOp(entityType, op)?.args;
}

export { clockTimeSchema };
