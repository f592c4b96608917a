import { readdirSync, readFileSync } from 'node:fs';
import { languages, type Language } from '../../../../src-shared/i18n/languages';
import type { Said } from './saying';

/**
 * The catalogues as the readers (./reader*.ts) take them: the run's language, every value by its
 * key, read from the files once, and a value's words and slots. What each reader then makes of
 * them, which templates it reads and how, stays in the reader.
 */

/** The language the e2e suite runs in (issue 15: "the e2e suite runs once in that language"). */
export const e2eLanguage: Language = ((): Language => {
  const wanted = process.env.CAREDESK_E2E_LANGUAGE ?? 'en';
  if (!(languages as readonly string[]).includes(wanted)) throw new Error(`CAREDESK_E2E_LANGUAGE must be one of ${languages.join(', ')}`);
  return wanted as Language;
})();

/** A catalogue value's words and slots, in order: "Booked {{name}}" is "Booked " and the slot name. */
export type Token = { literal: string } | { slot: string };

const slotPattern = /\{\{\s*([^},\s]+)[^}]*\}\}/gu;

export function tokensOf(text: string): Token[] {
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

/** The words of a value between its slots, run together. */
export const literalsOf = (tokens: Token[]) => tokens.filter((token): token is { literal: string } => 'literal' in token).map((token) => token.literal).join('');

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** Escaped, a no-break space (money's "25,00 GBP") as any space: Playwright reads it as a space. */
export const escapeSpaces = (text: string) => escape(text).replace(/[\u00a0\u202f]/gu, '\\s');
export const squeeze = (text: string) => text.replace(/\s+/gu, ' ').trim();
export const lettersIn = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/** One value as itself, several as a pattern taking any of them. */
export function oneOrAny(values: string[], escaped: (text: string) => string = escape): Said {
  if (values.length === 1) return values[0] as string;
  return new RegExp(values.map(escaped).join('|'), 'u');
}

/** A text's values in the run's language (any of them), or the text itself when it has none. */
export function sayValues(values: Set<string> | undefined, text: string, escaped: (text: string) => string = escape): Said {
  return values === undefined ? text : oneOrAny([...values], escaped);
}

/** Patterns' sources as one pattern taking any of them. */
export function anyOf(patterns: string[]): RegExp {
  const distinct = [...new Set(patterns)];
  return new RegExp(distinct.length === 1 ? (distinct[0] as string) : distinct.map((source) => `(?:${source})`).join('|'), 'u');
}

const catalogues = new Map<Language, Map<string, string>>();
/**
 * Every catalogue value of a language by its key path ("day.newAppointmentWithAt"); plural forms
 * are keys too. Read once; the map is shared, so nobody writes to it.
 */
export function catalogue(language: Language): ReadonlyMap<string, string> {
  const known = catalogues.get(language);
  if (known !== undefined) return known;
  const values = new Map<string, string>();
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') values.set(prefix, value);
    else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner);
  };
  // Read from the files: Playwright's loader takes no JSON imports (src-shared/i18n/resources.ts lists the same files).
  const folder = `src-shared/i18n/locales/${language}`;
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')))
    walk(file.replace(/\.json$/u, ''), JSON.parse(readFileSync(`${folder}/${file}`, 'utf8')));
  catalogues.set(language, values);
  return values;
}

/** An English value with slots, and the run's language's value of the same key. */
export interface Template {
  key: string;
  english: string;
  tokens: Token[];
  spanish: Token[];
  /** The English words between the slots, run together. */
  literals: string;
}

export interface Dictionary<Read extends Template = Template> {
  /** English value (squeezed) → its values in the run's language. */
  plain: Map<string, Set<string>>;
  /** English values with a slot, in the catalogue's order: every one from dictionaryIn, each reader picks those it reads. */
  templates: Read[];
}

/** A reader's dictionary: the templates it reads, and the English values without slots, for a spec's text that is part of one. */
export interface ReaderDictionary<Read extends Template = Template> extends Dictionary<Read> {
  wholes: [string, Set<string>][];
}

/**
 * The English catalogue against the run's language's: values without slots by their English
 * words, values with slots as templates. A new one each time: a reader may add words of its own.
 */
