import { refuse } from './refuse';

/**
 * The one clock. Every part that asks "what time is it?" — the desk core, browser mode, the sync
 * agent, the daily backup, the status checks, the demo shop and the sync server — reads the clock
 * it was handed at start-up, so a test can choose the shop's date and time instead of inheriting
 * the machine's. Instants are UTC epoch milliseconds, like everywhere else (src-shared/time.ts).
 */
export interface Clock {
  /** A plain function: safe to hand on by itself (`now: clock.now`). */
  readonly now: () => number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that reads `instant` at the real moment `since` and then runs in real time, so timers,
 * "now" lines and timeouts still move. Processes given the same (instant, since) agree to the
 * millisecond however late each of them started.
 */
export function clockStartingAt(instant: number, since: number = Date.now()): Clock {
  const offset = instant - since;
  return { now: () => Date.now() + offset };
}

/** A clock a test sets and moves by hand. */
export class ManualClock implements Clock {
  constructor(public at: number) {}
  readonly now = (): number => this.at;
  set(at: number): void {
    this.at = at;
  }
  advance(ms: number): number {
    this.at += ms;
    return this.at;
  }
}

/** An ISO instant with its offset ("2026-12-31T23:50:00Z", "2026-03-29T10:00:00+01:00"); null otherwise. */
export function parseInstant(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim())) return null;
  const at = Date.parse(text.trim());
  return Number.isFinite(at) ? at : null;
}

export interface ChosenTime {
  /** The instant the test chose (`--now` or CAREDESK_NOW), as ISO text. */
  now?: string | undefined;
  /** The real moment (epoch ms, CAREDESK_NOW_SINCE) at which it was that instant; default: start-up. */
  since?: string | undefined;
  /** Test hooks on (CAREDESK_TEST_HOOKS=1): a chosen time is honoured only then. */
  testHooks: boolean;
}

/**
 * The clock a process starts with: the machine's, or — for tests only — one that starts at the
 * chosen instant. A chosen time without test hooks is refused, so a real shop can never run on a
 * made-up date.
 */
export function startClock(chosen: ChosenTime): Clock {
  if (chosen.now === undefined || chosen.now === '') return systemClock;
  if (!chosen.testHooks) {
    throw refuse('VALIDATION_ERROR', 'clock.testOnly', undefined, { field: 'now' });
  }
  const instant = parseInstant(chosen.now);
  if (instant === null) {
    throw refuse('VALIDATION_ERROR', 'clock.notInstant', { now: chosen.now }, { field: 'now' });
  }
  const since = chosen.since === undefined || chosen.since === '' ? Date.now() : Number(chosen.since);
  if (!Number.isFinite(since)) {
    throw refuse('VALIDATION_ERROR', 'clock.notEpoch', { since: chosen.since ?? '' }, { field: 'since' });
  }
  return clockStartingAt(instant, since);
}
