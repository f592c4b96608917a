import type { Service, Settings, Staff, TimeOff } from './entities';
import { shopHoursOn, workingTimeOn, type Interval } from './schedule';
import { clashingBooking, type SlotHolder } from './slots';
import { minutesFor } from './registry/bookingSchedule';
import { addDays, LATEST_INSTANT, localWallClock, MINUTE_MS } from './time';

/**
 * The one free-time finder (docs/architecture.md §10): the booking dialog's chips, "Next available
 * with anyone" and the slot-taken alternatives all ask it, so what it offers is what the booking
 * rules accept. Pure: the stores read the rows, this decides.
 */

export type FinderService = Pick<Service, 'durationMin' | 'bufferBeforeMin' | 'bufferAfterMin' | 'performedBy'>;
export type FinderStaff = Pick<Staff, 'id' | 'active' | 'deletedAt' | 'workingHours'>;

/** Time a staff member is already holding: a booking's block (buffers included) or blocked time. */
export interface BusyHolder extends SlotHolder {
  staffId: string;
}

export interface FindSlotsInput {
  service: FinderService;
  /** Candidates, in the order ties are broken (who is offered first at the same time). */
  staff: readonly FinderStaff[];
  settings: Settings;
  /** Anyone's time off and extra hours; each person's own entries count for them. */
  timeOff: readonly TimeOff[];
  busy: readonly BusyHolder[];
  /** Only starts in [from, to) (from read to the minute, like now). */
  from: number;
  to: number;
  stepMin: number;
  /** Nothing that starts before this minute is offered (the booking rule judges "passed" to the minute). */
  now: number;
  /** At most this many slots, earliest first. */
  limit: number;
  /** The booking being moved: its own time is free for it. */
  ignoreId?: string;
}

export interface FoundSlot {
  staffId: string;
  startsAt: number;
  endsAt: number;
}

/** Who performs the service: everyone active when it names nobody, else the active people it names. */
export function qualifiedStaff<S extends FinderStaff>(service: Pick<Service, 'performedBy'>, staff: readonly S[]): S[] {
  const active = staff.filter((member) => member.active && member.deletedAt === null);
  const performedBy = service.performedBy;
  if (performedBy === null) return active;
  const named = new Set(performedBy.map((skill) => skill.staffId));
  return active.filter((member) => named.has(member.id));
}


/**
 * Where a service may start on a date: the person's working time inside each of the shop's
 * opening intervals, one stretch per opening interval (a booking may not straddle two, as the
 * opening-hours rule judges it). A store reads what the person holds only around these.
 */
export function bookableOn(staff: FinderStaff, settings: Settings, date: string, timeOff: readonly TimeOff[]): Interval[] {
  const working = workingTimeOn(staff, settings, date, timeOff);
  if (working.length === 0) return [];
  const stretches: Interval[] = [];
  for (const open of shopHoursOn(settings, date)) {
    for (const work of working) {
      const start = Math.max(open.start, work.start);
      const end = Math.min(open.end, work.end);
      if (end > start) stretches.push({ start, end });
    }
  }
  return stretches.sort((a, b) => a.start - b.start);
}

/** Does the held block of a service starting at `start` (lasting `length`) meet anything the person holds? */
function clashes(holders: readonly BusyHolder[], ignoreId: string, start: number, length: number, before: number, after: number): boolean {
  return clashingBooking(holders, { id: ignoreId, startsAt: start - before, blockEndsAt: start + length + after }) !== undefined;
}

/**
 * The earliest free starts, earliest first (ties in the order of `staff`), for qualified staff
 * only: the service time lies inside the person's working time and the shop's hours, and the whole
 * held block [start − buffer before, end + buffer after) meets nothing the person already holds
 * (the booking rule's own test, src-shared/slots.ts). Steps count real minutes from each stretch's
 * start, so a DST day offers exactly the time it has.
 */
export function findFreeSlots(input: FindSlotsInput): FoundSlot[] {
  const { service, settings, timeOff, stepMin, limit } = input;
  if (limit <= 0 || input.to <= input.from) return [];
  const candidates = qualifiedStaff(service, input.staff);
  if (candidates.length === 0) return [];
  const zone = settings.timeZone;
  const step = Math.max(1, stepMin) * MINUTE_MS;
  const before = service.bufferBeforeMin * MINUTE_MS;
  const after = service.bufferAfterMin * MINUTE_MS;
  const notBefore = Math.floor(Math.max(input.from, input.now) / MINUTE_MS) * MINUTE_MS;
  const ignoreId = input.ignoreId ?? '';
  const busyOf = new Map<string, BusyHolder[]>();
  for (const holder of input.busy) {
    const list = busyOf.get(holder.staffId);
    if (list === undefined) busyOf.set(holder.staffId, [holder]);
    else list.push(holder);
  }

  const found: FoundSlot[] = [];
  const lastDate = localWallClock(Math.min(input.to - 1, LATEST_INSTANT), zone).date;
  // Every slot of a date comes before every slot of the next (working time is clipped to its date),
  // so the search stops after the first date that completes the list.
  for (let date = localWallClock(notBefore, zone).date; date <= lastDate && found.length < limit; date = addDays(date, 1)) {
    const today: (FoundSlot & { rank: number })[] = [];
    candidates.forEach((member, rank) => {
      const length = minutesFor(service, member.id) * MINUTE_MS;
      const stretches = bookableOn(member, settings, date, timeOff);
      if (stretches.length === 0) return;
      const first = (stretches[0] as Interval).start - before;
      const last = (stretches[stretches.length - 1] as Interval).end + after;
      const holders = (busyOf.get(member.id) ?? []).filter((holder) => holder.startsAt < last && first < holder.blockEndsAt);
      let taken = 0;
      for (const stretch of stretches) {
        for (let start = stretch.start; start + length <= stretch.end && taken < limit; start += step) {
          if (start < notBefore || start >= input.to) continue;
          if (clashes(holders, ignoreId, start, length, before, after)) continue;
          today.push({ staffId: member.id, startsAt: start, endsAt: start + length, rank });
          taken += 1;
        }
      }
    });
    today.sort((a, b) => a.startsAt - b.startsAt || a.rank - b.rank);
    for (const { rank: _rank, ...slot } of today.slice(0, limit - found.length)) found.push(slot);
  }
  return found;
}

/**
 * The qualified staff free to start the service at exactly `start` (a time off the step grid, such
 * as a refused booking's own), by the same tests as findFreeSlots; in the order of `staff`.
 */
export function freeAt(input: Omit<FindSlotsInput, 'from' | 'to' | 'stepMin' | 'limit'>, start: number): FoundSlot[] {
  const { service, settings, timeOff } = input;
  if (start < Math.floor(input.now / MINUTE_MS) * MINUTE_MS) return [];
  const date = localWallClock(start, settings.timeZone).date;
  const before = service.bufferBeforeMin * MINUTE_MS;
  const after = service.bufferAfterMin * MINUTE_MS;
  return qualifiedStaff(service, input.staff).flatMap((member) => {
    const length = minutesFor(service, member.id) * MINUTE_MS;
    const inside = bookableOn(member, settings, date, timeOff).some((stretch) => stretch.start <= start && start + length <= stretch.end);
    const holders = input.busy.filter((holder) => holder.staffId === member.id);
    return inside && !clashes(holders, input.ignoreId ?? '', start, length, before, after) ? [{ staffId: member.id, startsAt: start, endsAt: start + length }] : [];
  });
}
