import type { PostProcessorModule } from 'i18next';
import { ERASED_NAME } from '../erasure';
import { ERASED_CANCEL_REASON } from '../erasureFollowUps';
import { languages, type Language } from './languages';
import { resources } from './resources';

/**
 * What an erasure leaves in the records, as people read it (docs/architecture.md §28). The records
 * keep fixed markers — in place of the client's name, and as the reason of each booking the erasure
 * cancelled — the same bytes on every desk and the server whatever their language, and still right
 * after the shop changes language; so a marker is said in the shop's language only where it is
 * shown, and here is the one place that says it.
 */

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (languages as readonly string[]).includes(value);

const markers = [
  { stored: ERASED_NAME, said: (language: Language) => resources[language].erasure.erasedName },
  { stored: ERASED_CANCEL_REASON, said: (language: Language) => resources[language].erasure.erasedCancelReason },
] as const;

/** A client's name as shown where it stands on its own: the erased marker in the shop's language, any other name as it is. */
export function shownClientName(name: string, language: Language): string {
  return name === ERASED_NAME ? resources[language].erasure.erasedName : name;
}

/**
 * Every translated sentence with the markers said in the sentence's language. Names and reasons reach
 * the screens, printouts, attention items and link pages mostly inside sentences ("{{name}} was moved
 * to 10:00", "reason: {{reason}}"), and an erasure also leaves the name's marker inside other stored
 * texts it cleaned; the translator is the one thing all of them pass through. English is the markers
 * themselves, so English reads as it always has.
 */
export const erasureMarkersInSentences: PostProcessorModule = {
  type: 'postProcessor',
  name: 'erasureMarkers',
  process(value: string, _key: string | string[], options: { lng?: unknown }, translator: { language?: unknown }): string {
    if (typeof value !== 'string') return value;
    const language = isLanguage(options.lng) ? options.lng : isLanguage(translator.language) ? translator.language : 'en';
    if (language === 'en') return value;
    return markers.reduce((text, marker) => (text.includes(marker.stored) ? text.split(marker.stored).join(marker.said(language)) : text), value);
  },
};
