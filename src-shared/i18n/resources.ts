import enCommon from './locales/en/common.json';
import esCommon from './locales/es/common.json';
import enFormat from './locales/en/format.json';
import esFormat from './locales/es/format.json';
import enMessages from './locales/en/messages.json';
import esMessages from './locales/es/messages.json';
import enPrint from './locales/en/print.json';
import esPrint from './locales/es/print.json';
import enSettingsLocale from './locales/en/settings-locale.json';
import esSettingsLocale from './locales/es/settings-locale.json';

/**
 * Every message catalogue, by language and namespace. A namespace is one area of the product
 * (a screen group, the rules' words, the printout); each is one JSON file per language, and every
 * language has the same keys (test/unit/i18n/catalogues.test.ts).
 */
export const resources = {
  en: {
    common: enCommon,
    format: enFormat,
    messages: enMessages,
    print: enPrint,
    'settings-locale': enSettingsLocale,
  },
  es: {
    common: esCommon,
    format: esFormat,
    messages: esMessages,
    print: esPrint,
    'settings-locale': esSettingsLocale,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
