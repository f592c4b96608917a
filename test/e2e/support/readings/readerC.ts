import { readdirSync, readFileSync } from 'node:fs';
import { languages, type Language } from '../../../../src-shared/i18n/languages';
import { demoRecordTexts } from '../../../../src-main/core/demo/plan';
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
      if (!/\p{L}{2}/u.test(literalLetters)) continue; // "{{a}} {{b}}" says nothing of its own
      const full = new RegExp(`^${tokens.map((token) => ('slot' in token ? '(.+?)' : escape(token.literal).replace(/ +/gu, '\\s*'))).join('')}$`, 'u');
      templates.push({ key, english: value, tokens, spanish: tokensOf(said), full });
    } else {
      const shown = squeeze(value);
      if (shown === '') continue;
      const set = plain.get(shown) ?? new Set<string>();
      set.add(squeeze(said));
      // The demo shop's own records ("Haircut", a service) are written as they are in any language.
      if (demoRecordTexts.includes(shown)) set.add(shown);
      plain.set(shown, set);
    }
  }
  dictionary = { plain, templates, wholes: [...plain.entries()] };
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
      const inner = sayExactly(value) === value ? (sayWrapped(value) ?? value) : sayExactly(value);
      // Any space in a value may be another space on screen (money's no-break space: "33,00 GBP").
      const data = escape(value).replace(/\s+/gu, '\\s+');
      const shown = inner === value ? data : `(?:${data}|${typeof inner === 'string' ? escape(inner) : inner.source})`;
      return token.slot === openEnded ? `${shown}[^]*?` : shown;
    })
    .join('');
}

let wrappers: { full: RegExp; spanish: Token[] }[] | undefined;
/** A value in one of the catalogue's wrappers with no words ("{{name}}'s" is "de {{name}}" in Spanish), said so; undefined when it is in none. */
function sayWrapped(value: string): RegExp | undefined {
  if (wrappers === undefined) {
    const english = catalogue('en');
    const spanish = catalogue(e2eLanguage);
    wrappers = [];
    for (const [key, text] of english) {
      const tokens = tokensOf(text);
      const said = spanish.get(key) ?? text;
      const literals = tokens.filter((token): token is { literal: string } => 'literal' in token).map((token) => token.literal).join('');
      if (tokens.filter((token) => 'slot' in token).length !== 1 || literals.trim() === '' || /\p{L}{2}/u.test(literals) || said === text) continue;
      wrappers.push({ full: new RegExp(`^${tokens.map((token) => ('slot' in token ? '(.+?)' : escape(token.literal))).join('')}$`, 'u'), spanish: tokensOf(said) });
    }
  }
  for (const wrapper of wrappers) {
    const inside = wrapper.full.exec(value)?.[1];
    if (inside === undefined) continue;
    return new RegExp(wrapper.spanish.map((token) => ('slot' in token ? escape(inside) : escape(token.literal).replace(/ +/gu, '\\s*'))).join(''), 'u');
  }
  return undefined;
}

/** An English catalogue value said in the run's language, or the text itself when it is not one. */
function sayExactly(text: string): Said {
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
  /** The whole template read, not just its start. */
  complete: boolean;
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
    // A sentence's leading punctuation (" · Reason: {{reason}}") is the screen's joint, not the spec's words.
    const firstSource = (literal: string) => {
      const lead = /^[^\p{L}\p{N}]+/u.exec(literal)?.[0];
      return lead === undefined || lead.length === literal.length ? literalSource(literal) : `[^\\p{L}\\p{N}]*${literalSource(literal.slice(lead.length))}`;
    };
    const source = before
      .map((token, index) => ('slot' in token ? (index === before.length - 1 ? '(.+)' : '(.+?)') : index === 0 ? firstSource(token.literal) : literalSource(token.literal)))
      .join('');
    const match = new RegExp(`^${source}${tail}$`, 'u').exec(text);
    if (!match) continue;
    const slots = before.filter((token): token is { slot: string } => 'slot' in token).map((token) => token.slot);
    const filled = new Map<string, string>();
    slots.forEach((slot, index) => filled.set(slot, match[index + 1] as string));
    const rest = tail === '' ? '' : (match[slots.length + 1] as string);
    const ownWords = before.filter((token): token is { literal: string } => 'literal' in token).map((token) => token.literal).join('') + rest;
    // Slots and spaces alone say nothing: "Rita Reschedule" is a name, not "{{service}} {{clock}} with {{staff}}".
    if (lettersIn(ownWords) === 0) continue;
    // A slot filled with the desk's own word ("cancelled" in "You {{verb}}") is explained too.
    const wordsOfTheDesk = [...filled.values()].filter((value) => dictionaryOf().plain.has(squeeze(value))).join('');
    const score = lettersIn(ownWords) + lettersIn(wordsOfTheDesk);
    if (score < 3) return undefined;
    const openEnded = !complete && 'slot' in last ? last.slot : undefined;
    return { score, said: sayTemplate(template, filled, openEnded), complete: complete && ('slot' in last || squeeze(rest) === squeeze(last.literal)) };
  }
  return undefined;
}

