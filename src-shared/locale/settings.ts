import { z } from 'zod';
import { languageSchema, type Language } from '../i18n/languages';

/**
 * The shop's language and formats (docs/architecture.md §22): one setting read by every screen,
 * input, printout, export and message. Dates are one of a few named patterns rather than free
 * text, so every pattern is one a receptionist recognises and a date input can read back.
 */
export const dateFormats = ['d MMM yyyy', 'dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd'] as const;
export type DateFormat = (typeof dateFormats)[number];
export const clockStyles = ['24h', '12h'] as const;
export type ClockStyle = (typeof clockStyles)[number];
/** Currencies a shop can price in: the ones of the countries CareDesk's languages are spoken in, and their neighbours. */
export const currencies = ['GBP', 'EUR', 'USD', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'MXN', 'ARS', 'CLP', 'COP', 'PEN', 'UYU'] as const;
export type Currency = (typeof currencies)[number];

export const localeSettingsSchema = z.strictObject({
  language: languageSchema,
  dateFormat: z.enum(dateFormats),
  clock: z.enum(clockStyles),
  /** The first day of the week as JavaScript counts days: 0 Sunday, 1 Monday … 6 Saturday. */
  weekStart: z.int().min(0).max(6),
  currency: z.enum(currencies),
});
export type LocaleSettings = z.infer<typeof localeSettingsSchema>;

/** Every shop before this setting, and a shop whose country says nothing more: British English. */
export const DEFAULT_LOCALE: LocaleSettings = { language: 'en', dateFormat: 'd MMM yyyy', clock: '24h', weekStart: 1, currency: 'GBP' };

const euroCountries = new Set(['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK']);
const spanishSpeaking: Record<string, Currency | undefined> = { ES: 'EUR', MX: 'MXN', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', UY: 'UYU' };
const ownCurrency: Record<string, Currency> = { US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN' };

/**
 * The formats a new shop starts with, from the country of its time zone (the set-up screen
 * asks for the zone, and for the language, which replaces this one): Spain speaks Spanish with
 * day/month dates and euros, the United States writes month/day, a 12-hour clock and weeks from
 * Sunday; anywhere else British English with the country's own currency where CareDesk prices in it.
 */
export function localeForCountry(country: string): LocaleSettings {
  const spanish = spanishSpeaking[country];
  if (spanish !== undefined) return { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: spanish };
  if (country === 'US') return { language: 'en', dateFormat: 'MM/dd/yyyy', clock: '12h', weekStart: 0, currency: 'USD' };
  const currency: Currency = euroCountries.has(country) ? 'EUR' : (ownCurrency[country] ?? 'GBP');
  return { ...DEFAULT_LOCALE, currency };
}

export type { Language };
