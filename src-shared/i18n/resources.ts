import enAttention from './locales/en/attention.json';
import enCommon from './locales/en/common.json';
import esAttention from './locales/es/attention.json';
import esCommon from './locales/es/common.json';

/**
 * Every message catalogue, by language and namespace. A namespace is one area of the product
 * (a screen group, the rules' words, the printout); each is one JSON file per language, and every
 * language has the same keys (test/unit/i18n/catalogues.test.ts).
 */
export const resources = {
  en: {
    attention: enAttention,
    common: enCommon,
  },
  es: {
    attention: esAttention,
    common: esCommon,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
