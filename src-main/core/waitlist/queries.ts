import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, instantSchema, type WaitlistEntry } from '../../../src-shared/entities';
import { localDateOf, localTimeToInstant } from '../../../src-shared/time';
import { searchFreeSlots } from '../appointments/freeSlots';
import { requireShopSettings } from '../settings/queries';
import { selectClientRows } from '../store/namedRows';
import type { Store } from '../store/open';
import { slotOf, storeSlot } from '../store/state';
import { clients, services, staff, waitlist } from '../store/schema';

/**
 * The waitlist's reads: the entries still waiting (the Waitlist screen), and those a freed stretch
 * of a staff member's time fits (the drawer of a cancelled or moved booking, a removed block or
 * time off). "Fits" is the one slot finder's answer: the entry's service can start with that person
 * inside both the freed time and the client's window, and end inside the window.
 */

export const freedTimeInputSchema = z.strictObject({ staffId: idSchema, from: instantSchema, to: instantSchema });

function withNames(store: Store) {
  return selectClientRows(store, waitlist, { entry: waitlist, clientPhone: clients.phone })
    .innerJoin(services, eq(services.id, waitlist.serviceId))
    .leftJoin(staff, eq(staff.id, waitlist.staffId));
}

/**
 * The two reads, prepared once per store: the attention list asks which entries fit each of the
 * next fortnight's freed times every few seconds, and building a query costs far more than running it.
 */
const prepared = storeSlot('waitlist queries', (store: Store) => {
  const waiting = and(eq(waitlist.status, 'waiting'), isNull(waitlist.deletedAt));
  return {
    waitingFrom: withNames(store)
      .where(and(waiting, gte(waitlist.toDate, sql.placeholder('today'))))
      .orderBy(asc(waitlist.createdAt))
      .prepare(),
    waitingOn: withNames(store)
      .where(and(waiting, lte(waitlist.fromDate, sql.placeholder('date')), gte(waitlist.toDate, sql.placeholder('date'))))
      .orderBy(asc(waitlist.createdAt))
      .prepare(),
  };
});

type Named = { entry: WaitlistEntry; clientName: string; clientPhone: string | null; serviceName: string; staffName: string | null };

function shaped(rows: Named[]) {
  return rows.map(({ entry, clientName, clientPhone, serviceName, staffName }) => ({
    ...entry,
    client: { id: entry.clientId, name: clientName, phone: clientPhone },
    service: { id: entry.serviceId, name: serviceName },
    staffName,
  }));
}

/** Everyone still waiting, whose window has not ended before today, first come first. */
export function waitingList(store: Store, now: number) {
  const today = localDateOf(now, requireShopSettings(store).timeZone);
  const rows = slotOf(store, prepared).waitingFrom.all({ today }) as Named[];
  return shaped(rows);
}

/** The waiting entries a freed stretch of one person's time fits, each with the time it would be booked at. */
export function waitlistFitting(store: Store, freed: z.output<typeof freedTimeInputSchema>, now: number) {
  const date = localDateOf(freed.from, requireShopSettings(store).timeZone);
  return fittingAmong(store, shaped(slotOf(store, prepared).waitingOn.all({ date }) as Named[]), freed, now);
}

type WaitingEntry = ReturnType<typeof shaped>[number];

/**
 * Of these waiting entries, the ones a freed stretch fits (waiting that day, with that person or
 * anyone), each with its time: for a caller that already holds the list and asks about many stretches.
 */
export function fittingAmong(store: Store, entries: readonly WaitingEntry[], freed: z.output<typeof freedTimeInputSchema>, now: number) {
  const zone = requireShopSettings(store).timeZone;
  const date = localDateOf(freed.from, zone);
  return entries.flatMap((entry) => {
    if (entry.fromDate > date || entry.toDate < date) return [];
    if (entry.staffId !== null && entry.staffId !== freed.staffId) return [];
    const windowStart = localTimeToInstant(date, entry.fromTime, zone);
    const windowEnd = localTimeToInstant(date, entry.toTime, zone);
    const from = Math.max(windowStart, freed.from);
    const to = Math.min(windowEnd, freed.to);
    if (to <= from) return [];
    const [slot] = searchFreeSlots(store, { serviceId: entry.serviceId, staffId: freed.staffId, from, to, stepMin: 5, limit: 1 }, now).filter(
      (found) => found.endsAt <= windowEnd,
    );
    return slot === undefined ? [] : [{ ...entry, offer: { staffId: slot.staffId, staffName: slot.staffName, startsAt: slot.startsAt, endsAt: slot.endsAt } }];
  });
}
