import { readdirSync, readFileSync } from 'node:fs';
import { demoRecordTexts } from '../../../../src-main/core/demo/plan';
import { languages, type Language } from '../../../../src-shared/i18n/languages';
import { anchored, patternSaying } from './saying';

/**
 * The e2e suite in the shop's language (issue 15: "the e2e suite runs once in that language").
 * Specs are written in the catalogue's source language, English, the way a receptionist reads the
 * screens; with CAREDESK_E2E_LANGUAGE=es every text a spec looks for or expects is said through the
 * catalogues first: a text that is an English catalogue value becomes that key's Spanish value, a
 * text an English template makes ("Booked {{name}}") becomes what the Spanish template makes of the
 * same values, and anything else (names, services, times the spec typed) stays as written. So a
 * screen still in English fails the Spanish run, and a spec never names a key.
 *
 * Where one English text has several Spanish ones (the same word in two places), any of them is
 * accepted; where a spec's text is only the start of a template's sentence, the Spanish sentence's
 * known parts must all be there, in the Spanish order.
 */

export const e2eLanguage: Language = ((): Language => {
  const wanted = process.env.CAREDESK_E2E_LANGUAGE ?? 'en';
  if (!(languages as readonly string[]).includes(wanted)) throw new Error(`CAREDESK_E2E_LANGUAGE must be one of ${languages.join(', ')}`);
  return wanted as Language;
})();

type Said = string | RegExp;

interface Template {
  english: string;
  /** Its own words are only punctuation ("{{name}} {{problem}}."): read only when the desk's words fill every slot. */
  bare?: boolean;
  tokens: Token[];
  spanish: Token[];
  full: RegExp;
}
type Token = { literal: string } | { slot: string };

const slotPattern = /\{\{\s*([^},\s]+)[^}]*\}\}/gu;

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const match of text.matchAll(slotPattern)) {
    if (match.index > at) tokens.push({ literal: text.slice(at, match.index) });
    tokens.push({ slot: match[1] as string });
    at = match.index + match[0].length;
  }
  if (at < text.length) tokens.push({ literal: text.slice(at) });
  return tokens;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const squeeze = (text: string) => text.replace(/\s+/gu, ' ').trim();
/** The demo shop's own records ("Haircut"): its data, shown as typed in any language, even where a catalogue has the same word. */
const demoTexts = new Set(demoRecordTexts.map(squeeze));

/** Every catalogue value of a language by its key path ("day.newAppointmentWithAt"); plural forms are keys too. */
function catalogue(language: Language): Map<string, string> {
  const values = new Map<string, string>();
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') values.set(prefix, value);
    else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner);
  };
  // Read from the files: Playwright's loader takes no JSON imports (src-shared/i18n/resources.ts lists the same files).
  const folder = `src-shared/i18n/locales/${language}`;
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')))
    walk(file.replace(/\.json$/u, ''), JSON.parse(readFileSync(`${folder}/${file}`, 'utf8')));
  return values;
}

interface Dictionary {
  /** English value (squeezed) → its Spanish values. */
  plain: Map<string, Set<string>>;
  templates: (Template & { key: string })[];
  /** English values without slots, for a spec's text that is part of one. */
  wholes: [string, Set<string>][];
}

let dictionary: Dictionary | undefined;
function dictionaryOf(): Dictionary {
  if (dictionary) return dictionary;
  const english = catalogue('en');
  const spanish = catalogue(e2eLanguage);
  const plain = new Map<string, Set<string>>();
  const templates: Dictionary['templates'] = [];
  for (const [key, value] of english) {
    const said = spanish.get(key) ?? value;
    const tokens = tokensOf(value);
    if (tokens.some((token) => 'slot' in token)) {
      const literalLetters = tokens.filter((token): token is { literal: string } => 'literal' in token).map((token) => token.literal).join('');
      const bare = !/\p{L}{2}/u.test(literalLetters); // "{{a}} {{b}}" says nothing of its own
      const full = new RegExp(`^${tokens.map((token) => ('slot' in token ? '(.+?)' : escape(token.literal).replace(/ +/gu, '\\s*'))).join('')}$`, 'u');
      templates.push({ key, english: value, tokens, spanish: tokensOf(said), full, ...(bare ? { bare } : {}) });
    } else {
      const shown = squeeze(value);
      if (shown === '') continue;
      const set = plain.get(shown) ?? new Set<string>();
      set.add(squeeze(said));
      plain.set(shown, set);
    }
  }
  const wholes = [...plain.entries()].map(([english, spanish]): [string, Set<string>] => [english, new Set(spanish)]);
  // A word a screen puts in lower case inside a sentence ("phone" of "Phone", "confirmation" of "Confirmation"), lowered in both.
  for (const [english, spanish] of wholes) {
    const lower = english.toLowerCase();
    if (lower === english) continue;
    const set = plain.get(lower) ?? new Set<string>();
    for (const value of spanish) set.add(value.toLocaleLowerCase(e2eLanguage));
    plain.set(lower, set);
  }
  dictionary = { plain, templates, wholes };
  return dictionary;
}

