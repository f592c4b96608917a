import { shownFormat } from '../../../src-shared/locale/format';

/** Prices are whole pence (cents), shown in the shop's currency and language (docs/architecture.md §22). */
export function formatMoney(cents: number | null): string {
  return shownFormat().money(cents);
}

/**
 * What a person typed as a price ("38", "38.50", "£38.5", "38,50 €") in pence; '' is no price; null
 * when it is not an amount. A comma is the decimal mark where the shop's language writes one.
 */
export function parseMoney(typed: string): { cents: number | null } | null {
  const decimalComma = shownFormat().money(150).includes(',');
  const bare = typed.trim().replace(/[\p{Sc}\s]|[A-Z]{3}/gu, '');
  const plain = decimalComma ? bare.replace(/\./g, '').replace(',', '.') : bare.replace(/,/g, '');
  if (plain === '') return { cents: null };
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return null;
  return { cents: Math.round(Number(plain) * 100) };
}

/** A price as the edit field shows it (no sign: the field's label names the currency). */
export function moneyInput(cents: number | null): string {
  if (cents === null) return '';
  const digits = (cents / 100).toFixed(2);
  return shownFormat().money(150).includes(',') ? digits.replace('.', ',') : digits;
}
