import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { localDayRange, localTimeToInstant } from '../../../src-shared/time';

/**
 * localTimeToInstant and localDayRange work most dates out with plain arithmetic and leave the
 * days near a change of offset to luxon; these hold both to luxon's own answer, above all in
 * spring-forward gaps and fall-back overlaps.
 */

const DAY = 86_400_000;

/** What the helpers answered when luxon worked out every date. */
function luxonInstant(date: string, time: string, zone: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone })
    .startOf('day')
    .set({ hour: hours ?? 0, minute: minutes ?? 0, second: 0, millisecond: 0 })
    .toMillis();
}
function luxonDayRange(date: string, zone: string): { start: number; end: number } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Half-hour and 45-minute offsets and DST (Lord Howe's half-hour change, Kathmandu, St John's),
 * changes at midnight (São Paulo until 2019, Havana, Beirut), a zone that moved across the date
 * line (Apia, which skipped 30 December 2011) and the everyday ones.
 */
const zones = [
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'America/Sao_Paulo',
  'America/Havana',
  'Asia/Beirut',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Europe/Dublin',
  'Asia/Tehran',
  'UTC',
];
const everyZone = [...new Set([...zones, ...Intl.supportedValuesOf('timeZone')])];

const FIRST = Date.UTC(1999, 0, 1);
const LAST = Date.UTC(2101, 11, 31);
/**
 * The change days are swept quarter hour by quarter hour to the end of 2040: past 2037 the time
 * zone database only repeats each zone's last rule, so later years are the same days again (the
 * property below still draws any date to 2101), and sweeping them cost the unit run a minute.
 */
const SWEPT_UNTIL = Date.UTC(2040, 11, 31);

/**
 * The local dates, 1999–2040, on which a zone's offset changes: the wall-clock dates just before
 * and at each change (a gap or overlap lies on them).
 */
function changeDates(zone: string): string[] {
  const iana = IANAZone.create(zone);
  const dates = new Set<string>();
  let previous = iana.offset(FIRST);
  for (let day = FIRST; day <= SWEPT_UNTIL; day += DAY) {
    const next = iana.offset(day + DAY - 1);
    if (next !== previous) {
      // The first millisecond of the new offset, by halving the day.
      let [low, high] = [day, day + DAY - 1];
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (iana.offset(middle) === previous) low = middle;
        else high = middle;
      }
      dates.add(dateOf(low + previous * 60_000));
      dates.add(dateOf(high + next * 60_000));
    }
    previous = next;
  }
  return [...dates];
}

describe('localTimeToInstant and localDayRange', () => {
  it.each(zones)('agree with luxon at every quarter hour of each day whose offset changes in %s, 1999–2040', (zone) => {
    // Every answer of the zone's change days side by side, compared once; a difference is still
    // shown by its date and time.
    const ours: string[] = [];
    const luxons: string[] = [];
    for (const date of changeDates(zone)) {
      const day = Date.parse(`${date}T00:00:00Z`);
      for (const near of [dateOf(day - DAY), date, dateOf(day + DAY)]) {
        ours.push(`${near}: ${JSON.stringify(localDayRange(near, zone))}`);
        luxons.push(`${near}: ${JSON.stringify(luxonDayRange(near, zone))}`);
      }
      for (let minutes = 0; minutes < 1440; minutes += 15) {
        const time = clock(minutes);
        ours.push(`${date} ${time}: ${localTimeToInstant(date, time, zone)}`);
        luxons.push(`${date} ${time}: ${luxonInstant(date, time, zone)}`);
      }
    }
    expect(ours).toEqual(luxons);
  });

  it('agree with luxon at any minute of any date 1999–2101, in any zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...everyZone),
        fc.integer({ min: FIRST / DAY, max: LAST / DAY }),
        fc.integer({ min: 0, max: 1439 }),
        (zone, day, minutes) => {
          const date = dateOf(day * DAY);
          expect(localTimeToInstant(date, clock(minutes), zone)).toBe(luxonInstant(date, clock(minutes), zone));
          expect(localDayRange(date, zone)).toEqual(luxonDayRange(date, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('move a time in a spring-forward gap past the gap and take the earlier of an overlap, as luxon does', () => {
    // London 29 March 2026: 01:30 does not exist (01:00 GMT becomes 02:00 BST).
    expect(localTimeToInstant('2026-03-29', '01:30', 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // London 25 October 2026: 01:30 happens twice; the first (BST) is taken.
    expect(localTimeToInstant('2026-10-25', '01:30', 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    // New York 8 March 2026: 02:30 is in the gap.
    expect(localTimeToInstant('2026-03-08', '02:30', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    // A 23-hour and a 25-hour day.
    expect(localDayRange('2026-03-29', 'Europe/London')).toEqual({ start: Date.UTC(2026, 2, 29), end: Date.UTC(2026, 2, 29, 23) });
    expect(localDayRange('2026-10-25', 'Europe/London')).toEqual({ start: Date.UTC(2026, 9, 24, 23), end: Date.UTC(2026, 9, 26) });
    // Kathmandu is 5 h 45 min ahead all year.
    expect(localTimeToInstant('2026-06-01', '09:00', 'Asia/Kathmandu')).toBe(Date.UTC(2026, 5, 1, 3, 15));
  });

  it('still refuse a date that is not on the calendar', () => {
    for (const date of ['2026-02-30', '2026-13-01', '2026-1-01', 'tomorrow']) {
      expect(() => localTimeToInstant(date, '10:00', 'Europe/London')).toThrow(AppError);
      expect(() => localDayRange(date, 'Europe/London')).toThrow(AppError);
    }
  });
});
