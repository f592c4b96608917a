import { escape } from './readings/catalogue';
import * as readerA from './readings/readerA';
import * as readerB from './readings/readerB';
import * as readerC from './readings/readerC';

/**
 * The e2e suite in the shop's language (issue 15: "the e2e suite runs once in that language").
 * Specs are written in the catalogue's source language, English; with CAREDESK_E2E_LANGUAGE=es
 * every text a spec looks for is said through the catalogues first (./playwright.ts does it for
 * every locator and expectation), so a screen still in English fails the Spanish run, and a spec
 * never names a key. How a text is read against the catalogues is in ./readings/: a catalogue
 * value becomes its Spanish value; a sentence an English template made becomes the Spanish
 * template with the same values, in the Spanish order; the shop's own words stay as typed.
 *
 * The Spanish run grew in three parts of the suite at once, each with its own reader of the
 * catalogues (./readings/reader*.ts); a text is accepted in any Spanish its readers make of it.
 * Never in its English: a reader that cannot say a text in Spanish is left out of the answer, and
 * only a text no reader can say stays as written (a name, a time). Merging the readers into one
 * is owed (docs/architecture.md §19).
 */

export { e2eLanguage } from './readings/catalogue';
export { asData, longDate } from './readings/readerA';

type Said = string | RegExp;
const readers = [readerA, readerB, readerC];

const same = (said: Said, original: Said) =>
  typeof said === 'string' ? said === original : original instanceof RegExp && said.source === original.source && said.flags === original.flags;

/**
 * What the readers said, as one answer: the one saying when they agree, else any of theirs. Where
 * one reader takes the text for the shop's own words (a name, a provider's English refusal) and
 * another for the desk's, both are accepted.
 */
function together(sayings: Said[], original: Said, exact: boolean): Said {
  const changed = sayings.filter((said) => !same(said, original));
  if (changed.length === 0) return original;
  const asWritten = changed.length < sayings.length ? [original] : [];
  const first = changed[0] as Said;
  const sources = [...new Set([...changed, ...asWritten].map((said) => (typeof said === 'string' ? (exact ? `^${escape(said)}$` : escape(said)) : said.source)))];
  if (sources.length === 1) return first;
  const flags = changed.find((said): said is RegExp => said instanceof RegExp)?.flags ?? 'u';
  return new RegExp(sources.map((source) => `(?:${source})`).join('|'), flags.includes('u') ? flags : `${flags}u`);
}

/**
 * A Spanish value may name what its English one leaves out: "You" is "{{name}} (tú)". A reader
 * keeps such a placeholder as written; on screen it is whoever it names, so it reads as any text.
 */
function placeholdersAsAnyText(said: Said, exact: boolean): Said {
  const source = typeof said === 'string' ? said : said.source;
  if (!/\\?\{\\?\{\w+\\?\}\\?\}/u.test(source)) return said;
  if (typeof said === 'string') {
    const pattern = said.split(/\{\{\w+\}\}/u).map(escape).join('[^]+?');
    return new RegExp(exact ? `^${pattern}$` : pattern, 'u');
  }
  return new RegExp(said.source.replace(/\\\{\\\{\w+\\\}\\\}/gu, '[^]+?'), said.flags);
}

/** A text a spec looks for, in the run's language. `exact`: the spec wants the whole text. */
export function say(text: string, options: { exact?: boolean } = {}): Said {
  return together(
    readers.map((reader) => placeholdersAsAnyText(reader.say(text, options), options.exact === true)),
    text,
    options.exact === true,
  );
}

/** A pattern a spec looks for, in the run's language: its plain words said, its anchors kept. */
export function sayPattern(pattern: RegExp): RegExp {
  return together(
    readers.map((reader) => placeholdersAsAnyText(reader.sayPattern(pattern), false)),
    pattern,
    false,
  ) as RegExp;
}

/** What each text was said as: a spec asks for the same words on every poll of an expectation. */
const saidBefore = new Map<string, Said>();

/** A text or pattern a spec looks for, in the run's language. */
export function sayAny(text: Said, options: { exact?: boolean } = {}): Said {
  const key = typeof text === 'string' ? `${options.exact === true ? '=' : '~'}${text}` : `/${text.flags}/${text.source}`;
  let said = saidBefore.get(key);
  if (said === undefined) {
    said = typeof text === 'string' ? say(text, options) : sayPattern(text);
    saidBefore.set(key, said);
  }
  return said;
}

/** Whether a text read off the screen says `english` in the run's language. */
export function shows(text: string, english: string | RegExp): boolean {
  const said = sayAny(english);
  return typeof said === 'string' ? text.includes(said) : said.test(text);
}
