import { describe, expect, it } from 'vitest';
import { clampDate, monthStart, monthWeeks, movedBy } from '../../../src-renderer/components/monthGrid';
import { formatterOf } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';

const mondayFirst = formatterOf({ ...DEFAULT_LOCALE, weekStart: 1 }).week;
const sundayFirst = formatterOf({ ...DEFAULT_LOCALE, weekStart: 0 }).week;
const saturdayFirst = formatterOf({ ...DEFAULT_LOCALE, weekStart: 6 }).week;

describe("the date picker's month", () => {
  it("lays June 2026 out from the shop's first day of the week", () => {
    // 1 June 2026 is a Monday.
    const monday = monthWeeks('2026-06-01', mondayFirst);
    expect(monday).toHaveLength(5);
    expect(monday[0]).toEqual(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07']);
    expect(monday[4]).toEqual(['2026-06-29', '2026-06-30', null, null, null, null, null]);
    const sunday = monthWeeks('2026-06-01', sundayFirst);
    expect(sunday[0]).toEqual([null, '2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06']);
    expect(sunday.at(-1)).toEqual(['2026-06-28', '2026-06-29', '2026-06-30', null, null, null, null]);
    expect(monthWeeks('2026-06-01', saturdayFirst)[0]?.slice(0, 3)).toEqual([null, null, '2026-06-01']);
  });

  it('holds every day of a month once, leap February included', () => {
    const days = monthWeeks('2028-02-01', mondayFirst).flat().filter((day) => day !== null);
    expect(days).toHaveLength(29);
    expect(days.at(-1)).toBe('2028-02-29');
    expect(monthWeeks('2027-02-01', mondayFirst)).toHaveLength(4); // 1 Feb 2027 is a Monday: four full weeks
  });

  it('moves the focused day by the keys grid date pickers use', () => {
    expect(movedBy('ArrowRight', false, '2026-06-30', mondayFirst)).toBe('2026-07-01');
    expect(movedBy('ArrowLeft', false, '2026-06-01', mondayFirst)).toBe('2026-05-31');
    expect(movedBy('ArrowDown', false, '2026-06-17', mondayFirst)).toBe('2026-06-24');
    expect(movedBy('ArrowUp', false, '2026-06-03', mondayFirst)).toBe('2026-05-27');
    // Wednesday 17 June: Home and End are the shop's week's ends.
    expect(movedBy('Home', false, '2026-06-17', mondayFirst)).toBe('2026-06-15');
    expect(movedBy('End', false, '2026-06-17', mondayFirst)).toBe('2026-06-21');
    expect(movedBy('Home', false, '2026-06-17', sundayFirst)).toBe('2026-06-14');
    expect(movedBy('End', false, '2026-06-17', sundayFirst)).toBe('2026-06-20');
    expect(movedBy('PageDown', false, '2026-01-31', mondayFirst)).toBe('2026-02-28');
    expect(movedBy('PageUp', true, '2028-02-29', mondayFirst)).toBe('2027-02-28');
    expect(movedBy('a', false, '2026-06-17', mondayFirst)).toBeNull();
  });

  it('keeps a day within the bounds and finds its month', () => {
    expect(clampDate('2026-06-10', '2026-06-12', '2026-06-20')).toBe('2026-06-12');
    expect(clampDate('2026-06-25', '2026-06-12', '2026-06-20')).toBe('2026-06-20');
    expect(clampDate('2026-06-15', '2026-06-12', '2026-06-20')).toBe('2026-06-15');
    expect(monthStart('2026-06-17')).toBe('2026-06-01');
  });
});
