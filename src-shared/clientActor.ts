/**
 * The client acting themself, through the confirmation link the sync server serves
 * (docs/architecture.md §20): a kind of actor of its own. It is recorded as this reserved id in an
 * event's actor (no staff member can have it), so every store keeps it like any other actor and
 * the activity log and history name it "Client, via link". Only the sync server's link route may
 * act as it (the rulebook refuses it from anywhere else), and only for the ops the registry
 * declares as the client's own (`byClient`).
 */
export const CLIENT_VIA_LINK_ACTOR_ID = '00000000-0000-4000-8000-00000000c11e';

/** How the activity log and history name the client acting through their link. */
export const CLIENT_VIA_LINK_NAME = 'Client, via link';

export function isClientViaLink(actorStaffId: string | null | undefined): boolean {
  return actorStaffId === CLIENT_VIA_LINK_ACTOR_ID;
}
