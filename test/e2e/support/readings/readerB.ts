import { demoRecordTexts } from '../../../../src-main/core/demo/texts';
import { anyOf, dictionaryIn, e2eLanguage, escape, lettersIn, partOfWhole, type ReaderDictionary, sayTokens, sayValues, squeeze, startsRead, type Template as CatalogueTemplate, type Token } from './catalogue';
import { anchored, patternSaying, type Said } from './saying';

export { e2eLanguage } from './catalogue';

/**
 * One of the three readers of the catalogues behind ../spoken.ts (issue 15: "the e2e suite runs
 * once in that language"); what they share is in ./catalogue.ts. This one keeps the demo shop's
 * records as typed, reads a template whose own words are only punctuation when the desk's words
 * fill its slots, counts a slot's desk word a little less than the template's own, and reads a
 * word of the desk's before a sentence of the desk's ("You" + "pencilled in the appointment").
 */

interface Template extends CatalogueTemplate {
  /** Its own words are only punctuation ("{{name}} {{problem}}."): read only when the desk's words fill every slot. */
  bare?: boolean;
}

/**
 * The demo shop's own records ("Corte de pelo"), as the run's desks seed them (in its language): its
 * data, shown as typed, even where a catalogue has the same word.
 */
const demoTexts = new Set(demoRecordTexts(e2eLanguage).map(squeeze));

let dictionary: ReaderDictionary<Template> | undefined;
function dictionaryOf(): ReaderDictionary<Template> {
  if (dictionary) return dictionary;
  const { plain, templates: all } = dictionaryIn(e2eLanguage);
  const templates = all.map((template): Template => (/\p{L}{2}/u.test(template.literals) ? template : { ...template, bare: true })); // "{{a}} {{b}}" says nothing of its own
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
  return sayTokens(template.spanish, filled, openEnded, escape, (value) => {
    // A slot's value may be a word of the desk's ("confirmed") or the shop's own ("Haircut"): either.
    const exactly = sayExactly(value);
    // Or a sentence of the desk's own ("Undone by: {{headline}}" of "You undid a change").
    const inner = exactly === value ? (bestReading(squeeze(value))?.said ?? value) : typeof exactly === 'string' ? escape(exactly) : exactly.source;
    // A space in a value may be a screen's no-break space ("38,00 GBP").
    const asTyped = escape(value).replace(/ /gu, '\\s');
    return inner === value ? asTyped : `(?:${asTyped}|${inner})`;
  });
}

/** An English catalogue value said in the run's language, or the text itself when it is not one. */
function sayExactly(text: string): Said {
  if (demoTexts.has(squeeze(text))) return text;
  return sayValues(dictionaryOf().plain.get(squeeze(text)), text);
}

interface Reading {
  /** How many of the text's letters the template's own words account for: the reading with most wins. */
  score: number;
  said: string;
  /** It reads the whole template, every word of it there. */
  whole?: boolean;
}

/** The text as (the start of) a template's English sentence (see startsRead), as this reader scores it. */
function readAs(template: Template, text: string): Reading | undefined {
  const tokens = template.tokens;
  // The spec's text is read against the English: a space there is a space here.
  const literalSource = (literal: string) => escape(literal).replace(/ +/gu, '\\s+');
  const sourceOf = (read: Token[], tail: string) =>
    read
      // A template's leading space (" — at most {{n}} are allowed.", appended to a sentence) is not in a text read alone.
      // The last slot takes the rest, unless words of the template follow it: then they are read as far as they go.
      .map((token, index) => ('slot' in token ? (index === read.length - 1 && tail === '' ? '(.+)' : '(.+?)') : literalSource(index === 0 ? token.literal.trimStart() : token.literal)))
      .join('');
  // The text may stop inside any literal, the template's last one too ("10:00 has already passed" of "{{passed}} has already passed. To record…").
  for (const { complete, last, filled, rest, ownWords } of startsRead(tokens, text, { reader: 'B', literalSource, stopsInLast: true, sourceOf })) {
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
  // The demo shop's own records ("Corte de pelo") are its data, shown as typed, even where a catalogue has the same word.
  if (demoTexts.has(shown)) return text;
  if (plain.has(shown)) return anchored(sayExactly(shown), options.exact);

  const reading = bestReading(shown);
  if (reading !== undefined) return anchored(new RegExp(reading.said, 'u'), options.exact);

  // Part of one sentence the catalogue has whole ("Standalone" of "Standalone — this desk only").
  return partOfWhole(wholes, shown) ?? text;
}

export const sayPattern = patternSaying(e2eLanguage, (text) => say(text), escape);
