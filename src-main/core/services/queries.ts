import { asc, isNull } from 'drizzle-orm';
import type { Store } from '../store/open';
import { services } from '../store/schema';

export function listServices(store: Store) {
  return store.db.select().from(services).where(isNull(services.deletedAt)).orderBy(asc(services.name)).all();
}
