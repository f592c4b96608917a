import enCommon from './locales/en/common.json';
import esCommon from './locales/es/common.json';
import enStock from './locales/en/stock.json';
import esStock from './locales/es/stock.json';

/**
 * Every message catalogue, by language and namespace. A namespace is one area of the product
 * (a screen group, the rules' words, the printout); each is one JSON file per language, and every
 * language has the same keys (test/unit/i18n/catalogues.test.ts).
 */
export const resources = {
  en: {
    common: enCommon,
    stock: enStock,
  },
  es: {
    common: esCommon,
    stock: esStock,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
