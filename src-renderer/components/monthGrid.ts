import { addDays, addMonths, weekdayOf, type Weekday } from '../../src-shared/time';

/**
 * The calendar arithmetic of the date picker (DatePicker.tsx), apart from React so it can be
 * checked alone: a month's weeks laid out from the shop's first day of the week, and where each
 * key moves the focused day. Dates are the store's 'YYYY-MM-DD' strings throughout.
 */

/** The first day of the month holding `date`. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * The weeks of the month starting `first`, as rows of seven cells in the shop's week order
 * (`week`, from ShopFormat.week); cells before the 1st and after the last day are null.
 */
export function monthWeeks(first: string, week: readonly Weekday[]): (string | null)[][] {
  const month = first.slice(0, 7);
  const cells: (string | null)[] = Array.from({ length: week.indexOf(weekdayOf(first)) }, () => null);
  for (let day = first; day.slice(0, 7) === month; day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, row) => cells.slice(row * 7, row * 7 + 7));
}

/** `date` held within `from`–`to`. */
export function clampDate(date: string, from: string, to: string): string {
  return date < from ? from : date > to ? to : date;
}

/**
 * The day a key moves the focus to, as grid date pickers do (WAI-ARIA's date picker dialog):
 * arrows a day or a week, Home and End the week's first and last day in the shop's order,
 * Page Up and Page Down a month, with Shift a year. Null for any other key.
 */
export function movedBy(key: string, shift: boolean, date: string, week: readonly Weekday[]): string | null {
  switch (key) {
    case 'ArrowLeft':
      return addDays(date, -1);
    case 'ArrowRight':
      return addDays(date, 1);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'Home':
      return addDays(date, -week.indexOf(weekdayOf(date)));
    case 'End':
      return addDays(date, 6 - week.indexOf(weekdayOf(date)));
    case 'PageUp':
      return addMonths(date, shift ? -12 : -1);
    case 'PageDown':
      return addMonths(date, shift ? 12 : 1);
    default:
      return null;
  }
}
