import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { ipcLink } from 'trpc-electron/renderer';
import superjson from 'superjson';
import type { AppRouter } from '../../src-main/api/appRouter';
import { authorizationHeader, sessionKey } from './session';
import { keepUnchangedBookings } from './keepUnchangedBookings';

/**
 * The one place that picks the transport: the IPC link when the Electron preload exposed
 * `electronTRPC`, the HTTP link (same origin, the session key in a header) in browser mode.
 */
export function transport(): 'ipc' | 'http' {
  return typeof (globalThis as { electronTRPC?: unknown }).electronTRPC === 'undefined' ? 'http' : 'ipc';
}

function links(): TRPCLink<AppRouter>[] {
  if (transport() === 'ipc') return [ipcLink<AppRouter>({ transformer: superjson })];
  // Subscriptions (sync.changes: live updates) over server-sent events; everything else batched.
  // An event stream cannot set headers: it sends the session key in its connection parameters.
  return [
    splitLink<AppRouter>({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({
        url: '/trpc',
        transformer: superjson,
        connectionParams: () => ({ session: sessionKey() ?? '' }),
      }),
      false: httpBatchLink<AppRouter>({
        url: '/trpc',
        transformer: superjson,
        maxItems: 20,
        headers: authorizationHeader,
      }),
    }),
  ];
}

export const client = createTRPCClient<AppRouter>({ links: links() });

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });

// Every observer of a day (the day view, and the app for the open drawer) shares its bookings by id.
queryClient.setQueryDefaults(trpc.appointments.day.pathKey(), { structuralSharing: keepUnchangedBookings });
