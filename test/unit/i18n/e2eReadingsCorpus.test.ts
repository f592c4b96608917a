import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Every text the e2e suite writes down, said by each reader of the catalogues
 * (test/e2e/support/readings/reader*.ts) and by the facade the specs use (spoken.ts): in English
 * every one of them stays as written. (Said in Spanish the same corpus takes minutes, too long for
 * the unit suite; a refactoring of the readers compares those sayings before and after by hand.)
 */

type Said = string | RegExp;
interface Reader {
  say: (text: string, options?: { exact?: boolean }) => Said;
  sayPattern: (pattern: RegExp) => RegExp;
}

const e2eFolder = 'test/e2e';
const supportFolder = 'test/e2e/support';
// Values a spec puts in its sentences (`Booked ${name}`): a client's name and a time.
const samples = ['Aisha Patel', '10:00'];

function sourceFiles(): string[] {
  const top = readdirSync(e2eFolder).filter((name) => name.endsWith('.spec.ts') || /^helpers.*\.ts$/u.test(name));
  const support = readdirSync(supportFolder).filter((name) => name.endsWith('.ts'));
  return [...top.map((name) => join(e2eFolder, name)), ...support.map((name) => join(supportFolder, name))].sort();
}

/** The string, template and regular-expression literals of the suite's sources, each once, in the order first met. */
function corpus(): { texts: string[]; patterns: RegExp[] } {
  const texts = new Set<string>();
  const patterns = new Map<string, RegExp>();
  for (const file of sourceFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.add(node.text);
      else if (ts.isTemplateExpression(node)) {
        for (const [index] of samples.entries()) {
          // Every slot the same sample, then a name first and times after.
          texts.add(node.head.text + node.templateSpans.map((span) => (samples[index] as string) + span.literal.text).join(''));
        }
        texts.add(node.head.text + node.templateSpans.map((span, at) => (at === 0 ? samples[0] : samples[1]) + span.literal.text).join(''));
      } else if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const cut = literal.lastIndexOf('/');
        try {
          const pattern = new RegExp(literal.slice(1, cut), literal.slice(cut + 1));
          patterns.set(String(pattern), pattern);
        } catch {
          // A flag this runtime lacks: not a text the suite could look for here.
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { texts: [...texts], patterns: [...patterns.values()] };
}

const written = (said: Said) => (typeof said === 'string' ? said : String(said));

async function readersIn(language: string) {
  vi.resetModules();
  vi.stubEnv('CAREDESK_E2E_LANGUAGE', language);
  const readers: Record<string, Reader> = {
    A: await import('../../e2e/support/readings/readerA'),
    B: await import('../../e2e/support/readings/readerB'),
    C: await import('../../e2e/support/readings/readerC'),
    spoken: await import('../../e2e/support/spoken'),
  };
  return readers;
}

/** What every reader says of every text and pattern, in the corpus's order, reader by reader. */
function sayings(readers: Record<string, Reader>, { texts, patterns }: ReturnType<typeof corpus>) {
  return Object.fromEntries(
    Object.entries(readers).map(([name, reader]) => [
      name,
      {
        texts: texts.map((text) => ({ text, said: written(reader.say(text)), exact: written(reader.say(text, { exact: true })) })),
        patterns: patterns.map((pattern) => ({ pattern: String(pattern), said: String(reader.sayPattern(pattern)) })),
      },
    ]),
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the e2e suite’s texts, through the readers of the catalogues', () => {
  it('finds the suite’s texts', () => {
    const { texts, patterns } = corpus();
    expect(texts.length).toBeGreaterThan(1000);
    expect(patterns.length).toBeGreaterThan(100);
  });

  it('leaves every text as written in English', async () => {
    const found = corpus();
    const said = sayings(await readersIn('en'), found);
    for (const reader of Object.values(said)) {
      expect(reader.texts.filter((item) => item.said !== item.text || item.exact !== item.text)).toEqual([]);
      expect(reader.patterns.filter((item) => item.said !== item.pattern)).toEqual([]);
    }
  });
});
