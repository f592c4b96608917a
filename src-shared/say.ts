import { z } from 'zod';
import { resources, tIn, type Language } from './i18n';
import { formatterOf, type ShopFormat } from './locale/format';

/**
 * What a refusal says, as words of the `errors` catalogue rather than a finished sentence
 * (docs/architecture.md §4): the AppError's English message is made from it where the refusal is
 * made, and the desk says it again in the shop's language where it hands the failure to a screen.
 */

/** `a.b.c` for every leaf of a catalogue: the keys a refusal may name, checked against English. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type Catalogue = (typeof resources)['en'];
/**
 * A key of the `errors` catalogue; one of the `words` catalogue (a field's or a status's name) is
 * prefixed `words:`, a kind of record's noun `registry:kinds.`, an import mapping's problem (in the
 * words the importer's preview shows it) `import:mappingProblems.`.
 */
export type SayKey =
  | Leaves<Catalogue['errors']>
  | `words:${Leaves<Catalogue['words']>}`
  | `registry:kinds.${Leaves<Catalogue['registry']['kinds']>}`
  | `import:mappingProblems.${Leaves<Catalogue['import']['mappingProblems']>}`;

/**
 * A word or phrase inside a refusal: text said as it is (a client's name, a number), a phrase of
 * the catalogues said in the same language, an instant on a zone's clock ("14:05", "Mon 30 Nov
 * 2026, 14:05") or a calendar day ("Monday 30 November 2026"), written in the shop's format.
 */
export type SayParam = string | number | Say | { at: number; zone: string; as: 'clock' | 'dateTime' } | { date: string };
export interface Say {
  key: SayKey;
  params?: Readonly<Record<string, SayParam>>;
}

const sayParamSchema: z.ZodType<SayParam> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    saySchema,
    z.object({ at: z.number(), zone: z.string(), as: z.enum(['clock', 'dateTime']) }),
    z.object({ date: z.string() }),
  ]),
);
/** The envelope's copy of a Say (keys are checked where a refusal is made, not on the wire: a newer desk may know more). */
export const saySchema: z.ZodType<Say> = z.object({
  key: z.string() as z.ZodType<SayKey>,
  params: z.record(z.string(), sayParamSchema).optional(),
});

function paramIn(param: SayParam, language: Language, format: ShopFormat): string | number {
  if (typeof param === 'string' || typeof param === 'number') return param;
  if ('date' in param) return format.longDate(param.date);
  if ('at' in param) return param.as === 'clock' ? format.clock(param.at, param.zone) : format.dateTime(param.at, param.zone);
  return sayIn(param, language, format);
}

/**
 * A Say in a language, its instants in a format: the English of a refusal (the default format is
 * the English every refusal has always used), or the shop's language and formats.
 */
export function sayIn(say: Say, language: Language, format: ShopFormat = formatterOf()): string {
  const params: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(say.params ?? {})) params[name] = paramIn(param, language, format);
  const split = say.key.indexOf(':');
  const namespace = split < 0 ? 'errors' : (say.key.slice(0, split) as 'words' | 'registry' | 'import');
  const key = split < 0 ? say.key : say.key.slice(split + 1);
  // The key's type is checked where the Say is made; here any catalogue key of the namespace is read.
  return (tIn(language, namespace) as (key: string, params: Record<string, string | number>) => string)(key, params);
}

/** Whether the English catalogue has a key (a phrase's variant that only some phrases need). */
export function hasSayKey(key: string): key is SayKey {
  let node: unknown = resources.en.errors;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}
