import Papa from 'papaparse';
import { z } from 'zod';
import { localDateSchema } from '../../../src-shared/entities';
import { addDays, localDayRange } from '../../../src-shared/time';
import { getShopSettings } from '../../core/settings/queries';
import type { Store } from '../../core/store/open';

/**
 * The one way the desk writes CSV (docs/architecture.md §7): papaparse, with a header row, CRLF
 * line ends and a UTF-8 byte-order mark so spreadsheet programs read accented names right. A cell
 * that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@…`, a tab or CR, or `+`/`-` followed by
 * anything but a phone number's digits) is escaped with a leading apostrophe (CSV injection): a
 * client's name never becomes a command on the owner's computer. A phone number such as
 * `+44 7700 900456` stays as it is: it can call nothing, and it must read back as itself.
 */
export const FORMULA_START = /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null;
}

export const CSV_BOM = '\uFEFF';

export function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const data: (string | number | null)[][] = [];
  for (const row of rows) data.push(columns.map((column) => column.value(row)));
  return CSV_BOM + Papa.unparse({ fields: columns.map((column) => column.header), data }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}

/** A range of the shop's days an export covers: at most a year. */
export const dayRangeSchema = z
  .strictObject({ from: localDateSchema, to: localDateSchema })
  .refine((range) => range.to >= range.from, { message: 'must be on or after the first day', path: ['to'] })
  .refine((range) => range.to <= addDays(range.from, 366), { message: 'can be at most a year after the first day', path: ['to'] });

/** The shop's zone and the instants its range of days starts and ends at. */
export function dayRangeInstants(store: Store, range: z.output<typeof dayRangeSchema>): { zone: string; from: number; to: number } {
  const zone = getShopSettings(store)?.timeZone ?? 'UTC';
  return { zone, from: localDayRange(range.from, zone).start, to: localDayRange(range.to, zone).end };
}
