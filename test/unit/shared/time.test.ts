import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { EARLIEST_INSTANT, LATEST_INSTANT, localWallClock, zoneOffsetMinutes } from '../../../src-shared/time';

/**
 * zoneOffsetMinutes remembers each day's offset; these hold it to luxon's answer at every
 * instant, above all on either side of a change of offset.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Changes of offset: the first instant of the new offset, the offsets before and after. */
const changes = [
  { zone: 'Europe/London', at: Date.UTC(2026, 2, 29, 1, 0), before: 0, after: 60 },
  { zone: 'Europe/London', at: Date.UTC(2026, 9, 25, 1, 0), before: 60, after: 0 },
  { zone: 'Europe/London', at: Date.UTC(2000, 2, 26, 1, 0), before: 0, after: 60 },
  { zone: 'America/New_York', at: Date.UTC(2026, 2, 8, 7, 0), before: -300, after: -240 },
  { zone: 'America/New_York', at: Date.UTC(2026, 10, 1, 6, 0), before: -240, after: -300 },
  // The rules changed in 2007: the first Sunday of April before, the second of March after.
  { zone: 'America/New_York', at: Date.UTC(2006, 3, 2, 7, 0), before: -300, after: -240 },
  { zone: 'America/Los_Angeles', at: Date.UTC(2026, 2, 8, 10, 0), before: -480, after: -420 },
  { zone: 'America/Los_Angeles', at: Date.UTC(2026, 10, 1, 9, 0), before: -420, after: -480 },
  // Half an hour of daylight saving.
  { zone: 'Australia/Lord_Howe', at: Date.UTC(2026, 3, 4, 15, 0), before: 660, after: 630 },
  // Newfoundland (UTC−03:30): the change falls at half past a UTC hour.
  { zone: 'America/St_Johns', at: Date.UTC(2026, 2, 8, 5, 30), before: -210, after: -150 },
] as const;

/** Every zone this platform knows, the ones above first. */
const zones = [...new Set([...changes.map((change) => change.zone), ...Intl.supportedValuesOf('timeZone')])];

function luxonWallClock(instant: number, zone: string): { date: string; minutes: number } {
  const at = DateTime.fromMillis(instant, { zone });
  return { date: at.toISODate() ?? '', minutes: at.hour * 60 + at.minute };
}

describe('zoneOffsetMinutes and localWallClock', () => {
  it.each(changes)('$zone changes from $before to $after minutes at the right millisecond', ({ zone, at, before, after }) => {
    expect(IANAZone.create(zone).offset(at - 1)).toBe(before);
    expect(IANAZone.create(zone).offset(at)).toBe(after);
    // Asked twice (the second answer comes from memory), from either side, in either order.
    for (const instant of [at - 1, at, at - HOUR, at + HOUR - 1, at - DAY, at + DAY, at - 1, at]) {
      expect(zoneOffsetMinutes(instant, zone)).toBe(instant < at ? before : after);
    }
  });

  it('reads the wall clock of London and New York across their 2026 changes', () => {
    // London springs forward at 01:00 GMT: 00:59 GMT is 00:59, 01:00 GMT is 02:00 BST.
    expect(localWallClock(Date.UTC(2026, 2, 29, 0, 59), 'Europe/London')).toEqual({ date: '2026-03-29', minutes: 59 });
    expect(localWallClock(Date.UTC(2026, 2, 29, 1, 0), 'Europe/London')).toEqual({ date: '2026-03-29', minutes: 120 });
    // London falls back at 01:00 GMT: 01:30 BST (00:30 GMT) and 01:30 GMT are both 01:30.
    expect(localWallClock(Date.UTC(2026, 9, 25, 0, 30), 'Europe/London')).toEqual({ date: '2026-10-25', minutes: 90 });
    expect(localWallClock(Date.UTC(2026, 9, 25, 1, 30), 'Europe/London')).toEqual({ date: '2026-10-25', minutes: 90 });
    // New York: 01:59 EST then 03:00 EDT; 01:30 EDT then 01:30 EST an hour later.
    expect(localWallClock(Date.UTC(2026, 2, 8, 6, 59), 'America/New_York')).toEqual({ date: '2026-03-08', minutes: 119 });
    expect(localWallClock(Date.UTC(2026, 2, 8, 7, 0), 'America/New_York')).toEqual({ date: '2026-03-08', minutes: 180 });
    expect(localWallClock(Date.UTC(2026, 10, 1, 5, 30), 'America/New_York')).toEqual({ date: '2026-11-01', minutes: 90 });
    expect(localWallClock(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York')).toEqual({ date: '2026-11-01', minutes: 90 });
    // The local date turns at local midnight, not at UTC's.
    expect(localWallClock(Date.UTC(2026, 6, 1, 3, 59), 'America/New_York')).toEqual({ date: '2026-06-30', minutes: 1439 });
  });

  it('agrees with luxon at any instant of the supported years, in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: EARLIEST_INSTANT, max: LATEST_INSTANT }), (zone, instant) => {
        expect(zoneOffsetMinutes(instant, zone)).toBe(IANAZone.create(zone).offset(instant));
        expect(localWallClock(instant, zone)).toEqual(luxonWallClock(instant, zone));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with luxon within two days of every change of offset, asked in any order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.array(fc.integer({ min: -2 * DAY, max: 2 * DAY }), { minLength: 1, maxLength: 20 }),
        (change, distances) => {
          for (const distance of distances) {
            const instant = change.at + distance;
            expect(zoneOffsetMinutes(instant, change.zone)).toBe(distance < 0 ? change.before : change.after);
            expect(localWallClock(instant, change.zone)).toEqual(luxonWallClock(instant, change.zone));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
