import { describe, expect, it, vi } from 'vitest';
import { clockStartingAt, ManualClock, parseInstant, startClock, systemClock } from '../../../src-shared/clock';
import { isAppError } from '../../../src-shared/errors';
import { demoOpeningHours, demoPlan } from '../../../src-main/core/demo/plan';
import { addDays, localClockOf, localDateOf, weekdayOf } from '../../../src-shared/time';

const NEW_YEARS_EVE = Date.UTC(2026, 11, 31, 23, 50);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the one clock', () => {
  it('a chosen instant runs on in real time from the moment it was given', () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    try {
      const clock = clockStartingAt(NEW_YEARS_EVE);
      expect(clock.now()).toBe(NEW_YEARS_EVE);
      vi.advanceTimersByTime(11 * 60_000);
      expect(localDateOf(clock.now(), 'Europe/London')).toBe('2027-01-01');
      // A process started later with the same (instant, since) reads the same time.
      const later = clockStartingAt(NEW_YEARS_EVE, Date.UTC(2030, 0, 1));
      expect(later.now()).toBe(clock.now());
    } finally {
      vi.useRealTimers();
    }
  });

  it('a chosen time is honoured only with test hooks on, and must be an instant with its offset', () => {
    expect(startClock({ testHooks: false })).toBe(systemClock);
    expect(startClock({ now: '', testHooks: true })).toBe(systemClock);
    expect(refusal(() => startClock({ now: '2026-12-31T23:50:00Z', testHooks: false }))).toMatch(
      /^VALIDATION_ERROR: .*only for tests/,
    );
    expect(refusal(() => startClock({ now: '31/12/2026 23:50', testHooks: true }))).toMatch(
      /^VALIDATION_ERROR: .*like 2026-12-31T23:50:00Z/,
    );
    expect(refusal(() => startClock({ now: '2026-12-31T23:50', testHooks: true }))).toMatch(/^VALIDATION_ERROR/);
    expect(refusal(() => startClock({ now: '2026-12-31T23:50:00Z', since: 'soon', testHooks: true }))).toMatch(
      /^VALIDATION_ERROR/,
    );
    const clock = startClock({ now: '2026-12-31T23:50:00Z', since: String(Date.now()), testHooks: true });
    expect(Math.abs(clock.now() - NEW_YEARS_EVE)).toBeLessThan(5_000);
    expect(parseInstant('2026-03-29T02:30:00+01:00')).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('a manual clock moves only when told', () => {
    const clock = new ManualClock(NEW_YEARS_EVE);
    const { now } = clock;
    expect(now()).toBe(NEW_YEARS_EVE);
    expect(clock.advance(60_000)).toBe(NEW_YEARS_EVE + 60_000);
    clock.set(0);
    expect(now()).toBe(0);
  });
});

describe('the demo shop', () => {
  const plan = (now: number) => {
    let n = 0;
    return demoPlan({ timeZone: 'Europe/London', now, newId: () => `id-${(n += 1)}` });
  };
  const starts = (now: number) =>
    plan(now).flatMap((step) => (step.kind === 'appointment' ? [step.input.startsAt] : []));

  it('the same instant gives the same shop; its bookings surround the chosen day, inside opening hours', () => {
    expect(plan(NEW_YEARS_EVE)).toEqual(plan(NEW_YEARS_EVE));
    const days = new Set(starts(NEW_YEARS_EVE).map((at) => localDateOf(at, 'Europe/London')));
    expect([...days].sort()).toEqual(Array.from({ length: 8 }, (_, i) => addDays('2026-12-28', i)));
    for (const at of starts(NEW_YEARS_EVE)) {
      const date = localDateOf(at, 'Europe/London');
      const [hours] = demoOpeningHours[weekdayOf(date)];
      const time = localClockOf(at, 'Europe/London');
      expect(time >= hours!.open && time < hours!.close, `${date} ${time}`).toBe(true);
    }
  });

  it('on the day the clocks go forward, the 23-hour day is as busy as any other', () => {
    const dst = Date.UTC(2026, 2, 29, 0, 55);
    const onTheDay = starts(dst).filter((at) => localDateOf(at, 'Europe/London') === '2026-03-29');
    expect(onTheDay.length).toBeGreaterThan(4);
  });
});
