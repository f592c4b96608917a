import { getTimezone } from 'countries-and-timezones';
import type { CountryCode } from 'libphonenumber-js';
import { phoneDigits, readPhone } from './phoneReading';

/**
 * How a receptionist's typing finds a client (docs/architecture.md §14): one answer for what a
 * stored client is found by and what a typed query looks for, so the two can never drift apart.
 *
 * Names: every typed word must start some word of the name, in any order, ignoring case, accents,
 * apostrophes and hyphens ("smith zoe" and "zoe" find "Zoë Smith", "obrien" finds "O'Brien").
 * Phones: a typed run of at least three digits matches any part of the number in any of the ways
 * it is written ("2466", "07700 912466", "+44 7700 912466" all find "07700 912466").
 */

/** Numbers written without a country code are read as this country's when the shop's zone names none. */
export const DEFAULT_COUNTRY: CountryCode = 'GB';

/** Fewer typed digits than this match too many numbers to be worth showing. */
export const MIN_PHONE_DIGITS = 3;

/**
 * The country whose national numbers the shop writes, from its time zone: a zone names the
 * countries that keep it, the first being the one the zone is named for (Europe/London: GB).
 */
export function shopCountry(timeZone: string | null | undefined): CountryCode {
  if (!timeZone) return DEFAULT_COUNTRY;
  const zone = getTimezone(timeZone);
  const country = zone?.countries[0] ?? (zone?.aliasOf ? getTimezone(zone.aliasOf)?.countries[0] : undefined);
  return (country as CountryCode | undefined) ?? DEFAULT_COUNTRY;
}

const APOSTROPHES = /['’ʼ‘`´]/gu;

/** Lower case without accents or apostrophes, so "Zoë O'Brien" reads "zoe obrien". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The letter-and-digit runs of folded text: "mary-jane obrien" → mary, jane, obrien. */
function parts(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length > 0);
}

/**
 * The words a name is found by: each part, and a hyphenated word also whole ("Mary-Jane" is found
 * by "mary", "jane" and "maryjane").
 */
export function nameWords(name: string): string[] {
  const words = new Set<string>();
  for (const token of foldForSearch(name).split(' ')) {
    const pieces = parts(token);
    for (const piece of pieces) words.add(piece);
    if (pieces.length > 1) words.add(pieces.join(''));
  }
  return [...words];
}

/**
 * The one phone normaliser: every way a stored number is written, as digits — as typed, in the
 * national form (07700912466) and in the international form without its plus (447700912466). A
 * number the library cannot read keeps its own digits only, so it still matches by them.
 */
export function phoneForms(phone: string | null, country: CountryCode): string[] {
  return phone === null ? [] : [...readPhone(phone, country).forms];
}

/** What a client row is found by: its words and its number's forms, each space-separated. */
export interface ClientSearchText {
  /** The name's words in order (then a hyphenated word whole): sorts the list, holds the words. */
  searchName: string;
  /** The number's forms: a run of digits is looked for inside them; null without a number. */
  searchPhone: string | null;
}

export function clientSearchText(name: string, phone: string | null, country: CountryCode): ClientSearchText {
  const inOrder = parts(foldForSearch(name));
  const extra = nameWords(name).filter((word) => !inOrder.includes(word));
  const forms = phoneForms(phone, country);
  return { searchName: [...inOrder, ...extra].join(' '), searchPhone: forms.length === 0 ? null : forms.join(' ') };
}

export type ClientQuery =
  | { kind: 'everyone' }
  | { kind: 'nobody' }
  /** Every word must start some word of the name. */
  | { kind: 'name'; words: string[] }
  /** Any of these digit runs must appear in the number. */
  | { kind: 'phone'; runs: string[] };

/**
 * What typed text looks for. Letters make it a name; otherwise its digits are a phone fragment,
 * and a whole number typed in any form (+44 (0) 7700 912466, 0044…) also looks for the number
 * without country code or trunk prefix, which every stored form of it contains.
 */
export function readClientQuery(query: string, country: CountryCode): ClientQuery {
  const folded = foldForSearch(query);
  if (folded.length === 0) return { kind: 'everyone' };
  if (/\p{L}/u.test(folded)) {
    const words = [...new Set(parts(folded))];
    return words.length === 0 ? { kind: 'nobody' } : { kind: 'name', words };
  }
  const digits = phoneDigits(query);
  if (digits === null || digits.length < MIN_PHONE_DIGITS) return { kind: 'nobody' };
  const runs = new Set([digits]);
  const { significant } = readPhone(query, country);
  if (significant !== null && significant.length >= MIN_PHONE_DIGITS) runs.add(significant);
  return { kind: 'phone', runs: [...runs] };
}
