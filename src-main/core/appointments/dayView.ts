import { and, asc, eq, getTableColumns, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { dayViewInputSchema } from '../../../src-shared/queries';
import { shopHoursOn } from '../../../src-shared/schedule';
import { localDayRange } from '../../../src-shared/time';
import { defaultPriceCents } from '../../../src-shared/visit';
import type { Store } from '../store/open';
import { appointments, clients, services, staff } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';
import { syncStatesOf } from '../outbox/syncState';
import { requireShopSettings } from '../settings/queries';
import { columnTimeOn } from './columnTime';
import { exceptionsBetween } from '../staff/scheduleQueries';
import { missingFormNamesByVisit } from '../forms/queries';

/** The day view's queries, prepared once per store: the desk asks for a day on every change. */
function prepare(store: Store) {
  const range = and(
    gte(appointments.startsAt, sql.placeholder('start')),
    lt(appointments.startsAt, sql.placeholder('end')),
    isNull(appointments.deletedAt),
  );
  const query = (where: SQL | undefined) =>
    store.db
      // The client's allergies ride along (one column, no query per card): the card's alert icon names them.
      .select({ ...getTableColumns(appointments), clientName: clients.name, clientPhone: clients.phone, clientAllergies: clients.allergies })
      .from(appointments)
      .innerJoin(clients, eq(clients.id, appointments.clientId))
      .where(where)
      .orderBy(asc(appointments.startsAt))
      .prepare();
  return {
    allStaff: query(range),
    oneStaff: query(and(range, eq(appointments.staffId, sql.placeholder('staffId')))),
    staff: store.db
      .select(getTableColumns(staff))
      .from(staff)
      .where(isNull(staff.deletedAt))
      .orderBy(asc(staff.name))
      .prepare(),
    services: store.db
      .select({
        id: services.id,
        name: services.name,
        durationMin: services.durationMin,
        priceCents: services.priceCents,
        performedBy: services.performedBy,
      })
      .from(services)
      .prepare(),
  };
}

const prepared = storeSlot('day view queries', prepare);

/** The staff of the schedule as the screens draw them, with what their working time needs. */
function staffRows(store: Store) {
  return slotOf(store, prepared)
    .staff.all()
    .map((row) => ({
      id: row.id,
      name: row.name,
      colour: row.colour,
      role: row.role,
      active: row.active,
      workingHours: row.workingHours ?? null,
    }));
}

/**
 * Every appointment starting in [start, end) (cancelled and no-show included, deleted ones not),
 * in time order, ties in column order, with its client, service, staff and sync state; and the
 * staff sorted by name. The day and week views both read bookings through here.
 */
export function appointmentsBetween(store: Store, start: number, end: number, staffId?: string) {
  const statements = slotOf(store, prepared);
  const rows =
    staffId === undefined ? statements.allStaff.all({ start, end }) : statements.oneStaff.all({ start, end, staffId });
  const allStaff = staffRows(store);
  const staffById = new Map(allStaff.map((member) => [member.id, member]));
  const serviceRows = statements.services.all();
  const serviceById = new Map(serviceRows.map((service) => [service.id, { id: service.id, name: service.name, durationMin: service.durationMin }]));
  const pricedById = new Map(serviceRows.map((service) => [service.id, service]));
  const states = syncStatesOf(store, 'appointment');
  const formsMissing = missingFormNamesByVisit(store, start, end);
  // Rows arrive in time order; ties go in column order (staff sorted by name in SQL).
  const columnOrder = new Map(allStaff.map((member, index) => [member.id, index]));
  rows.sort((a, b) => a.startsAt - b.startsAt || (columnOrder.get(a.staffId) ?? 0) - (columnOrder.get(b.staffId) ?? 0));
  const list = rows.map((row) => {
    const member = staffById.get(row.staffId);
    const priced = pricedById.get(row.serviceId);
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
      // Rows written before buffers-before existed are busy from their start.
      blockStartsAt: row.blockStartsAt ?? row.startsAt,
      blockEndsAt: row.blockEndsAt,
      status: row.status,
      notes: row.notes,
      cancelReason: row.cancelReason,
      outsideHours: row.outsideHours,
      seriesId: row.seriesId,
      visitId: row.visitId,
      // The visit lifecycle (src-shared/visit.ts): its moments and checkout, and the price a checkout starts from.
      holdExpiresAt: row.holdExpiresAt,
      arrivedAt: row.arrivedAt,
      serviceStartedAt: row.serviceStartedAt,
      completedAt: row.completedAt,
      priceCents: row.priceCents,
      discountCents: row.discountCents,
      checkoutNote: row.checkoutNote,
      // Whether the client said they are coming (by their link or by phone): a fact apart from the sync state (§6).
      clientConfirmedAt: row.clientConfirmedAt,
      clientConfirmedVia: row.clientConfirmedVia,
      listPriceCents: priced === undefined ? null : defaultPriceCents(priced, row.staffId),
      client: { id: row.clientId, name: row.clientName, phone: row.clientPhone, allergies: row.clientAllergies },
      service: serviceById.get(row.serviceId) ?? { id: row.serviceId, name: '(unknown service)', durationMin: 0 },
      staff: member
        ? { id: member.id, name: member.name, colour: member.colour }
        : { id: row.staffId, name: '(unknown staff)', colour: '#888888' },
      syncState: states.get(row.id) ?? ('confirmed' as const),
      // The intake forms this visit still needs signed (§27), read for the whole range in one statement.
      formsMissing: formsMissing.get(row.id) ?? [],
    };
  });
  return { appointments: list, allStaff };
}

/** The staff shown as columns: the active ones, and anyone else with a booking in the range. */
export function scheduleColumns<M extends { id: string; active: boolean }>(allStaff: M[], booked: { staffId: string }[], staffId?: string): M[] {
  const bookedIds = new Set(booked.map((row) => row.staffId));
  return allStaff
    .filter((member) => member.active || bookedIds.has(member.id))
    .filter((member) => staffId === undefined || member.id === staffId);
}

/**
 * One shop-local day: the staff columns with each one's working time and blocks that day, the
 * opening hours as instants, and every appointment that starts that day (cancelled and no-show
 * included, deleted ones not), in time order. The range comes from the time-zone helper, so 23-
 * and 25-hour days are whole. Staff and services are few, so they are joined here rather than in
 * SQL: the day stays one index range.
 */
export function dayView(store: Store, input: z.output<typeof dayViewInputSchema>) {
  const settings = requireShopSettings(store);
  const zone = settings.timeZone;
  const range = localDayRange(input.date, zone);
  const { appointments: appointmentsOfDay, allStaff } = appointmentsBetween(store, range.start, range.end, input.staffId);
  const { timeOff, blocks } = exceptionsBetween(store, range.start, range.end, input.staffId);
  const columns = scheduleColumns(allStaff, appointmentsOfDay, input.staffId).map(({ workingHours, ...member }) => ({
    ...member,
    ...columnTimeOn({ id: member.id, workingHours }, settings, input.date, timeOff, blocks),
  }));
  const closed = settings.closedDates.includes(input.date);
  const openingHours = shopHoursOn(settings, input.date).map((interval) => ({ opensAt: interval.start, closesAt: interval.end }));
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
