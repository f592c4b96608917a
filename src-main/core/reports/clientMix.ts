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
 * New versus returning clients among those with a kept visit in the range. A client's first visit
 * is read from the (client, start) index; a visit deleted, cancelled or missed does not make a
 * client "returning".
 */
export function clientMix(store: Store, days: ShopDays): ClientMix {
  const row = store.sqlite
    .prepare(
      `SELECT coalesce(sum(firstAt >= @from), 0) AS newClients, coalesce(sum(firstAt < @from), 0) AS returningClients FROM (
         SELECT (SELECT min(b.starts_at) FROM appointments b INDEXED BY appointments_client_starts_at
                  WHERE b.client_id = seen.clientId AND b.deleted_at IS NULL AND b.status IN (${KEPT_STATUSES})) AS firstAt
           FROM (SELECT DISTINCT a.client_id AS clientId FROM appointments a INDEXED BY appointments_report WHERE ${IN_RANGE} AND ${KEPT}) seen
       )`,
    )
    .get({ from: days.from, to: days.to }) as ClientMix;
  return row;
}
