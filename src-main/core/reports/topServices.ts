import type { Store } from '../store/open';
import { IN_RANGE, KEPT, VISIT_TOTAL } from './bookingScope';
import type { ShopDays } from './shopDays';

export interface ServiceFigure {
  serviceId: string;
  name: string;
  /** Kept visits (booked, arrived, in the chair or done) starting in the range. */
  visits: number;
  /** What the completed ones brought in. */
  cents: number;
}

/** The services most visited in the range, most first (takings break a tie), at most `limit`. */
export function topServices(store: Store, days: ShopDays, limit = 10): ServiceFigure[] {
  return store.sqlite
    .prepare(
      `SELECT t.serviceId, s.name, t.visits, t.cents FROM (
         SELECT a.service_id AS serviceId, count(*) AS visits, sum(${VISIT_TOTAL}) AS cents
           FROM appointments a INDEXED BY appointments_report WHERE ${IN_RANGE} AND ${KEPT} GROUP BY a.service_id
       ) t JOIN services s ON s.id = t.serviceId
       ORDER BY t.visits DESC, t.cents DESC, s.name LIMIT @limit`,
    )
    .all({ from: days.from, to: days.to, limit }) as ServiceFigure[];
}
