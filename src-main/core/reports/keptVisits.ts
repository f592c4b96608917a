import type { Store } from '../store/open';
import { IN_RANGE, KEPT, VISIT_TOTAL } from './bookingScope';
import type { ShopDays } from './shopDays';

/** The kept visits of one staff member and one service in the range. */
export interface KeptVisits {
  staffId: string;
  serviceId: string;
  visits: number;
  /** Their service time, start to end (buffers left out). */
  ms: number;
  /** What the completed ones brought in. */
  cents: number;
}

/**
 * Kept visits starting in the range, per staff member and service, in one pass over the report
 * index: utilisation sums them by person, the top services by service.
 */
export function keptVisitsByStaffAndService(store: Store, days: ShopDays): KeptVisits[] {
  return store.sqlite
    .prepare(
      `SELECT a.staff_id AS staffId, a.service_id AS serviceId, count(*) AS visits, sum(a.ends_at - a.starts_at) AS ms, sum(${VISIT_TOTAL}) AS cents
         FROM appointments a INDEXED BY appointments_report WHERE ${IN_RANGE} AND ${KEPT}
        GROUP BY a.staff_id, a.service_id`,
    )
    .all({ from: days.from, to: days.to }) as KeptVisits[];
}
