import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js';

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
  const key = `${country} ${phone}`;
  let problem = problemOfPhone.get(key);
  if (problem === undefined) {
    const length = validatePhoneNumberLength(phone, country);
    problem = length === undefined ? null : (lengthProblems[length] ?? null);
    if (problemOfPhone.size >= REMEMBERED_PHONES) problemOfPhone.clear();
    problemOfPhone.set(key, problem);
  }
  return problem;
}

/** Numbers checked before: an imported number is checked for the preview and again by the planner (docs/architecture.md §29). */
const problemOfPhone = new Map<string, string | null>();
const REMEMBERED_PHONES = 20_000;

/** The number in E.164 form (+447700900123) for text messages, or null when it has none. */
export function smsAddress(phone: string | null, country: CountryCode): string | null {
  if (phone === null || phone.trim() === '') return null;
  const parsed = parsePhoneNumberFromString(phone, country);
  return parsed !== undefined && parsed.isPossible() ? parsed.number : null;
}
