import { inArray } from 'drizzle-orm';
import type { Store } from '../store/open';
import { appointments, blocks, clients, events, importBatches, services, settings, staff, timeOff, waitlist, walkIns } from '../store/schema';
import type { StoredEvent } from '../history/entityHistory';

/**
 * What an activity row needs to read as a sentence ("Sam moved Aisha Patel's Kids cut from 15:15
 * to 11:45 with Priya"): the record each event is about, as it is now, and the names of the
 * people and services the page mentions. An event keeps only the fields it changed, so a
 * cancellation alone does not say whose booking it was. Resolved for a whole page in a handful of
 * `IN (…)` lookups, never per row.
 */
export interface ActivitySubject {
  /** A client, staff member, service or the shop's name. */
  name?: string;
  clientId?: string;
  serviceId?: string;
  staffId?: string;
  kind?: string;
  startsAt?: number;
  endsAt?: number;
}

function idsOf<T>(list: readonly T[], pick: (item: T) => unknown): string[] {
  return [...new Set(list.map(pick).filter((value): value is string => typeof value === 'string'))];
}

export function activitySubjects(store: Store, page: readonly StoredEvent[]) {
  const idsOfKind = (kind: StoredEvent['entityType']) => idsOf(page.filter((event) => event.entityType === kind), (event) => event.entityId);
  const subjects = new Map<string, ActivitySubject>();
  const whereIds = <T>(ids: string[], read: (ids: string[]) => T[]): T[] => (ids.length === 0 ? [] : read(ids));

  for (const row of whereIds(idsOfKind('appointment'), (ids) =>
    store.db
      .select({ id: appointments.id, clientId: appointments.clientId, serviceId: appointments.serviceId, staffId: appointments.staffId, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
      .from(appointments)
      .where(inArray(appointments.id, ids))
      .all(),
  ))
    subjects.set(row.id, { clientId: row.clientId, serviceId: row.serviceId, staffId: row.staffId, startsAt: row.startsAt, endsAt: row.endsAt });
  for (const table of [blocks, timeOff])
    for (const row of whereIds(idsOfKind(table === blocks ? 'block' : 'timeOff'), (ids) =>
      store.db
        .select({ id: table.id, staffId: table.staffId, kind: table.kind, startsAt: table.startsAt, endsAt: table.endsAt })
        .from(table)
        .where(inArray(table.id, ids))
        .all(),
    ))
      subjects.set(row.id, { staffId: row.staffId, kind: row.kind, startsAt: row.startsAt, endsAt: row.endsAt });
  for (const row of whereIds(idsOfKind('waitlist'), (ids) =>
    store.db
      .select({ id: waitlist.id, clientId: waitlist.clientId, serviceId: waitlist.serviceId })
      .from(waitlist)
      .where(inArray(waitlist.id, ids))
      .all(),
  ))
    subjects.set(row.id, { clientId: row.clientId, serviceId: row.serviceId });
  for (const row of whereIds(idsOfKind('walkIn'), (ids) =>
    store.db
      .select({ id: walkIns.id, clientId: walkIns.clientId, serviceId: walkIns.serviceId, name: walkIns.name })
      .from(walkIns)
      .where(inArray(walkIns.id, ids))
      .all(),
  ))
    subjects.set(row.id, { ...(row.clientId === null ? {} : { clientId: row.clientId }), serviceId: row.serviceId, name: row.name });
  for (const row of whereIds(idsOfKind('importBatch'), (ids) =>
    store.db.select({ id: importBatches.id, name: importBatches.fileName, kind: importBatches.kind }).from(importBatches).where(inArray(importBatches.id, ids)).all(),
  ))
    subjects.set(row.id, { name: row.name, kind: row.kind });
  for (const row of whereIds(idsOfKind('settings'), (ids) =>
    store.db.select({ id: settings.id, name: settings.shopName }).from(settings).where(inArray(settings.id, ids)).all(),
  ))
    subjects.set(row.id, { name: row.name });

  // Every client, service and staff member the page names: the records themselves, the ones the
  // events' fields point to (a move's old and new staff member) and the subjects' own.
  const wanted = { client: new Set(idsOfKind('client')), service: new Set(idsOfKind('service')), staff: new Set(idsOfKind('staff')) };
  const want = (fields: Record<string, unknown>) => {
    if (typeof fields.clientId === 'string') wanted.client.add(fields.clientId);
    if (typeof fields.serviceId === 'string') wanted.service.add(fields.serviceId);
    if (typeof fields.staffId === 'string') wanted.staff.add(fields.staffId);
  };
  for (const event of page) {
    want(event.before);
    want(event.after);
  }
  for (const subject of subjects.values()) want(subject as Record<string, unknown>);
  const names = new Map<string, string>();
  for (const [set, table] of [
    [wanted.client, clients],
    [wanted.service, services],
    [wanted.staff, staff],
  ] as const)
    for (const row of whereIds([...set], (ids) => store.db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids)).all()))
      names.set(row.id, row.name);
  for (const kind of ['client', 'service', 'staff'] as const)
    for (const id of idsOfKind(kind)) {
      const name = names.get(id);
      if (name !== undefined) subjects.set(id, { name });
    }

  // An undo's row says what it undid ("undid the move"), so the kind of the undone event is looked up too.
  const undoneTypes = new Map(
    whereIds(idsOf(page, (event) => event.undoesEventId), (ids) =>
      store.db.select({ id: events.id, type: events.type }).from(events).where(inArray(events.id, ids)).all(),
    ).map((row) => [row.id, row.type]),
  );
  return { subjects, names, undoneTypes };
}
