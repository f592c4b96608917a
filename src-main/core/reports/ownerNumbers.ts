import type { ReportRange } from '../../../src-shared/reports';
import { shareOf } from '../../../src-shared/reports';
import { requireShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { bookingsByDay, type DayBookings } from './bookingsByDay';
import { clientMix, type ClientMix } from './clientMix';
import { ensureReportRollup } from './rollup';
import { QUARTER_MS, shopDaysOf } from './shopDays';
import { stockFigures as wiredStock, type StockFigures, type StockUsed } from './stockSeam';
import { keptVisitsBy } from './keptVisits';
import { topServices, type ServiceFigure } from './topServices';
import { utilisationByStaff, type StaffUtilisation } from './utilisation';

export interface DayFigures extends DayBookings {
  /** Retail sold at checkout that day; null while the stock ledger is not wired (stockSeam.ts). */
  retailCents: number | null;
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
    retailCents: number | null;
    revenueCents: number;
  };
  utilisation: StaffUtilisation[];
  topServices: ServiceFigure[];
  clients: ClientMix;
  /** Products used by services; null while the stock ledger is not wired. */
  stockUsed: StockUsed[] | null;
}

/**
 * The owner's numbers (docs/architecture.md §26), from the records and their events: the daily
 * rollup (rollup.ts) the desk keeps beside them as they change, and the rest read when asked. `stock` is the stock
 * ledger's part (stockSeam.ts); a test may hand its own.
 */
export function ownerNumbers(store: Store, range: ReportRange, stock: StockFigures | null = wiredStock): OwnerNumbers {
  const settings = requireShopSettings(store);
  const days = shopDaysOf(range, settings.timeZone);
  const retail = stock === null ? null : days.dates.map(() => 0);
  if (stock !== null && retail !== null) {
    for (const row of stock.retailQuarters(store, days.from, days.to)) {
      const index = days.indexOf(row.quarter * QUARTER_MS);
      retail[index] = (retail[index] ?? 0) + row.cents;
    }
  }
  // A guard: open and every settings write keep the rollup in the shop's zone already.
  ensureReportRollup(store);
  const booked = bookingsByDay(store, days);
  const perDay = booked.days.map((day, index) => ({ ...day, retailCents: retail === null ? null : (retail[index] ?? 0) }));
  const sum = (pick: (day: DayFigures) => number) => perDay.reduce((total, day) => total + pick(day), 0);
  const bookings = sum((day) => day.bookings);
  const noShows = sum((day) => day.noShows);
  const late = booked.lateCancellations;
  const serviceCents = sum((day) => day.serviceCents);
  const keptByStaff = keptVisitsBy(store, days, 'staff');
  const retailCents = retail === null ? null : retail.reduce((total, cents) => total + cents, 0);
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
      revenueCents: serviceCents + (retailCents ?? 0),
    },
    utilisation: utilisationByStaff(store, days, settings, keptByStaff),
    topServices: topServices(store, keptVisitsBy(store, days, 'service')),
    clients: clientMix(store, days, keptByStaff.reduce((total, row) => total + row.visits, 0)),
    stockUsed: stock === null ? null : stock.stockUsed(store, days.from, days.to),
  };
}
