import type { z } from 'zod';
import { commandInputs } from '../../../src-shared/commandInputs';
import { parseOrThrow } from '../../../src-shared/errors';
import { runParsed } from './commandFor';
import type { CommandResult, Desk } from './execute';
import { refuse } from '../../../src-shared/refuse';
import { loadRow } from '../store/rows';
import { hashPin, verifyPin } from './pin';

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

/**
 * A staff member changes their own PIN: the current one must match what is stored (none when they
 * have none), then the new one is hashed here before the command. Only "the PIN was changed"
 * enters the replay hash. The rulebook still checks that the change is the signed-in member's own.
 */
export async function changeOwnPin(
  desk: Desk,
  input: z.input<(typeof commandInputs.staff)['changeOwnPin']>,
): Promise<CommandResult<'staff'>> {
  const parsed = parseOrThrow(commandInputs.staff.changeOwnPin, input) as Record<string, unknown> & {
    id: string;
    currentPin: string | null;
    pin: string;
  };
  const { currentPin, pin, ...rest } = parsed;
  if (desk.actor.staffId !== parsed.id) {
    throw refuse('FORBIDDEN', 'authorization.selfOnly');
  }
  const member = loadRow(desk.store, 'staff', parsed.id);
  if (member === null) throw refuse('NOT_FOUND', 'planning.noStaff', undefined, { field: 'id' });
  const matches =
    member.pinHash === null ? currentPin === null : currentPin !== null && (await verifyPin(currentPin, member.pinHash));
  if (!matches) {
    throw refuse('VALIDATION_ERROR', 'session.currentPinWrong', undefined, { field: 'currentPin', issues: [{ field: 'currentPin', problem: 'is not right' }] });
  }
  return runParsed(desk, 'staff', 'changeOwnPin', { ...rest, pinHash: await hashPin(pin) }, { ...rest, pin: 'changed' }) as CommandResult<'staff'>;
}
