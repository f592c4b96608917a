import type { z } from 'zod';
import { commandInputs, splitInput } from '../../src-shared/commandInputs';
import { SETTINGS_ID, type EntityType } from '../../src-shared/entities';
import { parseOrThrow } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import { executeParsedCommand, type CommandResult, type Desk } from './execute';
import { payloadHash } from '../../src-shared/payloadHash';

type Inputs = typeof commandInputs;

/**
 * A business command (cancelAppointment, createClient …) from its input schema: validate, build
 * the command, run it. The idempotency hash covers what the caller sent (not who sent it: a change
 * retried by someone else is still the same change), so a retried create without an id is still
 * recognised as the same request.
 */
export function commandFor<E extends EntityType, O extends keyof Inputs[E] & string>(entityType: E, op: O) {
  const schema = commandInputs[entityType][op] as unknown as z.ZodType;
  const run = (desk: Desk, input: z.input<Inputs[E][O] & z.ZodType>): CommandResult<E> => {
    const parsed = parseOrThrow(schema, input) as Record<string, unknown>;
    return runParsed(desk, entityType, op, parsed, parsed) as CommandResult<E>;
  };
  /** For the router, whose procedure has already parsed the input with this very schema. */
  const alreadyParsed = (desk: Desk, parsed: z.output<Inputs[E][O] & z.ZodType>): CommandResult<E> =>
    runParsed(desk, entityType, op, parsed as Record<string, unknown>, parsed as Record<string, unknown>) as CommandResult<E>;
  return Object.assign(run, { alreadyParsed });
}

/** Shared tail of commandFor and the PIN-hashing staff commands. */
export function runParsed(
  desk: Desk,
  entityType: EntityType,
  op: string,
  parsed: Record<string, unknown>,
  hashedPayload: Record<string, unknown>,
): CommandResult {
  const parts = splitInput(parsed);
  const { idempotencyKey: _key, ...identity } = hashedPayload;
  const entityId = parts.id ?? (entityType === 'settings' ? SETTINGS_ID : newId());
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
    payloadHash({ entityType, op, ...identity }),
  );
}
