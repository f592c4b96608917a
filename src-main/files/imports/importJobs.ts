import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { toAppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { idSchema } from '../../../src-shared/entities';
import { importKinds } from '../../../src-shared/entities';
import {
  anyImportMappingSchema,
  appointmentMappingProblem,
  guessAppointmentMapping,
  guessMapping,
  importMappingSchema,
  mappingProblem,
  type AnyImportMapping,
  type ImportMapping,
  type MappingProblem,
} from '../../../src-shared/importMapping';
import type { Language } from '../../../src-shared/i18n/languages';
import { shopCountry } from '../../../src-shared/peopleSearch';
import { idempotencyKeySchema } from '../../../src-shared/registry/fields';
import { text } from '../../../src-shared/text';
import type { Desk } from '../../core/commands/execute';
import { getShopSettings } from '../../core/settings/queries';
import { inShopLanguage, shopLanguage } from '../../core/settings/shopLanguage';
import type { Store } from '../../core/store/open';
import { slotOf, storeSlot } from '../../core/store/state';
import { clientChanges, commitChanges, type ImportChange, type ImportKind, type ImportOutcome } from './commitImport';
import { planAppointmentSteps } from './planAppointments';
import { csvCells, decodeCsv, MAX_IMPORT_BYTES, tooLarge, type CsvCells } from './decodeCsv';
import { duplicateChoices, planSteps, unescapeCell, type DuplicateChoice, type DuplicateRow, type ReadRow, type RowProblem } from './planImport';

/**
 * The importer's steps as the screens call them (docs/architecture.md §29). The file comes up in
 * pieces through the desk router — the same way in Electron and in browser mode, and under the
 * browser server's request limit — and is kept in memory for this store until imported or
 * dropped. The import itself is a job: it checks the rows a few hundred at a time (progress, and
 * cancel between steps, when nothing is written yet), then saves them in one transaction.
 */

/** Raw bytes per piece, so a piece in base64 stays under the browser server's 1 MB request limit. */
export const UPLOAD_PIECE_BYTES = 512 * 1024;
/** Rows of the file shown under the mapping. */
const SAMPLE_ROWS = 5;
/** Problems and duplicates listed in the preview (the counts are always whole). */
const LISTED = 500;
/** An upload nobody finished is dropped after this long. */
const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** Files held at once for one store; a new one drops the oldest (one desk imports one file at a time). */
const OPEN_UPLOADS = 3;

export const beginUploadInputSchema = z.strictObject({ fileName: text(200, { min: 1 }), bytes: z.int().min(0) });
export const uploadPieceInputSchema = z.strictObject({
  uploadId: idSchema,
  offset: z.int().min(0).max(MAX_IMPORT_BYTES),
  base64: z.string().max(Math.ceil(UPLOAD_PIECE_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' }),
});
export const previewInputSchema = z.strictObject({
  uploadId: idSchema,
  /** What the file holds; a file of clients unless said. */
  kind: z.enum(importKinds).optional(),
  mapping: anyImportMappingSchema.optional(),
  duplicates: z.enum(duplicateChoices).default('skip'),
});
export const startImportInputSchema = z.strictObject({
  uploadId: idSchema,
  /** What the file holds; a file of clients unless said. */
  kind: z.enum(importKinds).optional(),
  mapping: anyImportMappingSchema,
  duplicates: z.enum(duplicateChoices),
  dryRun: z.boolean(),
  idempotencyKey: idempotencyKeySchema,
});
export const jobInputSchema = z.strictObject({ jobId: idSchema });

interface Upload {
  fileName: string;
  bytes: number;
  /** The pieces received, by offset: memory holds only what was sent, never the size announced. */
  pieces: Map<number, Buffer>;
  received: number;
  startedAt: number;
  cells?: CsvCells;
  /** Its rows as read for one mapping and country (the preview's work, which the import then reuses). */
  read?: { key: string; rows: ReadRow[] };
}
export type ImportPhase = 'checking' | 'saving' | 'done' | 'cancelled' | 'failed';
interface Job {
  phase: ImportPhase;
  done: number;
  total: number;
  cancelRequested: boolean;
  outcome?: ImportOutcome;
  error?: string;
}

const uploadsSlot = storeSlot('import uploads', () => new Map<string, Upload>());
const jobsSlot = storeSlot('import jobs', () => new Map<string, Job>());

function uploadOf(store: Store, uploadId: string): Upload {
  const upload = slotOf(store, uploadsSlot).get(uploadId);
  if (upload === undefined) throw refuse('NOT_FOUND', 'importing.fileGone', undefined, { field: 'file' });
  return upload;
}

export function beginUpload(store: Store, input: z.output<typeof beginUploadInputSchema>, now: number): { uploadId: string } {
  if (input.bytes > MAX_IMPORT_BYTES) throw tooLarge(input.bytes);
  const uploads = slotOf(store, uploadsSlot);
  for (const [id, upload] of uploads) if (now - upload.startedAt > UPLOAD_TTL_MS) uploads.delete(id);
  while (uploads.size >= OPEN_UPLOADS) uploads.delete(uploads.keys().next().value as string);
  const uploadId = randomUUID();
  uploads.set(uploadId, { fileName: input.fileName, bytes: input.bytes, pieces: new Map(), received: 0, startedAt: now });
  return { uploadId };
}

export function uploadPiece(store: Store, input: z.output<typeof uploadPieceInputSchema>): { received: number } {
  const upload = uploadOf(store, input.uploadId);
  const piece = Buffer.from(input.base64, 'base64');
  if (input.offset + piece.byteLength > upload.bytes) throw tooLarge(input.offset + piece.byteLength);
  upload.received += piece.byteLength - (upload.pieces.get(input.offset)?.byteLength ?? 0);
  upload.pieces.set(input.offset, piece);
  delete upload.cells;
  delete upload.read;
  return { received: upload.received };
}

function cellsOf(upload: Upload): CsvCells {
  const unfinished = () => refuse('VALIDATION_ERROR', 'importing.notUploaded', undefined, { field: 'file' });
  if (upload.received !== upload.bytes) throw unfinished();
  if (upload.cells === undefined) {
    let next = 0;
    const inOrder = [...upload.pieces].sort(([a], [b]) => a - b);
    // Pieces that overlap or leave a gap are not the file.
    for (const [offset, piece] of inOrder) {
      if (offset !== next) throw unfinished();
      next += piece.byteLength;
    }
    upload.cells = csvCells(decodeCsv(Buffer.concat(inOrder.map(([, piece]) => piece))));
  }
  return upload.cells;
}

const countryOf = (store: Store) => shopCountry(getShopSettings(store)?.timeZone);

/** The upload's rows as read for this mapping and country, kept for the next step with the same ones. */
function readRowsOf(upload: Upload, mapping: ImportMapping, country: string, language: Language): ReadRow[] {
  const key = JSON.stringify([mapping, country, language]);
  if (upload.read?.key !== key) upload.read = { key, rows: [] };
  return upload.read.rows;
}

/** Why a mapping cannot be imported as this kind (a key the screen says), or null. */
function problemOf(kind: ImportKind, mapping: AnyImportMapping): MappingProblem | null {
  if (kind === 'appointments') return appointmentMappingProblem(mapping);
  const clientMapping = importMappingSchema.safeParse(mapping);
  if (!clientMapping.success) return 'notForClients';
  return mappingProblem(clientMapping.data);
}

/**
 * The mapping an import may start with. The screen offers no import while the preview shows a
 * problem, so this refusal meets only a screen that was late; it says the problem in the words the
 * preview shows it, which the desk says in the shop's language like any refusal.
 */
function checkedMapping(cells: CsvCells, kind: ImportKind, mapping: AnyImportMapping): AnyImportMapping {
  if (mapping.length !== cells.headers.length)
    throw refuse('VALIDATION_ERROR', 'importing.columnsChanged', undefined, { field: 'mapping' });
  const problem = problemOf(kind, mapping);
  if (problem !== null) throw refuse('VALIDATION_ERROR', `import:mappingProblems.${problem}`, undefined, { field: 'mapping', problem });
  return mapping;
}

/** What importing the file would do, whichever kind it holds. */
interface Planned {
  problems: RowProblem[];
  duplicates: DuplicateRow[];
  changes: ImportChange[];
  counts: { kind: ImportKind; added: number; merged: number; skipped: number; problems: number };
  /** Clients an appointments file adds with its bookings. */
  newClients: number;
}

/** The plan of either kind, a step at a time (yielding rows done). */
function* planned(desk: Desk, upload: Upload, kind: ImportKind = 'clients', mapping: AnyImportMapping, duplicates: DuplicateChoice): Generator<number, Planned> {
  const cells = cellsOf(upload);
  const country = countryOf(desk.store);
  if (kind === 'appointments') {
    const plan = yield* planAppointmentSteps(desk, cells, mapping, country);
    return {
      problems: plan.problems,
      duplicates: plan.duplicates,
      changes: plan.changes,
      counts: { kind, added: plan.bookings, merged: 0, skipped: plan.skipped, problems: plan.problems.length },
      newClients: plan.newClients,
    };
  }
  const clientMapping = importMappingSchema.parse(mapping);
  const language = shopLanguage(desk.store);
  const plan = yield* planSteps(desk.store, cells, clientMapping, duplicates, country, readRowsOf(upload, clientMapping, country, language), language);
  return {
    problems: plan.problems,
    duplicates: plan.duplicates,
    changes: clientChanges(plan),
    counts: { kind, added: plan.adds.length, merged: plan.merges.length, skipped: plan.skipped, problems: plan.problems.length },
    newClients: 0,
  };
}

function planAtOnce(steps: Generator<number, Planned>): Planned {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** What the file holds and what importing it would do: the mapping (guessed unless given), the first rows, each problem and duplicate. */
export function previewImport(desk: Desk, input: z.output<typeof previewInputSchema>) {
  const upload = uploadOf(desk.store, input.uploadId);
  const cells = cellsOf(upload);
  const kind = input.kind ?? 'clients';
  const guessed = kind === 'appointments' ? guessAppointmentMapping(cells.headers) : guessMapping(cells.headers);
  const mapping = input.mapping ?? guessed;
  const problem: MappingProblem | null = mapping.length === cells.headers.length ? problemOf(kind, mapping) : 'columnsChanged';
  const plan: Planned | null = problem === null ? planAtOnce(planned(desk, upload, kind, mapping, input.duplicates)) : null;
  return {
    kind,
    fileName: upload.fileName,
    headers: cells.headers,
    mapping,
    guessed,
    mappingProblem: problem,
    sample: cells.rows.slice(0, SAMPLE_ROWS).map((row) => row.map(unescapeCell)),
    rows: cells.rows.length,
    problems: plan?.problems.slice(0, LISTED) ?? [],
    problemCount: plan?.problems.length ?? 0,
    duplicates: plan?.duplicates.slice(0, LISTED) ?? [],
    duplicateCount: plan?.duplicates.length ?? 0,
    wouldAdd: plan?.counts.added ?? 0,
    wouldMerge: plan?.counts.merged ?? 0,
    wouldSkip: plan?.counts.skipped ?? 0,
    wouldAddClients: plan?.newClients ?? 0,
  };
}

/**
 * Why a job failed, as the screen shows it: said in the shop's language the way the desk says any
 * refusal it hands a screen (the job's failure reaches the screen inside its progress, not as one).
 */
function failureIn(store: Store, error: unknown): string {
  return inShopLanguage(store, toAppError(error).toEnvelope('import-job')).message;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Starts checking and saving the file; the screen follows it with importProgress. */
export function startImport(desk: Desk, input: z.output<typeof startImportInputSchema>): { jobId: string } {
  const upload = uploadOf(desk.store, input.uploadId);
  const cells = cellsOf(upload);
  const mapping = checkedMapping(cells, input.kind ?? 'clients', input.mapping);
  const jobs = slotOf(desk.store, jobsSlot);
  const jobId = randomUUID();
  const job: Job = { phase: 'checking', done: 0, total: cells.rows.length, cancelRequested: false };
  jobs.set(jobId, job);
  void (async () => {
    try {
      const steps = planned(desk, upload, input.kind, mapping, input.duplicates);
      let step = steps.next();
      while (step.done !== true) {
        job.done = step.value;
        await nextTurn();
        if (job.cancelRequested) return void (job.phase = 'cancelled');
        step = steps.next();
      }
      job.done = job.total;
      job.phase = 'saving';
      await nextTurn();
      if (job.cancelRequested) return void (job.phase = 'cancelled');
      job.outcome = commitChanges(desk, step.value.changes, step.value.counts, { fileName: upload.fileName, idempotencyKey: input.idempotencyKey, dryRun: input.dryRun });
      job.phase = 'done';
      if (!input.dryRun) slotOf(desk.store, uploadsSlot).delete(input.uploadId);
    } catch (error) {
      job.error = failureIn(desk.store, error);
      job.phase = 'failed';
    }
  })();
  return { jobId };
}

function jobOf(store: Store, jobId: string): Job {
  const job = slotOf(store, jobsSlot).get(jobId);
  if (job === undefined) throw refuse('NOT_FOUND', 'importing.notRunning', undefined, { field: 'jobId' });
  return job;
}

export function importProgress(store: Store, jobId: string) {
  const { phase, done, total, outcome, error } = jobOf(store, jobId);
  return { phase, done, total, outcome: outcome ?? null, error: error ?? null };
}

/** Asks the job to stop: honoured while it is checking (nothing is written yet); once saving, it finishes. */
export function cancelImport(store: Store, jobId: string): { cancelled: boolean } {
  const job = jobOf(store, jobId);
  if (job.phase === 'checking') job.cancelRequested = true;
  return { cancelled: job.cancelRequested };
}