/**
 * A text a spec looks for, in the run's language. `exact` says the spec wants the whole text (a
 * regular expression is then anchored).
 */
export function say(text: string, options: { exact?: boolean } = {}): Said {
  if (e2eLanguage === 'en') return text;
  const { templates, wholes, plain } = dictionaryOf();
  const shown = squeeze(text);
  if (shown === '' || !/\p{L}/u.test(shown)) return text;
  if (plain.has(shown)) return anchored(sayExactly(shown), options.exact);

  // Two of the desk's words side by side ("You" and "cancelled", put together by "{{who}} {{what}}").
  const words = shown.split(' ');
  for (let cut = 1; cut < words.length; cut += 1) {
    const left = words.slice(0, cut).join(' ');
    const right = words.slice(cut).join(' ');
    if (plain.has(left) && plain.has(right)) {
      const part = (said: Said) => (typeof said === 'string' ? escape(said) : `(?:${said.source})`);
      return anchored(new RegExp(`${part(sayExactly(left))}\\s*${part(sayExactly(right))}`, 'u'), options.exact);
    }
  }

  // The first words of one sentence the catalogue has whole ("Booked outside the staff member's working time" of "…, as an exception").
  if (lettersIn(shown) >= 12) {
    const starting = wholes.filter(([english]) => english.startsWith(shown)).flatMap(([, spanish]) => [...spanish]);
    if (starting.length > 0 && starting.length <= 12) return oneOrAny(starting);
  }

  const readings = templates.flatMap((template) => readAs(template, shown) ?? []);
  const best = Math.max(-1, ...readings.map((reading) => reading.score));
  const bestReadings = readings.filter((reading) => reading.score === best);
  // A reading that explains little of the text ("{{a}}ed {{b}}") loses to one that explains most of it.
  // Sayings the screen put together ("Tuesday opens" and ", part 2"; a field's name and its problem), each
  // read whole, win when they explain more of the text than one template does ("Visit 4 of 10" and " · next …").
  const joined = sayJoined(shown);
  if (joined !== undefined && joined.score > best) return anchored(new RegExp(joined.source, 'u'), options.exact);
  // A template read to its end, every word of it there, explains the text even around long values ("{{staffName}}, free {{when}}").
  const whole = bestReadings.some((reading) => reading.complete && reading.score >= 4);
  if (whole || best >= Math.min(6, lettersIn(shown)) || best * 2 >= lettersIn(shown)) return anchored(anyOf(bestReadings.map((reading) => reading.said)), options.exact);

  // Part of one sentence the catalogue has whole ("Standalone" of "Standalone — this desk only").
  if (shown.length >= 4) {
    // An example in a placeholder ("e.g. Allergic to ammonia dyes") is what someone may type, not the desk's words.
    const within = wholes.filter(([english]) => english.includes(shown) && !english.startsWith('e.g.')).flatMap(([, spanish]) => [...spanish]);
    if (within.length > 0 && within.length <= 12) return oneOrAny(within);
  }
  return text;
}

interface Whole {
  /** The saying as a pattern's source. */
  source: string;
  /** How many of its letters the catalogue's words account for. */
  score: number;
}

/** A text read whole as one catalogue value, template or joint of them, in the run's language; undefined when it is none. */
const saidWhole = new Map<string, Whole | undefined>();
function sayWhole(text: string): Whole | undefined {
  // Spaces kept at the ends: a template may start with one (" · next {{localDateTime}}").
  const shown = text.replace(/\s+/gu, ' ');
  if (saidWhole.has(shown)) return saidWhole.get(shown);
  saidWhole.set(shown, undefined); // a text is not read as a part of itself
  const { plain, templates } = dictionaryOf();
  let said: Whole | undefined;
  if (plain.has(shown.trim())) {
    const exactly = sayExactly(shown);
    said = { source: typeof exactly === 'string' ? escape(exactly) : `(?:${exactly.source})`, score: lettersIn(shown) };
  } else {
    const readings = templates.flatMap((template) => {
      const reading = readAs(template, shown);
      return reading?.complete === true ? [reading] : [];
    });
    const best = Math.max(-1, ...readings.map((reading) => reading.score));
    const joined = sayJoined(shown);
    said =
      joined !== undefined && joined.score > best
        ? joined
        : readings.length > 0
          ? { source: anyOf(readings.filter((reading) => reading.score === best).map((reading) => reading.said)).source, score: best }
          : undefined;
  }
  saidWhole.set(shown, said);
  return said;
}

