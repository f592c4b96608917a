import { and, asc, eq, getTableColumns, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { dayViewInputSchema } from '../../../src-shared/queries';
import { localDayRange, localTimeToInstant, weekdayOf } from '../../../src-shared/time';
import type { Store } from '../store/open';
import { appointments, clients, services, staff } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';
import { syncStatesOf } from '../outbox/syncState';
import { requireShopSettings } from '../settings/queries';

/** The day view's queries, prepared once per store: the desk asks for a day on every change. */
function prepare(store: Store) {
  const range = and(
    gte(appointments.startsAt, sql.placeholder('start')),
    lt(appointments.startsAt, sql.placeholder('end')),
    isNull(appointments.deletedAt),
  );
  const query = (where: SQL | undefined) =>
    store.db
      .select({ ...getTableColumns(appointments), clientName: clients.name, clientPhone: clients.phone })
      .from(appointments)
      .innerJoin(clients, eq(clients.id, appointments.clientId))
      .where(where)
      .orderBy(asc(appointments.startsAt))
      .prepare();
  return {
    allStaff: query(range),
    oneStaff: query(and(range, eq(appointments.staffId, sql.placeholder('staffId')))),
    staff: store.db
      .select({ id: staff.id, name: staff.name, colour: staff.colour, role: staff.role, active: staff.active })
      .from(staff)
      .where(isNull(staff.deletedAt))
      .orderBy(asc(staff.name))
      .prepare(),
    services: store.db
      .select({ id: services.id, name: services.name, durationMin: services.durationMin })
      .from(services)
      .prepare(),
  };
}

const prepared = storeSlot('day view queries', prepare);

/**
 * One shop-local day: the staff columns, the opening hours as instants, and every appointment
 * that starts that day (cancelled and no-show included, deleted ones not), in time order.
 * The range comes from the time-zone helper, so 23- and 25-hour days are whole. Staff and
 * services are few, so they are joined here rather than in SQL: the day stays one index range.
 */
export function dayView(store: Store, input: z.output<typeof dayViewInputSchema>) {
  const settings = requireShopSettings(store);
  const zone = settings.timeZone;
  const range = localDayRange(input.date, zone);
  const statements = slotOf(store, prepared);
  const rows =
    input.staffId === undefined
      ? statements.allStaff.all({ start: range.start, end: range.end })
      : statements.oneStaff.all({ start: range.start, end: range.end, staffId: input.staffId });
  const allStaff = statements.staff.all();
  const staffById = new Map(allStaff.map((member) => [member.id, member]));
  const serviceById = new Map(statements.services.all().map((service) => [service.id, service]));
  const states = syncStatesOf(store, 'appointment');
  const booked = new Set(rows.map((row) => row.staffId));
  const columns = allStaff
    .filter((member) => member.active || booked.has(member.id))
    .filter((member) => input.staffId === undefined || member.id === input.staffId);
  const closed = settings.closedDates.includes(input.date);
  const openingHours = closed
    ? []
    : settings.openingHours[weekdayOf(input.date)].map((interval) => ({
        opensAt: localTimeToInstant(input.date, interval.open, zone),
        closesAt: localTimeToInstant(input.date, interval.close, zone),
      }));
  // Rows arrive in time order; ties go in column order (staff sorted by name in SQL).
  const columnOrder = new Map(allStaff.map((member, index) => [member.id, index]));
  rows.sort((a, b) => a.startsAt - b.startsAt || (columnOrder.get(a.staffId) ?? 0) - (columnOrder.get(b.staffId) ?? 0));
  const appointmentsOfDay = rows.map((row) => {
    const member = staffById.get(row.staffId);
    return {
      id: row.id,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      deletedAt: row.deletedAt,
      clientId: row.clientId,
      staffId: row.staffId,
      serviceId: row.serviceId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      blockEndsAt: row.blockEndsAt,
      status: row.status,
      notes: row.notes,
      cancelReason: row.cancelReason,
      outsideHours: row.outsideHours,
      client: { id: row.clientId, name: row.clientName, phone: row.clientPhone },
      service: serviceById.get(row.serviceId) ?? { id: row.serviceId, name: '(unknown service)', durationMin: 0 },
      staff: member
        ? { id: member.id, name: member.name, colour: member.colour }
        : { id: row.staffId, name: '(unknown staff)', colour: '#888888' },
      syncState: states.get(row.id) ?? ('confirmed' as const),
    };
  });
  return {
    date: input.date,
    timeZone: zone,
    dayStart: range.start,
    dayEnd: range.end,
    closed,
    openingHours,
    staff: columns,
    appointments: appointmentsOfDay,
  };
}
