import { useEffect } from 'react';
import { client, queryClient, trpc } from './client';

/**
 * Live updates (docs/architecture.md §5): the sync agent's `sync.changes` subscription says when pulled
 * changes, push answers, recovery actions or status changes happened; the screens that show
 * them are refreshed (coalesced, at most a few times a second).
 */
const affected = () => [
  trpc.appointments.pathKey(),
  trpc.status.get.queryKey(),
  trpc.sync.pathKey(),
  trpc.recovery.pathKey(),
  trpc.clients.pathKey(),
  trpc.staff.list.queryKey(),
  trpc.services.list.queryKey(),
  trpc.settings.get.queryKey(),
  trpc.history.pathKey(),
  trpc.activity.pathKey(),
];

export function refreshSyncedViews(): void {
  for (const queryKey of affected()) void queryClient.invalidateQueries({ queryKey });
}

export function useLiveUpdates(): void {
  useEffect(() => {
    let timer: number | null = null;
    const schedule = () => {
      if (timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        refreshSyncedViews();
      }, 150);
    };
    const subscription = client.sync.changes.subscribe(undefined, {
      onData: () => schedule(),
      // The link reconnects by itself; on reconnecting, catch up with whatever was missed.
      onStarted: () => schedule(),
      onError: () => undefined,
    });
    return () => {
      subscription.unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);
}
