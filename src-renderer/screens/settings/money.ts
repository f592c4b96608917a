// The one money formatter (src-shared/money.ts), shared with the printouts and the owner's numbers.
export { formatMoney } from '../../../src-shared/money';

/** What a person typed as a price ("38", "38.50", "£38.5") in pence; '' is no price; null when it is not an amount. */
export function parseMoney(typed: string): { cents: number | null } | null {
  const plain = typed.trim().replace(/^£/, '').replace(/,/g, '').trim();
  if (plain === '') return { cents: null };
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return null;
  return { cents: Math.round(Number(plain) * 100) };
}

/** A price as the edit field shows it (no sign: the field's label says pounds). */
export function moneyInput(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2);
}
