import type { ReportRange } from '../../../src-shared/reports';
import { addDays, localDayRange } from '../../../src-shared/time';

/**
 * The shop-local days of a report's range with the instants they start and end at, and the day an
 * instant falls on: SQL groups by instants (a booking's start; the stock ledger's quarter hours —
 * every zone's offset is a whole number of quarter hours, so no quarter straddles a local
 * midnight), which fold into days here, on the shop's calendar, DST days included.
 */

export interface ShopDays {
  dates: string[];
  starts: number[];
  from: number;
  to: number;
  /** The index of the day an instant inside [from, to) falls on. */
  indexOf(instant: number): number;
}

export function shopDaysOf(range: ReportRange, zone: string): ShopDays {
  const dates: string[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) dates.push(date);
  const starts = dates.map((date) => localDayRange(date, zone).start);
  const to = localDayRange(range.to, zone).end;
  return {
    dates,
    starts,
    from: starts[0] as number,
    to,
    indexOf(instant) {
      // The last day starting at or before the instant (binary search: a year is 9 steps).
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] as number) <= instant) low = middle;
        else high = middle - 1;
      }
      return low;
    },
  };
}
