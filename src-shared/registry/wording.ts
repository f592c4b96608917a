import type { EntityType } from '../entities';
import { resources, tIn, type Language } from '../i18n';
import { shownFormat } from '../locale/format';

/**
 * The registry's words in the shop's language (docs/architecture.md §22). Each op declares its
 * English wording where it is declared; the `registry` catalogue holds the same words per language
 * (test/unit/registry/wording.test.ts keeps English equal to the declarations), so the activity log,
 * the histories and the messages that name a record speak the language the shop chose.
 */

/** How a language names one kind of record. */
export interface KindWords {
  /** "staff member" */
  noun: string;
  /** "a staff member" */
  aNoun: string;
  /** "Staff": how labels begin. */
  title: string;
  /** "the staff member": the record in a sentence. */
  theNoun: string;
}

/** An op's words in a language: what the activity log calls it, the verb, its name once undone. */
export interface OpWords {
  label: string;
  verb: string;
  name: string;
  sentence?: string;
}

/** The language on screen in the renderer; English in the main process and the server, which pass the shop's. */
export const shownLanguage = (): Language => shownFormat().locale.language;

function kindsIn(language: Language): Readonly<Record<string, KindWords>> {
  return resources[language].registry.kinds;
}
function opsIn(language: Language): Readonly<Record<string, Readonly<Record<string, OpWords>>>> {
  return resources[language].registry.ops;
}

export function kindWordsOf(entityType: EntityType, language: Language = shownLanguage()): KindWords {
  const words = kindsIn(language)[entityType] ?? kindsIn('en')[entityType];
  if (words === undefined) throw new Error(`kindWordsOf: no words for ${entityType}`);
  return words;
}

/** The op's words, or undefined for an op the catalogue does not know (the declaration's words stand). */
export function opWordsOf(entityType: EntityType, op: string, language: Language = shownLanguage()): OpWords | undefined {
  const words = opsIn(language)[entityType];
  return words !== undefined && Object.hasOwn(words, op) ? words[op] : undefined;
}

/** What an undo is called in a language: "Appointment change undone", its verb and its name. */
export function undoWordsOf(entityType: EntityType, language: Language = shownLanguage()): OpWords {
  const t = tIn(language, 'registry');
  return { label: t('undo.label', { title: kindWordsOf(entityType, language).title }), verb: t('undo.verb'), name: t('undo.name') };
}
