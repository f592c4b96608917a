import { and, asc, desc, eq, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { holdsTime } from '../../../src-shared/entities';
import type { clientSearchInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { foldForSearch, loadRow } from '../store/rows';
import { appointments, clients, services, staff } from '../store/schema';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const clientColumns = {
  id: clients.id,
  version: clients.version,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
  deletedAt: clients.deletedAt,
  name: clients.name,
  phone: clients.phone,
  email: clients.email,
  notes: clients.notes,
};

/**
 * Clients whose name (any word) or phone starts with the query, ignoring case and accents:
 * "zoe" finds "Zoë Smith", "smi" finds her too, "0770" finds "0770 090 0123".
 */
export function searchClients(store: Store, input: z.output<typeof clientSearchInputSchema>) {
  const folded = foldForSearch(input.query);
  const digits = input.query.replace(/\D/g, '');
  const matches: SQL[] = [];
  if (folded.length > 0) {
    const prefix = escapeLike(folded);
    matches.push(
      sql`${clients.searchName} LIKE ${`${prefix}%`} ESCAPE '\\'`,
      sql`${clients.searchName} LIKE ${`% ${prefix}%`} ESCAPE '\\'`,
    );
  }
  if (digits.length >= 3) matches.push(like(clients.searchPhone, `${digits}%`));
  const where = [];
  if (!input.includeDeleted) where.push(isNull(clients.deletedAt));
  if (matches.length > 0) where.push(or(...matches) as SQL);
  else if (input.query.trim().length > 0) return [];
  return store.db
    .select(clientColumns)
    .from(clients)
    .where(where.length === 0 ? undefined : and(...where))
    .orderBy(asc(clients.searchName))
    .limit(input.limit)
    .all();
}

/** A client with every visit (newest first) and the counts a receptionist asks about. */
export function clientVisits(store: Store, clientId: string, now: number) {
  const client = loadRow(store, 'client', clientId);
  if (client === null) throw new AppError('NOT_FOUND', 'That client does not exist.', { field: 'id' });
  const visits = store.db
    .select({
      id: appointments.id,
      version: appointments.version,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      notes: appointments.notes,
      cancelReason: appointments.cancelReason,
      deletedAt: appointments.deletedAt,
      service: { id: services.id, name: services.name },
      staff: { id: staff.id, name: staff.name, colour: staff.colour },
    })
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(staff, eq(staff.id, appointments.staffId))
    .where(and(eq(appointments.clientId, clientId), isNull(appointments.deletedAt)))
    .orderBy(desc(appointments.startsAt))
    .all();
  return {
    client,
    visits,
    counts: {
      total: visits.length,
      // A visit checked in is attended whatever its time; an older booking never checked in still counts once past.
      attended: visits.filter(
        (visit) => (holdsTime(visit.status) && visit.status !== 'booked') || (visit.status === 'booked' && visit.startsAt <= now),
      ).length,
      upcoming: visits.filter((visit) => visit.status === 'booked' && visit.startsAt > now).length,
      noShows: visits.filter((visit) => visit.status === 'no_show').length,
      cancelled: visits.filter((visit) => visit.status === 'cancelled').length,
    },
  };
}
