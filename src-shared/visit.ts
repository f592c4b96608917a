import type { Appointment, AppointmentStatus, Service } from './entities';

/**
 * The visit lifecycle as people read it (docs/architecture.md §2a): the stage a card shows and the
 * price a checkout starts from. The transitions themselves are the appointment's ops in the registry.
 */

/** What a card and the day view's filter go by. "late" is derived, never stored: booked, start passed, not checked in. */
export type VisitStage = 'booked' | 'late' | 'arrived' | 'in_service' | 'completed' | 'cancelled' | 'no_show' | 'held';

export function visitStage(visit: Pick<Appointment, 'status' | 'startsAt'>, now: number): VisitStage {
  if (visit.status === 'booked' && visit.startsAt < now) return 'late';
  return visit.status;
}

/** The day view's filter: who is still to come in, who is being served, who is done. */
export type VisitFilter = 'all' | 'waiting' | 'in_service' | 'done';

const filterStatuses: Record<Exclude<VisitFilter, 'all'>, readonly AppointmentStatus[]> = {
  // Waiting: checked in, in the waiting area, not yet in the chair (as Fresha's and Square's "arrived").
  waiting: ['arrived'],
  in_service: ['in_service'],
  done: ['completed'],
};

export function matchesVisitFilter(visit: Pick<Appointment, 'status'>, filter: VisitFilter): boolean {
  return filter === 'all' || filterStatuses[filter].includes(visit.status);
}

/**
 * The price a checkout starts from: the staff member's own price for the service where its
 * `performedBy` gives one, else the service's price; null when the service has none.
 */
export function defaultPriceCents(service: Pick<Service, 'priceCents' | 'performedBy'>, staffId: string): number | null {
  return service.performedBy?.find((skill) => skill.staffId === staffId)?.priceCents ?? service.priceCents;
}
