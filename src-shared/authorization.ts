import { AppError } from './errors';
import type { EntityType, StaffRole } from './entities';

/** Who is acting: a staff member signed in at the desk (or nobody, during first-run set-up). */
export interface Actor {
  staffId: string | null;
  role: StaffRole | null;
}

/** Staff, services and shop settings are the owner's; bookings and clients are everyone's. */
export const ownerOnlyEntities: ReadonlySet<EntityType> = new Set(['staff', 'service', 'settings']);

/**
 * Until the shop has an owner, set-up may create the settings, the first staff and the services
 * without anyone signed in; after that every change needs a signed-in actor.
 */
export function authorizeCommand(entityType: EntityType, actor: Actor, shopHasOwner: boolean): void {
  if (!shopHasOwner && actor.staffId === null) {
    if (ownerOnlyEntities.has(entityType)) return;
    throw new AppError('AUTH_REQUIRED', 'Finish setting up the shop (add its owner) before taking bookings.');
  }
  if (actor.staffId === null || actor.role === null) {
    throw new AppError('AUTH_REQUIRED', 'Choose who is at the desk before making changes.');
  }
  if (ownerOnlyEntities.has(entityType) && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only the shop owner can change staff, services and shop settings.');
  }
}
