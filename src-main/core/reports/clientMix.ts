import type { Store } from '../store/open';
import { KEPT_STATUSES } from '../store/bookingScope';
import type { ShopDays } from './shopDays';

export interface ClientMix {
  /** Clients whose first kept visit ever starts in the range. */
  newClients: number;
  /** Clients with a kept visit in the range and one before it. */
  returningClients: number;
}

/**
 * New versus returning clients among those with a kept visit in the range: a client is returning
 * when they had a kept visit before it. Read from each client's first and last kept visit, which
 * the rollup keeps (reportRollup.ts, `report_clients`): new clients are those whose first visit is in the
 * range; a client who came before is returning when their last visit is in it, or — when their
 * visits run on past it — when one of them is (a seek of `appointments_client_kept`). A visit
 * deleted, cancelled or missed does not make a client "returning". The returning count reads the
 * table straight through: its rows are small, and report_clients_first_at holds no last_at (so that
 * a later visit writes one page, not two), so going by the index would fetch each row again.
 */
export function clientMix(store: Store, days: ShopDays): ClientMix {
  const row = store.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM report_clients WHERE first_at >= @from AND first_at < @to) AS newClients,
              (SELECT count(*) FROM report_clients r NOT INDEXED
                WHERE r.first_at < @from AND r.last_at >= @from
                  AND (r.last_at < @to OR EXISTS (SELECT 1 FROM appointments b INDEXED BY appointments_client_kept
                        WHERE b.client_id = r.client_id AND b.starts_at >= @from AND b.starts_at < @to
                          AND b.deleted_at IS NULL AND b.status IN (${KEPT_STATUSES})))) AS returningClients`,
    )
    .get({ from: days.from, to: days.to }) as ClientMix;
  return row;
}
