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
 * The rest of the day is shared as TanStack shares it. For a query's `structuralSharing` option.
 */
export function keepUnchangedBookings(old: unknown, next: unknown): unknown {
  if (!isDay(old) || !isDay(next)) return replaceEqualDeep(old, next);
  const { appointments: oldList, ...oldRest } = old;
  const { appointments: nextList, ...nextRest } = next;
  const before = new Map(oldList.map((appointment) => [appointment.id, appointment]));
  const appointments = nextList.map((appointment) => {
    const previous = before.get(appointment.id);
    return previous === undefined ? appointment : replaceEqualDeep(previous, appointment);
  });
  const rest = replaceEqualDeep(oldRest, nextRest);
  const sameList = appointments.length === oldList.length && appointments.every((appointment, index) => appointment === oldList[index]);
  if (sameList && rest === oldRest) return old;
  return { ...rest, appointments: sameList ? oldList : appointments };
}
