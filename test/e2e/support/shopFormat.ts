import { formatterOf, type ShopFormat } from '../../../src-shared/locale/format';
import { localeForCountry, type LocaleSettings } from '../../../src-shared/locale/settings';
import { shopCountry } from '../../../src-shared/peopleSearch';
import { e2eLanguage } from './spoken';

/**
 * How the run's demo shops write dates, times and money: as `--demo --time-zone Europe/London
 * --language <run's>` makes them (src-main/core/demo/plan.ts), the zone country's formats in the
 * run's language. A spec that expects a date or a price on screen writes it with this, so the
 * English run still expects "Wednesday 1 July 2026" and "£38.00" and the Spanish one what a Spanish
 * screen shows.
 */
export const shopLocale: LocaleSettings = { ...localeForCountry(shopCountry('Europe/London')), language: e2eLanguage };
export const shopFormat: ShopFormat = formatterOf(shopLocale);

/** An amount as a price field holds it, without the currency ("42.50", "42,50"). */
export const typedMoney = (cents: number): string => shopFormat.money(cents).replace(/[^\d.,]/gu, '');
