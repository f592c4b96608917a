import type { Appointment, Client, Service, Settings, Staff } from '../../src-shared/entities';
import type { Queryable } from '../db/connect';

/**
 * What a message or a confirmation page says about a booking (docs/architecture.md §20): the
 * shop's settings, the client, the appointment, its service and staff member, read from the
 * shop's rows in one statement.
 */
export interface BookingFacts {
  settings: Settings | null;
  client: Client | null;
  appointment: Appointment | null;
  service: Service | null;
  staff: Staff | null;
}

export async function readBookingFacts(db: Queryable, shopId: string, ids: { clientId: string | null; appointmentId: string | null }): Promise<BookingFacts> {
  const found = await db.query<{ settings: Settings | null; client: Client | null; appointment: Appointment | null; service: Service | null; staff: Staff | null }>(
    `WITH a AS (SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'appointment' AND id = $3::uuid)
     SELECT
       (SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'settings' LIMIT 1) AS settings,
       (SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'client'
           AND id = coalesce($2::uuid, ((SELECT data FROM a) ->> 'clientId')::uuid)) AS client,
       (SELECT data FROM a) AS appointment,
       (SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'service' AND id = ((SELECT data FROM a) ->> 'serviceId')::uuid) AS service,
       (SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'staff' AND id = ((SELECT data FROM a) ->> 'staffId')::uuid) AS staff`,
    [shopId, ids.clientId, ids.appointmentId],
    'cd_booking_facts',
  );
  const row = found.rows[0];
  return {
    settings: row?.settings ?? null,
    client: row?.client ?? null,
    appointment: row?.appointment ?? null,
    service: row?.service ?? null,
    staff: row?.staff ?? null,
  };
}
