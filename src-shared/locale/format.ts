import { DateTime } from 'luxon';
import { weekdayOf, weekdays, type Weekday } from '../time';
import { DEFAULT_LOCALE, type DateFormat, type LocaleSettings } from './settings';

/**
 * The one place dates, times, weekdays, months, money and numbers are written for people
 * (docs/architecture.md §22), by the shop's locale setting: its language for the words (luxon
 * over Intl) and its chosen patterns for the digits. Screens, the printed day, exports, the
 * support report and messages all format through `formatterOf`; nothing calls toLocaleString.
 */
export interface ShopFormat {
  readonly locale: LocaleSettings;
  /** The BCP 47 tag Intl and Chromium read ('en-GB', 'en-US', 'es-ES'): `<html lang>` carries it. */
  readonly tag: string;
  /** A calendar date 'YYYY-MM-DD' in the shop's pattern: "30 Nov 2026", "30/11/2026". */
  date(date: string): string;
  /** A day as a heading names it: "Monday 30 November 2026", "lunes, 30 de noviembre de 2026", "lunes 30/11/2026". */
  longDate(date: string): string;
  /** A day in a narrow header: "Mon 30 Nov", "lun 30/11". */
  shortDay(date: string): string;
  /** A day and month without the year: "30 November", "30 de noviembre", "30/11". */
  dayMonth(date: string): string;
  /** An instant's date and time on the shop's calendar: "Mon 30 Nov 2026, 14:05", "lun 30/11/2026, 2:05 p. m.". */
  dateTime(instant: number, zone: string): string;
  /** An instant's wall-clock time: "14:05" or "2:05 PM". */
  clock(instant: number, zone: string): string;
  /** A wall-clock time 'HH:mm' (opening hours, a chip's value) as the shop writes it. */
  clockOf(time: string): string;
  /** The hour a wall-clock time 'HH:mm' falls in, as a narrow row label: "14:00" or "2 PM". */
  hour(time: string): string;
  /** "14:05–15:00" */
  timeRange(startsAt: number, endsAt: number, zone: string): string;
  weekday(weekday: Weekday, width?: 'long' | 'short'): string;
  /** The week's days in the shop's order, from its first day. */
  readonly week: readonly Weekday[];
  /** A week's first and last days as a title joins them: "14"–"20 December 2026", "30/11"–"06/12/2026". */
  weekSpan(first: string): { from: string; to: string };
  /** The first day of the week holding a date. */
  weekStartOf(date: string): string;
  month(month: number, width?: 'long' | 'short'): string;
  /** Whole pence (cents) as money in the shop's currency: "£38.50", "38,50 €"; null: "—". */
  money(cents: number | null): string;
  number(value: number): string;
  /** A fraction of one as a percentage, to a tenth: "12.5%", "12,5 %". */
  share(fraction: number): string;
  /** A number to one decimal place: "1.5", "1,5", "2.0". */
  tenths(value: number): string;
  /** What a person typed as a date in the shop's pattern (or ISO), as 'YYYY-MM-DD'; null when it is none. */
  parseDate(typed: string): string | null;
  /** The shop's date pattern as a hint for an empty field: "dd/mm/aaaa", "dd/mm/yyyy". */
  readonly datePlaceholder: string;
  /** What a person typed as a wall-clock time ("14:05", "9.30", "2:05 PM", "2:05 p. m."), as 'HH:mm'; null when it is none. */
  parseClock(typed: string): string | null;
  /** The shop's clock as a hint for an empty field: "hh:mm", "h:mm AM". */
  readonly clockPlaceholder: string;
}

function tagOf(locale: LocaleSettings): string {
  if (locale.language === 'es') return 'es-ES';
  return locale.dateFormat === 'MM/dd/yyyy' ? 'en-US' : 'en-GB';
}

