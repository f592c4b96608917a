import type { Store } from '../store/open';
import type { ShopDays } from './shopDays';

/** The kept visits (booked, arrived, in the chair or done) of one staff member, or one service, in the range. */
export interface KeptVisits {
  subjectId: string;
  visits: number;
  /** Their service time, start to end (buffers left out). */
  ms: number;
  /** What the completed ones brought in. */
  cents: number;
}

/**
 * Kept visits starting in the range, per staff member (utilisation) or per service (the top
 * services), summed from the daily rollup (reportRollup.ts). Only those with a kept visit are listed.
 */
export function keptVisitsBy(store: Store, days: ShopDays, dimension: 'staff' | 'service'): KeptVisits[] {
  return store.sqlite
    .prepare(
      `SELECT subject_id AS subjectId, sum(kept) AS visits, sum(kept_ms) AS ms, sum(cents) AS cents
         FROM report_days WHERE dimension = @dimension AND day >= @from AND day <= @to
        GROUP BY subject_id HAVING sum(kept) > 0`,
    )
    .all({ dimension, from: days.dates[0], to: days.dates[days.dates.length - 1] }) as KeptVisits[];
}
