import i18next, { type i18n, type Module, type TFunction } from 'i18next';
import { erasureMarkersInSentences } from './erasureMarkers';
import { languages, type Language } from './languages';
import { resources, type Namespace } from './resources';

export { shownClientName } from './erasureMarkers';
export { languages, languageNames, languageSchema, type Language } from './languages';
export { resources, type Namespace } from './resources';

declare module 'i18next' {
  // Keys are checked against the English catalogue: a missing or misspelt key is a type error.
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['en'];
  }
}

/**
 * A translator for one language, ready at once (the catalogues are bundled, nothing loads). The desk's
 * main process, the sync server and the renderer each make theirs here, so every part reads the same
 * catalogues the same way; a key missing in a language falls back to English rather than showing the key.
 * What an erasure leaves in the records is said in the sentence's language (./erasureMarkers.ts).
 */
export function createTranslator(language: Language, plugins: readonly Module[] = []): i18n {
  const instance = i18next.createInstance();
  for (const plugin of [erasureMarkersInSentences, ...plugins]) instance.use(plugin);
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React and the PDF's HTML builder escape; messages are plain text
    returnNull: false,
    postProcess: [erasureMarkersInSentences.name],
  });
  return instance;
}

const translators = new Map<Language, i18n>();

/** The shared translator of a language, for code outside React (printouts, messages, link pages). */
export function translatorOf(language: Language): i18n {
  let translator = translators.get(language);
  if (translator === undefined) {
    translator = createTranslator(language);
    translators.set(language, translator);
  }
  return translator;
}

/** `t` of one namespace in one language: `tIn('es', 'print')('title')`. */
export function tIn<N extends Namespace>(language: Language, namespace: N): TFunction<N> {
  return translatorOf(language).getFixedT(language, namespace);
}
