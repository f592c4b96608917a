import type { Store } from '../store/open';
import { IN_RANGE, KEPT, KEPT_STATUSES } from './bookingScope';
import type { ShopDays } from './shopDays';

export interface ClientMix {
  /** Clients whose first kept visit ever starts in the range. */
  newClients: number;
  /** Clients with a kept visit in the range and one before it. */
  returningClients: number;
}

const keptBy = (client: string, when: string) =>
  `EXISTS (SELECT 1 FROM appointments b INDEXED BY appointments_client_kept
            WHERE b.client_id = ${client} AND ${when} AND b.deleted_at IS NULL AND b.status IN (${KEPT_STATUSES}))`;

/**
 * New versus returning clients among those with a kept visit in the range: a client is returning
 * when they had a kept visit before it. Both questions are seeks of the partial index of each
 * client's kept visits (`appointments_client_kept`). Two ways to find the clients, the cheaper for
 * the shop's size: with fewer clients on file than kept visits in the range, each client is asked
 * (two seeks; a year at 1,000,000 bookings and 20,000 clients costs less than half the other way);
 * otherwise the range's distinct clients are read from the report index (a sort of their ids).
 * A visit deleted, cancelled or missed does not make a client "returning".
 */
export function clientMix(store: Store, days: ShopDays, keptInRange: number): ClientMix {
  const { clients } = store.sqlite.prepare(`SELECT count(*) AS clients FROM clients`).get() as { clients: number };
  const row = (
    clients <= keptInRange
      ? store.sqlite.prepare(
          `SELECT coalesce(sum(seen), 0) AS seen, coalesce(sum(seen AND before), 0) AS returningClients FROM (
             SELECT ${keptBy('c.id', 'b.starts_at >= @from AND b.starts_at < @to')} AS seen, ${keptBy('c.id', 'b.starts_at < @from')} AS before
               FROM clients c)`,
        )
      : store.sqlite.prepare(
          `SELECT count(*) AS seen, coalesce(sum(${keptBy('seen.clientId', 'b.starts_at < @from')}), 0) AS returningClients
             FROM (SELECT DISTINCT a.client_id AS clientId FROM appointments a INDEXED BY appointments_report WHERE ${IN_RANGE} AND ${KEPT}) seen`,
        )
  ).get({ from: days.from, to: days.to }) as { seen: number; returningClients: number };
  return { newClients: row.seen - row.returningClients, returningClients: row.returningClients };
}
