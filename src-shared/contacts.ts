import type { CountryCode } from 'libphonenumber-js';
import { readPhone } from './phoneReading';
import type { Say, SayKey } from './say';

/**
 * A client's phone number as messages need it (docs/architecture.md §17), read for the shop's
 * country like every number (`shopCountry`, src-shared/peopleSearch.ts).
 */

const lengthProblems: Record<string, SayKey> = {
  NOT_A_NUMBER: 'phone.notANumber',
  TOO_SHORT: 'phone.tooShort',
  TOO_LONG: 'phone.tooLong',
  INVALID_LENGTH: 'phone.wrongLength',
};

/**
 * Why a typed number cannot be a phone number (null: it can). A number whose country code the
 * library does not know is kept as typed (search still finds it by its digits, §14), but it
 * cannot receive text messages.
 */
export function phoneProblem(phone: string, country: CountryCode): Say | null {
  const { lengthProblem } = readPhone(phone, country);
  const key = lengthProblem === undefined ? undefined : lengthProblems[lengthProblem];
  return key === undefined ? null : { key };
}

/** The number in E.164 form (+447700900123) for text messages, or null when it has none. */
export function smsAddress(phone: string | null, country: CountryCode): string | null {
  return phone === null ? null : readPhone(phone, country).international;
}
