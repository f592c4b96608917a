import type { Statement } from 'better-sqlite3';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import type { clientSearchInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { readClientQuery, type ClientQuery } from '../../../src-shared/peopleSearch';
import { searchCountry } from '../store/clientSearch';
import { loadRow } from '../store/rows';
import { slotOf, storeSlot } from '../store/state';
import { appointments, services, staff } from '../store/schema';

/**
 * How many key rows a term may have before its clients are looked up through the list's own order
 * instead: a common prefix ("s", "077") is met within the first rows of the list, a rare one is
 * found at once through the key index (docs/architecture.md §11).
 */
const DENSE_KEYS = 1000;

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

/** What a term is found by in the key index (`n:smi`, `p:2466`) and the same test on the row. */
interface Term {
  key: string;
  check: string;
  params: string[];
}

function termsOf(query: ClientQuery): Term[] {
  if (query.kind === 'name') {
    // Words hold only letters and digits: nothing in them needs escaping for LIKE or GLOB.
    return query.words.map((word) => ({
      key: `n:${word}`,
      check: '(c.search_name LIKE ? OR c.search_name LIKE ?)',
      params: [`${word}%`, `% ${word}%`],
    }));
  }
  if (query.kind === 'phone') return query.runs.map((run) => ({ key: `p:${run}`, check: 'instr(c.search_phone, ?) > 0', params: [run] }));
  return [];
}

const searchStatements = storeSlot('clientSearchStatements', (store) => {
  const byShape = new Map<string, Statement>();
  return {
    count: store.sqlite.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM client_search_keys WHERE key GLOB ? LIMIT ${DENSE_KEYS})`),
    /** One statement per shape of query (its SQL), made once. */
    shaped(text: string): Statement {
      let statement = byShape.get(text);
      if (statement === undefined) {
        statement = store.sqlite.prepare(text);
        byShape.set(text, statement);
      }
      return statement;
    },
  };
});

const SELECT_CLIENT = `SELECT c.id, c.version, c.created_at AS createdAt, c.updated_at AS updatedAt, c.deleted_at AS deletedAt,
  c.name, c.phone, c.email, c.notes`;

/**
 * Clients found by what a receptionist typed (src-shared/peopleSearch.ts): every word starts some
 * word of the name, in any order ("smith zoe", "obrien"), or a run of digits appears anywhere in
 * the number, however either was written ("2466", "+44 7700 912466"). Alphabetical by name.
 */
export function searchClients(store: Store, input: z.output<typeof clientSearchInputSchema>): ClientListItem[] {
  const query = readClientQuery(input.query, searchCountry(store));
  if (query.kind === 'nobody') return [];
  const prepared = slotOf(store, searchStatements);
  const terms = termsOf(query);
  const conditions = input.includeDeleted ? [] : ['c.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  let from = 'clients c';
  if (terms.length > 0) {
    const counts = terms.map((term) => (prepared.count.get(`${term.key}*`) as { n: number }).n);
    // A name's words must all match: the rarest finds the candidates and the rest check them. A
    // number's runs are alternatives: each finds its own.
    const rare = query.kind === 'name' ? Math.min(...counts) : counts.reduce((sum, count) => sum + count, 0);
    if (rare < DENSE_KEYS) {
      const finders = query.kind === 'name' ? [terms[counts.indexOf(rare)] as Term] : terms;
      const union = finders.map(() => 'SELECT client_id FROM client_search_keys WHERE key GLOB ?').join(' UNION ');
      // The hits first (CROSS JOIN keeps that order): a handful of rows, then sorted.
      from = `(SELECT DISTINCT client_id FROM (${union})) AS hits CROSS JOIN clients c ON c.id = hits.client_id`;
      params.push(...finders.map((term) => `${term.key}*`));
    }
    if (query.kind === 'name') conditions.push(...terms.map((term) => term.check));
    else conditions.push(`(${terms.map((term) => term.check).join(' OR ')})`);
    params.push(...terms.flatMap((term) => term.params));
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const text = `${SELECT_CLIENT} FROM ${from} ${where} ORDER BY c.search_name, c.id LIMIT ?`;
  return prepared.shaped(text).all(...params, input.limit) as ClientListItem[];
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
      attended: visits.filter((visit) => visit.status === 'booked' && visit.startsAt <= now).length,
      upcoming: visits.filter((visit) => visit.status === 'booked' && visit.startsAt > now).length,
      noShows: visits.filter((visit) => visit.status === 'no_show').length,
      cancelled: visits.filter((visit) => visit.status === 'cancelled').length,
    },
  };
}
