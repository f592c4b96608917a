import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages, resources, tIn } from '../../../src-shared/i18n';

/** Every language has every key English has, and no other; no value is left empty. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix === '' ? key : `${prefix}.${key}`));
}

/** A plural is one key whatever forms its language needs (Spanish may add `_many`). */
const pluralForm = /_(zero|one|two|few|many|other)$/;
const wordsOf = (value: unknown) => [...new Set(keysOf(value).map((key) => key.replace(pluralForm, '')))].sort();

describe('message catalogues', () => {
  const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

  it.each(languages.filter((language) => language !== 'en'))('%s has exactly the English keys in every namespace', (language) => {
    for (const namespace of namespaces) {
      const english = wordsOf(resources.en[namespace]);
      const other = wordsOf((resources[language] as Record<string, unknown>)[namespace]);
      expect({ namespace, keys: other }).toEqual({ namespace, keys: english });
    }
  });

  it('every catalogue file is registered, in every language', () => {
    for (const language of languages) {
      const files = readdirSync(join(import.meta.dirname, '../../../src-shared/i18n/locales', language)).map((file) => file.replace(/\.json$/, ''));
      expect(files.sort()).toEqual(Object.keys(resources[language]).sort());
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