const withoutYear: Record<DateFormat, string> = { 'd MMM yyyy': 'd MMMM', 'dd/MM/yyyy': 'dd/MM', 'MM/dd/yyyy': 'MM/dd', 'yyyy-MM-dd': 'MM-dd' };
const placeholders: Record<DateFormat, { en: string; es: string }> = {
  'd MMM yyyy': { en: 'd mmm yyyy', es: 'd mmm aaaa' },
  'dd/MM/yyyy': { en: 'dd/mm/yyyy', es: 'dd/mm/aaaa' },
  'MM/dd/yyyy': { en: 'mm/dd/yyyy', es: 'mm/dd/aaaa' },
  'yyyy-MM-dd': { en: 'yyyy-mm-dd', es: 'aaaa-mm-dd' },
};
/** Patterns a typed date is read by, besides the shop's own: day-first digits for day-first shops, and ISO always. */
const alsoReads: Record<DateFormat, string[]> = {
  'd MMM yyyy': ['d MMMM yyyy', "d 'de' MMMM 'de' yyyy", 'd/M/yyyy', 'yyyy-MM-dd'],
  'dd/MM/yyyy': ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'yyyy-MM-dd'],
  'MM/dd/yyyy': ['M/d/yyyy', 'yyyy-MM-dd'],
  'yyyy-MM-dd': ['yyyy-M-d'],
};

/** A typed time on a 24-hour clock; a 12-hour one is read by its meridiem, in English or Spanish ("p. m."). */
const clockReads = ['H:mm', 'H.mm', 'HHmm'];
const meridiemReads = ['h:mm a', 'h.mm a', 'h a'];
const meridiemOf = (text: string) => /^(.*?)\s*([ap])\.?\s*m\.?$/iu.exec(text);

const formatters = new Map<string, ShopFormat>();

export function formatterOf(locale: LocaleSettings = DEFAULT_LOCALE): ShopFormat {
  const key = JSON.stringify(locale);
  let made = formatters.get(key);
  if (made === undefined) {
    made = makeFormatter(locale);
    if (formatters.size > 50) formatters.clear();
    formatters.set(key, made);
  }
  return made;
}

