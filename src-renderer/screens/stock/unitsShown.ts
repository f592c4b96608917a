import { shownFormat } from '../../../src-shared/locale/format';
import { unitsIn } from '../../../src-shared/stock/unitWords';

/** A count of a product's unit in the language on screen: "3 tubes", "3 tubos" (src-shared/stock/unitWords.ts). */
export function unitsShown(count: number, unit: string): string {
  const format = shownFormat();
  return unitsIn(count, unit, format.locale.language, format);
}
