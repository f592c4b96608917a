import { useQuery } from '@tanstack/react-query';
import { client, queryClient, trpc } from '../api/client';
import { runStoredCommand } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { refreshAll, retryIntent } from './actions';
import { useDesk } from './desk';

/**
 * Every change this desk could not save: the ones CareDesk keeps (they survive a reload and a
 * restart) and the ones only this window knows (not kept yet, or CareDesk did not answer).
 */
export interface FailedChange {
  /** The kept record's id (null while only this window knows it). */
  keptId: string | null;
  /** The window's intent, while this window still has it (its card and tray item). */
  intentId: string | null;
  label: string;
  error: Envelope | null;
  failedAt: number;
  retry: () => Promise<unknown>;
}

export function useFailedChanges(): FailedChange[] {
  const kept = useQuery(trpc.failedIntents.list.queryOptions(undefined, { refetchInterval: 5_000, staleTime: 0 })).data ?? [];
  const intents = useDesk((state) => state.intents).filter((intent) => intent.status === 'failed');
  const changes: FailedChange[] = kept.map((row) => {
    const intent = intents.find((item) => item.idempotencyKey === row.idempotencyKey);
    return {
      keptId: row.id,
      intentId: intent?.id ?? null,
      label: row.label,
      error: intent?.error ?? envelopeOf(row.error),
      failedAt: row.failedAt,
      retry: () =>
        intent
          ? (retryIntent(intent.id) ?? Promise.resolve())
          : runStoredCommand({ procedure: row.procedure, input: row.input }).then(() => refreshAll()),
    };
  });
  for (const intent of intents) {
    if (kept.some((row) => row.idempotencyKey === intent.idempotencyKey)) continue;
    changes.push({
      keptId: null,
      intentId: intent.id,
      label: intent.label,
      error: intent.error ?? null,
      failedAt: intent.startedAt,
      retry: () => retryIntent(intent.id) ?? Promise.resolve(),
    });
  }
  return changes;
}

/** A person gives the change up: CareDesk records who and when; the window forgets it. */
export async function discardFailedChange(change: FailedChange): Promise<void> {
  if (change.keptId !== null) await client.failedIntents.discard.mutate({ id: change.keptId });
  if (change.intentId !== null) useDesk.getState().removeIntent(change.intentId);
  await queryClient.invalidateQueries({ queryKey: trpc.failedIntents.list.queryKey() });
}

