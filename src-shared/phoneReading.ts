import { ParseError, parsePhoneNumberFromString, parsePhoneNumberWithError, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

/**
 * A typed phone number as libphonenumber reads it for the shop's country, read once: whether it
 * can be a phone number (contacts.ts words why not), the forms it is found by (peopleSearch.ts)
 * and where a text message goes (contacts.ts). Reading one costs the library about 0.1 ms, and an
 * imported client's number is checked, matched against the clients here and indexed
 * (docs/architecture.md §29), so a number is read once and remembered.
 */

export interface PhoneReading {
  /** The library's reason it cannot be a phone number (NOT_A_NUMBER, TOO_SHORT…), undefined when it can. */
  lengthProblem: string | undefined;
  /** As typed, national (07700912466) and international without its plus (447700912466), as digits. */
  forms: readonly string[];
  /** E.164 (+447700912466), or null when it is no possible number. */
  international: string | null;
  /** Without country code or trunk prefix (7700912466), which every form holds; null when it is no possible number. */
  significant: string | null;
}

export function phoneDigits(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length === 0 ? null : digits;
}

const readings = new Map<string, PhoneReading>();
const REMEMBERED_PHONES = 20_000;

export function readPhone(phone: string, country: CountryCode): PhoneReading {
  const key = `${country} ${phone}`;
  let reading = readings.get(key);
  if (reading === undefined) {
    reading = readOnce(phone, country);
    if (readings.size >= REMEMBERED_PHONES) readings.clear();
    readings.set(key, reading);
  }
  return reading;
}

function readOnce(phone: string, country: CountryCode): PhoneReading {
  // The text whole, as the length check reads it (a number with words around it is no number)…
  let whole: PhoneNumber | undefined;
  let problem: string | undefined;
  try {
    whole = parsePhoneNumberWithError(phone, { defaultCountry: country, extract: false });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    problem = error.message;
  }
  if (whole?.isPossible() === true) return { lengthProblem: undefined, ...found(phone, whole) };
  // …and only a text that is no whole number is read again: the library's reason, and any number found inside it.
  return { lengthProblem: problem ?? validatePhoneNumberLength(phone, country), ...found(phone, parsePhoneNumberFromString(phone, country)) };
}

function found(phone: string, parsed: PhoneNumber | undefined): Omit<PhoneReading, 'lengthProblem'> {
  const possible = parsed?.isPossible() === true ? parsed : undefined;
  const numbers = { international: possible?.number ?? null, significant: possible?.nationalNumber ?? null };
  const digits = phoneDigits(phone);
  if (digits === null) return { forms: [], ...numbers };
  if (possible === undefined) return { forms: [digits], ...numbers };
  return { forms: [...new Set([digits, possible.formatNational().replace(/\D/g, ''), possible.number.replace(/\D/g, '')])], ...numbers };
}
