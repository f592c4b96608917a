import { z } from 'zod';
import { idSchema } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import { addDays, localDateOf, localDayRange, localTimeToInstant, localWallClock, clockOfMinutes } from '../../../src-shared/time';
import { requireShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { searchFreeSlots } from './freeSlots';

/**
 * "Book again" (issue 12): the same service with the same person N weeks after a visit, at the
 * free time nearest the visit's own time of day on that date — or, when that day is full or the
 * person is off, on the nearest day around it (up to a week either way). The one slot finder decides
 * what is free; booking it is the ordinary appointment.create.
 */

export const rebookInputSchema = z.strictObject({
  appointmentId: idSchema,
  weeks: z.int().min(1, { message: 'must be at least 1 week' }).max(52, { message: 'must be at most 52 weeks' }),
});

/** Days tried around the wanted date, nearest first: 0, +1, −1, +2, −2 … up to a week. */
const around = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7];

export function rebookOffer(store: Store, input: z.output<typeof rebookInputSchema>, now: number) {
  const visit = loadRow(store, 'appointment', input.appointmentId);
  if (visit === null || visit.deletedAt !== null) throw new AppError('NOT_FOUND', 'That appointment no longer exists.');
  const zone = requireShopSettings(store).timeZone;
  const from = localWallClock(visit.startsAt, zone);
  const wanted = addDays(from.date, input.weeks * 7);
  const wantedAt = (date: string) => localTimeToInstant(date, clockOfMinutes(from.minutes), zone);
  for (const shift of around) {
    const date = addDays(wanted, shift);
    const day = localDayRange(date, zone);
    if (day.end <= now) continue;
    const slots = searchFreeSlots(
      store,
      { serviceId: visit.serviceId, staffId: visit.staffId, from: Math.max(day.start, now), to: day.end, stepMin: 15, limit: 200 },
      now,
    );
    if (slots.length === 0) continue;
    const target = wantedAt(date);
    const nearest = slots.reduce((best, slot) => (Math.abs(slot.startsAt - target) < Math.abs(best.startsAt - target) ? slot : best));
    return {
      clientId: visit.clientId,
      serviceId: visit.serviceId,
      staffId: nearest.staffId,
      staffName: nearest.staffName,
      startsAt: nearest.startsAt,
      wantedDate: wanted,
      onWantedDate: localDateOf(nearest.startsAt, zone) === wanted,
    };
  }
  return null;
}
