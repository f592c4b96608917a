import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { isAppError } from '../../../src-shared/errors';
import type { Actor } from '../../../src-shared/authorization';
import { expireHold } from '../../core/appointments/commands';
import type { Store } from '../../core/store/open';
import { loadRow } from '../../core/store/rows';
import { appointments } from '../../core/store/schema';
import { creationEventOf } from '../../core/store/creationEvent';

/**
 * Holds run out by themselves (issue 12): a time pencilled in for a client who will call back is
 * freed when its hold ends, as an event in the history and the activity log ("the hold ran out").
 * The desk that pencilled it in closes it, in the name of the person who did, so two desks never
 * both close one hold (the other would wait in the Recovery Center); another desk shows it as Held
 * until the closing arrives by sync. A hold whose person can no longer act stays for a person to
 * release.
 */

/** How often the desk looks for holds that have run out. */
export const HOLD_CHECK_MS = 30_000;

/** Close every hold this desk pencilled in whose time has run out; returns how many were closed. */
export function expireDueHolds(store: Store, now: number): number {
  const due = store.db
    .select({ id: appointments.id, version: appointments.version })
    .from(appointments)
    .where(and(eq(appointments.status, 'held'), lte(appointments.holdExpiresAt, now), isNull(appointments.deletedAt)))
    .orderBy(asc(appointments.holdExpiresAt))
    .all();
  let closed = 0;
  for (const hold of due) {
    const made = creationEventOf(store, 'appointment', hold.id);
    if (made === undefined || made.deviceId !== store.deviceId || made.actorStaffId === null) continue;
    const member = loadRow(store, 'staff', made.actorStaffId);
    if (member === null) continue;
    const actor: Actor = { staffId: member.id, role: member.role };
    try {
      expireHold({ store, actor, now: () => now }, { idempotencyKey: `hold-ran-out:${hold.id}`, id: hold.id, expectedVersion: hold.version });
      closed += 1;
    } catch (error) {
      // Refused for a reason of its own (the person left, it changed meanwhile): it stays Held for a person.
      if (!isAppError(error)) throw error;
    }
  }
  return closed;
}

/** Looks for run-out holds now and every HOLD_CHECK_MS on the store the desk uses at the time. */
export function startHoldExpiry(options: { getStore: () => Store; now: () => number }): { stop(): void } {
  const check = () => {
    try {
      expireDueHolds(options.getStore(), options.now());
    } catch {
      // A store that is closing or failing: the next check tries again, and the system status says why.
    }
  };
  check();
  const timer = setInterval(check, HOLD_CHECK_MS);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
