import { asc } from 'drizzle-orm';
import { entityTypes, holdsTime, type Appointment, type DomainEvent, type EntityType } from '../../../src-shared/entities';
import { foldEvents } from '../../../src-shared/fold';
import type { Store } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { appointments, entityTables, events } from '../../../src-main/core/store/schema';

/** All events of the store grouped by `${entityType}:${entityId}`, in commit order. */
export function eventsByEntity(store: Store): Map<string, DomainEvent[]> {
  const grouped = new Map<string, DomainEvent[]>();
  for (const row of store.db.select().from(events).orderBy(asc(events.seq)).all()) {
    const { seq: _seq, ...event } = row;
    const id = `${event.entityType}:${event.entityId}`;
    const list = grouped.get(id) ?? [];
    list.push(event as DomainEvent);
    grouped.set(id, list);
  }
  return grouped;
}

/** Time-holding (booked, arrived, in the chair, done), not deleted appointments of one staff member that overlap (blockEndsAt counts). */
export function overlaps(rows: readonly Appointment[]): string[] {
  const problems: string[] = [];
  const byStaff = new Map<string, Appointment[]>();
  for (const row of rows) {
    if (!holdsTime(row.status) || row.deletedAt !== null) continue;
    const list = byStaff.get(row.staffId) ?? [];
    list.push(row);
    byStaff.set(row.staffId, list);
  }
  for (const [staffId, list] of byStaff) {
    list.sort((a, b) => a.startsAt - b.startsAt);
    let holder: Appointment | undefined;
    for (const row of list) {
      if (holder !== undefined && row.startsAt < holder.blockEndsAt) {
        problems.push(
          `double booking for staff ${staffId}: ${holder.id} [${holder.startsAt}, ${holder.blockEndsAt}) overlaps ${row.id} [${row.startsAt}, ${row.blockEndsAt})`,
        );
      }
      if (holder === undefined || row.blockEndsAt > holder.blockEndsAt) holder = row;
    }
  }
  return problems;
}

/**
 * docs/architecture.md §3 invariants 3 and 6 over the whole store: every row equals the fold of its events,
 * version equals its event count, every event belongs to a row, and no staff member has two
 * overlapping booked appointments. Returns the problems found (empty when all hold).
 */
export function checkInvariants(store: Store): string[] {
  const problems: string[] = [];
  const grouped = eventsByEntity(store);
  const seen = new Set<string>();
  for (const entityType of entityTypes) {
    const table = entityTables[entityType];
    const ids = store.db.select({ id: table.id }).from(table).all();
    for (const { id } of ids) {
      const name = `${entityType}:${id}`;
      seen.add(name);
      const row = loadRow(store, entityType as EntityType, id);
      const list = grouped.get(name) ?? [];
      if (row === null) {
        problems.push(`${name}: row vanished`);
        continue;
      }
      if (row.version !== list.length) problems.push(`${name}: version ${row.version} but ${list.length} events`);
      list.forEach((event, index) => {
        if (event.version !== index + 1) problems.push(`${name}: event #${index + 1} has version ${event.version}`);
      });
      let folded: unknown;
      try {
        folded = foldEvents(entityType, list);
      } catch (error) {
        problems.push(`${name}: fold failed: ${(error as Error).message}`);
        continue;
      }
      if (JSON.stringify(sortKeys(folded)) !== JSON.stringify(sortKeys(row))) {
        problems.push(
          `${name}: row differs from fold of its events\n  row:  ${JSON.stringify(sortKeys(row))}\n  fold: ${JSON.stringify(sortKeys(folded))}`,
        );
      }
    }
  }
  for (const name of grouped.keys()) if (!seen.has(name)) problems.push(`${name}: events without a row`);
  const appointmentRows = store.db.select().from(appointments).all() as Appointment[];
  problems.push(...overlaps(appointmentRows));
  return problems;
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
