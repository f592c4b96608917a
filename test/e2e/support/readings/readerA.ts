import { formatterOf } from '../../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../../src-shared/locale/settings';
import { anyOf, dictionaryIn, e2eLanguage, escapeSpaces as escape, ledLoosely, lettersIn, oneOrAny as oneOrAnyOf, partOfWhole, type ReaderDictionary, sayTokens, sayValues, squeeze, startsRead, type Template, type Token } from './catalogue';
import { anchored, patternSaying, type Said } from './saying';

export { e2eLanguage } from './catalogue';

/**
 * One of the three readers of the catalogues behind ../spoken.ts (issue 15: "the e2e suite runs
 * once in that language"); what they share is in ./catalogue.ts. This one keeps a tally of how
 * many of a text's letters the catalogue explains, and reads by it: a slot's value as a sentence of
 * the desk's own, a label lower-cased in a sentence, a word and a time ("Lunch 12:00–13:00"), a
 * label and what it labels ("Lunch: Sam Taylor"), the end of a template's sentence, and words inside
 * one template's. It escapes a no-break space as any space. The suite's asData and longDate are here.
 */

let dictionary: ReaderDictionary | undefined;
function dictionaryOf(): ReaderDictionary {
  if (dictionary) return dictionary;
  const { plain, templates: all } = dictionaryIn(e2eLanguage);
  const templates = all.filter((template) => /\p{L}/u.test(template.literals)); // "{{a}} {{b}}" says nothing of its own ("{{name}}'s {{thing}}" does)
  dictionary = { plain, templates, wholes: [...plain.entries()] };
  return dictionary;
}

/** What the Spanish template says with the slots the English text filled; slots it did not fill match anything. */
function sayTemplate(template: Template, filled: Map<string, string>, openEnded: string | undefined): string {
  return sayTokens(template.spanish, filled, openEnded, escape, (value) => {
    // A slot's value may be a word of the desk's ("confirmed") or the shop's own ("Haircut"): either,
    // or a sentence of the desk's own ("Undo: {{headline}}" of "You edited the notes of").
    const inner = said(value).said;
    return inner === value ? escape(value) : `(?:${escape(value)}|${typeof inner === 'string' ? escape(inner) : inner.source})`;
  });
}

let lowered: Map<string, Set<string>> | undefined;
/** The catalogue's values lower-cased, English to the run's language. */
function loweredOf(): Map<string, Set<string>> {
  if (lowered) return lowered;
  lowered = new Map();
  for (const [english, spanish] of dictionaryOf().plain) {
    if (english.toLowerCase() === english) continue;
    const set = lowered.get(english.toLowerCase()) ?? new Set<string>();
    for (const value of spanish) set.add(value.toLowerCase());
    lowered.set(english.toLowerCase(), set);
  }
  return lowered;
}

/** An English catalogue value said in the run's language, or the text itself when it is not one. */
function sayExactly(text: string): Said {
  // A label put in a sentence lower-cased ("changed the patch test rule (months)") is said lower-cased.
  return sayValues(dictionaryOf().plain.get(squeeze(text)) ?? loweredOf().get(squeeze(text)), text, escape);
}

// A no-break space (money's "25,00 GBP") is a space on the screen Playwright reads: this reader escapes it so.
const oneOrAny = (values: string[]) => oneOrAnyOf(values, escape);

interface Reading {
  /** How many of the text's letters the template's own words account for: the reading with most wins. */
  score: number;
  /** Of those, the template's own: between equal readings, the one that says more itself wins. */
  own: number;
  whole?: boolean;
  said: string;
}

/** The text as (the start of) a template's English sentence (see startsRead), as this reader scores it. */
function readAs(template: Template, text: string): Reading | undefined {
  const tokens = template.tokens;
  // The spec's text is read against the English: a space there is a space here.
  const literalSource = (literal: string) => escape(literal).replace(/ +/gu, '\\s+');
  for (const { complete, last, filled, ownWords } of startsRead(tokens, text, { reader: 'A', literalSource, stopsInLast: false, sourceOf: ledLoosely(literalSource) })) {
    // Slots and spaces alone say nothing: "Rita Reschedule" is a name, not "{{service}} {{clock}} with {{staff}}".
    if (lettersIn(ownWords) === 0) continue;
    // A slot filled with the desk's own word ("cancelled" in "You {{verb}}") is explained too.
    // So is what the catalogue explains of a sentence in it ("You cancelled" in "Undo: {{headline}}"), when the text runs to the template's end.
    // (A template that says little itself, "{{from}} to {{to}}", takes no sentences: "Allergy: Allergic to ammonia dyes" is not a range.)
    const sentences = (complete || 'slot' in last) && lettersIn(ownWords) >= 3;
    const wordsOfTheDesk = [...filled.values()]
      .map((value) => (dictionaryOf().plain.has(squeeze(value)) ? lettersIn(value) : sentences ? said(value).letters : 0))
      .reduce((sum, letters) => sum + letters, 0);
    const score = lettersIn(ownWords) + wordsOfTheDesk;
    if (score < 3) return undefined;
    const openEnded = !complete && 'slot' in last ? last.slot : undefined;
    // The whole template, opening with its own words ("View {{name}}"): read however short those are.
    const whole = complete && 'literal' in (tokens[0] as Token) && lettersIn((tokens[0] as { literal: string }).literal) >= 3;
    return { score, own: lettersIn(ownWords), whole, said: sayTemplate(template, filled, openEnded) };
  }
  return undefined;
}

