import { and, asc, eq } from 'drizzle-orm';
import type { EntityType } from '../../../src-shared/entities';
import type { Store } from './open';
import { events } from './schema';

/** The event that made a record (its first `<kind>.create`): who made it, and on which desk. */
export function creationEventOf(
  store: Store,
  entityType: EntityType,
  id: string,
): { id: string; actorStaffId: string | null; deviceId: string } | undefined {
  return store.db
    .select({ id: events.id, actorStaffId: events.actorStaffId, deviceId: events.deviceId })
    .from(events)
    .where(and(eq(events.entityId, id), eq(events.type, `${entityType}.create`)))
    .orderBy(asc(events.seq))
    .get();
}
