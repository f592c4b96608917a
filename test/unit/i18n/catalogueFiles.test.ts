import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A catalogue file names each key once: JSON.parse keeps the last of two silently, so a key added
 * twice (two changes meeting in a merge) would make one of its wordings dead text nobody sees.
 */
function repeatedKeys(text: string): string[] {
  const repeated: string[] = [];
  JSON.parse(text); // well-formed first; the parser itself cannot see a repeat, so the keys are read level by level
  // (a value's own braces, as in "{{name}}", open and close in pairs and leave the levels as they were).
  const stack: Set<string>[] = [];
  const keyPattern = /"((?:[^"\\]|\\.)*)"\s*:|[{}]/gu;
  for (const match of text.matchAll(keyPattern)) {
    if (match[0] === '{') stack.push(new Set());
    else if (match[0] === '}') stack.pop();
    else {
      const level = stack[stack.length - 1];
      const key = match[1] as string;
      if (level?.has(key)) repeated.push(key);
      level?.add(key);
    }
  }
  return repeated;
}

describe('the message catalogues', () => {
  for (const language of readdirSync('src-shared/i18n/locales')) {
    it(`name each key once in ${language}`, () => {
      const repeats = readdirSync(`src-shared/i18n/locales/${language}`).flatMap((file) =>
        repeatedKeys(readFileSync(`src-shared/i18n/locales/${language}/${file}`, 'utf8')).map((key) => `${file}: ${key}`),
      );
      expect(repeats).toEqual([]);
    });
  }

  it('finds a key named twice', () => {
    expect(repeatedKeys('{"a": "x", "b": {"a": "y"}, "a": "z"}')).toEqual(['a']);
  });
});
