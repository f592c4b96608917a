import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { dayViewInputSchema } from '../../src-shared/queries';
import { localDateOf, localDayRange, localTimeToInstant, weekdayOf } from '../../src-shared/time';
import type { Store } from '../store/open';
import { appointments, clients, services, staff } from '../store/schema';
import { syncStatesOf } from '../sync/syncState';
import { requireShopSettings } from '../settings/queries';

/**
 * One shop-local day: the staff columns, the opening hours as instants, and every appointment
 * that starts that day (cancelled and no-show included, deleted ones not), in time order.
 * The range comes from the time-zone helper, so 23- and 25-hour days are whole.
 */
export function dayView(store: Store, input: z.output<typeof dayViewInputSchema>) {
  const settings = requireShopSettings(store);
  const zone = settings.timeZone;
  const range = localDayRange(input.date, zone);
  const conditions = [gte(appointments.startsAt, range.start), lt(appointments.startsAt, range.end), isNull(appointments.deletedAt)];
  if (input.staffId !== undefined) conditions.push(eq(appointments.staffId, input.staffId));
  const rows = store.db
    .select({
      appointment: appointments,
      client: { id: clients.id, name: clients.name, phone: clients.phone },
      service: { id: services.id, name: services.name, durationMin: services.durationMin },
      staff: { id: staff.id, name: staff.name, colour: staff.colour },
    })
    .from(appointments)
    .innerJoin(clients, eq(clients.id, appointments.clientId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(staff, eq(staff.id, appointments.staffId))
    .where(and(...conditions))
    .orderBy(asc(appointments.startsAt), asc(staff.name))
    .all();
  const states = syncStatesOf(
    store,
    'appointment',
    rows.map((row) => row.appointment.id),
  );
  const columns = store.db
    .select({ id: staff.id, name: staff.name, colour: staff.colour, role: staff.role, active: staff.active })
    .from(staff)
    .where(isNull(staff.deletedAt))
    .orderBy(asc(staff.name))
    .all()
    .filter((member) => member.active || rows.some((row) => row.staff.id === member.id))
    .filter((member) => input.staffId === undefined || member.id === input.staffId);
  const closed = settings.closedDates.includes(input.date);
  const openingHours = closed
    ? []
    : settings.openingHours[weekdayOf(input.date)].map((interval) => ({
        opensAt: localTimeToInstant(input.date, interval.open, zone),
        closesAt: localTimeToInstant(input.date, interval.close, zone),
      }));
  return {
    date: input.date,
    timeZone: zone,
    dayStart: range.start,
    dayEnd: range.end,
    closed,
    openingHours,
    staff: columns,
    appointments: rows.map((row) => ({
      ...row.appointment,
      client: row.client,
      service: row.service,
      staff: row.staff,
      localDate: localDateOf(row.appointment.startsAt, zone),
      syncState: states.get(row.appointment.id) ?? 'confirmed',
    })),
  };
}
