import { getUntypedClient } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { z } from 'zod';
import type { AppRouter } from '../../src-main/api/appRouter';
import { commandInputs } from '../../src-shared/commandInputs';
import { everyKind, routerGroupOf } from '../../src-shared/kinds';
import { client } from './client';
import { EnvelopeError, localEnvelope } from './errors';

/**
 * The business commands as the screens call them. Their inputs are the shared zod schemas'
 * (src-shared/commandInputs.ts), so a field added to or renamed in a command's schema is a type
 * error at every call that does not send it. Every call carries an idempotency key (a retry of
 * the same intent reuses its key).
 */

type CommandInputs = typeof commandInputs;
/** The kinds of record the commands change. */
export type CommandEntity = keyof CommandInputs;
type CommandOp<E extends CommandEntity> = keyof CommandInputs[E] & string;
/** What a screen sends for a command: exactly what its schema accepts. */
export type CommandInput<E extends CommandEntity, O extends CommandOp<E>> = z.input<CommandInputs[E][O]>;
/** What every command answers: the changed row and the event that records the change. */
export type CommandResult = inferRouterOutputs<AppRouter>['appointments']['create'];

export const newKey = () => crypto.randomUUID();

// The desk router has a group for every kind's commands (the compiler checks it against the router).
routerGroupOf satisfies Record<CommandEntity, keyof typeof client>;

/** The typed client's command procedures; the compiler checks each against its shared schema. */
const procedures: {
  [E in CommandEntity]: { [O in CommandOp<E>]: { mutate: (input: CommandInput<E, O>) => Promise<CommandResult> } };
} = {
  appointment: client.appointments,
  client: client.clients,
  staff: client.staff,
  service: client.services,
  settings: client.settings,
  timeOff: client.timeOff,
  block: client.blocks,
  waitlist: client.waitlist,
  walkIn: client.walkIns,
  message: client.messages,
  product: client.products,
  stockMovement: client.stock,
  formTemplate: client.formTemplates,
  formResponse: client.formResponses,
  importBatch: client.imports,
};

/** The command behind a failure (procedure and input), so a change that was not saved can be kept and retried after a reload. */
export interface FailedCommand {
  procedure: string;
  input: Record<string, unknown>;
}
const failedCommands = new WeakMap<object, FailedCommand>();
export function commandOfFailure(error: unknown): FailedCommand | undefined {
  return typeof error === 'object' && error !== null ? failedCommands.get(error) : undefined;
}

/** Remembers which command a failure belongs to, then lets the failure go on to the screen. */
const keepingCommand = (procedure: string, input: unknown) => (error: unknown) => {
  if (typeof error === 'object' && error !== null && typeof input === 'object' && input !== null) {
    failedCommands.set(error, { procedure, input: { ...input } });
  }
  throw error;
};

/** The same procedures by name, for calls built from the registry's op names at run time. */
const proceduresByName: Record<CommandEntity, Record<string, { mutate: (input: never) => Promise<CommandResult> }>> = procedures;

/** A command as the screens call it: the typed client's procedure, keeping the command if it fails. */
function commandNamed(entity: CommandEntity, op: string) {
  const procedure = proceduresByName[entity][op];
  const path = `${routerGroupOf[entity]}.${op}`;
  return (input: never) => {
    if (procedure === undefined) return Promise.reject(new Error(`${path} is not a command`));
    return procedure.mutate(input).catch(keepingCommand(path, input));
  };
}

type CommandsOf<E extends CommandEntity> = { [O in CommandOp<E>]: (input: CommandInput<E, O>) => Promise<CommandResult> };

// Object.fromEntries forgets which op holds which call; CommandsOf says it.
function commandsOf<E extends CommandEntity>(entity: E): CommandsOf<E>;
function commandsOf(entity: CommandEntity): Record<string, unknown> {
  return Object.fromEntries(Object.keys(commandInputs[entity]).map((op) => [op, commandNamed(entity, op)]));
}

/** Every op of every kind of record the registry declares (src-shared/registry/), undo included. */
export const commands = everyKind<{ [E in CommandEntity]: CommandsOf<E> }>(commandsOf);

const hasKey = <T extends object>(object: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(object, key);

/** Is this "group.op" one of the commands above (the only ones a window keeps and retries)? */
function isCommandPath(path: string): boolean {
  const [group, op, ...rest] = path.split('.');
  if (op === undefined || rest.length > 0) return false;
  return Object.entries(routerGroupOf).some(
    ([entity, name]) => name === group && hasKey(commands, entity) && Object.hasOwn(commands[entity], op),
  );
}

/**
 * Runs a kept command again, exactly as it was asked (same idempotency key: never twice). Its
 * input comes back from storage as plain data, so it goes by its path, and the main process
 * validates it against the command's schema like any other call.
 */
export function runStoredCommand(command: FailedCommand): Promise<unknown> {
  if (!isCommandPath(command.procedure)) {
    return Promise.reject(new EnvelopeError(localEnvelope('NOT_FOUND', 'screen.noLongerMade', false)));
  }
  return getUntypedClient(client)
    .mutation(command.procedure, command.input)
    .catch(keepingCommand(command.procedure, command.input));
}

export type UndoGroup = CommandEntity;
/** The undo of each kind of record (declared once for all of them). */
export const undoOf = everyKind<{ [E in UndoGroup]: CommandsOf<E>['undo'] }>((entity) => commands[entity].undo);