interface Joint {
  english: Token[];
  spanish: Token[];
}
let joints: Joint[] | undefined;
/**
 * The catalogue's sentences with no words of their own, that only join sayings ("{{name}} {{problem}}."
 * is "{{name}}: {{problem}}." in Spanish), and two sayings side by side.
 */
function jointsOf(): Joint[] {
  if (joints) return joints;
  const english = catalogue('en');
  const spanish = catalogue(e2eLanguage);
  joints = [];
  for (const [key, value] of english) {
    const tokens = tokensOf(value);
    const literals = tokens.filter((token): token is { literal: string } => 'literal' in token).map((token) => token.literal).join('');
    if (tokens.filter((token) => 'slot' in token).length < 2 || /\p{L}{2}/u.test(literals)) continue;
    // One the same in Spanish ("{{who}} {{what}}", "{{name}}, {{when}}") changes nothing, and would read any name as two sayings.
    if (spanish.get(key) === value) continue;
    joints.push({ english: tokens, spanish: tokensOf(spanish.get(key) ?? value) });
  }
  // The more marks a joint has, the more it says: "{{name}} {{problem}}." before "{{who}} {{what}}".
  const marks = (tokens: Token[]) => tokens.map((token) => ('literal' in token ? token.literal.replace(/\s/gu, '') : '')).join('').length;
  joints.sort((one, other) => marks(other.english) - marks(one.english));
  const side = [{ slot: 'a' }, { slot: 'b' }];
  joints.push({ english: side, spanish: side });
  return joints;
}

/** The slots of a joint read off a text, each a saying of the catalogue's; undefined when it does not read so. */
function readJoint(tokens: Token[], text: string): Map<string, Whole> | undefined {
  const [first, next, ...rest] = tokens;
  if (first === undefined) return text.trim() === '' ? new Map() : undefined;
  if ('literal' in first) {
    const match = new RegExp(`^${escape(first.literal.trim()).replace(/ +/gu, '\\s+')}`, 'u').exec(text.trimStart());
    return match ? readJoint(next === undefined ? [] : [next, ...rest], text.trimStart().slice(match[0].length)) : undefined;
  }
  const cuts: number[] = [];
  if (next === undefined) cuts.push(text.length);
  else if ('literal' in next && next.literal.trim() !== '') {
    for (let at = text.indexOf(next.literal.trim(), 1); at > 0; at = text.indexOf(next.literal.trim(), at + 1)) cuts.push(at);
  } else if ('literal' in next) {
    for (let at = 1; at < text.length; at += 1) if (/\s/u.test(text[at] as string)) cuts.push(at);
  } else {
    // Side by side, the second saying starts with a mark ("Tuesday opens" and ", part 2"), not mid-name ("Priya" and "Shah's own price").
    for (let at = 1; at < text.length; at += 1) if (/^\s?[\p{P}\p{S}]/u.test(text.slice(at))) cuts.push(at);
  }
  for (const cut of cuts) {
    const value = text.slice(0, cut);
    if (lettersIn(value) < 2) continue;
    const said = sayWhole(value);
    if (said === undefined) continue;
    const others = readJoint(next === undefined ? [] : [next, ...rest], text.slice(cut));
    if (others === undefined) continue;
    return new Map([[first.slot, said], ...others]);
  }
  return undefined;
}

/** A text that is catalogue sayings joined by the screen ("Tuesday opens" and ", part 2"; a field's name and its problem). */
function sayJoined(shown: string): Whole | undefined {
  for (const joint of jointsOf()) {
    const slots = readJoint(joint.english, shown);
    if (slots === undefined) continue;
    const adjacent = joint.spanish.every((token) => 'slot' in token);
    const source = joint.spanish
      .map((token) => ('slot' in token ? `(?:${slots.get(token.slot)?.source ?? '[^]*?'})` : escape(token.literal).replace(/ +/gu, '\\s*')))
      .join(adjacent ? '\\s*' : '');
    return { source, score: [...slots.values()].reduce((sum, whole) => sum + whole.score, 0) };
  }
  return undefined;
}

export const sayPattern = patternSaying(e2eLanguage, (text) => say(text), escape);
