import { replaceEqualDeep } from '@tanstack/react-query';

interface Day {
  appointments: readonly { id: string }[];
}

const isDay = (value: unknown): value is Day =>
  typeof value === 'object' && value !== null && Array.isArray((value as Partial<Day>).appointments);

/**
 * A day's answer fetched again keeps the object of every booking that did not change, matched by
 * id. TanStack Query's own structural sharing matches a list by position, so one booking added
 * early in the day would give every later booking a new object, and its card would render again.
 * For a query's `structuralSharing` option.
 */
export function keepUnchangedBookings(old: unknown, next: unknown): unknown {
  const shared = replaceEqualDeep(old, next);
  if (shared === old || !isDay(old) || !isDay(shared)) return shared;
  const before = new Map(old.appointments.map((appointment) => [appointment.id, appointment]));
  const appointments = shared.appointments.map((appointment) => {
    const previous = before.get(appointment.id);
    return previous === undefined ? appointment : replaceEqualDeep(previous, appointment);
  });
  return { ...shared, appointments };
}