/** What the Spanish template says with the slots the English text filled; slots it did not fill match anything. */
function sayTemplate(template: Template, filled: Map<string, string>, openEnded: string | undefined): string {
  return template.spanish
    .map((token) => {
      if ('literal' in token) return escape(token.literal).replace(/ +/gu, '\\s*');
      const value = filled.get(token.slot);
      if (value === undefined) return '[^]*?';
      // A slot's value may be a word of the desk's ("confirmed") or the shop's own ("Haircut"): either.
      const exactly = sayExactly(value);
      // Or a sentence of the desk's own ("Undone by: {{headline}}" of "You undid a change").
      const inner = exactly === value ? (bestReading(squeeze(value))?.said ?? value) : typeof exactly === 'string' ? escape(exactly) : exactly.source;
      // A space in a value may be a screen's no-break space ("38,00 GBP").
      const asTyped = escape(value).replace(/ /gu, '\\s');
      const shown = inner === value ? asTyped : `(?:${asTyped}|${inner})`;
      return token.slot === openEnded ? `${shown}[^]*?` : shown;
    })
    .join('');
}

/** An English catalogue value said in the run's language, or the text itself when it is not one. */
function sayExactly(text: string): Said {
  if (demoTexts.has(squeeze(text))) return text;
  const spanish = dictionaryOf().plain.get(squeeze(text));
  if (spanish === undefined) return text;
  return oneOrAny([...spanish]);
}

function oneOrAny(values: string[]): Said {
  if (values.length === 1) return values[0] as string;
  return new RegExp(values.map(escape).join('|'), 'u');
}

function anyOf(patterns: string[]): RegExp {
  const distinct = [...new Set(patterns)];
  return new RegExp(distinct.length === 1 ? (distinct[0] as string) : distinct.map((source) => `(?:${source})`).join('|'), 'u');
}

const lettersIn = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

interface Reading {
  /** How many of the text's letters the template's own words account for: the reading with most wins. */
  score: number;
  said: string;
  /** It reads the whole template, every word of it there. */
  whole?: boolean;
}

/**
 * The text as (the start of) a template's English sentence: its tokens up to a point, the last
 * slot taking the rest, or the text ending inside a literal ("Undone" of "Undone by: {{headline}}").
 */
function readAs(template: Template, text: string): Reading | undefined {
  const tokens = template.tokens;
  // The spec's text is read against the English: a space there is a space here.
  const literalSource = (literal: string) => escape(literal).replace(/ +/gu, '\\s+');
  for (let end = tokens.length; end >= 1; end -= 1) {
    const head = tokens.slice(0, end);
    const last = head[head.length - 1] as Token;
    const complete = end === tokens.length;
    // The text may stop inside any literal, the template's last one too ("10:00 has already passed" of "{{passed}} has already passed. To record…").
    const before = 'literal' in last ? head.slice(0, -1) : head;
    let tail = '';
    if ('literal' in last) {
      // The text may stop anywhere inside the literal: every start of it, longest first.
      const literal = last.literal.replace(/\s+/gu, ' ');
      const starts = Array.from({ length: literal.length }, (_, index) => literal.slice(0, literal.length - index)).filter((start) => start.trim() !== '');
      if (starts.length === 0) continue;
      tail = `(${starts.map(literalSource).join('|')})`;
    }
    const source = before
      // A template's leading space (" — at most {{n}} are allowed.", appended to a sentence) is not in a text read alone.
      // The last slot takes the rest, unless words of the template follow it: then they are read as far as they go.
      .map((token, index) => ('slot' in token ? (index === before.length - 1 && tail === '' ? '(.+)' : '(.+?)') : literalSource(index === 0 ? token.literal.trimStart() : token.literal)))
      .join('');
    const match = new RegExp(`^${source}${tail}$`, 'u').exec(text);
    if (!match) continue;
    const slots = before.filter((token): token is { slot: string } => 'slot' in token).map((token) => token.slot);
    const filled = new Map<string, string>();
    slots.forEach((slot, index) => filled.set(slot, match[index + 1] as string));
    const rest = tail === '' ? '' : (match[slots.length + 1] as string);
    const ownWords = before.filter((token): token is { literal: string } => 'literal' in token).map((token) => token.literal).join('') + rest;
    // A slot filled with the desk's own word ("cancelled" in "You {{verb}}") is explained too.
    const wordsOfTheDesk = [...filled.values()].filter((value) => dictionaryOf().plain.has(squeeze(value))).join('');
    // (A little less than the template's own words: "Show archived (…)" read to its words beats "Show {{what}}" with "archived".)
    const score = lettersIn(ownWords) + 0.9 * lettersIn(wordsOfTheDesk);
    if (score < 3) return undefined;
    const whole = complete && ('slot' in last || rest.replace(/\s+/gu, ' ') === last.literal.replace(/\s+/gu, ' '));
    // A template that gave the reading none of its words (the text ends before them) explains nothing.
    // A bare one ("{{name}} {{problem}}.", "{{clientName}}'s {{what}}") is read whole only, its slots the desk's words (a letter
    // of its own, as in "'s", lets one slot be a name).
    if (template.bare) {
      const desks = [...filled.values()].filter((value) => dictionaryOf().plain.has(squeeze(value))).length;
      if (!whole || desks < (lettersIn(ownWords) > 0 ? 1 : filled.size)) return undefined;
    } else if (lettersIn(ownWords) === 0) return undefined;
    const openEnded = !complete && 'slot' in last ? last.slot : undefined;
    // Of two readings explaining as much, the one that reads the whole template wins.
    return { score: whole ? score + 0.5 : score, said: sayTemplate(template, filled, openEnded), ...(whole ? { whole } : {}) };
  }
  return undefined;
}

