import { ZodObject, type z } from 'zod';
import { splitInput, type commandInputs } from '../../../src-shared/commandInputs';
import { SETTINGS_ID, type EntityType } from '../../../src-shared/entities';
import { AppError, parseOrThrow } from '../../../src-shared/errors';
import { argsSchemaFor } from '../../../src-shared/commands';
import { callerInputOf } from '../../../src-shared/registry';
import { newId } from '../../../src-shared/ids';
import { executeParsedCommand, type CommandResult, type Desk } from './execute';
import { payloadHash } from '../../../src-shared/payloadHash';

type Inputs = typeof commandInputs;

/** A business command named at run time: it takes what a caller sends and runs it. */
export interface NamedCommand {
  (desk: Desk, input: unknown): CommandResult;
  /** For the router, whose procedure has already parsed the input with this very schema. */
  alreadyParsed(desk: Desk, parsed: Record<string, unknown>): CommandResult;
}

/**
 * The business command of an (entity, op) named at run time, from the op's caller input schema
 * (src-shared/registry/): validate, build the command, run it. The idempotency hash covers what
 * the caller sent (not who sent it: a change retried by someone else is still the same change),
 * so a retried create without an id is still recognised as the same request.
 */
export function namedCommand(entityType: EntityType, op: string): NamedCommand {
  const schema = callerInputOf(entityType, op);
  if (schema === undefined) throw new AppError('INTERNAL_ERROR', `"${op}" is not an action on ${entityType}.`);
  const argsChecked = inputChecksArgs(schema, argsSchemaFor(entityType, op));
  const run = (desk: Desk, input: unknown): CommandResult => {
    const parsed = parseOrThrow(schema, input) as Record<string, unknown>;
    return runParsed(desk, entityType, op, parsed, parsed, argsChecked);
  };
  const alreadyParsed = (desk: Desk, parsed: Record<string, unknown>): CommandResult =>
    runParsed(desk, entityType, op, parsed, parsed, argsChecked);
  return Object.assign(run, { alreadyParsed });
}

/** The fields of a caller input that are not the op's args (splitInput takes them apart). */
const commandFields: ReadonlySet<string> = new Set(['idempotencyKey', 'id', 'expectedVersion', 'reason']);

/**
 * Whether parsing an op's caller input already checks its args all the way the op's args schema
 * does, so the planner need not parse them again: the input is a strict object whose every field
 * but the command's own is an args field checked by the very same schema, and the args schema adds
 * no check of its own (such as "change at least one field"). An input that reshapes the args (a
 * PIN in the clear for its hash) does not.
 */
export function inputChecksArgs(input: z.ZodType, args: z.ZodType | undefined): boolean {
  if (!(input instanceof ZodObject) || !(args instanceof ZodObject)) return false;
  if ((args._zod.def.checks?.length ?? 0) > 0) return false;
  if (input._zod.def.catchall?._zod.def.type !== 'never') return false;
  const inputShape = input.shape as Record<string, unknown>;
  const argsShape = args.shape as Record<string, unknown>;
  return (
    Object.entries(argsShape).every(([field, schema]) => !commandFields.has(field) && inputShape[field] === schema) &&
    Object.keys(inputShape).every((field) => commandFields.has(field) || Object.hasOwn(argsShape, field))
  );
}

/** A business command (cancelAppointment, createClient …) typed by its op's caller input. */
export function commandFor<E extends EntityType, O extends keyof Inputs[E] & string>(entityType: E, op: O) {
  const named = namedCommand(entityType, op);
  const run = (desk: Desk, input: z.input<Inputs[E][O] & z.ZodType>): CommandResult<E> =>
    named(desk, input) as CommandResult<E>;
  /** For the router, whose procedure has already parsed the input with this very schema. */
  const alreadyParsed = (desk: Desk, parsed: z.output<Inputs[E][O] & z.ZodType>): CommandResult<E> =>
    named.alreadyParsed(desk, parsed as Record<string, unknown>) as CommandResult<E>;
  return Object.assign(run, { alreadyParsed });
}

/** Shared tail of commandFor and the PIN-hashing staff commands. */
export function runParsed(
  desk: Desk,
  entityType: EntityType,
  op: string,
  parsed: Record<string, unknown>,
  hashedPayload: Record<string, unknown>,
  argsChecked = false,
): CommandResult {
  const parts = splitInput(parsed);
  const { idempotencyKey: _key, ...identity } = hashedPayload;
  const drawn = parts.id === undefined && entityType !== 'settings';
  const entityId = parts.id ?? (drawn ? newId() : SETTINGS_ID);
  return executeParsedCommand(
    desk,
    {
      entityType,
      op,
      entityId,
      expectedVersion: parts.expectedVersion,
      idempotencyKey: parts.idempotencyKey,
      reason: parts.reason,
      args: parts.args,
    },
    { requestHash: payloadHash({ entityType, op, ...identity }), argsChecked, entityIdIsNew: drawn },
  );
}
