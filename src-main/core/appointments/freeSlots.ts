import type { z } from 'zod';
import { MAX_BUFFER_MIN } from '../../../src-shared/commands';
import { timeHoldingStatusList, type Service, type Settings, type TimeOff, type WorkingHours } from '../../../src-shared/entities';
import { LONGEST_BLOCKED_MS } from '../../../src-shared/registry/block';
import { LONGEST_TIME_OFF_MS } from '../../../src-shared/registry/timeOff';
import { refuse } from '../../../src-shared/refuse';
import type { freeSlotsInputSchema, nextAvailableInputSchema } from '../../../src-shared/queries';
import { bookableOn, freeAt, findFreeSlots, qualifiedStaff, type BusyHolder, type FinderStaff, type FoundSlot } from '../../../src-shared/slotFinder';
import { LONGEST_BLOCK_MS } from '../../../src-shared/slots';
import { addDays, localDayRange, localWallClock, MINUTE_MS } from '../../../src-shared/time';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { timeOff as timeOffTable } from '../store/schema';
import { codecOf } from '../store/statements';
import { slotOf, storeSlot } from '../store/state';
import { requireShopSettings } from '../settings/queries';

/**
 * The desk's side of the one slot finder (src-shared/slotFinder.ts, docs/architecture.md §10): it
 * reads the rows — staff, the service, the shop, time off, blocked time and the bookings holding
 * each person's time — and the finder decides. The booking dialog's chips, "Next available with
 * anyone" and the slot-taken alternatives (core/recovery) all come through here.
 */

/** How far ahead "next available" looks. */
export const NEXT_AVAILABLE_DAYS = 14;

interface StaffRow extends FinderStaff {
  name: string;
}

function requireService(store: Store, serviceId: string): Service {
  const service = loadRow(store, 'service', serviceId);
  if (service === null) throw refuse('NOT_FOUND', 'planning.noService', undefined, { field: 'serviceId' });
  return service;
}

/**
 * The finder's reads, prepared once per store. Each asks for everyone at once (a day of "next
 * available" asks for up to twenty people) and returns arrays: the finder needs a few numbers.
 *
 * staff: everyone not removed, by name (the order ties are offered in).
 * held: the bookings whose block [start less buffer before, end of buffer after) meets [from, to)
 * (appointments_staff_busy, which covers it: a block ends at most LONGEST_BLOCK_MS after its start and begins
 * at most the longest buffer before it), then the blocked time meeting it (blocks_staff_starts_at).
 * timeOff: their time off and extra hours meeting [from, to) (time_off_staff_starts_at).
 */
const timeOffCodec = codecOf(timeOffTable);
const reads = storeSlot('free-time statements', (store) => ({
  staff: store.sqlite
    .prepare<[], [string, string, number, string | null]>(
      `SELECT "id", "name", "active", "working_hours" FROM "staff" WHERE "deleted_at" IS NULL ORDER BY "name"`,
    )
    .raw(),
  held: store.sqlite
    .prepare<[string, number, number, number, number, string, number, number, number], [string, string, number, number]>(
      `SELECT "staff_id", "id", COALESCE("block_starts_at", "starts_at"), "block_ends_at" FROM "appointments"
        WHERE "staff_id" IN (SELECT "value" FROM json_each(?)) AND "starts_at" > ? AND "starts_at" < ?
          AND COALESCE("block_starts_at", "starts_at") < ? AND "block_ends_at" > ?
          AND "status" IN (${timeHoldingStatusList}) AND "deleted_at" IS NULL
       UNION ALL
       SELECT "staff_id", "id", "starts_at", "ends_at" FROM "blocks"
        WHERE "staff_id" IN (SELECT "value" FROM json_each(?)) AND "starts_at" > ? AND "starts_at" < ? AND "ends_at" > ?
          AND "deleted_at" IS NULL`,
    )
    .raw(),
  timeOff: store.sqlite.prepare<[string, number, number, number], Record<string, unknown>>(
    `SELECT ${timeOffCodec.selectList} FROM "time_off"
      WHERE "staff_id" IN (SELECT "value" FROM json_each(?)) AND "starts_at" > ? AND "starts_at" < ? AND "ends_at" > ? AND "deleted_at" IS NULL`,
  ),
}));

