import type { Statement } from 'better-sqlite3';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { holdsTime } from '../../../src-shared/entities';
import type { clientSearchInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { readClientQuery, type ClientQuery } from '../../../src-shared/peopleSearch';
import { searchCountry } from '../store/clientSearch';
import { loadRow } from '../store/rows';
import { slotOf, storeSlot } from '../store/state';
import { appointments, services, staff } from '../store/schema';

/**
 * How many matches a query may have before its clients are found by walking the list in its own
 * order instead. Below it, the full-text index's matches are put in order by their refs alone;
 * above it, matches are common enough ("s", "077") that the walk meets a page of them early
 * (docs/architecture.md §14).
 */
export const DENSE_MATCHES = 4000;

export interface ClientListItem {
  id: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  name: string;
  phone: string | null;
  email: string | null;
  notes: string;
}

/** The full-text query and the same test on a client row, for the walk. */
function matchOf(query: ClientQuery): { index: string; match: string; check: string; params: string[] } | null {
  // Words and runs hold only letters and digits; quoted, none reads as an FTS operator ("or", "not").
  if (query.kind === 'name') {
    return {
      index: 'client_search_name',
      match: query.words.map((word) => `"${word}"*`).join(' AND '),
      check: query.words.map(() => '(c.search_name LIKE ? OR c.search_name LIKE ?)').join(' AND '),
      params: query.words.flatMap((word) => [`${word}%`, `% ${word}%`]),
    };
  }
  if (query.kind === 'phone') {
    return {
      index: 'client_search_phone',
      match: query.runs.map((run) => `"${run}"`).join(' OR '),
      check: `(${query.runs.map(() => 'instr(c.search_phone, ?) > 0').join(' OR ')})`,
      params: query.runs,
    };
  }
  return null;
}

const searchStatements = storeSlot('clientSearchStatements', (store) => {
  const byText = new Map<string, Statement>();
  /** One statement per shape of query, made once. */
  const shaped = (text: string): Statement => {
    let statement = byText.get(text);
    if (statement === undefined) {
      statement = store.sqlite.prepare(text);
      byText.set(text, statement);
    }
    return statement;
  };
  return { shaped };
});

const SELECT_CLIENT = `SELECT c.id, c.version, c.created_at AS createdAt, c.updated_at AS updatedAt, c.deleted_at AS deletedAt,
  c.name, c.phone, c.email, c.notes`;

/**
 * Clients found by what a receptionist typed (src-shared/peopleSearch.ts): every word starts some
 * word of the name, in any order ("smith zoe", "obrien"), or a run of digits appears anywhere in
 * the number, however either was written ("2466", "+44 7700 912466"). Alphabetical by name.
 */
export function searchClients(store: Store, input: z.output<typeof clientSearchInputSchema>): ClientListItem[] {
  const country = searchCountry(store);
  const query = readClientQuery(input.query, country);
  if (query.kind === 'nobody') return [];
  const { shaped } = slotOf(store, searchStatements);
  const found = matchOf(query);
  const walk = () => {
    // The list in its order, each row checked: every client, common matches, or removed clients too (they are not indexed).
    const conditions = [...(input.includeDeleted ? [] : ['c.deleted_at IS NULL']), ...(found === null ? [] : [found.check])];
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const text = `${SELECT_CLIENT} FROM clients c ${where} ORDER BY c.search_name, c.id LIMIT ?`;
    return shaped(text).all(...(found?.params ?? []), input.limit) as ClientListItem[];
  };
  if (found === null || input.includeDeleted) return walk();
  const count = shaped(`SELECT count(*) FROM (SELECT 1 FROM ${found.index} WHERE ${found.index} MATCH ? LIMIT ${DENSE_MATCHES})`).pluck();
  if ((count.get(found.match) as number) >= DENSE_MATCHES) return walk();
  // The matches' refs hold their names: the page is chosen before any client row is read.
  const page = `SELECT r.client_id, r.search_name FROM ${found.index} f CROSS JOIN client_search_refs r ON r.ref = f.rowid
    WHERE f.${found.index} MATCH ? ORDER BY r.search_name, r.client_id LIMIT ?`;
  const text = `${SELECT_CLIENT} FROM (${page}) AS page CROSS JOIN clients c ON c.id = page.client_id ORDER BY page.search_name, page.client_id`;
  return shaped(text).all(found.match, input.limit) as ClientListItem[];
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
