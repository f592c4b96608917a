import { asc, isNull } from 'drizzle-orm';
import type { Store } from '../store/open';
import { staff } from '../store/schema';

/** Staff as the desk sees them: never the PIN hash, only whether a PIN is set. */
export function listStaff(store: Store) {
  return store.db
    .select()
    .from(staff)
    .where(isNull(staff.deletedAt))
    .orderBy(asc(staff.name))
    .all()
    .map(({ pinHash, ...member }) => ({ ...member, hasPin: pinHash !== null }));
}
