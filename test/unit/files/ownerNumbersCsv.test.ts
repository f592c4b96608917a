import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { OwnerNumbers } from '../../../src-main/core/reports/ownerNumbers';
import { ownerNumbersCsv } from '../../../src-main/files/exports/ownerNumbersCsv';

/**
 * The owner's numbers as CSV are read by a person in a spreadsheet (issue 15): headers and the
 * figures' names in the shop's language, numbers as plain decimals and days as ISO dates whatever
 * the language, so a spreadsheet reads them as numbers and dates.
 */

const numbers: OwnerNumbers = {
  range: { from: '2026-06-01', to: '2026-06-02' },
  timeZone: 'Europe/Madrid',
  shopName: 'Salón Prueba',
  days: [
    { date: '2026-06-01', bookings: 3, completed: 2, cancelled: 1, noShows: 0, serviceCents: 7050, retailCents: 1250 },
    { date: '2026-06-02', bookings: 1, completed: 1, cancelled: 0, noShows: 0, serviceCents: 3000, retailCents: 0 },
  ],
  totals: {
    bookings: 4,
    completed: 3,
    cancelled: 1,
    lateCancellations: 1,
    noShows: 0,
    noShowRate: 0,
    lateCancellationRate: 0.25,
    serviceCents: 10050,
    retailCents: 1250,
    revenueCents: 11300,
  },
  utilisation: [{ staffId: 's1', name: 'Lucía', colour: '#123456', bookedMinutes: 90, scheduledMinutes: 480, utilisation: 90 / 480 }],
  topServices: [{ serviceId: 'v1', name: 'Corte', visits: 3, cents: 10050 }],
  clients: { newClients: 2, returningClients: 1 },
  stockUsed: [{ productId: 'p1', name: 'Tinte 6N', unit: 'tubo', quantity: 2 }],
};

const rowsOf = (text: string) => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
};
const cellOf = (rows: string[][], figure: string, of: string) => rows.find((row) => row[0] === figure && row[1] === of)?.[2];

describe('the owner’s numbers as CSV', () => {
  it('speaks Spanish for a Spanish shop: headers, figures and the whole range', () => {
    const rows = rowsOf(ownerNumbersCsv(numbers, 'es'));
    expect(rows[0]).toEqual(['Cifra', 'De', 'Valor']);
    expect(cellOf(rows, 'Citas', 'Todos estos días')).toBe('4');
    expect(cellOf(rows, 'Caja', 'Todos estos días')).toBe('113.00');
    expect(cellOf(rows, 'Tasa de cancelación tardía (%)', 'Todos estos días')).toBe('25.0');
    expect(cellOf(rows, 'Venta de productos', '2026-06-01')).toBe('12.50');
    expect(cellOf(rows, 'Parte reservada (%)', 'Lucía')).toBe('18.8');
    expect(cellOf(rows, 'Reservado (h)', 'Lucía')).toBe('1.50');
    expect(cellOf(rows, 'Visitas', 'Corte')).toBe('3');
    expect(cellOf(rows, 'Material usado', 'Tinte 6N (tubo)')).toBe('2');
    // Nothing English is left in a cell the catalogues say.
    const words = rows.flatMap((row) => row.slice(0, 2));
    for (const english of ['Figure', 'For', 'Value', 'All these days', 'Bookings', 'Takings', 'Retail', 'Booked share (%)', 'Stock used', 'Visits done'])
      expect(words, english).not.toContain(english);
  });

  it('speaks English for an English shop', () => {
    const rows = rowsOf(ownerNumbersCsv(numbers, 'en'));
    expect(rows[0]).toEqual(['Figure', 'For', 'Value']);
    expect(cellOf(rows, 'Takings', 'All these days')).toBe('113.00');
    expect(cellOf(rows, 'Stock used', 'Tinte 6N (tubo)')).toBe('2');
  });

  it('writes the same numbers and days in both languages', () => {
    const values = (language: 'en' | 'es') => rowsOf(ownerNumbersCsv(numbers, language)).slice(1).map((row) => row[2]);
    expect(values('es')).toEqual(values('en'));
    const days = rowsOf(ownerNumbersCsv(numbers, 'es')).map((row) => row[1]).filter((of) => /^\d{4}-\d{2}-\d{2}$/u.test(of ?? ''));
    expect(new Set(days)).toEqual(new Set(['2026-06-01', '2026-06-02']));
    for (const value of values('es')) expect(value).toMatch(/^-?\d+(\.\d+)?$|^$/u);
  });
});