export function dictionaryIn(language: Language): Dictionary {
  const english = catalogue('en');
  const spanish = catalogue(language);
  const plain = new Map<string, Set<string>>();
  const templates: Template[] = [];
  for (const [key, value] of english) {
    const said = spanish.get(key) ?? value;
    const tokens = tokensOf(value);
    if (tokens.some((token) => 'slot' in token)) templates.push({ key, english: value, tokens, spanish: tokensOf(said), literals: literalsOf(tokens) });
    else {
      const shown = squeeze(value);
      if (shown === '') continue;
      const set = plain.get(shown) ?? new Set<string>();
      set.add(squeeze(said));
      plain.set(shown, set);
    }
  }
  return { plain, templates };
}

/**
 * Where a text may stop inside a template's literal: any start of it that is not only spaces, as a
 * pattern's group, longest first. Written as nested optional parts ("a(?:b(?:c)?)?"), not as every
 * start spelled out, which for a long sentence made patterns of tens of thousands of characters;
 * undefined when the literal is only spaces.
 */
function stopsInside(literal: string, literalSource: (literal: string) => string): string | undefined {
  const spaced = literal.replace(/\s+/gu, ' ');
  const lead = /^ */u.exec(spaced)?.[0] ?? '';
  const chars = Array.from(spaced.slice(lead.length));
  if (chars.length === 0) return undefined;
  const [first, ...rest] = chars.map((char) => literalSource(char));
  const more = rest.reduceRight((inner, char) => `(?:${char}${inner})?`, '');
  return `(${lead === '' ? '' : literalSource(lead)}${first}${more})`;
}

/** A sentence's leading punctuation (" · Reason: {{reason}}") is the screen's joint, not the spec's words. */
function withLooseLead(literal: string, literalSource: (literal: string) => string): string {
  const lead = /^[^\p{L}\p{N}]+/u.exec(literal)?.[0];
  return lead === undefined || lead.length === literal.length ? literalSource(literal) : `[^\\p{L}\\p{N}]*${literalSource(literal.slice(lead.length))}`;
}

/** How a reader reads a spec's text as the start of a template's English sentence. */
export interface Reach {
  /** Which reader reads: the same name always comes with the same sources below. */
  reader: string;
  /** A literal of the English as a pattern's source. */
  literalSource: (literal: string) => string;
  /** The text may stop inside the template's last literal too, not only inside one before a slot. */
  stopsInLast: boolean;
  /** The source of the tokens the text holds whole; `tail` is where it stops inside the literal after them ('' for none). */
  sourceOf: (read: Token[], tail: string) => string;
}

/** A pattern's source of tokens read whole, the last slot taking the rest, the first literal's leading punctuation loose. */
export const ledLoosely =
  (literalSource: (literal: string) => string) =>
  (read: Token[]): string =>
    read.map((token, index) => ('slot' in token ? (index === read.length - 1 ? '(.+)' : '(.+?)') : index === 0 ? withLooseLead(token.literal, literalSource) : literalSource(token.literal))).join('');

/** The first letter or digit of a text. */
const firstMarkOf = (text: string): string | undefined => /[\p{L}\p{N}]/u.exec(text)?.[0];

interface Patterns {
  /** The first letter or digit of the template's leading words: a text that starts with another is not the template. */
  mark: string | undefined;
  /** Longest start first; undefined where the text cannot stop (a literal of spaces). */
  starts: ({ pattern: RegExp; read: Token[]; last: Token; complete: boolean; tail: string } | undefined)[];
}

/**
 * The patterns startsRead makes of a template, per reader (Reach.reader), made once: the same
 * templates are tried for every text a spec says, and making them anew took the test process
 * seconds per text (CPU the browser and the desk under test then went without).
 */
