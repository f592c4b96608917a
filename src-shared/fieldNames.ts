import { resources, type Language } from './i18n';
import { shownLanguage } from './registry/wording';
import { sayIn, type Say, type SayKey } from './say';
import { weekdays, type Weekday } from './time';

/**
 * Plain names of fields, one table for every place a person reads one: the history, the Recovery
 * Center's side-by-side view and the messages that say which value to correct.
 */

/** Record fields a person sees and changes (history and the Recovery Center show exactly these), in a language (the `words` catalogue). */
export const recordFieldNamesIn = (language: Language = shownLanguage()): Readonly<Record<string, string>> => resources[language].words.fields;
/** The same in English: the messages that say which value to correct (AppError's English). */
export const recordFieldNames: Readonly<Record<string, string>> = recordFieldNamesIn('en');

/** A field as a sentence of the history names it, and whether that name is plural (the verb agrees). */
export interface FieldInSentence {
  name: string;
  plural: boolean;
}

/**
 * How a language names a field inside a sentence (the `words` catalogue's `inSentence`): with the
 * article its grammar wants there ("el teléfono", "las notas"; English "phone", since "Zoë's phone"
 * takes none), so no code adds an article by a rule of one language. The key's ending says the
 * name's number — `phone_one` singular, `notes_other` plural — so a language whose word is plural
 * where English's is not ("opening hours", "el horario de apertura") says so in its own catalogue,
 * and sentences whose verb agrees with the field ("las notas vuelven a ser…") choose their plural
 * wording. Undefined for a key the catalogue does not name.
 */
export function fieldInSentenceOf(field: string, language: Language = shownLanguage()): FieldInSentence | undefined {
  const names: Readonly<Record<string, string>> = resources[language].words.inSentence;
  const singular = names[`${field}_one`];
  if (singular !== undefined) return { name: singular, plural: false };
  const plural = names[`${field}_other`];
  return plural === undefined ? undefined : { name: plural, plural: true };
}

/**
 * Fields only requests carry (the `errors` catalogue's `fields`): named in messages, never shown as
 * part of a record.
 */
const requestFieldNames: Readonly<Record<string, string>> = resources.en.errors.fields;

/**
 * The field at a path such as `mutations.0.command.args.name`, as a phrase of the catalogues: the
 * innermost part that has a name, so a field keeps its name however deep the request holds it.
 */
export function fieldSayOf(path: readonly PropertyKey[]): Say | undefined {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const part = path[index];
    if (typeof part !== 'string') continue;
    if (Object.hasOwn(recordFieldNames, part)) return { key: `words:fields.${part}` as SayKey };
    if (Object.hasOwn(requestFieldNames, part)) return { key: `fields.${part}` as SayKey };
  }
  return undefined;
}

/** The plain English name of the field at a path (`fieldSayOf` in English). */
export function fieldNameOf(path: readonly PropertyKey[]): string | undefined {
  const say = fieldSayOf(path);
  return say === undefined ? undefined : sayIn(say, 'en');
}

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth'] as const;
const isWeekday = (part: unknown): part is Weekday => typeof part === 'string' && (weekdays as readonly string[]).includes(part);

/**
 * Where in a week of hours a path points, in words that keep the field's own name:
 * `openingHours.mon.0.close` is "Monday's opening hours, first interval",
 * `workingHours.weeks.1.tue` "Tuesday's working hours in week B". Undefined outside such a week;
 * `many` when the place is a day's hours as a whole ("are missing").
 */
export function placeInWeekOf(path: readonly PropertyKey[]): { say: Say; many: boolean } | undefined {
  const dayAt = path.findIndex(isWeekday);
  if (dayAt < 0) return undefined;
  const working = path.includes('workingHours');
  const interval = path[dayAt + 1];
  const weeksAt = path.indexOf('weeks');
  const inWeek = weeksAt >= 0 && typeof path[weeksAt + 1] === 'number';
  const hours: Say = {
    key: inWeek ? 'place.hoursInWeek' : 'place.hours',
    params: {
      day: { key: `place.days.${path[dayAt] as Weekday}` },
      hours: { key: working ? 'place.working' : 'place.opening' },
      ...(inWeek ? { week: path[weeksAt + 1] === 0 ? 'A' : 'B' } : {}),
    },
  };
  if (typeof interval !== 'number') return { say: hours, many: !inWeek };
  const ordinal = ordinals[interval];
  const piece = working ? 'shift' : 'interval';
  return {
    say: { key: ordinal === undefined ? `place.${piece}Number` : `place.${piece}`, params: { place: hours, ordinal: ordinal === undefined ? interval + 1 : { key: `place.ordinals.${ordinal}` } } },
    many: false,
  };
}

/** A key with no plain name, as words: `fooBar` → "Foo bar" (never the dotted path). */
export function wordsOfKey(path: readonly PropertyKey[]): string | undefined {
  const key = [...path].reverse().find((part): part is string => typeof part === 'string');
  if (key === undefined) return undefined;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words === '' ? undefined : words.charAt(0).toUpperCase() + words.slice(1);
}