function allStaff(store: Store): StaffRow[] {
  return slotOf(store, reads)
    .staff.all()
    .map(([id, name, active, workingHours]) => ({
      id,
      name,
      active: active === 1,
      deletedAt: null,
      workingHours: workingHours === null ? null : (JSON.parse(workingHours) as WorkingHours),
    }));
}

/** Time off and extra hours of these people meeting [from, to): the finder's one reader of them. */
export function readTimeOff(store: Store, staffIds: readonly string[], from: number, to: number): TimeOff[] {
  if (staffIds.length === 0) return [];
  return slotOf(store, reads)
    .timeOff.all(JSON.stringify(staffIds), from - LONGEST_TIME_OFF_MS, to, from)
    .map((raw) => timeOffCodec.decode(raw));
}

/** What holds these people's time in [from, to): bookings' blocks (but the one being moved) and blocked time. */
export function readHeld(store: Store, staffIds: readonly string[], from: number, to: number, ignoreId: string | undefined): BusyHolder[] {
  if (staffIds.length === 0) return [];
  const ids = JSON.stringify(staffIds);
  const rows = slotOf(store, reads).held.all(ids, from - LONGEST_BLOCK_MS, to + MAX_BUFFER_MIN * MINUTE_MS, to, from, ids, from - LONGEST_BLOCKED_MS, to, from);
  const busy: BusyHolder[] = [];
  for (const [staffId, id, startsAt, blockEndsAt] of rows) if (id !== ignoreId) busy.push({ staffId, id, startsAt, blockEndsAt });
  return busy;
}

/** How far a candidate's held block reaches before its start and after it (the longest anyone takes). */
function reach(service: Service): { before: number; after: number } {
  const longest = Math.max(service.durationMin, ...(service.performedBy ?? []).map((skill) => skill.durationMin ?? 0));
  return { before: service.bufferBeforeMin * MINUTE_MS, after: (longest + service.bufferAfterMin) * MINUTE_MS };
}

/**
 * What holds the time of the people who work some of [from, to) (one shop-local day at most), read
 * only around the time they work there: the finder needs nothing else.
 */
function busyAround(store: Store, service: Service, settings: Settings, people: readonly StaffRow[], timeOff: readonly TimeOff[], from: number, to: number, ignoreId: string | undefined) {
  const { before, after } = reach(service);
  const date = localWallClock(from, settings.timeZone).date;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const working: string[] = [];
  for (const member of people) {
    const stretches = bookableOn(member, settings, date, timeOff).filter((stretch) => stretch.end > from && stretch.start < to);
    if (stretches.length === 0) continue;
    working.push(member.id);
    for (const stretch of stretches) {
      first = Math.min(first, stretch.start);
      last = Math.max(last, stretch.end);
    }
  }
  if (working.length === 0) return [];
  return readHeld(store, working, Math.max(first, from) - before, Math.min(last, to) + after, ignoreId);
}

interface SearchInput {
  serviceId: string;
  /** Only this person; everyone who performs the service when absent. */
  staffId?: string;
  from: number;
  to: number;
  stepMin: number;
  limit: number;
  ignoreAppointmentId?: string;
}

/**
 * The earliest free slots in [from, to), one shop-local day at a time: a day's bookings are read
 * only when the days before it did not fill the list, so "next available" usually reads one day.
 */
