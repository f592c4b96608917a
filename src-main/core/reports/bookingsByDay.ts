import type { Store } from '../store/open';
import type { ShopDays } from './shopDays';

/** One shop day's bookings by what became of them, and what its completed visits brought in. */
export interface DayBookings {
  date: string;
  bookings: number;
  completed: number;
  cancelled: number;
  noShows: number;
  serviceCents: number;
}

interface DayRow {
  day: string;
  bookings: number;
  completed: number;
  cancelled: number;
  noShows: number;
  late: number;
  cents: number;
}

/**
 * Bookings per day (every booking starting that day, cancelled and no-shows included), with the
 * takings of the completed ones, and the range's late cancellations: read from the daily rollup's
 * staff rows (reportRollup.ts; every booking is in exactly one), a few thousand rows for a year.
 */
export function bookingsByDay(store: Store, days: ShopDays): { days: DayBookings[]; lateCancellations: number } {
  const rows = store.sqlite
    .prepare(
      `SELECT day, sum(bookings) AS bookings, sum(completed) AS completed, sum(cancelled) AS cancelled, sum(no_shows) AS noShows,
              sum(late_cancellations) AS late, sum(cents) AS cents
         FROM report_days WHERE dimension = 'staff' AND day >= @from AND day <= @to
        GROUP BY day`,
    )
    .all({ from: days.dates[0], to: days.dates[days.dates.length - 1] }) as DayRow[];
  const byDate = new Map(rows.map((row) => [row.day, row]));
  let lateCancellations = 0;
  const result = days.dates.map((date) => {
    const row = byDate.get(date);
    lateCancellations += row?.late ?? 0;
    return {
      date,
      bookings: row?.bookings ?? 0,
      completed: row?.completed ?? 0,
      cancelled: row?.cancelled ?? 0,
      noShows: row?.noShows ?? 0,
      serviceCents: row?.cents ?? 0,
    };
  });
  return { days: result, lateCancellations };
}
