import { useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { createTranslator, type Language, type Namespace } from '../src-shared/i18n';
import { formatterOf, showLocale } from '../src-shared/locale/format';
import { DEFAULT_LOCALE, type LocaleSettings } from '../src-shared/locale/settings';

/**
 * The screens' translator (docs/architecture.md §22). One instance for the renderer; it follows the
 * shop's language setting, and `<html lang>` with it, so Chromium's own controls follow too.
 */
export const screenTranslator = createTranslator('en', [initReactI18next]);

/** `const { t } = useT('stock')`: the namespace's strings in the shop's language, re-rendered when it changes. */
export function useT<N extends Namespace>(namespace: N) {
  return useTranslation(namespace, { i18n: screenTranslator });
}

export function showLanguage(language: Language): void {
  if (screenTranslator.language !== language) void screenTranslator.changeLanguage(language);
}

/**
 * The shop's language and formats on screen (docs/architecture.md §22): the catalogues' language,
 * the formatters every screen calls (src-shared/locale/format.ts), and `<html lang>` with the
 * shop's region so Chromium's own controls read the same. Returns a key that changes with the
 * setting: the app is drawn afresh under it, so a screen that formats without a hook follows too.
 */
export function useShopLocale(locale: LocaleSettings | undefined): string {
  const shown = locale ?? DEFAULT_LOCALE;
  const key = JSON.stringify(shown);
  // Set while rendering, before any screen formats: an effect would draw one frame in the old format.
  if (key !== lastShown) {
    lastShown = key;
    showLocale(shown);
    showLanguage(shown.language);
  }
  useEffect(() => {
    document.documentElement.lang = formatterOf(shown).tag;
  }, [shown]);
  return key;
}
let lastShown = '';

/** `t` of a namespace in the language on screen, for wording built outside components (the app is redrawn when it changes). */
export function tShown<N extends Namespace>(namespace: N) {
  return screenTranslator.getFixedT(screenTranslator.language, namespace);
}

/**
 * `t` of one namespace for wording built outside a component (a helper the screen calls while it
 * renders): it reads the translator's language at each call, so it follows the shop's language too.
 */
export function screenT<N extends Namespace>(namespace: N) {
  return screenTranslator.getFixedT(null, namespace);
}

/**
 * A table of words (statuses, field names) that reads itself in the language on screen at each
 * look-up, so a screen indexing it (`labels[status]`, `key in labels`, `Object.keys(labels)`) follows
 * the shop's language without a hook.
 */
export function shownTable<K extends string, V>(read: () => Readonly<Record<K, V>>): Readonly<Record<K, V>> {
  const own = (key: string | symbol): key is K => typeof key === 'string' && Object.hasOwn(read(), key);
  return new Proxy<Record<K, V>>(
    // The target stays empty: every look-up is answered from the table of the moment.
    {} as Record<K, V>,
    {
      get: (_target, key) => (own(key) ? read()[key] : undefined),
      has: (_target, key) => own(key),
      ownKeys: () => Object.keys(read()),
      getOwnPropertyDescriptor: (_target, key) => (own(key) ? { value: read()[key], enumerable: true, configurable: true, writable: false } : undefined),
    },
  );
}
