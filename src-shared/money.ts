/** Prices are whole pence (cents). On screen and paper they are written by the shop's locale (src-shared/locale/format.ts `money`). */

/** An amount as a spreadsheet cell reads it: pounds with two decimals, no sign. */
export function moneyCell(cents: number | null): string | null {
  return cents === null ? null : (cents / 100).toFixed(2);
}
