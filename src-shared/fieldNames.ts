import { resources, type Language } from './i18n';
import { shownLanguage } from './registry/wording';
import { weekdayNames, weekdays, type Weekday } from './time';

/**
 * Plain names of fields, one table for every place a person reads one: the history, the Recovery
 * Center's side-by-side view and the messages that say which value to correct.
 */

/** Record fields a person sees and changes (history and the Recovery Center show exactly these), in a language (the `words` catalogue). */
export const recordFieldNamesIn = (language: Language = shownLanguage()): Readonly<Record<string, string>> => resources[language].words.fields;
/** The same in English: the messages that say which value to correct (AppError's English). */
export const recordFieldNames: Readonly<Record<string, string>> = recordFieldNamesIn('en');

/** Fields only requests carry: named in messages, never shown as part of a record. */
const requestFieldNames: Record<string, string> = {
  /** stock.sell: the retail products sold at a checkout. */
  items: 'Products sold',
  closedDates: 'Closed days',
  repeat: 'Repeat',
  segments: 'Services',
  everyWeeks: 'How often (weeks)',
  count: 'Number of visits',
  until: 'Last date',
  weeks: 'Weeks from this visit',
  reason: 'Reason',
  pin: 'PIN',
  currentPin: 'Current PIN',
  weekAStartsOn: 'Week A starts on',
  allowOutsideSchedule: 'Outside working hours',
  date: 'Date',
  day: 'Date',
  from: 'Start of the period',
  notBefore: 'Earliest time',
  query: 'Search text',
  type: 'Kind of change',
  op: 'Kind of change',
  args: 'Details of the change',
  open: 'Opening time',
  close: 'Closing time',
  deviceName: 'Name of this machine',
  code: 'Pairing code',
  serverUrl: 'Server address',
  clientTime: 'Time of the change',
  allowOutsideHours: 'Outside opening hours',
  includeCancelled: 'Include cancelled',
  includeClientDetails: 'Include client details',
  includeDeleted: 'Include deleted',
  idempotencyKey: 'Request key',
  expectedVersion: 'Version',
  eventId: 'Change',
  entityId: 'Record',
  entityType: 'Kind of record',
  id: 'Record',
  limit: 'Number of results',
  stepMin: 'Step (min)',
  days: 'Number of days',
  skippedBecause: 'Why it is not sent',
  error: 'Reason',
  final: 'Final',
  label: 'Question',
  choices: 'Choices',
  required: 'Required',
};

/**
 * The plain name of the field at a path such as `mutations.0.command.args.name`: the innermost
 * part that has one, so a field keeps its name however deep the request holds it.
 */
export function fieldNameOf(path: readonly PropertyKey[]): string | undefined {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const part = path[index];
    if (typeof part !== 'string') continue;
    const name = Object.hasOwn(recordFieldNames, part)
      ? recordFieldNames[part]
      : Object.hasOwn(requestFieldNames, part)
        ? requestFieldNames[part]
        : undefined;
    if (name !== undefined) return name;
  }
  return undefined;
}

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth'];
const ordinal = (index: number) => ordinals[index] ?? `number ${index + 1}`;
const isWeekday = (part: unknown): part is Weekday => typeof part === 'string' && (weekdays as readonly string[]).includes(part);

/**
 * Where in a week of hours a path points, in words that keep the field's own name:
 * `openingHours.mon.0.close` is "Monday's opening hours, first interval",
 * `workingHours.weeks.1.tue` "Tuesday's working hours in week B". Undefined outside such a week.
 */
export function placeInWeekOf(path: readonly PropertyKey[]): string | undefined {
  const dayAt = path.findIndex(isWeekday);
  if (dayAt < 0) return undefined;
  const day = weekdayNames[path[dayAt] as Weekday];
  const hours = path.includes('workingHours') ? 'working hours' : 'opening hours';
  const interval = path[dayAt + 1];
  const weeksAt = path.indexOf('weeks');
  const week = weeksAt >= 0 && typeof path[weeksAt + 1] === 'number' ? ` in week ${path[weeksAt + 1] === 0 ? 'A' : 'B'}` : '';
  if (typeof interval !== 'number') return `${day}'s ${hours}${week}`;
  return `${day}'s ${hours}${week}, ${ordinal(interval)} ${hours === 'working hours' ? 'shift' : 'interval'}`;
}

/** A key with no plain name, as words: `fooBar` → "Foo bar" (never the dotted path). */
export function wordsOfKey(path: readonly PropertyKey[]): string | undefined {
  const key = [...path].reverse().find((part): part is string => typeof part === 'string');
  if (key === undefined) return undefined;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words === '' ? undefined : words.charAt(0).toUpperCase() + words.slice(1);
}
