import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import type { Appointment } from '../../../src-shared/entities';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { appointments } from '../store/schema';

/**
 * The bookings that belong together — a repeating series (seriesId) or a visit of several services
 * (visitId) — not deleted, in time order, from `from` on when given.
 */
export function groupBookings(store: Store, group: { seriesId: string } | { visitId: string }, from?: number): Appointment[] {
  const member = 'seriesId' in group ? eq(appointments.seriesId, group.seriesId) : eq(appointments.visitId, group.visitId);
  return store.db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(member, isNull(appointments.deletedAt), from === undefined ? undefined : gte(appointments.startsAt, from)))
    .orderBy(asc(appointments.startsAt))
    .all()
    .map(({ id }) => loadRow(store, 'appointment', id))
    .filter((row): row is Appointment => row !== null);
}
