import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isFutureBooking, type RecordsOfClient } from '../../../src-shared/erasureFollowUps';
import type { EntityRows } from '../../../src-shared/entities';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { appointments, messages, waitlist, walkIns } from '../store/schema';

/**
 * A client's records that may still have a future (docs/architecture.md §28): the desk's answer to
 * the rulebook's `recordsOfClient`, and what the erase dialog counts beforehand. Erasing is rare,
 * so each record is read through loadRow, as every other answer's rows are.
 */
export function recordsOfClient(store: Store, clientId: string): RecordsOfClient {
  const { db } = store;
  const load = <E extends 'appointment' | 'message' | 'waitlist' | 'walkIn'>(entityType: E, ids: { id: string }[]): EntityRows[E][] =>
    ids.flatMap(({ id }) => loadRow(store, entityType, id) ?? []);
  return {
    bookings: load(
      'appointment',
      db.select({ id: appointments.id }).from(appointments)
        .where(and(eq(appointments.clientId, clientId), isNull(appointments.deletedAt), inArray(appointments.status, ['booked', 'held'])))
        .all(),
    ),
    messages: load(
      'message',
      db.select({ id: messages.id }).from(messages)
        .where(and(eq(messages.clientId, clientId), isNull(messages.deletedAt), inArray(messages.status, ['scheduled', 'failed', 'uncertain'])))
        .all(),
    ),
    waitlist: load(
      'waitlist',
      db.select({ id: waitlist.id }).from(waitlist).where(and(eq(waitlist.clientId, clientId), isNull(waitlist.deletedAt), eq(waitlist.status, 'waiting'))).all(),
    ),
    walkIns: load(
      'walkIn',
      db.select({ id: walkIns.id }).from(walkIns).where(and(eq(walkIns.clientId, clientId), isNull(walkIns.deletedAt), eq(walkIns.status, 'waiting'))).all(),
    ),
  };
}

/** How many of the client's bookings erasing them now would cancel (the erase dialog says it first). */
export function futureBookingsOfClient(store: Store, clientId: string, now: number): number {
  return recordsOfClient(store, clientId).bookings.filter((booking) => isFutureBooking(booking, now)).length;
}
