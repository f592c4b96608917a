import { describe, expect, it } from 'vitest';
import { formatterOf } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE, localeForCountry, localeSettingsSchema, type LocaleSettings } from '../../../src-shared/locale/settings';
import { localTimeToInstant } from '../../../src-shared/time';

const zone = 'Europe/Madrid';
const spanish: LocaleSettings = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' };
const american: LocaleSettings = { language: 'en', dateFormat: 'MM/dd/yyyy', clock: '12h', weekStart: 0, currency: 'USD' };
// Sunday 29 November 2026, 14:05 in Madrid: an afternoon, so 12- and 24-hour clocks differ.
const afternoon = localTimeToInstant('2026-11-29', '14:05', zone);

describe('the shop formatter', () => {
  it('writes British English by default: day-first words, 24-hour clock, pounds', () => {
    const format = formatterOf(DEFAULT_LOCALE);
    expect(format.date('2026-11-29')).toBe('29 Nov 2026');
    expect(format.longDate('2026-11-29')).toBe('Sunday 29 November 2026');
    expect(format.dateTime(afternoon, zone)).toBe('Sun 29 Nov 2026, 14:05');
    expect(format.clock(afternoon, zone)).toBe('14:05');
    expect(format.money(3850)).toBe('£38.50');
    expect(format.tag).toBe('en-GB');
  });

  it('writes Spanish with the chosen pattern and euros', () => {
    const format = formatterOf(spanish);
    expect(format.date('2026-11-29')).toBe('29/11/2026');
    expect(format.longDate('2026-11-29')).toBe('domingo 29/11/2026');
    expect(format.dateTime(afternoon, zone)).toBe('dom 29/11/2026, 14:05');
    expect(format.weekday('mon')).toBe('lunes');
    expect(format.month(11)).toBe('noviembre');
    expect(format.money(3850).replace(/\s/g, ' ')).toBe('38,50 €');
    expect(format.number(1234.5)).toMatch(/^1\.?234,5$/);
    expect(format.datePlaceholder).toBe('dd/mm/aaaa');
  });

  it('writes Spanish words for the worded pattern', () => {
    const format = formatterOf({ ...spanish, dateFormat: 'd MMM yyyy' });
    expect(format.longDate('2026-11-29')).toBe('domingo, 29 de noviembre de 2026');
    expect(format.dayMonth('2026-11-29')).toBe('29 de noviembre');
  });

  it('follows a 12-hour clock in each language', () => {
    expect(formatterOf(american).clock(afternoon, zone)).toBe('2:05 PM');
    expect(formatterOf(american).clockOf('09:30')).toBe('9:30 AM');
    expect(formatterOf({ ...spanish, clock: '12h' }).clock(afternoon, zone)).toMatch(/^2:05\s?p\.\s?m\.$/);
    expect(formatterOf(spanish).clockOf('09:30')).toBe('09:30');
    expect(formatterOf(american).date('2026-11-29')).toBe('11/29/2026');
    expect(formatterOf(american).money(3850)).toBe('$38.50');
  });

  it('names a week’s span as a title joins it', () => {
    expect(formatterOf(DEFAULT_LOCALE).weekSpan('2026-12-14')).toEqual({ from: '14', to: '20 December 2026' });
    expect(formatterOf(DEFAULT_LOCALE).weekSpan('2026-11-30')).toEqual({ from: '30 November', to: '6 December 2026' });
    expect(formatterOf({ ...spanish, dateFormat: 'd MMM yyyy' }).weekSpan('2026-12-28')).toEqual({ from: '28 de diciembre de 2026', to: '3 de enero de 2027' });
    expect(formatterOf(spanish).weekSpan('2026-11-30')).toEqual({ from: '30/11', to: '06/12/2026' });
  });

  it('starts the week on the shop’s first day', () => {
    expect(formatterOf(spanish).week[0]).toBe('mon');
    expect(formatterOf(american).week).toEqual(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    // Sunday 29 November: a Monday-first week began on the 23rd, a Sunday-first week on the 29th.
    expect(formatterOf(spanish).weekStartOf('2026-11-29')).toBe('2026-11-23');
    expect(formatterOf(american).weekStartOf('2026-11-29')).toBe('2026-11-29');
    expect(formatterOf(american).weekStartOf('2026-12-05')).toBe('2026-11-29');
    expect(formatterOf({ ...spanish, weekStart: 6 }).weekStartOf('2026-11-29')).toBe('2026-11-28');
  });

  it('reads back a typed date in the shop’s pattern, and refuses what is no date', () => {
    expect(formatterOf(spanish).parseDate('05/12/2026')).toBe('2026-12-05');
    expect(formatterOf(spanish).parseDate('5/12/2026')).toBe('2026-12-05');
    expect(formatterOf(american).parseDate('12/05/2026')).toBe('2026-12-05');
    expect(formatterOf(DEFAULT_LOCALE).parseDate('5 Dec 2026')).toBe('2026-12-05');
    expect(formatterOf({ ...spanish, dateFormat: 'd MMM yyyy' }).parseDate('5 dic 2026')).toBe('2026-12-05');
    expect(formatterOf(spanish).parseDate('31/02/2026')).toBeNull();
    expect(formatterOf(spanish).parseDate('mañana')).toBeNull();
  });

  it('writes shares and tenths with the shop’s decimal mark', () => {
    expect(formatterOf(DEFAULT_LOCALE).share(0.036)).toBe('3.6%');
    expect(formatterOf(spanish).share(0.036)).toBe('3,6\u00a0%');
    expect(formatterOf(DEFAULT_LOCALE).tenths(2)).toBe('2.0');
    expect(formatterOf(spanish).tenths(1.25)).toMatch(/^1,[23]$/);
  });

  it('reads back a typed time on either clock, as the shop writes it too, and refuses what is no time', () => {
    const spanishTwelve = formatterOf({ ...spanish, clock: '12h' });
    for (const typed of ['14:05', '14.05', '1405', '2:05 PM', '2:05pm', '2:05 p. m.', spanishTwelve.clockOf('14:05')]) {
      expect(formatterOf(spanish).parseClock(typed), typed).toBe('14:05');
    }
    expect(formatterOf(american).parseClock('12 am')).toBe('00:00');
    expect(formatterOf(american).parseClock(formatterOf(american).clockOf('09:30'))).toBe('09:30');
    for (const typed of ['25:00', '9', '1:5', 'noon', '']) expect(formatterOf(spanish).parseClock(typed), typed).toBeNull();
    expect(formatterOf(spanish).clockPlaceholder).toBe('hh:mm');
    expect(formatterOf(american).clockPlaceholder).toBe('h:mm AM');
  });
});

describe('the locale setting', () => {
  it('starts from the shop’s country', () => {
    expect(localeForCountry('ES')).toEqual(spanish);
    expect(localeForCountry('US')).toEqual(american);
    expect(localeForCountry('FR')).toEqual({ ...DEFAULT_LOCALE, currency: 'EUR' });
    expect(localeForCountry('GB')).toEqual(DEFAULT_LOCALE);
  });

  it('refuses a language, pattern or currency it does not know', () => {
    expect(localeSettingsSchema.safeParse({ ...spanish, language: 'fr' }).success).toBe(false);
    expect(localeSettingsSchema.safeParse({ ...spanish, dateFormat: 'dd.MM.yy' }).success).toBe(false);
    expect(localeSettingsSchema.safeParse({ ...spanish, weekStart: 7 }).success).toBe(false);
    expect(localeSettingsSchema.safeParse({ ...spanish, currency: 'XYZ' }).success).toBe(false);
  });
});
