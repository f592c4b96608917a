import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { clashingBooking } from '../../../src-shared/slots';
import type { freeSlotsInputSchema } from '../../../src-shared/queries';
import { localDayRange, localTimeToInstant, MINUTE_MS, weekdayOf } from '../../../src-shared/time';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { appointments } from '../store/schema';
import { requireShopSettings } from '../settings/queries';

/**
 * Start times on a shop-local day where the service (plus its buffer) fits inside opening hours
 * without touching another booked appointment of the staff member. Steps are in real minutes
 * from each opening, so a DST day offers exactly the time it has. A time that has already passed
 * (to the minute, as the booking rule judges it) is never offered: today starts at the next step.
 */
export function freeSlots(store: Store, input: z.output<typeof freeSlotsInputSchema>, now: number) {
  const settings = requireShopSettings(store);
  const service = loadRow(store, 'service', input.serviceId);
  if (service === null) throw new AppError('NOT_FOUND', 'That service does not exist.', { field: 'serviceId' });
  if (loadRow(store, 'staff', input.staffId) === null) {
    throw new AppError('NOT_FOUND', 'That staff member does not exist.', { field: 'staffId' });
  }
  if (settings.closedDates.includes(input.date)) return [];
  const zone = settings.timeZone;
  const range = localDayRange(input.date, zone);
  const conditions = [
    eq(appointments.staffId, input.staffId),
    eq(appointments.status, 'booked'),
    isNull(appointments.deletedAt),
    lt(appointments.startsAt, range.end),
    gt(appointments.blockEndsAt, range.start - 24 * 60 * MINUTE_MS),
  ];
  if (input.ignoreAppointmentId !== undefined) conditions.push(ne(appointments.id, input.ignoreAppointmentId));
  const busy = store.db
    .select({ id: appointments.id, startsAt: appointments.startsAt, blockEndsAt: appointments.blockEndsAt })
    .from(appointments)
    .where(and(...conditions))
    .all();
  const length = service.durationMin * MINUTE_MS;
  const block = (service.durationMin + service.bufferAfterMin) * MINUTE_MS;
  const step = input.stepMin * MINUTE_MS;
  const notBefore = Math.max(input.notBefore ?? 0, Math.floor(now / MINUTE_MS) * MINUTE_MS);
  const slots: { startsAt: number; endsAt: number }[] = [];
  for (const interval of settings.openingHours[weekdayOf(input.date)]) {
    const opens = localTimeToInstant(input.date, interval.open, zone);
    const closes = localTimeToInstant(input.date, interval.close, zone);
    for (let start = opens; start + length <= closes; start += step) {
      if (start < notBefore) continue;
      // The same rule the booking itself will meet (src-shared/slots.ts).
      const clash = clashingBooking(busy, { id: input.ignoreAppointmentId ?? '', startsAt: start, blockEndsAt: start + block });
      if (clash === undefined) slots.push({ startsAt: start, endsAt: start + length });
    }
  }
  return slots;
}
