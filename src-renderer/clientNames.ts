import { shownClientName, type Language } from '../src-shared/i18n';
import { screenTranslator } from './i18n';

/**
 * A client's name as a screen shows it where it stands on its own (a card, a heading, a list row):
 * an erased client's marker in the shop's language (src-shared/i18n/erasedName.ts). Inside a
 * translated sentence the translator says it already.
 */
export function shownName(name: string): string {
  return shownClientName(name, screenTranslator.language as Language);
}
