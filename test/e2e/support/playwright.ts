import { chromium as baseChromium, expect as baseExpect, test as baseTest, type Locator } from '@playwright/test';
import { e2eLanguage, sayAny } from './spoken';

export type { Browser, BrowserContext, Download, Frame, FrameLocator, Locator, Page } from '@playwright/test';

/**
 * Playwright as the specs use it, speaking the run's language (./spoken.ts): every text a spec
 * looks for (a role's name, a label, a text, `hasText`, an option's label) or expects of a
 * locator (`toHaveText`, `toContainText`, an accessible name) is said in the shop's language
 * before Playwright sees it. In English nothing is wrapped: the objects are Playwright's own.
 */

type Said = string | RegExp;
type Options = Record<string, unknown> | undefined;

const sayOption = (options: Options, ...names: string[]): Options => {
  if (options === undefined || options === null || typeof options !== 'object') return options;
  const copy: Record<string, unknown> = { ...options };
  for (const name of names) {
    const value = copy[name];
    if (typeof value === 'string' || value instanceof RegExp) copy[name] = sayAny(value, { exact: copy.exact === true });
  }
  return copy;
};

/** Text inside a selector: `:text-is("Confirmed")`, `:has-text("…")`, `text=…`. */
function saySelector(selector: string): string {
  return selector
    .replace(/:(text-is|has-text|text)\((["'])(.*?)\2\)/gu, (whole, kind: string, quote: string, text: string) => {
      const said = sayAny(text, { exact: kind === 'text-is' });
      return typeof said === 'string' ? `:${kind}(${quote}${said}${quote})` : `:${kind === 'text-is' ? 'text-matches' : 'text-matches'}(${quote}${said.source.replace(/\\/gu, '\\\\')}${quote})`;
    })
    .replace(/^text=(.+)$/u, (whole, text: string) => {
      const said = sayAny(text);
      return typeof said === 'string' ? `text=${said}` : `text=${said.toString()}`;
    });
}

const byText = new Set(['getByText', 'getByLabel', 'getByPlaceholder', 'getByTitle', 'getByAltText']);

/** The arguments of a Playwright call with their texts said in the run's language. */
function sayArguments(method: string, args: unknown[]): unknown[] {
  const [first, second, ...rest] = args;
  if (byText.has(method) && (typeof first === 'string' || first instanceof RegExp))
    return [sayAny(first, { exact: (second as Options)?.exact === true }), second, ...rest];
  if (method === 'getByRole') return [first, sayOption(second as Options, 'name'), ...rest];
  if (method === 'filter') return [sayOption(first as Options, 'hasText', 'hasNotText'), second, ...rest];
  if (method === 'locator' && typeof first === 'string') return [saySelector(first), sayOption(second as Options, 'hasText', 'hasNotText'), ...rest];
  return args;
}

/** selectOption by label: the label said in the run's language; a label with several sayings picks the option there is. */
async function selectOption(target: Locator, args: unknown[]): Promise<string[]> {
  const [values, options] = args as [unknown, Options];
  const one = async (value: unknown): Promise<unknown> => {
    if (value === null || typeof value !== 'object' || !('label' in value) || typeof value.label !== 'string') return value;
    const said: Said = sayAny(value.label, { exact: true });
    if (typeof said === 'string') return { ...value, label: said };
    const labels = await target.locator('option').allInnerTexts();
    const found = labels.find((label) => said.test(label.trim()));
    return { ...value, label: found ?? value.label };
  };
  const said = Array.isArray(values) ? await Promise.all(values.map(one)) : await one(values);
  return target.selectOption(said as Parameters<Locator['selectOption']>[0], options);
}

const wrapped = new Set(['Page', 'Locator', 'FrameLocator', 'BrowserContext', 'Browser', 'Frame', 'BrowserType']);
/** Playwright's bundle names its classes `_Page`, `Browser2`: the class as the API names it. */
const kindOf = (value: object): string => value.constructor.name.replace(/^_+|\d+$/gu, '');
const proxies = new WeakMap<object, object>();
const originals = new WeakMap<object, object>();

function spoken<T>(value: T): T {
  if (e2eLanguage === 'en') return value;
  if (Array.isArray(value)) return value.map(spoken) as T;
  if (value instanceof Promise) return value.then(spoken) as T;
  if (value === null || typeof value !== 'object' || !wrapped.has(kindOf(value))) return value;
  const known = proxies.get(value);
  if (known) return known as T;
  const target = value as unknown as Record<string | symbol, unknown>;
  const proxy = new Proxy(target, {
    get(object, property) {
      const member = Reflect.get(object, property, object);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      if (property === 'selectOption' && kindOf(value) === 'Locator')
        return (...args: unknown[]) => selectOption(object as unknown as Locator, args);
      return (...args: unknown[]) => spoken((member as (...inner: unknown[]) => unknown).apply(object, sayArguments(property, args)));
    },
  });
  proxies.set(value, proxy);
  originals.set(proxy, value);
  return proxy as T;
}

export const chromium = spoken(baseChromium);

/** Playwright's test, its browser, contexts and pages speaking the run's language. */
export const test = baseTest.extend({
  browser: [async ({ browser }, use) => use(spoken(browser)), { scope: 'worker' }],
  page: async ({ page }, use) => use(spoken(page)),
  context: async ({ context }, use) => use(spoken(context)),
});

const textMatchers = new Set(['toHaveText', 'toContainText', 'toHaveAccessibleName', 'toHaveAccessibleDescription', 'toHaveTitle']);
const valueMatchers = new Set(['toContain', 'toMatch']);

function sayExpected(matcher: string, actual: unknown, args: unknown[]): unknown[] {
  const [expected, ...rest] = args;
  const sayOne = (item: unknown) => (typeof item === 'string' || item instanceof RegExp ? sayAny(item, { exact: matcher === 'toHaveText' }) : item);
  if (textMatchers.has(matcher)) return [Array.isArray(expected) ? expected.map(sayOne) : sayOne(expected), ...rest];
  if (matcher === 'toHaveAttribute' && typeof expected === 'string' && ['aria-label', 'title', 'placeholder', 'alt'].includes(expected))
    return [expected, sayOne(rest[0]), ...rest.slice(1)];
  if (valueMatchers.has(matcher) && typeof actual === 'string' && (typeof expected === 'string' || expected instanceof RegExp)) {
    return [sayAny(expected), ...rest];
  }
  return args;
}

function spokenMatchers(matchers: object, actual: unknown): object {
  return new Proxy(matchers, {
    get(object, property) {
      const member = Reflect.get(object, property, object);
      if (property === 'not' || property === 'resolves' || property === 'rejects') return spokenMatchers(member as object, actual);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      return (...args: unknown[]) => {
        const said = sayExpected(property, actual, args);
        // toContain takes no pattern: a saying with several forms is checked as a match instead.
        if (property === 'toContain' && said[0] instanceof RegExp) return (Reflect.get(object, 'toMatch', object) as (...inner: unknown[]) => unknown).apply(object, said);
        return (member as (...inner: unknown[]) => unknown).apply(object, said);
      };
    },
  });
}

type Expect = typeof baseExpect;

function spokenExpect(base: Expect): Expect {
  if (e2eLanguage === 'en') return base;
  return new Proxy(base, {
    apply(target, thisArgument, args: unknown[]) {
      const matchers = Reflect.apply(target, thisArgument, args) as object;
      return spokenMatchers(matchers, args[0]);
    },
    get(target, property) {
      const member = Reflect.get(target, property, target);
      if (property === 'soft') return spokenExpect(member as Expect);
      if (property === 'poll')
        return (...args: unknown[]) => spokenMatchers((member as (...inner: unknown[]) => object)(...args), undefined);
      return member;
    },
  });
}

export const expect = spokenExpect(baseExpect);

/**
 * For a test that names its own language (a browser that speaks Spanish, whatever the run's):
 * Playwright's own objects and expect, its texts taken as written.
 */
export const asWritten = {
  expect: baseExpect,
  of: <T extends object>(value: T): T => (originals.get(value) ?? value) as T,
};
