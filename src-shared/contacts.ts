import type { CountryCode } from 'libphonenumber-js';
import { readPhone } from './phoneReading';

/**
 * A client's phone number as messages need it (docs/architecture.md §17), read for the shop's
 * country like every number (`shopCountry`, src-shared/peopleSearch.ts).
 */

const lengthProblems: Record<string, string> = {
  NOT_A_NUMBER: 'is not a phone number',
  TOO_SHORT: 'has too few digits for a phone number',
  TOO_LONG: 'has too many digits for a phone number',
  INVALID_LENGTH: 'has the wrong number of digits for a phone number',
};

/**
 * Why a typed number cannot be a phone number (null: it can). A number whose country code the
 * library does not know is kept as typed (search still finds it by its digits, §14), but it
 * cannot receive text messages.
 */
export function phoneProblem(phone: string, country: CountryCode): string | null {
  const { lengthProblem } = readPhone(phone, country);
  return lengthProblem === undefined ? null : (lengthProblems[lengthProblem] ?? null);
}

/** The number in E.164 form (+447700900123) for text messages, or null when it has none. */
export function smsAddress(phone: string | null, country: CountryCode): string | null {
  return phone === null ? null : readPhone(phone, country).international;
}
