import { useQuery } from '@tanstack/react-query';
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

/** The always-visible status, polled: the sync agent extends status.get with Online / Offline / Degraded. */
export function useSystemStatus() {
  return useQuery(trpc.status.get.queryOptions(undefined, { refetchInterval: 10_000, staleTime: 0, retry: 0 }));
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
