import { useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { createTranslator, type Language, type Namespace } from '../src-shared/i18n';

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
  document.documentElement.lang = language;
}

/** Keeps the screens in the shop's language while mounted. */
export function useShopLanguage(language: Language | undefined): void {
  useEffect(() => {
    if (language !== undefined) showLanguage(language);
  }, [language]);
}

/**
 * `t` of one namespace for wording built outside a component (a helper the screen calls while it
 * renders): it reads the translator's language at each call, so it follows the shop's language too.
 */
export function screenT<N extends Namespace>(namespace: N) {
  return screenTranslator.getFixedT(null, namespace);
}
