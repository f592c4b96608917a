import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpc } from './client';
import type { Lookup } from '../format';

export function useSession() {
  return useQuery(trpc.session.current.queryOptions(undefined, { staleTime: 2_000 }));
}

export function useSettings() {
  return useQuery(trpc.settings.get.queryOptions(undefined, { staleTime: 30_000 }));
}

export function useStaff() {
  return useQuery(trpc.staff.list.queryOptions(undefined, { staleTime: 30_000 }));
}

export function useServices() {
  return useQuery(trpc.services.list.queryOptions(undefined, { staleTime: 30_000 }));
}

/** The always-visible status (Online / Standalone / Offline / Degraded / Unsafe): polled, and refreshed on every sync event. */
export function useSystemStatus() {
  return useQuery(trpc.status.get.queryOptions(undefined, { refetchInterval: 5_000, staleTime: 0, retry: 0 }));
}

/** Pairing and connection (Settings → Sync, the banner). */
export function useSyncState() {
  return useQuery(trpc.sync.state.queryOptions(undefined, { refetchInterval: 5_000, staleTime: 0 }));
}

/** What waits for a person: conflicts, rejections, failures, and the changes not yet sent. */
export function useRecovery() {
  return useQuery(trpc.recovery.list.queryOptions(undefined, { refetchInterval: 5_000, staleTime: 0 }));
}

export function useLookup(): Lookup {
  const staff = useStaff().data;
  const services = useServices().data;
  const settings = useSettings().data;
  return useMemo(
    () => ({
      staff: new Map((staff ?? []).map((member) => [member.id, member.name])),
      services: new Map((services ?? []).map((service) => [service.id, service.name])),
      zone: settings?.timeZone ?? 'UTC',
    }),
    [staff, services, settings],
  );
}

/** Booking controls are off in Unsafe mode (reading stays open). */
export function useWritesLocked(): boolean {
  return useSystemStatus().data?.writesLocked === true;
}

/**
 * Whether the shop's server has each of these appointments (sync.entityStates' onServer), for the
 * rows that are not confirmed: a pending booking the server never had says "(not booked)".
 */
export function useOnServer(ids: readonly string[]): Map<string, boolean> {
  const sorted = useMemo(() => [...ids].sort(), [ids]);
  const query = useQuery(
    trpc.sync.entityStates.queryOptions(
      { entityType: 'appointment', ids: sorted.slice(0, 1000) },
      { enabled: sorted.length > 0, staleTime: 0, placeholderData: keepPreviousData },
    ),
  );
  return useMemo(() => new Map(Object.entries(query.data ?? {}).map(([id, value]) => [id, value.onServer])), [query.data]);
}
