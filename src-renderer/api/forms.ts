import { useQuery } from '@tanstack/react-query';
import { trpc } from './client';
import type { Outputs } from './types';

export type VisitForm = Outputs['formResponses']['ofAppointment'][number];

/** The intake forms' reads (docs/architecture.md §27); every change refreshes them with the rest. */

export function useFormTemplates() {
  return useQuery(trpc.formTemplates.list.queryOptions(undefined, { staleTime: 30_000 }));
}

export function useVisitForms(appointmentId: string) {
  return useQuery(trpc.formResponses.ofAppointment.queryOptions({ appointmentId }));
}

export function useClientForms(clientId: string) {
  return useQuery(trpc.formResponses.ofClient.queryOptions({ id: clientId }));
}
