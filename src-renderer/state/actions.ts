import { client, queryClient, trpc } from '../api/client';
import { commandOfFailure, undoOf, newKey, type CommandResult, type UndoGroup } from '../api/commands';
import { envelopeOf, EnvelopeError, type Envelope } from '../api/errors';
import { UNDO_WINDOW_MS, useDesk, type Ghost, type Intent } from './desk';
import { undoneWording } from './undoWording';

/**
 * Every change goes through here: it is shown as an intent (in flight → the tray and the card
 * say so), then either acknowledged (toast with Undo for 60 s) or failed. A failure that can be
 * retried stays in the tray with Retry — the same idempotency key, so a retry never doubles a
 * booking; one that needs a decision goes back to the screen that asked.
 */

export interface ActionSpec {
  label: string;
  successMessage: string;
  entityId?: string;
  ghost?: Ghost;
  run: () => Promise<CommandResult>;
  /** Entity group whose undo procedure reverses this change (none for an undo's own toast). */
  undoGroup?: UndoGroup;
}

export async function refreshAll(): Promise<void> {
  await queryClient.invalidateQueries();
}

async function attempt(intent: Intent): Promise<CommandResult> {
  const desk = useDesk.getState();
  desk.patchIntent(intent.id, { status: 'saving', error: undefined });
  try {
    const result = await intent.run();
    desk.removeIntent(intent.id);
    void refreshAll();
    const undo =
      intent.undoGroup === undefined
        ? undefined
        : { group: intent.undoGroup, id: result.row.id, version: result.row.version, eventId: result.event.id };
    desk.pushToast({ message: intent.successMessage, tone: 'success', ...(undo ? { undo } : {}) });
    if (undo) desk.setLastUndo({ ...undo, expiresAt: Date.now() + UNDO_WINDOW_MS, label: intent.successMessage });
    return result;
  } catch (error) {
    const envelope = envelopeOf(error);
    // A storage failure turns the desk Unsafe: show it in the banner at once, not at the next poll.
    void queryClient.invalidateQueries({ queryKey: trpc.status.get.queryKey() });
    const key = keepFailure(intent, error, envelope);
    if (key !== undefined) desk.patchIntent(intent.id, { idempotencyKey: key });
    if (envelope.retryable) {
      desk.patchIntent(intent.id, { status: 'failed', error: envelope });
      desk.setTrayOpen(true);
    } else {
      desk.removeIntent(intent.id);
    }
    throw new EnvelopeError(envelope);
  }
}

/**
 * A change refused by the store or a lock (not by the business rules) is handed to the main
 * process, which keeps it across reloads and restarts until a retry saves it or a person discards it.
 */
function keepFailure(intent: Intent, error: unknown, envelope: Envelope): string | undefined {
  if (!envelope.retryable && envelope.code !== 'WRITES_LOCKED') return undefined;
  const command = commandOfFailure(error);
  const key = command?.input.idempotencyKey;
  if (command === undefined || typeof key !== 'string') return undefined;
  void client.failedIntents.record
    .mutate({ idempotencyKey: key, procedure: command.procedure, input: command.input, label: intent.label, error: envelope })
    .then(() => queryClient.invalidateQueries({ queryKey: trpc.failedIntents.list.queryKey() }))
    // CareDesk itself is not answering: the window's tray still holds it.
    .catch(() => undefined);
  return key;
}

export function runAction(spec: ActionSpec): Promise<CommandResult> {
  const intent: Intent = {
    id: newKey(),
    label: spec.label,
    status: 'saving',
    startedAt: Date.now(),
    run: spec.run,
    successMessage: spec.successMessage,
    ...(spec.entityId === undefined ? {} : { entityId: spec.entityId }),
    ...(spec.ghost === undefined ? {} : { ghost: spec.ghost }),
    ...(spec.undoGroup === undefined ? {} : { undoGroup: spec.undoGroup }),
  };
  useDesk.getState().upsertIntent(intent);
  return attempt(intent);
}

export function retryIntent(id: string): Promise<CommandResult> | undefined {
  const intent = useDesk.getState().intents.find((item) => item.id === id);
  if (intent === undefined) return undefined;
  return attempt(intent).catch((error: unknown) => {
    const envelope = envelopeOf(error);
    if (!envelope.retryable) {
      useDesk.getState().pushToast({ message: `${intent.label}: ${envelope.message}`, tone: 'error' });
    }
    throw error;
  });
}

export async function retryAll(): Promise<void> {
  for (const intent of useDesk.getState().intents.filter((item) => item.status === 'failed')) {
    await retryIntent(intent.id)?.catch(() => undefined);
  }
}

/**
 * Undo an acknowledged change (from a toast, Ctrl+Z or the history drawer). `allowPast` is the
 * person's "Record it anyway" for an undo that brings a booking back to a start that has passed.
 */
export async function undoChange(
  target: { group: UndoGroup; id: string; version: number; eventId: string },
  label: string,
  options: { allowPast?: boolean } = {},
): Promise<void> {
  const key = newKey();
  try {
    await runAction({
      label: `Undo: ${label}`,
      successMessage: undoneWording(label),
      entityId: target.id,
      run: () =>
        undoOf[target.group]({
          idempotencyKey: key,
          id: target.id,
          expectedVersion: target.version,
          eventId: target.eventId,
          ...(options.allowPast === true ? { allowPast: true } : {}),
        }),
      // An undo can itself be undone: its toast offers Undo too.
      undoGroup: target.group,
    });
    const last = useDesk.getState().lastUndo;
    if (last?.eventId === target.eventId) useDesk.getState().setLastUndo(null);
  } catch (error) {
    const envelope = envelopeOf(error);
    if (!envelope.retryable) useDesk.getState().pushToast({ message: envelope.message, tone: 'error' });
    throw error;
  }
}
