import type { AnyRow, EntityType } from '../../../src-shared/entities';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';

/**
 * Names for the Recovery Center: the screen explains a conflict in plain language ("Zoë Smith,
 * Haircut with Maya at 10:00"), so it needs the client, staff and service names behind the ids
 * of both versions of a record. Read-only; unknown ids are simply left out.
 */
export interface RecoveryNames {
  /** Display name of the record itself (client name, staff name, service name, shop name). */
  title: string | null;
  clients: Record<string, string>;
  staff: Record<string, string>;
  services: Record<string, string>;
}

function nameOf(store: Store, entityType: 'client' | 'staff' | 'service', id: unknown): [string, string] | null {
  if (typeof id !== 'string') return null;
  const row = loadRow(store, entityType, id) as { name?: string } | null;
  return row?.name ? [id, row.name] : null;
}

export function recoveryNames(store: Store, entityType: EntityType, rows: readonly (AnyRow | null)[]): RecoveryNames {
  const names: RecoveryNames = { title: null, clients: {}, staff: {}, services: {} };
  for (const row of rows) {
    if (row === null) continue;
    const record = row as Record<string, unknown>;
    const client = nameOf(store, 'client', record.clientId);
    if (client) names.clients[client[0]] = client[1];
    const staff = nameOf(store, 'staff', record.staffId);
    if (staff) names.staff[staff[0]] = staff[1];
    const service = nameOf(store, 'service', record.serviceId);
    if (service) names.services[service[0]] = service[1];
    if (names.title === null) {
      if (entityType === 'appointment' && client) names.title = client[1];
      else if (typeof record.name === 'string') names.title = record.name;
      else if (typeof record.shopName === 'string') names.title = record.shopName;
    }
  }
  return names;
}
