import { languages, resources, type Language } from '../i18n';
import type { ShopFormat } from '../locale/format';
import { sayIn, type Say, type SayKey } from '../say';

/**
 * A count of a product's unit in words ("1 tube", "3 tubes", "3 tubos", "2 unidades"). A product's
 * unit is free text the shop typed. When it is one of the units the `words` catalogue knows
 * (`units`: tube, bottle, unit…), typed in any of the catalogue's languages and either number, the
 * count is said with that unit's plural forms in the language asked for (i18next's `_one`/`_other`,
 * Spanish's `_many`), so no language's plural is made by another's rule. Any other unit ("ml",
 * "caja grande", "uds.") is left exactly as typed: the desk cannot know its plural, and a guess
 * ("3 mls", "3 unidads") would be wrong where the typed word is right.
 */

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const countSlot = /\{\{\s*count\s*\}\}/g;

/** Every spelling of every known unit, lower-cased ("tubes", "tubo"), to the unit's key ("tube"). */
const knownUnits: ReadonlyMap<string, string> = (() => {
  const spellings = new Map<string, string>();
  for (const language of languages) {
    for (const [key, text] of Object.entries(resources[language].words.units as Readonly<Record<string, string>>)) {
      const form = pluralSuffix.exec(key);
      // The `_many` form of Spanish says "1000000 de tubos": not a way to type the unit.
      if (form === null || form[1] === 'many') continue;
      spellings.set(spelling(text.replace(countSlot, '')), key.slice(0, form.index));
    }
  }
  return spellings;
})();

function spelling(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** The catalogue's key of a typed unit ("Tubos" → "tube"), or undefined for a unit only the shop knows. */
export function knownUnitOf(typed: string): string | undefined {
  return knownUnits.get(spelling(typed));
}

/** A count of a unit as a phrase of the catalogues, said in whatever language reads it (a refusal's `left`). */
export function unitsSay(count: number, unit: string): Say {
  const known = knownUnitOf(unit);
  // The key's plural forms are the catalogue's (`units.tube_one`…): i18next picks one by `count`.
  if (known !== undefined) return { key: `words:units.${known}` as SayKey, params: { count } };
  return { key: 'words:units.typed', params: { count, unit } };
}

/** A count of a unit in a language: "3 tubos". */
export function unitsIn(count: number, unit: string, language: Language, format?: ShopFormat): string {
  return sayIn(unitsSay(count, unit), language, format);
}