const patternsOf = new WeakMap<Token[], Map<string, Patterns>>();
function patternsFor(tokens: Token[], reach: Reach): Patterns {
  let byReader = patternsOf.get(tokens);
  if (byReader === undefined) {
    byReader = new Map();
    patternsOf.set(tokens, byReader);
  }
  let made = byReader.get(reach.reader);
  if (made === undefined) {
    const starts: Patterns['starts'] = [];
    for (let end = tokens.length; end >= 1; end -= 1) {
      const head = tokens.slice(0, end);
      const last = head[head.length - 1] as Token;
      const stops = 'literal' in last && (reach.stopsInLast || end !== tokens.length);
      const read = stops ? head.slice(0, -1) : head;
      // The text may stop anywhere inside the literal.
      const tail = stops ? stopsInside(last.literal, reach.literalSource) : '';
      starts.push(tail === undefined ? undefined : { pattern: new RegExp(`^${reach.sourceOf(read, tail)}${tail}$`, 'u'), read, last, complete: end === tokens.length, tail });
    }
    const first = tokens[0];
    // Every pattern starts with the leading words as written (their punctuation may be loose, their
    // letters never are), and a text that stops inside them stops after their first letter or has none.
    made = { mark: first !== undefined && 'literal' in first ? firstMarkOf(first.literal) : undefined, starts };
    byReader.set(reach.reader, made);
  }
  return made;
}

/** A start of a template's sentence a text reads as (see readOff): `last` is the last token it reaches. */
export interface Start {
  complete: boolean;
  last: Token;
  filled: Map<string, string>;
  rest: string;
  ownWords: string;
}

/**
 * The text as (the start of) a template's English sentence: its tokens up to a point, the last
 * slot taking the rest, or the text ending inside a literal ("Undone" of "Undone by: {{headline}}").
 * Every start it reads as, longest first; the reader takes the first it accepts.
 */
export function* startsRead(tokens: Token[], text: string, reach: Reach): Generator<Start> {
  const { mark, starts } = patternsFor(tokens, reach);
  if (mark !== undefined) {
    const textMark = firstMarkOf(text);
    if (textMark !== undefined && textMark !== mark) return;
  }
  for (const start of starts) {
    if (start === undefined) continue;
    const match = start.pattern.exec(text);
    if (!match) continue;
    yield { complete: start.complete, last: start.last, ...readOff(start.read, match, start.tail) };
  }
}

/**
 * What a match of a template's first tokens (`read`) filled its slots with, the words of its last
 * literal the text stopped in (`rest`, when `tail` was read), and all the template's own words the
 * text holds.
 */
function readOff(read: Token[], match: RegExpExecArray, tail: string): { filled: Map<string, string>; rest: string; ownWords: string } {
  const slots = read.filter((token): token is { slot: string } => 'slot' in token).map((token) => token.slot);
  const filled = new Map<string, string>();
  slots.forEach((slot, index) => filled.set(slot, match[index + 1] as string));
  const rest = tail === '' ? '' : (match[slots.length + 1] as string);
  return { filled, rest, ownWords: literalsOf(read) + rest };
}

/**
 * What a Spanish template says with the slots the English text filled: its words escaped by
 * `escaped` (any space for a space), a filled slot as `shown` says its value, a slot the text did
 * not fill as anything, and `openEnded`'s value followed by anything.
 */
export function sayTokens(spanish: Token[], filled: Map<string, string>, openEnded: string | undefined, escaped: (text: string) => string, shown: (value: string) => string): string {
  return spanish
    .map((token) => {
      if ('literal' in token) return escaped(token.literal).replace(/ +/gu, '\\s*');
      const value = filled.get(token.slot);
      if (value === undefined) return '[^]*?';
      const said = shown(value);
      return token.slot === openEnded ? `${said}[^]*?` : said;
    })
    .join('');
}

/**
 * Part of one sentence the catalogue has whole ("Standalone" of "Standalone — this desk only"):
 * the values of the few such sentences; undefined when none or too many hold it.
 */
export function partOfWhole(wholes: [string, Set<string>][], shown: string, escaped: (text: string) => string = escape): Said | undefined {
  if (shown.length < 4) return undefined;
  // An example in a placeholder ("e.g. Allergic to ammonia dyes") is what someone may type, not the desk's words.
  const within = wholes.filter(([english]) => english.includes(shown) && !english.startsWith('e.g.')).flatMap(([, spanish]) => [...spanish]);
  return within.length > 0 && within.length <= 12 ? oneOrAny(within, escaped) : undefined;
}
