import type { Store } from '../store/open';
import { IN_RANGE, KEPT, KEPT_STATUSES } from './bookingScope';
import type { ShopDays } from './shopDays';

export interface ClientMix {
  /** Clients whose first kept visit ever starts in the range. */
  newClients: number;
  /** Clients with a kept visit in the range and one before it. */
  returningClients: number;
}

/**
 * New versus returning clients among those with a kept visit in the range: a client is returning
 * when they had a kept visit before it — one seek of the partial index of kept visits per client.
 * A visit deleted, cancelled or missed does not make a client "returning".
 */
export function clientMix(store: Store, days: ShopDays): ClientMix {
  const row = store.sqlite
    .prepare(
      `SELECT count(*) AS seen, coalesce(sum(EXISTS (
                SELECT 1 FROM appointments b INDEXED BY appointments_client_kept
                 WHERE b.client_id = seen.clientId AND b.starts_at < @from AND b.deleted_at IS NULL AND b.status IN (${KEPT_STATUSES}))), 0) AS returningClients
         FROM (SELECT DISTINCT a.client_id AS clientId FROM appointments a INDEXED BY appointments_report WHERE ${IN_RANGE} AND ${KEPT}) seen`,
    )
    .get({ from: days.from, to: days.to }) as { seen: number; returningClients: number };
  return { newClients: row.seen - row.returningClients, returningClients: row.returningClients };
}
