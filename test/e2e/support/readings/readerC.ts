import { anyOf, catalogue, dictionaryIn, e2eLanguage, escape, ledLoosely, lettersIn, literalsOf, oneOrAny, partOfWhole, type ReaderDictionary, sayTokens, sayValues, squeeze, startsRead, type Template, type Token, tokensOf } from './catalogue';
import { anchored, patternSaying, type Said } from './saying';

export { e2eLanguage } from './catalogue';

/**
 * One of the three readers of the catalogues behind ../spoken.ts (issue 15: "the e2e suite runs
 * once in that language"); what they share is in ./catalogue.ts. This one reads the first words
 * of a sentence the catalogue has whole, a value in a wrapper with no words ("{{name}}'s"), and
 * sayings the screen joined ("Tuesday opens" and ", part 2"; a field's name and its problem).
 */

let dictionary: ReaderDictionary | undefined;
function dictionaryOf(): ReaderDictionary {
  if (dictionary) return dictionary;
  const { plain, templates: all } = dictionaryIn(e2eLanguage);
  const templates = all.filter((template) => /\p{L}{2}/u.test(template.literals)); // "{{a}} {{b}}" says nothing of its own
  dictionary = { plain, templates, wholes: [...plain.entries()] };
  return dictionary;
}

/** What the Spanish template says with the slots the English text filled; slots it did not fill match anything. */
function sayTemplate(template: Template, filled: Map<string, string>, openEnded: string | undefined): string {
  return sayTokens(template.spanish, filled, openEnded, escape, (value) => {
    // A slot's value may be a word of the desk's ("confirmed") or the shop's own ("Haircut"): either.
    const inner = sayExactly(value) === value ? (sayWrapped(value) ?? value) : sayExactly(value);
    // Any space in a value may be another space on screen (money's no-break space: "33,00 GBP").
    const data = escape(value).replace(/\s+/gu, '\\s+');
    return inner === value ? data : `(?:${data}|${typeof inner === 'string' ? escape(inner) : inner.source})`;
  });
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
      const literals = literalsOf(tokens);
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
  return sayValues(dictionaryOf().plain.get(squeeze(text)), text);
}

interface Reading {
  /** How many of the text's letters the template's own words account for: the reading with most wins. */
  score: number;
  said: string;
  /** The whole template read, not just its start. */
  complete: boolean;
}

/** The text as (the start of) a template's English sentence (see startsRead), as this reader scores it. */
function readAs(template: Template, text: string): Reading | undefined {
  const tokens = template.tokens;
  // The spec's text is read against the English: a space there is a space here.
  const literalSource = (literal: string) => escape(literal).replace(/ +/gu, '\\s+');
  // The text may stop inside any literal, the template's last one too ("10:00 has already passed" of "{{passed}} has already passed. To record…").
  for (const { complete, last, filled, rest, ownWords } of startsRead(tokens, text, { reader: 'C', literalSource, stopsInLast: true, sourceOf: ledLoosely(literalSource) })) {
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
  return partOfWhole(wholes, shown) ?? text;
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
    const literals = literalsOf(tokens);
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
