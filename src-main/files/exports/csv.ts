import Papa from 'papaparse';

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
