import enCommon from './locales/en/common.json';
import esCommon from './locales/es/common.json';
import enImport from './locales/en/import.json';
import esImport from './locales/es/import.json';

/**
 * Every message catalogue, by language and namespace. A namespace is one area of the product
 * (a screen group, the rules' words, the printout); each is one JSON file per language, and every
 * language has the same keys (test/unit/i18n/catalogues.test.ts).
 */
export const resources = {
  en: {
    common: enCommon,
    import: enImport,
  },
  es: {
    common: esCommon,
    import: esImport,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
