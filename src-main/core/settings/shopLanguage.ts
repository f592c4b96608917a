import type { ErrorEnvelope } from '../../../src-shared/errors';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { formatterOf } from '../../../src-shared/locale/format';
import { sayIn } from '../../../src-shared/say';
import { cachedRow } from '../store/rowCache';
import type { Store } from '../store/open';
import type { Language } from '../../../src-shared/i18n/languages';

/**
 * A failure in the shop's language (issue 15): the one place the desk says a refusal again in the
 * language and formats the shop chose, as it hands the envelope to a screen (IPC and browser mode
 * alike). Refusals are made in English with their words (`say`); one without words, or a shop in
 * English, keeps its message as it is.
 */
export function inShopLanguage(store: Store | undefined, envelope: ErrorEnvelope): ErrorEnvelope {
  if (store === undefined || envelope.say === undefined) return envelope;
  let settings;
  try {
    settings = cachedRow(store, 'settings', SETTINGS_ID);
  } catch {
    // A store that cannot be read is the failure being reported: it is said in English rather than lost.
    return envelope;
  }
  const locale = settings?.locale;
  if (locale === undefined || locale.language === 'en') return envelope;
  return { ...envelope, message: sayIn(envelope.say, locale.language, formatterOf(locale)) };
}

/** The language the shop chose; English before there is a shop, or when its settings cannot be read. */
export function shopLanguage(store: Store | undefined): Language {
  if (store === undefined) return 'en';
  try {
    return cachedRow(store, 'settings', SETTINGS_ID)?.locale.language ?? 'en';
  } catch {
    return 'en';
  }
}
