import Papa from 'papaparse';
import { z } from 'zod';
import { localDateSchema } from '../../../src-shared/entities';
import { addDays, localDayRange } from '../../../src-shared/time';
import { getShopSettings } from '../../core/settings/queries';
import type { Store } from '../../core/store/open';
import { withJobId, type Job } from '../../core/progress/jobs';

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

const unparseOptions = { escapeFormulae: FORMULA_START, newline: '\r\n' } as const;

function cellsOf<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): (string | number | null)[][] {
  const data: (string | number | null)[][] = [];
  for (const row of rows) data.push(columns.map((column) => column.value(row)));
  return data;
}

export function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  return CSV_BOM + Papa.unparse({ fields: columns.map((column) => column.header), data: cellsOf(columns, rows) }, unparseOptions);
}

const ROWS_PER_STEP = 2000;

/**
 * The same text as `csvText`, made a piece at a time so a job shows the rows written and can stop
 * between pieces (docs/architecture.md §24); without a job it is `csvText`.
 */
export async function csvTextInSteps<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[], job?: Job): Promise<string> {
  if (job === undefined) return csvText(columns, rows);
  job.phase('writingRows', rows.length);
  const perStep = job.paceMs > 0 ? Math.max(1, Math.ceil(rows.length / 20)) : ROWS_PER_STEP;
  // The header alone ends with its line end; the pieces are joined by one.
  const header = CSV_BOM + Papa.unparse({ fields: columns.map((column) => column.header), data: [] }, unparseOptions);
  const pieces: string[] = [];
  for (let start = 0; start < rows.length; start += perStep) {
    pieces.push(Papa.unparse(cellsOf(columns, rows.slice(start, start + perStep)), unparseOptions));
    await job.step(Math.min(rows.length, start + perStep), rows.length);
  }
  return header + pieces.join('\r\n');
}

const dayRangeShape = { from: localDateSchema, to: localDateSchema };

function withinAYear<S extends z.ZodType<{ from: string; to: string }>>(schema: S) {
  return schema
    .refine((range) => range.to >= range.from, { message: 'must be on or after the first day', path: ['to'] })
    .refine((range) => range.to <= addDays(range.from, 366), { message: 'can be at most a year after the first day', path: ['to'] });
}

/** A range of the shop's days an export covers: at most a year. */
export const dayRangeSchema = withinAYear(z.strictObject(dayRangeShape));

/** What a screen sends to export a range of days: the range and the job it watches (§24). */
export const dayRangeExportInputSchema = withinAYear(z.strictObject({ ...dayRangeShape, ...withJobId }));

/** The shop's zone and the instants its range of days starts and ends at. */
export function dayRangeInstants(store: Store, range: z.output<typeof dayRangeSchema>): { zone: string; from: number; to: number } {
  const zone = getShopSettings(store)?.timeZone ?? 'UTC';
  return { zone, from: localDayRange(range.from, zone).start, to: localDayRange(range.to, zone).end };
}
