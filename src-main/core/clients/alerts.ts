import { AppError } from '../../../src-shared/errors';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';

/**
 * What the desk must know about a client before a visit (allergies, patch test, preferences,
 * notes): the booking dialog asks the moment a client is picked, the drawer when it opens. One
 * client by id, so it costs one indexed read and never a search.
 */
export function clientAlerts(store: Store, clientId: string) {
  const client = loadRow(store, 'client', clientId);
  if (client === null) throw new AppError('NOT_FOUND', 'That client does not exist.', { field: 'id' });
  return {
    id: client.id,
    name: client.name,
    allergies: client.allergies,
    patchTestOn: client.patchTestOn,
    preferences: client.preferences,
    notes: client.notes,
  };
}