/**
 * A text a spec looks for, in the run's language. `exact` says the spec wants the whole text (a
 * regular expression is then anchored).
 */
/** How many of the letters of the text `say` last said the catalogue accounted for. */
let lastExplained = 0;
function explained(result: Said, letters: number): Said {
  lastExplained = letters;
  return result;
}

const saidBefore = new Map<string, { said: Said; letters: number }>();
/** A slot's value said on its own, once, with how much of it the catalogue explained. */
function said(value: string): { said: Said; letters: number } {
  const known = saidBefore.get(value);
  if (known !== undefined) return known;
  const result = { said: say(value), letters: lastExplained };
  saidBefore.set(value, result);
  return result;
}

export function say(text: string, options: { exact?: boolean } = {}): Said {
  if (e2eLanguage === 'en') return text;
  const { templates, wholes, plain } = dictionaryOf();
  const shown = squeeze(text);
  if (shown === '' || !/\p{L}/u.test(shown)) return explained(text, 0);
  if (plain.has(shown)) return explained(anchored(sayExactly(shown), options.exact), lettersIn(shown));
  if (shown === shown.toLowerCase() && loweredOf().has(shown)) return explained(anchored(sayExactly(shown), options.exact), lettersIn(shown));

  // Two of the desk's words side by side ("You" and "cancelled", put together by "{{who}} {{what}}").
  const words = shown.split(' ');
  for (let cut = 1; cut < words.length; cut += 1) {
    const left = words.slice(0, cut).join(' ');
    const right = words.slice(cut).join(' ');
    // …or one of its words and a time, a number or a sum ("Lunch 12:00–13:00", "Takings 155,00 GBP"); the word may
    // be the shop's own too (a service called "Colour" and its count).
    if (plain.has(left) && (!/\p{L}/u.test(right) || (/^\S*\d\S*( \p{Lu}{3})?$/u.test(right))))
      return explained(anchored(new RegExp(`(?:${escape(left)}|${typeof sayExactly(left) === 'string' ? escape(sayExactly(left) as string) : (sayExactly(left) as RegExp).source})\\s*${escape(right).replace(/ +/gu, '\\s+')}`, 'u'), options.exact), lettersIn(shown));
    if (plain.has(left) && plain.has(right)) {
      const part = (said: Said) => (typeof said === 'string' ? escape(said) : `(?:${said.source})`);
      // The second may be the shop's own ("Edit" and a service called "Colour"), as a slot's value may.
      return explained(anchored(new RegExp(`${part(sayExactly(left))}\\s*(?:${escape(right)}|${part(sayExactly(right))})`, 'u'), options.exact), lettersIn(shown));
    }
  }

  const readings = templates.flatMap((template) => readAs(template, shown) ?? []);
  // "{{who}} {{what}}" with a word of the desk's and a sentence of its own ("You" + "undid the {{name}}").
  const direct = Math.max(0, ...readings.map((reading) => reading.score));
  for (let cut = 1; cut < words.length; cut += 1) {
    const left = words.slice(0, cut).join(' ');
    if (!plain.has(left)) continue;
    const right = words.slice(cut).join(' ');
    const inner = said(right);
    const score = lettersIn(left) + inner.letters;
    if (inner.letters === 0 || typeof inner.said === 'string' || score < direct) continue;
    const leftSaid = sayExactly(left);
    const leftSource = typeof leftSaid === 'string' ? escape(leftSaid) : `(?:${leftSaid.source})`;
    // As good as a reading of one template ("You moved…" is also "{{verb}} {{whose}} from…" with "You" for the verb):
    // either may be what the screen says, so both are accepted.
    const rival = Math.max(0, ...readings.filter((reading) => reading.score === score).map((reading) => reading.own));
    readings.push({ score, own: Math.max(lettersIn(left), rival), said: `${leftSource}\\s*(?:${inner.said.source})` });
  }
  // A word of the desk's as a label and what it labels ("Lunch: Sam Taylor", made by "{{kind}}: {{name}}"):
  // a reading like the others, that says its label itself.
  const labelled = /^([^:]+):\s+(.+)$/u.exec(shown);
  let labelReading: Reading | undefined;
  if (labelled !== null && plain.has(labelled[1] as string)) {
    // Spaces as any space: the text was squeezed, the screen may hold a no-break one ("25,00 GBP").
    const part = (said: Said) => (typeof said === 'string' ? escape(said).replace(/ +/gu, '\\s+') : `(?:${said.source})`);
    const value = said(labelled[2] as string);
    const label = lettersIn(labelled[1] as string);
    labelReading = { score: label + value.letters, own: label, said: `${part(sayExactly(labelled[1] as string))}:\\s*${part(value.said)}` };
    readings.push(labelReading);
  }
  if (readings.length > 0) {
    const best = Math.max(...readings.map((reading) => reading.score));
    // A reading that explains little of the text ("{{a}}ed {{b}}") loses to one that explains most of it.
    if (best >= Math.min(6, lettersIn(shown)) || best * 2 >= lettersIn(shown) || readings.some((reading) => reading.score === best && reading.whole === true)) {
      const bestReadings = readings.filter((reading) => reading.score === best);
      const most = Math.max(...bestReadings.map((reading) => reading.own));
      return explained(anchored(anyOf(bestReadings.filter((reading) => reading.own === most).map((reading) => reading.said)), options.exact), best);
    }
  }

  if (labelReading !== undefined) return explained(anchored(new RegExp(labelReading.said, 'u'), options.exact), labelReading.score);

  // The end of a template's sentence ("— confirmed." of "{{sentence}} — confirmed."): the end of the Spanish one.
  const last = (tokens: Token[]) => tokens[tokens.length - 1];
  const endings = templates.flatMap((template) => {
    const english = last(template.tokens);
    const spanish = last(template.spanish);
    if (english === undefined || spanish === undefined || !('literal' in english) || !('literal' in spanish)) return [];
    return squeeze(english.literal) === shown && lettersIn(shown) >= 3 ? [squeeze(spanish.literal)] : [];
  });
  if (endings.length > 0) return explained(anchored(oneOrAny([...new Set(endings)]), options.exact), lettersIn(shown));

  // Part of one sentence the catalogue has whole ("Standalone" of "Standalone — this desk only").
  // A guess, not a reading: it explains nothing of a sentence it sits in.
  const part = partOfWhole(wholes, shown, escape);
  if (part !== undefined) return explained(part, 0);
  if (shown.length >= 4) {
    // Or inside one template's words ("Your bookings are safe" of "…failed: {{reason}}. Your bookings are safe on…"):
    // the Spanish words between the same two slots.
    const neighbours = (tokens: Token[], index: number) => {
      const before = tokens[index - 1];
      const after = tokens[index + 1];
      return `${before !== undefined && 'slot' in before ? before.slot : '^'} ${after !== undefined && 'slot' in after ? after.slot : '$'}`;
    };
    const inside = templates.flatMap((template) =>
      template.tokens.flatMap((token, index) => {
        if (!('literal' in token) || !squeeze(token.literal).includes(shown)) return [];
        const place = neighbours(template.tokens, index);
        const spanish = template.spanish.find((other, at) => 'literal' in other && neighbours(template.spanish, at) === place);
        return spanish !== undefined && 'literal' in spanish ? [squeeze(spanish.literal)] : [];
      }),
    );
    if (lettersIn(shown) >= 6 && inside.length > 0 && inside.length <= 12) return explained(oneOrAny([...new Set(inside)]), 0);
  }
  return explained(text, 0);
}

export const sayPattern = patternSaying(e2eLanguage, (text) => say(text), escape);

/**
 * A text that is the shop's own data, not the desk's words (a service called "Colour" in a shop
 * whose catalogue also has the word): looked for as written in every language.
 */
export function asData(text: string): RegExp {
  return new RegExp(`(?:${escape(text)})`, 'u');
}

/** A shop-local date as the screens write it in the run's language ("Tuesday 1 December 2026", "martes, 1 de diciembre de 2026"). */
export function longDate(date: string): string {
  return formatterOf({ ...DEFAULT_LOCALE, language: e2eLanguage }).longDate(date);
}
