import type { Service, Settings, Staff, TimeOff } from '../entities';
import { refuse } from '../refuse';
import { timeOffDuring, worksThroughout } from '../schedule';
import { localDateOf } from '../time';

/**
 * The schedule's part in booking (docs/architecture.md §8): who does a service and for how long,
 * and whether the person works the whole of a booking. The appointment planner asks these for
 * every path that places a booking (create, move, restore, change of service, an undo that brings
 * one back), on the desk and on the server alike.
 */

/** The service's own skill entry for this person, or null when every active staff member does it. */
function skillOf(service: Service, staff: Pick<Staff, 'id' | 'name'>) {
  if (service.performedBy === null) return null;
  const skill = service.performedBy.find((entry) => entry.staffId === staff.id);
  if (skill === undefined) {
    throw refuse('STAFF_NOT_QUALIFIED', 'booking.notQualified', { staff: staff.name, service: service.name }, {
      field: 'staffId',
      staffId: staff.id,
      serviceId: service.id,
    });
  }
  return skill;
}

/** Minutes this person takes for the service when they do it: their own duration where they have one. */
export function minutesFor(service: Pick<Service, 'durationMin' | 'performedBy'>, staffId: string): number {
  return service.performedBy?.find((entry) => entry.staffId === staffId)?.durationMin ?? service.durationMin;
}

/** How long this person takes for the service (STAFF_NOT_QUALIFIED if they do not do it). */
export function durationFor(service: Service, staff: Pick<Staff, 'id' | 'name'>): number {
  skillOf(service, staff);
  return minutesFor(service, staff.id);
}


/**
 * Is the booking [start, end) outside the person's working time? Refused (OUTSIDE_SCHEDULE, naming
 * the person and the time on the shop's clock) unless the person chose to book it anyway. A member
 * without hours of their own works the shop's hours, which the opening-hours rule already judges:
 * for them only time off makes a booking outside their schedule.
 */
export function outsideSchedule(
  booking: { startsAt: number; endsAt: number },
  staff: Pick<Staff, 'id' | 'name' | 'workingHours'>,
  settings: Settings,
  timeOff: readonly TimeOff[],
  bookAnyway: boolean,
): boolean {
  const { startsAt, endsAt } = booking;
  const absence = timeOffDuring(staff.id, timeOff, startsAt, endsAt);
  const outside =
    staff.workingHours === null
      ? absence !== undefined && !worksThroughout(staff, settings, timeOff, startsAt, endsAt)
      : !worksThroughout(staff, settings, timeOff, startsAt, endsAt);
  if (!outside || bookAnyway) return outside;
  const zone = settings.timeZone;
  const when = { staff: staff.name, time: { at: startsAt, zone, as: 'clock' }, date: { date: localDateOf(startsAt, zone) } } as const;
  const away = absence !== undefined && absence.kind !== 'extra_hours' ? absence.kind : undefined;
  const details = { field: 'startsAt', staffId: staff.id, startsAt, ...(absence === undefined ? {} : { timeOffId: absence.id }) };
  if (away === undefined) throw refuse('OUTSIDE_SCHEDULE', 'booking.notWorking', when, details);
  throw refuse('OUTSIDE_SCHEDULE', 'booking.away', { ...when, away: { key: `booking.awayAs.${away}` } }, details);
}
