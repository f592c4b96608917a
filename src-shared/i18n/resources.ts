import enCommon from './locales/en/common.json';
import enErasure from './locales/en/erasure.json';
import esCommon from './locales/es/common.json';
import esErasure from './locales/es/erasure.json';

/**
 * Every message catalogue, by language and namespace. A namespace is one area of the product
 * (a screen group, the rules' words, the printout); each is one JSON file per language, and every
 * language has the same keys (test/unit/i18n/catalogues.test.ts).
 */
export const resources = {
  en: {
    common: enCommon,
    erasure: enErasure,
  },
  es: {
    common: esCommon,
    erasure: esErasure,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
