import { DateTime, IANAZone } from 'luxon';
import { refuse } from './refuse';
import { formatterOf, shownFormat } from './locale/format';
import type { LocaleSettings } from './locale/settings';

/**
 * The one time-zone helper. Instants are UTC epoch milliseconds everywhere; a shop-local date is
 * 'YYYY-MM-DD' and a shop-local clock time 'HH:mm', both read in the shop's IANA zone by luxon so
 * that 23- and 25-hour DST days come out right.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
/** Weekdays as a receptionist reads them. */
export const weekdayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export const MINUTE_MS = 60_000;

/**
 * The instants CareDesk works with: a shop's bookings and history fall well inside these, and
 * every instant inside has a date, a zone offset and a wall clock in every store and library.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 11, 31, 23, 59, 59, 999);
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';
export const supportedYears = 'between 2000 and 2100';

/** The largest distance from 1970 a JavaScript Date can hold, less a day for any zone offset. */
const COMPUTABLE_MS = 8_640_000_000_000_000 - 86_400_000;

/** An instant no calendar can show is the caller's input, not a fault of the clock or the database. */
function computable(instant: number): number {
  if (!Number.isFinite(instant) || Math.abs(instant) > COMPUTABLE_MS) {
    throw refuse('VALIDATION_ERROR', 'time.supported', undefined, { field: 'startsAt' });
  }
  return instant;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function isValidLocalDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

/** A calendar date inside the supported years (the booking dialog asks this before sending). */
export function isSupportedDate(date: string): boolean {
  return isValidLocalDate(date) && date >= EARLIEST_DATE && date <= LATEST_DATE;
}

function startOfLocalDay(date: string, zone: string): DateTime {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) throw refuse('VALIDATION_ERROR', 'time.realDate', undefined, { field: 'date' });
  return day.startOf('day');
}

/**
 * A zone's rules do not change while the app runs, so instants computed from (zone, date, time)
 * are remembered: the day view asks for the same day many times a minute.
 */
const remembered = new Map<string, number>();
function remember(key: string, compute: () => number): number {
  let value = remembered.get(key);
  if (value === undefined) {
    if (remembered.size >= 5000) remembered.clear();
    value = compute();
    remembered.set(key, value);
  }
  return value;
}

/** [start, end) of a shop-local day as UTC instants. */
export function localDayRange(date: string, zone: string): { start: number; end: number } {
  const wall = wallDayMs(date);
  if (wall !== null) {
    const start = unambiguousInstant(wall, zone);
    const end = unambiguousInstant(wall + DAY_MS, zone);
    if (start !== null && end !== null) return { start, end };
  }
  return {
    start: remember(`${zone}|${date}`, () => startOfLocalDay(date, zone).toMillis()),
    end: remember(`${zone}|${date}|end`, () => startOfLocalDay(date, zone).plus({ days: 1 }).toMillis()),
  };
}

/** The shop-local date an instant falls on. */
export function localDateOf(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISODate() ?? '';
}

export function todayIn(zone: string, now: number): string {
  return localDateOf(now, zone);
}

