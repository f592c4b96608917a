import type { z } from 'zod';
import { commandInputs } from '../../../src-shared/commandInputs';
import { parseOrThrow } from '../../../src-shared/errors';
import { runParsed } from './commandFor';
import type { CommandResult, Desk } from './execute';
import { hashPin } from './pin';

/**
 * The staff ops whose caller input carries a PIN in the clear (src-shared/registry/staff.ts): it
 * is hashed here, in the main process, before anything stores it.
 */
export function withHashedPin(op: 'create' | 'update') {
  return async (desk: Desk, input: z.input<(typeof commandInputs.staff)[typeof op]>): Promise<CommandResult<'staff'>> => {
    const parsed = parseOrThrow(commandInputs.staff[op], input) as Record<string, unknown>;
    const { pin, ...rest } = parsed;
    const args = { ...rest };
    // Only "a PIN was set / cleared" enters the replay hash: a fast hash of a short PIN is guessable.
    const hashed: Record<string, unknown> = { ...rest };
    if (typeof pin === 'string') {
      args.pinHash = await hashPin(pin);
      hashed.pin = 'set';
    } else if (pin === null) {
      args.pinHash = null;
      hashed.pin = 'cleared';
    }
    return runParsed(desk, 'staff', op, args, hashed) as CommandResult<'staff'>;
  };
}
