import type { ReportRange } from '../../../src-shared/reports';
import { shareOf } from '../../../src-shared/reports';
import { requireShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { bookingsByDay, type DayBookings } from './bookingsByDay';
import { clientMix, type ClientMix } from './clientMix';
import { ensureReportRollup } from '../store/reportRollup';
import { QUARTER_MS } from '../../../src-shared/reports';
import { shopDaysOf } from './shopDays';
import { retailQuarters, stockUsed, type StockUsed } from './stockFigures';
import { keptVisitsBy } from './keptVisits';
import { topServices, type ServiceFigure } from './topServices';
import { utilisationByStaff, type StaffUtilisation } from './utilisation';

export interface DayFigures extends DayBookings {
  /** Retail sold at checkout that day (stockFigures.ts). */
  retailCents: number;
}

/** Everything the dashboard, its PDF and its CSV show for a range of the shop's days. */
export interface OwnerNumbers {
  range: ReportRange;
  timeZone: string;
  shopName: string;
  days: DayFigures[];
  totals: {
    bookings: number;
    completed: number;
    cancelled: number;
    lateCancellations: number;
    noShows: number;
    /** Of all bookings in the range; null when there were none. */
    noShowRate: number | null;
    lateCancellationRate: number | null;
    serviceCents: number;
    retailCents: number;
    revenueCents: number;
  };
  utilisation: StaffUtilisation[];
  topServices: ServiceFigure[];
  clients: ClientMix;
  /** Products used by services, less what cancellations gave back. */
  stockUsed: StockUsed[];
}

/**
 * The owner's numbers (docs/architecture.md §26), from the records and their events: the daily
 * rollup (reportRollup.ts) the desk keeps beside them as they change, the rest read when asked; retail
 * and stock used from the stock ledger's movements (stockFigures.ts).
 */
export function ownerNumbers(store: Store, range: ReportRange): OwnerNumbers {
  const settings = requireShopSettings(store);
  const days = shopDaysOf(range, settings.timeZone);
  const retail = days.dates.map(() => 0);
  for (const row of retailQuarters(store, days.from, days.to)) {
    const index = days.indexOf(row.quarter * QUARTER_MS);
    retail[index] = (retail[index] ?? 0) + row.cents;
  }
  // A guard: open and every settings write keep the rollup in the shop's zone already.
  ensureReportRollup(store);
  const booked = bookingsByDay(store, days);
  const perDay = booked.days.map((day, index) => ({ ...day, retailCents: retail[index] ?? 0 }));
  const sum = (pick: (day: DayFigures) => number) => perDay.reduce((total, day) => total + pick(day), 0);
  const bookings = sum((day) => day.bookings);
  const noShows = sum((day) => day.noShows);
  const late = booked.lateCancellations;
  const serviceCents = sum((day) => day.serviceCents);
  const keptByStaff = keptVisitsBy(store, days, 'staff');
  const retailCents = retail.reduce((total, cents) => total + cents, 0);
  return {
    range,
    timeZone: settings.timeZone,
    shopName: settings.shopName,
    days: perDay,
    totals: {
      bookings,
      completed: sum((day) => day.completed),
      cancelled: sum((day) => day.cancelled),
      lateCancellations: late,
      noShows,
      noShowRate: shareOf(noShows, bookings),
      lateCancellationRate: shareOf(late, bookings),
      serviceCents,
      retailCents,
      revenueCents: serviceCents + retailCents,
    },
    utilisation: utilisationByStaff(store, days, settings, keptByStaff),
    topServices: topServices(store, keptVisitsBy(store, days, 'service')),
    clients: clientMix(store, days),
    stockUsed: stockUsed(store, days),
  };
}