export function addDays(date: string, days: number): string {
  // Calendar arithmetic in UTC without luxon: the free-time finder and working time ask it per
  // person per day. A string that is not a real date comes back unchanged, as luxon's did.
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) return date;
  return new Date(midnight + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The same day of the month `months` later (earlier when negative), held to the month's last day
 * when it has no such day: 31 August + 6 months is the last day of February (the 29th in a leap
 * year). A string that is not a real date comes back unchanged, as addDays does.
 */
export function addMonths(date: string, months: number): string {
  if (!isValidLocalDate(date)) return date;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12;
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const lastDay = new Date(new Date(0).setUTCFullYear(toYear, toMonth + 1, 0)).getUTCDate();
  return `${String(toYear).padStart(4, '0')}-${String(toMonth + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** How many days each memo below keeps before it starts afresh (bounded memory in a long-running desk). */
const REMEMBERED_DAYS = 10_000;

/** Weekdays of dates asked before: parsing a date costs a booking's opening-hours check a few µs. */
const weekdayByDate = new Map<string, Weekday>();

export function weekdayOf(date: string): Weekday {
  let weekday = weekdayByDate.get(date);
  if (weekday === undefined) {
    // A calendar date has a weekday whatever the zone: read it in UTC.
    const sunday0 = new Date(`${date}T00:00:00Z`).getUTCDay();
    weekday = weekdays[(sunday0 + 6) % 7] ?? 'mon';
    if (weekdayByDate.size >= REMEMBERED_DAYS) weekdayByDate.clear();
    weekdayByDate.set(date, weekday);
  }
  return weekday;
}

/**
 * A zone's UTC offset for each UTC day it was asked about, or null for a day in which the offset
 * changes. Asking luxon (Intl, formatToParts) costs about 8 µs per lookup and every booking asks
 * twice; a remembered day is one Map read. No zone in the time-zone database changes its offset
 * twice within a day (since 2000 the closest two changes of one zone are a week apart), so equal
 * offsets at a day's first and last millisecond mean none in between; the day of a change is asked
 * of luxon every time.
 */
const offsetsByZone = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC in minutes at an instant (what luxon's IANAZone.offset answers). */
export function zoneOffsetMinutes(instant: number, zone: string): number {
  return steadyOffsetOfDay(Math.floor(instant / DAY_MS), zone) ?? IANAZone.create(zone).offset(instant);
}

/** The zone's offset all through a UTC day, or null if it changes that day (or the zone is unknown). */
function steadyOffsetOfDay(day: number, zone: string): number | null {
  let days = offsetsByZone.get(zone);
  if (days === undefined) {
    days = new Map();
    offsetsByZone.set(zone, days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    const iana = IANAZone.create(zone);
    const first = iana.offset(day * DAY_MS);
    offset = first === iana.offset(day * DAY_MS + DAY_MS - 1) ? first : null;
    if (days.size >= REMEMBERED_DAYS) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/**
 * No zone's offset lies beyond ±16 hours (today's extremes are −12:00 and +14:00), so the instant
 * of a wall-clock time lies within 16 hours of the same digits read as UTC.
 */
const WIDEST_OFFSET_MS = 16 * 60 * MINUTE_MS;

/**
 * The instant of a wall-clock time (given as the UTC milliseconds of the same digits) when the
 * zone keeps one offset through every UTC day within 16 hours of it: then that offset is the only
 * one the time can have, there is no gap or overlap to decide, and it is what luxon answers.
 * Null near a change of offset, which is left to luxon.
 */
function unambiguousInstant(wallMs: number, zone: string): number | null {
  const firstDay = Math.floor((wallMs - WIDEST_OFFSET_MS) / DAY_MS);
  const lastDay = Math.floor((wallMs + WIDEST_OFFSET_MS) / DAY_MS);
  const offset = steadyOffsetOfDay(firstDay, zone);
  if (offset === null) return null;
  for (let day = firstDay + 1; day <= lastDay; day += 1) {
    if (steadyOffsetOfDay(day, zone) !== offset) return null;
  }
  return wallMs - offset * MINUTE_MS;
}

/** The UTC milliseconds of a 'YYYY-MM-DD' date's midnight (years 1000–9999), or null for anything else. */
function wallDayMs(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const year = digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
  const month = digitAt(date, 5) * 10 + digitAt(date, 6);
  const day = digitAt(date, 8) * 10 + digitAt(date, 9);
  if (!(year >= 1000) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31)) return null;
  const ms = Date.UTC(year, month - 1, day);
  // 2026-02-30 rolls into March: not a calendar date, left to luxon to refuse.
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** Minutes of a strict 'HH:mm' with HH < 24 and mm < 60, or null for anything else. */
function strictClockMinutes(time: string): number | null {
  if (time.length !== 5 || time.charCodeAt(2) !== 58) return null;
  const hours = digitAt(time, 0) * 10 + digitAt(time, 1);
  const minutes = digitAt(time, 3) * 10 + digitAt(time, 4);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/**
 * The shop-local calendar date and wall-clock minutes of an instant, from the zone's offset at
 * that instant (zoneOffsetMinutes) rather than a full DateTime: the booking path asks this twice
 * per command.
 */
export function localWallClock(instant: number, zone: string): { date: string; minutes: number } {
  const wall = instant + zoneOffsetMinutes(computable(instant), zone) * MINUTE_MS;
  const day = Math.floor(wall / DAY_MS);
  return { date: dateOfDay(day), minutes: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

/** The calendar dates of UTC days asked before: Date's toISOString costs a few µs, twice per booking. */
const dateByDay = new Map<number, string>();

function dateOfDay(day: number): string {
  let date = dateByDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateByDay.size >= REMEMBERED_DAYS) dateByDay.clear();
    dateByDay.set(day, date);
  }
  return date;
}

/** The digit at a position of a text, or NaN. */
function digitAt(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
}

export function clockMinutes(time: string): number {
  // 'HH:mm' read digit by digit: split and map cost an opening-hours check more than the rest of it.
  if (time.length === 5 && time.charCodeAt(2) === 58) {
    const minutes = (digitAt(time, 0) * 10 + digitAt(time, 1)) * 60 + digitAt(time, 3) * 10 + digitAt(time, 4);
    if (!Number.isNaN(minutes)) return minutes;
  }
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Minutes into a day as 'HH:mm' (the inverse of clockMinutes). */
export function clockOfMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The instant of a shop-local wall-clock time. A time skipped by a spring-forward gap moves
 * forward past the gap (luxon's rule), so 02:30 on a DST-start day is 03:30.
 */
export function localTimeToInstant(date: string, time: string, zone: string): number {
  // Away from a change of offset the answer is plain arithmetic; luxon (tens of µs for each new
  // date) only works out the days near a change and anything unusual in the input.
  const wall = wallDayMs(date);
  const minutes = strictClockMinutes(time);
  if (wall !== null && minutes !== null) {
    const instant = unambiguousInstant(wall + minutes * MINUTE_MS, zone);
    if (instant !== null) return instant;
  }
  return remember(`${zone}|${date}|${time}`, () => {
    const [hours, minutes] = time.split(':').map(Number);
    return startOfLocalDay(date, zone)
      .set({ hour: hours ?? 0, minute: minutes ?? 0, second: 0, millisecond: 0 })
      .toMillis();
  });
}

/** 'HH:mm' on the shop's clock. */
export function localClockOf(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}

/** Minutes since local midnight (wall clock), for placing a card on the day grid. */
export function minutesIntoLocalDay(instant: number, zone: string): number {
  // The day view asks this of every booking on every change: the cached offset, not a DateTime each.
  return localWallClock(instant, zone).minutes;
}

/**
 * A day as a heading names it, in the shop's language and date pattern (src-shared/locale/format.ts).
 * Without a locale, the one the screens show; the desk's main process and the server pass the shop's.
 */
export function formatLocalDate(date: string, locale?: LocaleSettings): string {
  return (locale === undefined ? shownFormat() : formatterOf(locale)).longDate(date);
}

/** A shop-local date in a chart's few characters: "Mon 1 Jun", "lun 01/06". Without a locale, the one the screens show. */
export function formatShortLocalDate(date: string, locale?: LocaleSettings): string {
  return (locale === undefined ? shownFormat() : formatterOf(locale)).shortDay(date);
}

/** An instant's date and time on the shop's calendar and clock ("Mon 30 Nov 2026, 14:05"). */
export function formatLocalDateTime(instant: number, zone: string, locale?: LocaleSettings): string {
  return (locale === undefined ? shownFormat() : formatterOf(locale)).dateTime(instant, zone);
}
