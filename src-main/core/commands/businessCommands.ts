import { commandInputs } from '../../../src-shared/commandInputs';
import { type EntityType } from '../../../src-shared/entities';
import { everyKind } from '../../../src-shared/kinds';
import { changeOwnPin, withHashedPin } from './hashedPinCommand';
import { namedCommand, type commandFor } from './commandFor';

/**
 * Every business command of the desk (cancel an appointment, add a client …), one per op the
 * registry declares (src-shared/registry/), undo included. The desk router serves them; tests and
 * the demo seed call them by the names in each entity's commands.ts.
 */

type Inputs = typeof commandInputs;
type OpsOf<E extends EntityType> = keyof Inputs[E] & string;
type CommandsOf<E extends EntityType> = { [O in OpsOf<E>]: ReturnType<typeof commandFor<E, O>> };

// Object.fromEntries forgets which op holds which command; CommandsOf says it.
function commandsOf<E extends EntityType>(entityType: E): CommandsOf<E>;
function commandsOf(entityType: EntityType): Record<string, unknown> {
  return Object.fromEntries(Object.keys(commandInputs[entityType]).map((op) => [op, namedCommand(entityType, op)]));
}

export const businessCommands = {
  ...everyKind<{ [E in EntityType]: CommandsOf<E> }>(commandsOf),
  // A staff member's PIN arrives in the clear and is hashed in the main process before the command.
  staff: {
    ...commandsOf('staff'),
    create: withHashedPin('create'),
    update: withHashedPin('update'),
    changeOwnPin,
  },
};
