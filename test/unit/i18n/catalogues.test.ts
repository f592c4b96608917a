import { describe, expect, it } from 'vitest';
import { languages, resources, tIn } from '../../../src-shared/i18n';

/** Every language has every key English has, and no other; no value is left empty. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix === '' ? key : `${prefix}.${key}`));
}

describe('message catalogues', () => {
  const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

  it.each(languages.filter((language) => language !== 'en'))('%s has exactly the English keys in every namespace', (language) => {
    for (const namespace of namespaces) {
      const english = keysOf(resources.en[namespace]).sort();
      const other = keysOf((resources[language] as Record<string, unknown>)[namespace]).sort();
      expect({ namespace, keys: other }).toEqual({ namespace, keys: english });
    }
  });

  it('no catalogue value is empty', () => {
    for (const language of languages) {
      for (const namespace of namespaces) {
        const flat = JSON.stringify(resources[language][namespace]);
        expect(flat, `${language}/${namespace}`).not.toMatch(/:\s*""/);
      }
    }
  });

  it('a translator answers in its language and falls back to English for nothing', () => {
    expect(tIn('en', 'common')('appName')).toBe('CareDesk');
    expect(tIn('es', 'common')('appName')).toBe('CareDesk');
  });
});
