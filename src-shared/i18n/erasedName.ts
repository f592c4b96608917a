import type { PostProcessorModule } from 'i18next';
import { ERASED_NAME } from '../erasure';
import { languages, type Language } from './languages';
import { resources } from './resources';

/**
 * An erased client's name as people read it (docs/architecture.md §28). The records keep one fixed
 * marker in place of the name (src-shared/erasure.ts) — the same bytes on every desk and the server
 * whatever their language, and still right after the shop changes language — so the marker is said
 * in the shop's language only where it is shown, and here is the one place that says it.
 */

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (languages as readonly string[]).includes(value);

/** "Cliente borrado": the marker in a language. */
export function erasedNameIn(language: Language): string {
  return resources[language].erasure.erasedName;
}

/** A client's name as shown: the erased marker in the shop's language, any other name as it is. */
export function shownClientName(name: string, language: Language): string {
  return name === ERASED_NAME ? erasedNameIn(language) : name;
}

/**
 * Every translated sentence with the marker said in the sentence's language. Names reach the screens,
 * printouts, attention items and link pages mostly inside sentences ("{{name}} was moved to 10:00"),
 * and an erasure also leaves the marker inside other stored texts it cleaned; the translator is the
 * one thing all of them pass through. English is the marker itself, so English reads as it always has.
 */
export const erasedNameInSentences: PostProcessorModule = {
  type: 'postProcessor',
  name: 'erasedName',
  process(value: string, _key: string | string[], options: { lng?: unknown }, translator: { language?: unknown }): string {
    if (typeof value !== 'string' || !value.includes(ERASED_NAME)) return value;
    const language = isLanguage(options.lng) ? options.lng : isLanguage(translator.language) ? translator.language : 'en';
    return language === 'en' ? value : value.split(ERASED_NAME).join(erasedNameIn(language));
  },
};
