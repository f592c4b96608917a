import { isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { phoneProblem } from '../../../src-shared/contacts';
import { validationError } from '../../../src-shared/errors';
import { tIn } from '../../../src-shared/i18n';
import type { Language } from '../../../src-shared/i18n/languages';
import { sayIn } from '../../../src-shared/say';
import type { ImportMapping } from '../../../src-shared/importMapping';
import { phoneForms } from '../../../src-shared/peopleSearch';
import { argsSchemas } from '../../../src-shared/registry';
import type { Store } from '../../core/store/open';
import { clients } from '../../core/store/schema';
import { FORMULA_START } from '../exports/csv';
import type { CsvCells } from './decodeCsv';

/**
 * What importing a file would do, row by row (docs/architecture.md §29): each row read through the
 * mapping, checked with the very schema `client.create` checks (and the phone rule its planner
 * applies), and matched against the clients already here by phone, e-mail and the same details.
 * Nothing is written here; commitImport.ts makes the plan's changes through the rulebook.
 */

export type ClientArgs = z.output<typeof argsSchemas.client.create>;
export type Details = Omit<ClientArgs, 'name'> & { name: string };

/** What the person chose for a row that matches a client already here (or an earlier row). */
export const duplicateChoices = ['skip', 'merge', 'keepBoth'] as const;
export type DuplicateChoice = (typeof duplicateChoices)[number];

export interface RowProblem {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  reason: string;
}
export interface DuplicateRow {
  row: number;
  name: string;
  /** The client here it matches, or the earlier row's name. */
  matches: string;
  matchedBy: 'phone' | 'email' | 'details';
  /** What happens to it: details equal to a client's are always left out (a re-import adds nothing). */
  outcome: 'skipped' | 'merged' | 'added';
}
export interface MergeChange {
  row: number;
  clientId: string;
  expectedVersion: number;
  changes: Partial<ClientArgs>;
}
export interface ImportPlan {
  rows: number;
  problems: RowProblem[];
  adds: { row: number; args: ClientArgs }[];
  merges: MergeChange[];
  duplicates: DuplicateRow[];
  skipped: number;
}

export interface Known {
  id: string | null;
  version: number;
  name: string;
  details: Details;
}

/** The exporter's escape (a leading apostrophe before a formula character) taken off, so export → import gives back the same text. */
export function unescapeCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function rowArgs(cells: readonly string[], mapping: readonly (string | null)[]): Record<string, string> {
  const values: Record<string, string> = {};
  mapping.forEach((field, column) => {
    const cell = unescapeCell(cells[column] ?? '').trim();
    if (field !== null && cell !== '') values[field] = cell;
  });
  const { firstName, lastName, ...rest } = values;
  if (rest.name === undefined && (firstName !== undefined || lastName !== undefined)) rest.name = [firstName, lastName].filter(Boolean).join(' ');
  return rest;
}

const emailKey = (email: string | null | undefined) => (email == null || email === '' ? null : email.trim().toLowerCase());
const detailsKey = (d: Details) =>
  JSON.stringify([d.name, d.phone ?? '', emailKey(d.email) ?? '', d.notes ?? '', d.allergies ?? '', d.patchTestOn ?? '', d.preferences ?? '']);

/** The clients here, found by each form of their number, their e-mail and their whole details. */
export class Directory {
  private byPhone = new Map<string, Known>();
  private byEmail = new Map<string, Known>();
  private byDetails = new Map<string, Known>();
  private byName = new Map<string, Known>();
  constructor(private readonly country: CountryCode) {}

  add(known: Known, forms = phoneForms(known.details.phone ?? null, this.country)): void {
    for (const form of forms) if (!this.byPhone.has(form)) this.byPhone.set(form, known);
    const email = emailKey(known.details.email);
    if (email !== null && !this.byEmail.has(email)) this.byEmail.set(email, known);
    const details = detailsKey(known.details);
    if (!this.byDetails.has(details)) this.byDetails.set(details, known);
    const name = known.name.trim().toLowerCase();
    if (!this.byName.has(name)) this.byName.set(name, known);
  }

  /** The first client of this name (a row with no phone or e-mail has nothing else to be found by). */
  named(name: string): Known | null {
    return this.byName.get(name.trim().toLowerCase()) ?? null;
  }

  match(details: Details): { known: Known; by: DuplicateRow['matchedBy'] } | null {
    const same = this.byDetails.get(detailsKey(details));
    if (same !== undefined) return { known: same, by: 'details' };
    for (const form of phoneForms(details.phone ?? null, this.country)) {
      const known = this.byPhone.get(form);
      if (known !== undefined) return { known, by: 'phone' };
    }
    const email = emailKey(details.email);
    const known = email === null ? undefined : this.byEmail.get(email);
    return known === undefined ? null : { known, by: 'email' };
  }
}

export function clientsHere(store: Store, country: CountryCode): Directory {
  const directory = new Directory(country);
  const rows = store.db
    .select({
      id: clients.id,
      version: clients.version,
      name: clients.name,
      phone: clients.phone,
      email: clients.email,
      notes: clients.notes,
      allergies: clients.allergies,
      patchTestOn: clients.patchTestOn,
      preferences: clients.preferences,
      searchPhone: clients.searchPhone,
    })
    .from(clients)
    .where(isNull(clients.deletedAt))
    .all();
  // A client's number's forms are already kept as their search key: reading each number again would cost far more than the file.
  for (const { id, version, searchPhone, ...details } of rows) directory.add({ id, version, name: details.name, details }, searchPhone?.split(' '));
  return directory;
}

const LONG_TEXT = 2000;
/** The file's values for the fields the client here leaves empty; a longer text is added under theirs. */
function mergeChanges(here: Details, row: Details): Partial<ClientArgs> {
  const changes: Partial<ClientArgs> = {};
  for (const field of ['phone', 'email', 'patchTestOn'] as const) {
    if ((here[field] ?? null) === null && row[field] != null) changes[field] = row[field];
  }
  for (const field of ['notes', 'allergies', 'preferences'] as const) {
    const mine = here[field] ?? '';
    const theirs = row[field] ?? '';
    if (theirs === '' || mine.includes(theirs)) continue;
    const joined = mine === '' ? theirs : `${mine}\n${theirs}`;
    if (joined.length <= LONG_TEXT) changes[field] = joined;
  }
  return changes;
}

/** Rows planned between two reports of progress. */
const ROWS_PER_STEP = 500;

/** Every row's fate, without writing anything. */
export function planImport(store: Store, cells: CsvCells, mapping: ImportMapping, choice: DuplicateChoice, country: CountryCode, read: ReadRow[] = []): ImportPlan {
  const steps = planSteps(store, cells, mapping, choice, country, read);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** A row as read from the file: what it says, or why it cannot be read. It depends on the file, the mapping and the shop's country only. */
export type ReadRow = { problem: string } | { args: ClientArgs; details: Details };

/** The problem of a row whose cells cannot be matched to the columns, or null. */
export function fileRowProblem(cells: CsvCells, cellsOfRow: readonly string[], index: number, language: Language = 'en'): string | null {
  const fileProblem = cells.rowProblems.get(index);
  if (fileProblem !== undefined) return tIn(language, 'import')(`rowProblems.${fileProblem}`);
  const width = cells.headers.length;
  if (cellsOfRow.length !== width) return sayIn({ key: 'imports.cellCount', params: { cells: cellsOfRow.length, columns: width } }, language);
  return null;
}

/** A row as read, its problem in `language`: the shop's, since the importer shows it on the shop's screen. */
export function readRow(cells: CsvCells, cellsOfRow: string[], index: number, mapping: ImportMapping, country: CountryCode, language: Language = 'en'): ReadRow {
  const fileProblem = fileRowProblem(cells, cellsOfRow, index, language);
  if (fileProblem !== null) return { problem: fileProblem };
  const parsed = argsSchemas.client.create.safeParse(rowArgs(cellsOfRow, mapping));
  if (!parsed.success) {
    const refused = validationError(parsed.error);
    return { problem: refused.say === undefined ? refused.message : sayIn(refused.say, language) };
  }
  const args = parsed.data;
  const problem = args.phone == null ? null : phoneProblem(args.phone, country);
  if (problem !== null) return { problem: sayIn({ key: 'imports.badPhone', params: { phone: args.phone ?? '', problem } }, language) };
  const details: Details = { ...args, phone: args.phone ?? null, email: args.email ?? null, notes: args.notes ?? '', allergies: args.allergies ?? '', patchTestOn: args.patchTestOn ?? null, preferences: args.preferences ?? '' };
  return { args, details };
}

/**
 * planImport a few hundred rows at a time, yielding how many are done, so a long file shows
 * progress and can be cancelled between steps. `read` keeps each row as read from the file, so
 * the import after a preview of the same mapping only matches them against the clients here now.
 */
export function* planSteps(
  store: Store,
  cells: CsvCells,
  mapping: ImportMapping,
  choice: DuplicateChoice,
  country: CountryCode,
  read: ReadRow[] = [],
  language: Language = 'en',
): Generator<number, ImportPlan> {
  const directory = clientsHere(store, country);
  const plan: ImportPlan = { rows: cells.rows.length, problems: [], adds: [], merges: [], duplicates: [], skipped: 0 };
  const merged = new Map<string, MergeChange>();

  const planRow = (cellsOfRow: string[], index: number): void => {
    const row = index + 2;
    const reading = (read[index] ??= readRow(cells, cellsOfRow, index, mapping, country, language));
    if ('problem' in reading) return void plan.problems.push({ row, reason: reading.problem });
    const { args } = reading;
    const details: Details = { ...reading.details };
    const match = directory.match(details);
    if (match === null) {
      plan.adds.push({ row, args });
      directory.add({ id: null, version: 0, name: args.name, details });
      return;
    }
    const matches = match.known.id === null ? sayIn({ key: 'imports.earlierRow', params: { name: match.known.name } }, language) : match.known.name;
    const duplicate = { row, name: args.name, matches, matchedBy: match.by };
    if (match.by === 'details' || choice === 'skip') {
      plan.skipped += 1;
      return void plan.duplicates.push({ ...duplicate, outcome: 'skipped' });
    }
    if (choice === 'keepBoth') {
      plan.adds.push({ row, args });
      directory.add({ id: null, version: 0, name: args.name, details });
      return void plan.duplicates.push({ ...duplicate, outcome: 'added' });
    }
    // Merge into a client here; a match with an earlier row of the file has nothing to merge into yet.
    const clientId = match.known.id;
    const changes = clientId === null ? {} : mergeChanges(match.known.details, details);
    if (clientId === null || Object.keys(changes).length === 0) {
      plan.skipped += 1;
      return void plan.duplicates.push({ ...duplicate, outcome: 'skipped' });
    }
    const earlier = merged.get(clientId);
    // Two rows for one client: the second fills in after the first (the client's details here already hold the first's).
    if (earlier !== undefined) Object.assign(earlier.changes, changes);
    else {
      const change: MergeChange = { row, clientId, expectedVersion: match.known.version, changes };
      merged.set(clientId, change);
      plan.merges.push(change);
    }
    match.known.details = { ...match.known.details, ...changes } as Details;
    plan.duplicates.push({ ...duplicate, outcome: 'merged' });
  };
  for (const [index, cellsOfRow] of cells.rows.entries()) {
    planRow(cellsOfRow, index);
    if ((index + 1) % ROWS_PER_STEP === 0) yield index + 1;
  }
  return plan;
}
