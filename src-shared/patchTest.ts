import type { Language } from './i18n/languages';
import { formatterOf, type ShopFormat } from './locale/format';
import { sayIn, type Say } from './say';
import { addMonths, localDateOf } from './time';

/**
 * The shop's patch-test rule, decided in one place for every screen: a service that needs a patch
 * test (a colour) wants one taken no longer than the shop's number of months before the visit. It
 * is a warning for the receptionist, never a refusal: the booking is still made.
 */

export type PatchTestCheck =
  /** Nothing to say: the service needs none, the shop has no rule, or the test is recent enough. */
  | { kind: 'fine' }
  | { kind: 'missing'; maxAgeMonths: number }
  /** The test was taken more than the shop's months before the visit's date. */
  | { kind: 'tooOld'; testedOn: string; ageMonths: number; maxAgeMonths: number }
  /** The date recorded for the test falls after the visit: it cannot count for this one. */
  | { kind: 'afterVisit'; testedOn: string; maxAgeMonths: number };

export interface PatchTestQuestion {
  service: { needsPatchTest: boolean };
  client: { patchTestOn: string | null };
  settings: { patchTestMaxAgeMonths: number | null; timeZone: string };
  /** When the visit is: its start (read on the shop's calendar) or a shop-local date. */
  visit: number | string;
}

/** Whole calendar months from one date to a later one (31 Jan → 29 Feb is one month). */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  const months = (toYear - fromYear) * 12 + (toMonth - fromMonth);
  return addMonths(from, months) > to ? months - 1 : months;
}

/**
 * Is the client's patch test missing or too old for this service on the visit's date? A test is
 * good up to and including the same day `maxAgeMonths` later (held to the month's end: a test
 * on 31 August, 6 months, is good until the last day of February).
 */
export function checkPatchTest(question: PatchTestQuestion): PatchTestCheck {
  const maxAgeMonths = question.settings.patchTestMaxAgeMonths;
  if (!question.service.needsPatchTest || maxAgeMonths === null) return { kind: 'fine' };
  const testedOn = question.client.patchTestOn;
  if (testedOn === null) return { kind: 'missing', maxAgeMonths };
  const visitDate = typeof question.visit === 'string' ? question.visit : localDateOf(question.visit, question.settings.timeZone);
  if (testedOn > visitDate) return { kind: 'afterVisit', testedOn, maxAgeMonths };
  if (visitDate <= addMonths(testedOn, maxAgeMonths)) return { kind: 'fine' };
  return { kind: 'tooOld', testedOn, ageMonths: wholeMonthsBetween(testedOn, visitDate), maxAgeMonths };
}

const monthsSay = (count: number): Say => (count === 1 ? { key: 'patchTest.oneMonth' } : { key: 'patchTest.months', params: { count } });

/** The receptionist's words for a check, as catalogue words, or null when there is nothing to warn about. */
export function patchTestSay(check: PatchTestCheck): Say | null {
  switch (check.kind) {
    case 'fine':
      return null;
    case 'missing':
      return { key: 'patchTest.missing', params: { months: monthsSay(check.maxAgeMonths) } };
    case 'afterVisit':
      return { key: 'patchTest.afterVisit', params: { date: { date: check.testedOn }, months: monthsSay(check.maxAgeMonths) } };
    case 'tooOld': {
      // Past the limit by days only, the whole months still equal it: "more than 6 months" is the truth.
      const age: Say = check.ageMonths > check.maxAgeMonths ? monthsSay(check.ageMonths) : { key: 'patchTest.moreThan', params: { months: monthsSay(check.maxAgeMonths) } };
      return { key: 'patchTest.tooOld', params: { age, months: monthsSay(check.maxAgeMonths) } };
    }
  }
}

/** The receptionist's words for a check in a language (English unless told), or null when there is nothing to warn about. */
export function patchTestWarning(check: PatchTestCheck, language: Language = 'en', format: ShopFormat = formatterOf()): string | null {
  const say = patchTestSay(check);
  return say === null ? null : sayIn(say, language, format);
}
