import type { Language } from '../../../../src-shared/i18n/languages';

/** What a reader says a spec's text is in the run's language: the text itself, or a pattern of it. */
export type Said = string | RegExp;

/** A saying the spec wants whole: a pattern is then anchored. */
export function anchored(said: Said, exact: boolean | undefined): Said {
  if (!exact || typeof said === 'string') return said;
  return new RegExp(`^(?:${said.source})$`, said.flags);
}

/**
 * A reader's sayPattern, from its say: a pattern a spec looks for, in the run's language. Its plain
 * alternatives ("^Free at ", "\bConfirmed\b|\bBooked\b") are said like texts, keeping their
 * anchors; a pattern with more in it than plain words is left as it is.
 */
export function patternSaying(language: Language, say: (text: string) => Said, escape: (text: string) => string): (pattern: RegExp) => RegExp {
  return (pattern) => {
    if (language === 'en') return pattern;
    const alternatives = splitTopLevel(pattern.source);
    if (alternatives === undefined) return pattern;
    const said = alternatives.map((alternative) => {
      const starts = alternative.startsWith('^') ? '^' : alternative.startsWith('\\b') ? '\\b' : '';
      const ends = alternative.endsWith('$') && !alternative.endsWith('\\$') ? '$' : alternative.endsWith('\\b') ? '\\b' : '';
      const middle = alternative.slice(starts.length, alternative.length - ends.length);
      if (/(?<!\\)[.*+?()[\]{}|^$]/u.test(middle) || /\\[a-zA-Z]/u.test(middle)) return alternative;
      const text = middle.replace(/\\(.)/gu, '$1');
      const inLanguage = say(text);
      if (inLanguage === text) return alternative;
      const source = typeof inLanguage === 'string' ? escape(inLanguage) : `(?:${inLanguage.source})`;
      // A word boundary next to an accented letter means nothing to JavaScript's \b: leave it out.
      return `${starts === '\\b' ? '' : starts}${source}${ends === '\\b' ? '' : ends}`;
    });
    const flags = pattern.flags.includes('u') ? pattern.flags : `${pattern.flags}u`;
    return new RegExp(said.join('|'), flags);
  };
}

function splitTopLevel(source: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] as string;
    if (char === '\\') {
      current += char + (source[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (char === '(' || char === '[') depth += 1;
    if (char === ')' || char === ']') depth -= 1;
    if (char === '|' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return depth === 0 ? parts : undefined;
}
