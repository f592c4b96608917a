import { LATE_CANCEL_WINDOW_MS } from '../../../src-shared/reports';
import type { Store } from '../store/open';
import { BOOKING, IN_RANGE } from './bookingScope';
import type { ShopDays } from './shopDays';

/**
 * Bookings in the range cancelled late: less than the window before their start, or after it. When
 * it was cancelled is not on the row: it is the moment of the booking's latest `appointment.cancel`
 * event (the one its status still stands on; a cancel undone and made again counts its second
 * time). Only cancelled rows reach the event lookup, through the events' (entity type, entity, version) index.
 */
export function lateCancellations(store: Store, days: ShopDays): number {
  const row = store.sqlite
    .prepare(
      `SELECT count(*) AS late
         FROM appointments a INDEXED BY appointments_report
        WHERE ${IN_RANGE} AND a.status = 'cancelled' AND ${BOOKING}
          AND a.starts_at - (SELECT max(e.at) FROM events e
                              WHERE e.entity_type = 'appointment' AND e.entity_id = a.id AND e.type = 'appointment.cancel') < @window`,
    )
    .get({ from: days.from, to: days.to, window: LATE_CANCEL_WINDOW_MS }) as { late: number };
  return row.late;
}
