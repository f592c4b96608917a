import { refuse } from './refuse';
import type { EntityType, Staff, StaffRole } from './entities';
import { byClientOf, changedByOf, ownerOnlyTypes } from './registry';

/**
 * Who is acting: a staff member signed in at the desk (or nobody, during first-run set-up), or the
 * client through their confirmation link (`client`, src-shared/clientActor.ts).
 */
export interface Actor {
  staffId: string | null;
  role: StaffRole | null;
  client?: true;
}

/** Staff, services, time off and shop settings are the owner's; bookings, clients and blocked time are everyone's (each kind declares which, src-shared/registry/). */
export const ownerOnlyEntities: ReadonlySet<EntityType> = ownerOnlyTypes;

/**
 * Until the shop has an owner, set-up may create the settings, the first staff and the services
 * without anyone signed in; after that every change needs a signed-in actor.
 */
export function authorizeCommand(
  command: { entityType: EntityType; op: string; entityId: string; args?: Record<string, unknown> },
  actor: Actor,
  shopHasOwner: boolean,
): void {
  const { entityType } = command;
  authorizeLinkConfirmation(command, actor);
  if (actor.client === true) {
    if (!byClientOf(entityType, command.op)) throw refuse('FORBIDDEN', 'authorization.clientLinkOnly');
    return;
  }
  const changedBy = changedByOf(entityType, command.op);
  if (!shopHasOwner && actor.staffId === null) {
    if (changedBy === 'owner') return;
    throw refuse('AUTH_REQUIRED', 'authorization.finishSetup');
  }
  if (actor.staffId === null || actor.role === null) {
    throw refuse('AUTH_REQUIRED', 'authorization.chooseWho');
  }
  // An op for the person themself (their own PIN) is theirs alone, owner or not.
  if (changedBy === 'self') {
    if (actor.staffId !== command.entityId) throw refuse('FORBIDDEN', 'authorization.selfOnly');
    return;
  }
  if (changedBy === 'owner' && actor.role !== 'owner') {
    throw refuse('FORBIDDEN', 'authorization.ownerOnly');
  }
}

/** A confirmation "via link" is the client's own act: nobody else records one, and the client records nothing else. */
function authorizeLinkConfirmation(command: { args?: Record<string, unknown> }, actor: Actor): void {
  const via = command.args?.via;
  if (via === undefined) return;
  if (actor.client === true && via !== 'link') throw refuse('FORBIDDEN', 'authorization.clientConfirmsByLink');
  if (actor.client !== true && via === 'link') {
    throw refuse('FORBIDDEN', 'authorization.onlyClientByLink', undefined, { field: 'via' });
  }
}

/**
 * Only a staff member who is active and not deleted can act: the desk signs anyone else out, and
 * the sync server refuses a change made in their name (it may have waited offline on a machine).
 */
export function assertActorCanAct(member: Pick<Staff, 'name' | 'active' | 'deletedAt'>): void {
  if (member.active && member.deletedAt === null) return;
  throw refuse('AUTH_REQUIRED', 'authorization.noLongerActive', { name: member.name }, { field: 'actorStaffId' });
}