export function searchFreeSlots(store: Store, input: SearchInput, now: number): (FoundSlot & { staffName: string })[] {
  const settings = requireShopSettings(store);
  const service = requireService(store, input.serviceId);
  const everyone = allStaff(store);
  if (input.staffId !== undefined && !everyone.some((member) => member.id === input.staffId)) {
    throw refuse('NOT_FOUND', 'planning.noStaff', undefined, { field: 'staffId' });
  }
  const people = qualifiedStaff(service, input.staffId === undefined ? everyone : everyone.filter((member) => member.id === input.staffId));
  const names = new Map(people.map((member) => [member.id, member.name]));
  const found: FoundSlot[] = [];
  const zone = settings.timeZone;
  const start = Math.max(input.from, Math.floor(now / MINUTE_MS) * MINUTE_MS);
  const { before, after } = reach(service);
  // Read once for the whole window: time off decides who works on each day.
  const timeOff = readTimeOff(store, people.map((member) => member.id), start - before, input.to + after);
  for (let date = localWallClock(start, zone).date; found.length < input.limit; date = addDays(date, 1)) {
    const day = localDayRange(date, zone);
    if (day.start >= input.to) break;
    const from = Math.max(day.start, start);
    const to = Math.min(day.end, input.to);
    if (to <= from) continue;
    const busy = busyAround(store, service, settings, people, timeOff, from, to, input.ignoreAppointmentId);
    found.push(
      ...findFreeSlots({
        service,
        staff: people,
        settings,
        timeOff,
        busy,
        from,
        to,
        stepMin: input.stepMin,
        now,
        limit: input.limit - found.length,
        ...(input.ignoreAppointmentId === undefined ? {} : { ignoreId: input.ignoreAppointmentId }),
      }),
    );
  }
  return found.map((slot) => ({ ...slot, staffName: names.get(slot.staffId) ?? '' }));
}

/**
 * Start times on a shop-local day where the service fits the staff member's working time and the
 * shop's hours without its block touching anything they hold. A time that has already passed (to
 * the minute, as the booking rule judges it) is never offered: today starts at the next step.
 */
export function freeSlots(store: Store, input: z.output<typeof freeSlotsInputSchema>, now: number): { startsAt: number; endsAt: number }[] {
  const settings = requireShopSettings(store);
  const day = localDayRange(input.date, settings.timeZone);
  const slots = searchFreeSlots(
    store,
    {
      serviceId: input.serviceId,
      staffId: input.staffId,
      from: Math.max(day.start, input.notBefore ?? day.start),
      to: day.end,
      stepMin: input.stepMin,
      // A day holds at most a day of minutes.
      limit: (24 * 60) / 5 + 60,
      ...(input.ignoreAppointmentId === undefined ? {} : { ignoreAppointmentId: input.ignoreAppointmentId }),
    },
    now,
  );
  return slots.map(({ startsAt, endsAt }) => ({ startsAt, endsAt }));
}

/** "Next available with anyone" (or with one person): the earliest slots from now, or from a later date, 14 days ahead. */
export function nextAvailable(store: Store, input: z.output<typeof nextAvailableInputSchema>, now: number) {
  const settings = requireShopSettings(store);
  const zone = settings.timeZone;
  const firstDate = input.date === undefined || input.date < localWallClock(now, zone).date ? localWallClock(now, zone).date : input.date;
  return searchFreeSlots(
    store,
    {
      serviceId: input.serviceId,
      ...(input.staffId === undefined ? {} : { staffId: input.staffId }),
      from: localDayRange(firstDate, zone).start,
      to: localDayRange(addDays(firstDate, input.days), zone).start,
      stepMin: input.stepMin,
      limit: input.limit,
      ...(input.ignoreAppointmentId === undefined ? {} : { ignoreAppointmentId: input.ignoreAppointmentId }),
    },
    now,
  );
}

/** Who else (qualified, working, free) could take a booking at exactly its start: the slot-taken alternatives. */
export function othersFreeAt(
  store: Store,
  booking: { id: string; staffId: string; serviceId: string; startsAt: number },
  now: number,
): { staffId: string; name: string; startsAt: number }[] {
  const settings = requireShopSettings(store);
  const service = requireService(store, booking.serviceId);
  const people = qualifiedStaff(service, allStaff(store)).filter((member) => member.id !== booking.staffId);
  const { before, after } = reach(service);
  const timeOff = readTimeOff(store, people.map((member) => member.id), booking.startsAt - before, booking.startsAt + after);
  const busy = busyAround(store, service, settings, people, timeOff, booking.startsAt, booking.startsAt + MINUTE_MS, booking.id);
  const names = new Map(people.map((member) => [member.id, member.name]));
  return freeAt({ service, staff: people, settings, timeOff, busy, now, ignoreId: booking.id }, booking.startsAt).map((slot) => ({
    staffId: slot.staffId,
    name: names.get(slot.staffId) ?? '',
    startsAt: slot.startsAt,
  }));
}
