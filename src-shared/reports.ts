import { z } from 'zod';
import { localDateSchema } from './entities';
import { addDays } from './time';
import { formatterOf, shownFormat } from './locale/format';
import type { LocaleSettings } from './locale/settings';

/**
 * The owner's numbers (docs/architecture.md §26) cover a range of the shop's days, at most a year:
 * the dashboard, its PDF and its CSV all take this input.
 */
export const reportRangeSchema = z
  .strictObject({ from: localDateSchema, to: localDateSchema })
  .refine((range) => range.to >= range.from, { message: 'must be on or after the first day', path: ['to'] })
  .refine((range) => range.to <= addDays(range.from, 366), { message: 'can be at most a year after the first day', path: ['to'] });
export type ReportRange = z.output<typeof reportRangeSchema>;

/** A cancellation is late when it is made less than this before the booking's start (no shop setting yet). */
export const LATE_CANCEL_WINDOW_MS = 24 * 3_600_000;

/** A share as a fraction of one, or null when there is nothing to divide by (never a made-up 0 %). */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * A share as people read it in the shop's locale ("12.5%", "12,5 %"); null (nothing to divide by)
 * reads as the caller's words. Without a locale, the one the screens show.
 */
export function formatShare(share: number | null, none: string, locale?: LocaleSettings): string {
  return share === null ? none : (locale === undefined ? shownFormat() : formatterOf(locale)).share(share);
}

/** Minutes as hours to a tenth, in the shop's locale ("1.5", "1,5"). Without a locale, the one the screens show. */
export function formatHours(minutes: number, locale?: LocaleSettings): string {
  return (locale === undefined ? shownFormat() : formatterOf(locale)).tenths(minutes / 60);
}

/**
 * A quarter hour: the owner's numbers group instants by it (a booking's start, the stock ledger's
 * movements) and fold the quarters into shop days — every zone's offset is a whole number of
 * quarter hours, so no quarter straddles a local midnight.
 */
export const QUARTER_MS = 900_000;
