import { languages, type Language } from '../src-shared/i18n/languages';
import { localeForCountry, type LocaleSettings } from '../src-shared/locale/settings';
import { shopCountry } from '../src-shared/peopleSearch';

/** The machine's time zone, as the set-up screen first offers it. */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const spoken = (tag: string): Language | undefined => {
  const language = tag.split(/[-_]/u)[0]?.toLowerCase();
  return languages.find((known) => known === language);
};

/**
 * The language a desk speaks before it has a shop (the set-up screen): the first of the browser's
 * languages (`navigator.languages`, most preferred first) that CareDesk speaks, whatever its region
 * ("es-MX" is Spanish); else the language of the time zone's country; else English.
 */
export function machineLanguage(browserLanguages: readonly string[], timeZone: string): Language {
  for (const tag of browserLanguages) {
    const language = spoken(tag);
    if (language !== undefined) return language;
  }
  return localeForCountry(shopCountry(timeZone)).language;
}

/** A new shop's language and formats: the language chosen, the formats of the zone's country (a Spanish-speaking shop in London writes pounds). */
export function newShopLocale(language: Language, timeZone: string): LocaleSettings {
  return { ...localeForCountry(shopCountry(timeZone)), language };
}
