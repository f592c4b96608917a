import type { Command } from './commands';
import type { Appointment, Message, WaitlistEntry, WalkIn } from './entities';

/**
 * What erasing a client closes (docs/architecture.md §28): a client who is forgotten has no future
 * in the shop. Their bookings still to come are cancelled (a held time released), the messages
 * still waiting to go to them are cancelled, their waitlist entries come off the list and a walk-in
 * still waiting is recorded as gone. Each is an ordinary change of its own record, decided by the
 * rulebook with the erasure and run in its transaction in the name of the owner who erased, so the
 * day view, the sender and the other desks see them as any other cancel. Pure: each store only
 * answers `recordsOfClient`.
 */

/** The client's records that may still have a future, as a store holds them (not removed). */
export interface RecordsOfClient {
  /** Booked or held appointments. */
  bookings: Appointment[];
  /** Messages not yet sent (scheduled, failed to retry, uncertain). */
  messages: Message[];
  /** Waitlist entries still waiting. */
  waitlist: WaitlistEntry[];
  /** Walk-ins still waiting. */
  walkIns: WalkIn[];
}

/** The reason each cancelled booking records. */
export const ERASED_CANCEL_REASON = 'Client erased';

const unsent: ReadonlySet<Message['status']> = new Set(['scheduled', 'failed', 'uncertain']);

/** A booking still to come: not begun at the moment of the erasure. */
export function isFutureBooking(booking: Appointment, now: number): boolean {
  return booking.deletedAt === null && (booking.status === 'booked' || booking.status === 'held') && booking.startsAt > now;
}

/**
 * The changes that close the client's future. Messages go first, so the cancelled bookings' own
 * follow-ups find nothing left to call back.
 */
export function erasureFollowUps(records: RecordsOfClient, now: number, causedBy: { eventId: string }): Command[] {
  const commands: Omit<Command, 'idempotencyKey'>[] = [
    ...records.messages
      .filter((message) => message.deletedAt === null && unsent.has(message.status))
      .map((message) => change('message', 'cancel', message, null)),
    ...records.bookings
      .filter((booking) => isFutureBooking(booking, now))
      .map((booking) => change('appointment', booking.status === 'held' ? 'releaseHold' : 'cancel', booking, ERASED_CANCEL_REASON)),
    ...records.waitlist.filter((entry) => entry.deletedAt === null && entry.status === 'waiting').map((entry) => change('waitlist', 'delete', entry, null)),
    ...records.walkIns.filter((walkIn) => walkIn.deletedAt === null && walkIn.status === 'waiting').map((walkIn) => change('walkIn', 'leave', walkIn, null)),
  ];
  return commands.map((command, index) => ({ ...command, idempotencyKey: `erase:${causedBy.eventId}:${index}` }));
}

function change(entityType: Command['entityType'], op: string, row: { id: string; version: number }, reason: string | null): Omit<Command, 'idempotencyKey'> {
  return { entityType, op, entityId: row.id, expectedVersion: row.version, reason, args: {} };
}
