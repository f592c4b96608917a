import { z } from 'zod';
import type { Actor } from '../../../src-shared/authorization';
import { refuse } from '../../../src-shared/refuse';
import { idSchema } from '../../../src-shared/entities';
import { pinSchema } from '../../../src-shared/commands';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { cachedRow } from '../store/rowCache';
import { verifyPin } from '../commands/pin';

export const signInInputSchema = z.strictObject({ staffId: idSchema, pin: pinSchema.optional() });

/**
 * Who is at the desk. Every event's actor comes from here, never from the renderer's input.
 * Switching to a staff member with a PIN needs the PIN.
 */
/** After this many wrong PINs in a row, a staff member's PIN is refused for LOCKOUT_MS. */
export const MAX_PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 60_000;

export class DeskSession {
  private current: Actor = { staffId: null, role: null };
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  get actor(): Actor {
    return this.current;
  }

  /**
   * Re-reads the staff member's standing so a deactivated or demoted member loses access at once
   * (before every command: the row the command path keeps, read again once anything could have changed it).
   */
  refresh(store: Store): Actor {
    const staffId = this.current.staffId;
    if (staffId === null) return this.current;
    const member = cachedRow(store, 'staff', staffId);
    const role = member !== null && member.active && member.deletedAt === null ? member.role : undefined;
    if (role === undefined) this.current = { staffId: null, role: null };
    else if (role !== this.current.role) this.current = { staffId, role };
    return this.current;
  }

  async signIn(store: Store, input: z.output<typeof signInInputSchema>): Promise<Actor> {
    const member = loadRow(store, 'staff', input.staffId);
    if (member === null || !member.active || member.deletedAt !== null) {
      throw refuse('NOT_FOUND', 'session.notActive', undefined, { field: 'staffId' });
    }
    if (member.pinHash !== null) {
      if (input.pin === undefined) throw refuse('AUTH_REQUIRED', 'session.enterPin', { name: member.name }, { field: 'pin' });
      // A 4-digit PIN falls to guessing in minutes without a limit.
      const failed = this.failures.get(member.id);
      const now = this.clock();
      if (failed !== undefined && failed.lockedUntil > now) {
        throw refuse('RATE_LIMITED', 'session.tooManyPins', { name: member.name }, { field: 'pin', retryAfterMs: failed.lockedUntil - now });
      }
      if (!(await verifyPin(input.pin, member.pinHash))) {
        const count = (failed?.count ?? 0) + 1;
        this.failures.set(member.id, { count, lockedUntil: count >= MAX_PIN_ATTEMPTS ? now + PIN_LOCKOUT_MS : 0 });
        throw refuse('AUTH_TOKEN_INVALID', 'session.wrongPin', undefined, { field: 'pin' });
      }
      this.failures.delete(member.id);
    }
    this.current = { staffId: member.id, role: member.role };
    return this.current;
  }

  signOut(): void {
    this.current = { staffId: null, role: null };
  }
}
