/**
 * In whose name the sender moves a message through its statuses (docs/architecture.md §17): the
 * person who created it, while they may still act; once they have left (deactivated or removed),
 * the shop's owner — the shop always keeps an active owner (owners.ts) — so a reminder is never
 * stuck because the receptionist who booked it has gone.
 */
export function senderActorId(
  creator: { id: string; mayAct: boolean } | null,
  activeOwnerIds: readonly string[],
): string | null {
  if (creator !== null && creator.mayAct) return creator.id;
  return [...activeOwnerIds].sort()[0] ?? null;
}
