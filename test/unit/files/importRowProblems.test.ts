import { describe, expect, it } from 'vitest';
import { csvCells } from '../../../src-main/files/imports/decodeCsv';
import { fileRowProblem, readRow } from '../../../src-main/files/imports/planImport';

/**
 * A row the file itself spoils (an unclosed quotation mark, a row with too few cells) is listed
 * with its reason in the shop's language, like every other row reason of the importer (issue 15).
 */

const unclosed = csvCells(['Name,Phone', 'Ann Able,07700 900001', '"Bob Broken,07700 900002', 'Cy Cut,07700 900003'].join('\r\n'));
const ragged = csvCells(['Name,Phone,Notes', 'Dee Short,07700 900004'].join('\r\n'));

describe('a row the file spoils', () => {
  it('keeps the file’s own problem as a key, not as words', () => {
    expect([...unclosed.rowProblems]).toEqual([[1, 'unclosedQuote']]);
  });

  it('says an unclosed quotation mark in the shop’s language', () => {
    const row = unclosed.rows[1]!;
    expect(fileRowProblem(unclosed, row, 1, 'es')).toBe('Esta fila tiene unas comillas que nunca se cierran, así que sus celdas no se pueden separar.');
    expect(fileRowProblem(unclosed, row, 1, 'en')).toBe('This row has a quotation mark that is never closed, so its cells cannot be told apart.');
    expect(fileRowProblem(unclosed, unclosed.rows[0]!, 0, 'es')).toBeNull();
  });

  it('lists it as the row’s problem when the row is read for a Spanish shop', () => {
    expect(readRow(unclosed, unclosed.rows[1]!, 1, ['name', 'phone'], 'GB', 'es')).toEqual({
      problem: 'Esta fila tiene unas comillas que nunca se cierran, así que sus celdas no se pueden separar.',
    });
    expect(readRow(ragged, ragged.rows[0]!, 0, ['name', 'phone', 'notes'], 'GB', 'es')).toEqual({
      problem: 'Esta fila tiene 2 celdas, pero la cabecera nombra 3 columnas, así que sus valores no se pueden asignar a las columnas.',
    });
  });
});