function makeFormatter(locale: LocaleSettings): ShopFormat {
  const tag = tagOf(locale);
  const day = (date: string) => DateTime.fromISO(date, { zone: 'UTC', locale: tag });
  const at = (instant: number, zone: string) => DateTime.fromMillis(instant, { zone, locale: tag });
  const clockPattern = locale.clock === '12h' ? 'h:mm a' : 'HH:mm';
  const numeric = locale.dateFormat !== 'd MMM yyyy';
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: locale.currency });
  const numbers = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const tenths = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  // Monday-first is how `weekdays` is listed; JavaScript's 0 is Sunday.
  const firstIndex = (locale.weekStart + 6) % 7;
  const week = [...weekdays.slice(firstIndex), ...weekdays.slice(0, firstIndex)];
  const format: ShopFormat = {
    locale,
    tag,
    week,
    datePlaceholder: placeholders[locale.dateFormat][locale.language],
    clockPlaceholder: locale.clock === '24h' ? 'hh:mm' : DateTime.fromObject({ hour: 9 }, { zone: 'UTC', locale: tag }).toFormat('h:mm a').replace('9', 'h').replace('00', 'mm'),
    date: (date) => day(date).toFormat(locale.dateFormat),
    longDate: (date) => {
      if (numeric) return `${day(date).toFormat('cccc')} ${day(date).toFormat(locale.dateFormat)}`;
      // British English heads a day without Intl's comma ("Sunday 29 November 2026"), as CareDesk always has.
      return tag === 'en-GB' ? day(date).toFormat('cccc d LLLL yyyy') : day(date).toLocaleString(DateTime.DATE_HUGE);
    },
    shortDay: (date) => `${day(date).toFormat('ccc')} ${day(date).toFormat(numeric ? withoutYear[locale.dateFormat] : 'd MMM')}`,
    dayMonth: (date) => (numeric ? day(date).toFormat(withoutYear[locale.dateFormat]) : day(date).toLocaleString({ day: 'numeric', month: 'long' })),
    dateTime: (instant, zone) => `${at(instant, zone).toFormat('ccc')} ${at(instant, zone).toFormat(locale.dateFormat)}, ${at(instant, zone).toFormat(clockPattern)}`,
    clock: (instant, zone) => at(instant, zone).toFormat(clockPattern),
    clockOf: (time) => (locale.clock === '24h' ? time : DateTime.fromFormat(time, 'HH:mm', { zone: 'UTC', locale: tag }).toFormat(clockPattern)),
    hour: (time) => (locale.clock === '24h' ? `${time.slice(0, 2)}:00` : DateTime.fromFormat(time, 'HH:mm', { zone: 'UTC', locale: tag }).toFormat('h a')),
    timeRange: (startsAt, endsAt, zone) => `${format.clock(startsAt, zone)}–${format.clock(endsAt, zone)}`,
    weekday: (weekday, width = 'long') => day(mondayBased[weekday]).toFormat(width === 'long' ? 'cccc' : 'ccc'),
    weekSpan: (first) => {
      const last = DateTime.fromISO(first, { zone: 'UTC' }).plus({ days: 6 }).toISODate() ?? first;
      if (numeric) return { from: day(first).toFormat(withoutYear[locale.dateFormat]), to: day(last).toFormat(locale.dateFormat) };
      const of = locale.language === 'es' ? " 'de' " : ' ';
      const sameYear = first.slice(0, 4) === last.slice(0, 4);
      const fromPattern = first.slice(0, 7) === last.slice(0, 7) ? 'd' : sameYear ? `d${of}LLLL` : `d${of}LLLL${of}yyyy`;
      return { from: day(first).toFormat(fromPattern), to: day(last).toFormat(`d${of}LLLL${of}yyyy`) };
    },
    weekStartOf: (date) => {
      const offset = (week.indexOf(weekdayOf(date)) + 7) % 7;
      return DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: offset }).toISODate() ?? date;
    },
    month: (month, width = 'long') => DateTime.fromObject({ year: 2026, month, day: 1 }, { zone: 'UTC', locale: tag }).toFormat(width === 'long' ? 'LLLL' : 'LLL'),
    money: (cents) => (cents === null ? '—' : money.format(cents / 100)),
    number: (value) => numbers.format(value),
    share: (fraction) => percent.format(fraction),
    tenths: (value) => tenths.format(value),
    parseDate: (typed) => {
      const text = typed.trim().replace(/\s+/g, ' ');
      if (text === '') return null;
      for (const pattern of [locale.dateFormat, ...alsoReads[locale.dateFormat]]) {
        const read = DateTime.fromFormat(text, pattern, { zone: 'UTC', locale: tag });
        if (read.isValid) return read.toISODate();
      }
      return null;
    },
    parseClock: (typed) => {
      const text = typed.trim().replace(/\s+/g, ' ');
      const meridiem = meridiemOf(text);
      const [patterns, read] = meridiem === null ? [clockReads, text] : [meridiemReads, `${meridiem[1]} ${(meridiem[2] ?? '').toUpperCase()}M`];
      for (const pattern of patterns) {
        const time = DateTime.fromFormat(read, pattern, { zone: 'UTC', locale: 'en-US' });
        if (time.isValid) return time.toFormat('HH:mm');
      }
      return null;
    },
  };
  return format;
}

/** A Monday to Sunday week (5–11 January 2026) to name weekdays by. */
const mondayBased: Record<Weekday, string> = { mon: '2026-01-05', tue: '2026-01-06', wed: '2026-01-07', thu: '2026-01-08', fri: '2026-01-09', sat: '2026-01-10', sun: '2026-01-11' };

/**
 * The locale the renderer shows: the shop's, set once its settings arrive (src-renderer/locale.ts).
 * Only the screens read it; the desk's main process and the server pass the shop's locale to
 * `formatterOf` themselves, since a server serves many shops.
 */
let shown: LocaleSettings = DEFAULT_LOCALE;
export function showLocale(locale: LocaleSettings): void {
  shown = locale;
}
export function shownFormat(): ShopFormat {
  return formatterOf(shown);
}