/** The templates' best reading of a text, if one explains enough of it. */
const beingRead = new Set<string>();
const readings = new Map<string, Reading | undefined>();
function bestReading(shown: string): Reading | undefined {
  if (readings.has(shown)) return readings.get(shown);
  // A slot may hold the whole text ("{{size}} MB" read up to its slot): it is not read again inside itself.
  if (beingRead.has(shown)) return undefined;
  beingRead.add(shown);
  try {
    const reading = readingOf(shown);
    readings.set(shown, reading);
    return reading;
  } finally {
    beingRead.delete(shown);
  }
}

function readingOf(shown: string): Reading | undefined {
  const { templates, plain } = dictionaryOf();
  const readings = templates.flatMap((template) => readAs(template, shown) ?? []);
  // A word of the desk before a sentence of the desk's ("You" and "pencilled in the appointment", put together by "{{who}} {{what}}"),
  // when no template explains as much of the whole.
  const wholeBest = Math.max(0, ...readings.map((reading) => reading.score));
  const words = shown.split(' ');
  for (let cut = 1; cut < words.length; cut += 1) {
    const left = words.slice(0, cut).join(' ');
    if (!plain.has(left)) continue;
    const restText = words.slice(cut).join(' ');
    const restPlain = sayExactly(restText);
    const rest = plain.has(restText)
      ? { score: 0.9 * lettersIn(restText), said: typeof restPlain === 'string' ? escape(restPlain) : restPlain.source }
      : bestReading(restText);
    // Desk words count as in a template's slot.
    if (rest === undefined || 0.9 * lettersIn(left) + rest.score <= wholeBest) continue;
    const said = sayExactly(left);
    readings.push({ score: 0.9 * lettersIn(left) + rest.score, said: `${typeof said === 'string' ? escape(said) : `(?:${said.source})`}\\s*(?:${rest.said})` });
  }
  if (readings.length === 0) return undefined;
  const best = Math.max(...readings.map((reading) => reading.score));
  // A reading that explains little of the text ("{{a}}ed {{b}}") loses to one that explains most of it.
  // (A template read whole, every word of it there, is read however long its slots: "Maya Okafor (list)".)
  const chosen = readings.filter((reading) => reading.score === best);
  if (!chosen.some((reading) => reading.whole) && best < Math.min(6, lettersIn(shown)) && best * 2 < lettersIn(shown)) return undefined;
  return { score: best, said: anyOf(readings.filter((reading) => reading.score === best).map((reading) => reading.said)).source };
}

/**
 * A text a spec looks for, in the run's language. `exact` says the spec wants the whole text (a
 * regular expression is then anchored).
 */
export function say(text: string, options: { exact?: boolean } = {}): Said {
  if (e2eLanguage === 'en') return text;
  const { wholes, plain } = dictionaryOf();
  const shown = squeeze(text);
  if (shown === '' || !/\p{L}/u.test(shown)) return text;
  // The demo shop's own records ("Haircut") are its data, shown as typed in any language, even where a catalogue has the same word.
  if (demoTexts.has(shown)) return text;
  if (plain.has(shown)) return anchored(sayExactly(shown), options.exact);

  const reading = bestReading(shown);
  if (reading !== undefined) return anchored(new RegExp(reading.said, 'u'), options.exact);

  // Part of one sentence the catalogue has whole ("Standalone" of "Standalone — this desk only").
  if (shown.length >= 4) {
    // An example in a placeholder ("e.g. Allergic to ammonia dyes") is what someone may type, not the desk's words.
    const within = wholes.filter(([english]) => english.includes(shown) && !english.startsWith('e.g.')).flatMap(([, spanish]) => [...spanish]);
    if (within.length > 0 && within.length <= 12) return oneOrAny(within);
  }
  return text;
}

export const sayPattern = patternSaying(e2eLanguage, (text) => say(text), escape);
