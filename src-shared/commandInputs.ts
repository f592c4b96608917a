import { callerInputs } from './registry';

/**
 * What a caller (the renderer) sends for each command: the op's args flattened beside the
 * idempotency key, the id and expected version of an existing record, and an optional reason (a
 * required one for ops that need it). Each op declares its own in the registry (src-shared/registry/).
 */
export const commandInputs = callerInputs;

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
