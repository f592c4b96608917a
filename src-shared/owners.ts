import type { Staff } from './entities';
import { refuse } from './refuse';

/**
 * "The shop has an owner" means the same on the desk and on the sync server: a staff member
 * whose role is owner, who is active and not deleted. Each side only loads the ids of such
 * members (in the same transaction as the change); the rules below decide.
 */

type OwnerFields = Pick<Staff, 'role' | 'active' | 'deletedAt'>;

export function isActiveOwner(member: OwnerFields): boolean {
  return member.role === 'owner' && member.active && member.deletedAt === null;
}

/** Without an active owner the shop is in first-run set-up (see authorizeCommand). */
export function shopHasOwner(activeOwnerIds: readonly string[]): boolean {
  return activeOwnerIds.length > 0;
}

/**
 * Once a shop has an owner it must keep one: without an active owner it would fall back to
 * first-run set-up, where anyone could add staff or change settings without signing in.
 * `activeOwnerIds` is read before the change is written.
 */
export function assertShopKeepsAnOwner(
  before: OwnerFields | null,
  after: OwnerFields & Pick<Staff, 'id'>,
  activeOwnerIds: readonly string[],
): void {
  if (before === null || !isActiveOwner(before) || isActiveOwner(after)) return;
  if (activeOwnerIds.some((id) => id !== after.id)) return;
  throw refuse('INVALID_TRANSITION', 'owners.needOne', undefined, { field: 'role' });
}
