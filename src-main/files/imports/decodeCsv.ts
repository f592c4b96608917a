import chardet from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { AppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import type { SayKey } from '../../../src-shared/say';

/**
 * A CSV file from another tool, as text and cells (docs/architecture.md §29). Spreadsheet programs
 * save CSV in the computer's own encoding (Windows-1252 for "Zoë" on a European Windows, UTF-16 from
 * Excel's "Unicode text"), so UTF-8 is taken as it is and anything else is recognised by chardet and
 * read by iconv-lite. A file whose encoding is not recognised, or that is no text at all, is
 * refused in words: importing it would fill the shop with mangled names.
 */

/** The largest file the importer reads: about 150,000 clients from a typical export. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_MB = MAX_IMPORT_BYTES / (1024 * 1024);

export function tooLarge(bytes: number): AppError {
  const mb = Math.max(1, Math.round(bytes / (1024 * 1024)));
  return refuse('PAYLOAD_TOO_LARGE', 'importing.tooLarge', { mb, limit: MAX_IMPORT_MB }, { field: 'file', bytes, limit: MAX_IMPORT_BYTES });
}

const unreadable = (reason: SayKey) => refuse('VALIDATION_ERROR', reason, undefined, { field: 'file' });
const unknownEncoding = () => unreadable('importing.unknownEncoding');

// What text never holds: a NUL or another control character (tab, line ends and form feed aside).
// eslint-disable-next-line no-control-regex
const notText = /[\u0000-\u0008\u000e-\u001f\ufffd]/;

function encodingOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    const detected = chardet.detect(bytes);
    if (detected === null || !iconv.encodingExists(detected)) throw unknownEncoding();
    return detected;
  }
}

/** The file's text, without its byte-order mark. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge(bytes.byteLength);
  if (bytes.byteLength === 0) throw unreadable('importing.empty');
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encodingOf(bytes), { stripBOM: true });
  // A spreadsheet (.xlsx is a zip), a picture or a file read in the wrong encoding.
  if (notText.test(text.slice(0, 64 * 1024))) throw unknownEncoding();
  return text;
}

/** What can be wrong with a row of the file itself: a key of the `import` catalogue's `rowProblems`. */
export type FileRowProblem = 'unclosedQuote';

export interface CsvCells {
  headers: string[];
  /** Each row's cells, as the file has them (a row may be ragged). */
  rows: string[][];
  /** The file's own problems by row index (0 is the first row after the header), said in the shop's language where the row is planned. */
  rowProblems: Map<number, FileRowProblem>;
}

/** The header row and the rows under it; blank lines are not rows. */
export function csvCells(text: string): CsvCells {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [headerRow, ...rows] = parsed.data;
  if (headerRow === undefined || headerRow.every((cell) => cell.trim() === ''))
    throw unreadable('importing.noHeader');
  const rowProblems = new Map<number, FileRowProblem>();
  for (const error of parsed.errors) {
    if (error.row === undefined || error.row === null || error.row < 1) continue;
    if (error.type === 'Quotes') rowProblems.set(error.row - 1, 'unclosedQuote');
  }
  return { headers: headerRow.map((cell) => cell.trim()), rows, rowProblems };
}
