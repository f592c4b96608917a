/**
 * Prices are whole pence. The shop has no currency setting yet; the desk speaks en-GB (dates, the
 * demo shop in London), so amounts read in pounds — on screen, on paper and in the owner's numbers.
 */
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export function formatMoney(cents: number | null): string {
  return cents === null ? '—' : pounds.format(cents / 100);
}

/** An amount as a spreadsheet cell reads it: pounds with two decimals, no sign. */
export function moneyCell(cents: number | null): string | null {
  return cents === null ? null : (cents / 100).toFixed(2);
}
