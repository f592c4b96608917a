import { z } from 'zod';
import { instantSchema } from '../../src-shared/entities';
import type { AppError } from '../../src-shared/errors';
import type { resources } from '../../src-shared/i18n';
import { refuse } from '../../src-shared/refuse';
import { text } from '../../src-shared/text';
import { createBackup, exportDatabase, listBackups, restoreBackup } from '../agents/backup/backups';
import { copiesBefore } from '../agents/backup/copiesBefore';
import { chooseOffsiteFolder, keepOffsiteCopy, offsiteState, stopOffsiteCopies } from '../agents/backup/offsite';
import { renderSchedulePdf } from '../files/print/pdf';
import { buildPrintableSchedule, geometryOf, printDayInputSchema, renderScheduleHtml, scheduleFileName } from '../files/print/schedule';
import { deskOf, procedure, router } from './trpc';
import { buildSupportReport, saveSupportReport } from '../files/report/report';
import { requireService, savePathFor, shellOf } from './shellServices';
import { systemStatus } from '../agents/status/deskStatus';
import { writeFileDurably } from '../core/disk/files';
import { activityCsv } from '../files/exports/activityCsv';
import { stockLevelsCsv, stockMovementsCsv } from '../files/exports/stockCsv';
import { dayRangeExportInputSchema, type dayRangeSchema } from '../files/exports/csv';
import { appointmentsCsv } from '../files/exports/appointmentsCsv';
import { clientsCsv } from '../files/exports/clientsCsv';
import { messagesCsv } from '../files/exports/messagesCsv';
import type { DeskContext } from './trpc';
import { checkIntegrity } from '../agents/integrity/integrityCheck';
import { reportDailyBackup, reportFileSave, savedFileInEnglish, type SavedFile } from '../core/status/problemReports';
import { withJobId, type Job } from '../core/progress/jobs';
import { asJob } from './jobsRouter';

/**
 * The print, support and backups procedures (issue 6). They read the shell's services from the
 * context (see shellServices.ts); reading, printing, export and recovery stay open when the
 * system is Unsafe (docs/architecture.md §6), so none of them is a booking change.
 */

/** A long call's optional job id (the screen watches the job by it). */
const jobInput = z.strictObject(withJobId).optional();

const reportInputSchema = z.strictObject({ includeClientDetails: z.boolean().default(false) }).default({ includeClientDetails: false });

/** What only the owner may do, as the refusal names it ("export the stock"). */
export type OwnerTask = keyof (typeof resources)['en']['errors']['ownerMay']['tasks'];

export function requireOwner(ctx: DeskContext, what: OwnerTask): void {
  const actor = deskOf(ctx).actor;
  if (actor.role !== 'owner') throw refuse('FORBIDDEN', 'ownerMay.sentence', { what: { key: `ownerMay.tasks.${what}` } });
}

async function report(ctx: DeskContext, includeClientDetails: boolean) {
  if (includeClientDetails) requireOwner(ctx, 'supportReportDetails');
  const shell = shellOf(ctx);
  // A fresh check of the whole file, off the main thread (seconds on a big database).
  const verdict = await checkIntegrity(ctx.store, ctx.now);
  return buildSupportReport(ctx.store, {
    integrity: verdict.state === 'failed' ? { ok: false, messages: [verdict.detail] } : { ok: true, messages: ['ok'] },
    ...(shell.appVersion === undefined ? {} : { appVersion: shell.appVersion }),
    status: shell.status?.() ?? systemStatus(ctx.store, ctx.now()),
    recentErrors: shell.recentErrors?.() ?? [],
    includeClientDetails,
    now: ctx.now(),
  });
}

/** Saves a file; a failure also stays as a system check until the next save works or a person dismisses it. */
export async function savingFile<T>(ctx: DeskContext, what: SavedFile, save: () => Promise<T>): Promise<T> {
  try {
    const saved = await save();
    reportFileSave(ctx.store, what, null, ctx.now());
    return saved;
  } catch (error) {
    if ((error as AppError).details?.kind === 'FILE_WRITE_FAILED') reportFileSave(ctx.store, what, error, ctx.now());
    throw error;
  }
}

export const printRouter = router({
  /** The self-contained page (for a preview). */
  dayHtml: procedure.input(printDayInputSchema).query(({ ctx, input }) => {
    const schedule = buildPrintableSchedule(ctx.store, input, ctx.now());
    return { html: renderScheduleHtml(schedule), fileName: scheduleFileName(schedule), geometry: geometryOf(schedule) };
  }),
  /** The PDF itself, base64 (browser mode downloads it). */
  dayPdf: procedure.input(printDayInputSchema).mutation(async ({ ctx, input }) => {
    const renderer = requireService(ctx, 'pdfRenderer', 'pdf');
    const result = await renderSchedulePdf(ctx.store, input, { renderer, now: ctx.now() });
    return { fileName: result.fileName, pdfBase64: Buffer.from(result.pdf).toString('base64') };
  }),
  /** Save day as PDF…: asks where (Electron) and resolves once the file is on disk. */
  savePdf: procedure.input(printDayInputSchema).mutation(async ({ ctx, input }) => {
    const renderer = requireService(ctx, 'pdfRenderer', 'pdf');
    const result = await renderSchedulePdf(ctx.store, input, { renderer, now: ctx.now() });
    return savePdf(ctx, result.fileName, result.pdf);
  }),
  /** Print day…: the system print dialog (Electron). */
  printDay: procedure.input(printDayInputSchema).mutation(async ({ ctx, input }) => {
    const printHtml = requireService(ctx, 'printHtml', 'printing');
    const schedule = buildPrintableSchedule(ctx.store, input, ctx.now());
    return printHtml(renderScheduleHtml(schedule), geometryOf(schedule));
  }),
});

export const supportRouter = router({
  /** The report as text (Copy). Including client details is the owner's choice. */
  report: procedure.input(reportInputSchema).query(async ({ ctx, input }) => {
    const built = await report(ctx, input.includeClientDetails);
    return { text: built.text, fileName: built.fileName, redacted: built.redacted };
  }),
  /** Save…: one file, awaited. */
  save: procedure.input(reportInputSchema).mutation(async ({ ctx, input }) => {
    const built = await report(ctx, input.includeClientDetails);
    const path = await savePathFor(ctx, built.fileName, 'report');
    if (path === null) return { saved: false as const, path: null };
    await savingFile(ctx, 'supportReport', () => saveSupportReport(built, path));
    return { saved: true as const, path, redacted: built.redacted };
  }),
});

export const backupsRouter = router({
  list: procedure.query(({ ctx }) => {
    const dir = requireService(ctx, 'backupDir', 'backups');
    return listBackups(dir).map(({ name, reason, createdAt, sizeBytes }) => ({ name, reason, createdAt, sizeBytes }));
  }),
  create: procedure.input(jobInput).mutation(async ({ ctx, input }) => {
    const dir = requireService(ctx, 'backupDir', 'backups');
    const made = await asJob(ctx, { id: input?.jobId, name: 'backup', phase: 'copying' }, (job) =>
      createBackup(ctx.store, { dir, reason: 'manual', now: ctx.now(), job }),
    );
    if (made.cancelled) return { cancelled: true as const };
    const { name, reason, createdAt, sizeBytes } = made.value;
    // A fresh backup answers a failed automatic one.
    reportDailyBackup(ctx.store, { ok: true }, ctx.now());
    const offsite = await keepOffsiteCopy(ctx.store, dir, ctx.now());
    return { cancelled: false as const, name, reason, createdAt, sizeBytes, offsite };
  }),
  /** The backups and off-site copies made before a moment (default: now), which still hold what was erased since (§28). */
  before: procedure.input(z.strictObject({ at: instantSchema.optional() }).optional()).query(({ ctx, input }) => {
    const dir = requireService(ctx, 'backupDir', 'backups');
    return copiesBefore(ctx.store, dir, input?.at ?? ctx.now(), ctx.now());
  }),
  /** Where the off-site copies go and how they stand (docs/architecture.md §7). */
  offsite: procedure.query(({ ctx }) => offsiteState(ctx.store, ctx.now())),
  /** Owner only: a second folder every backup is also copied to; the newest backup is copied at once. */
  chooseOffsiteFolder: procedure.input(z.strictObject({ folder: text(1000, { min: 1 }) })).mutation(({ ctx, input }) => {
    requireOwner(ctx, 'chooseOffsite');
    const backupDir = requireService(ctx, 'backupDir', 'backups');
    return chooseOffsiteFolder(ctx.store, { folder: input.folder, backupDir, now: ctx.now() });
  }),
  stopOffsiteCopies: procedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => {
    requireOwner(ctx, 'stopOffsite');
    stopOffsiteCopies(ctx.store, ctx.now());
    return offsiteState(ctx.store, ctx.now());
  }),
  /** Owner only; the current database is backed up first; later calls use the restored store. */
  restore: procedure
    .input(z.strictObject({ name: text(200, { trim: false, min: 1 }), ...withJobId }))
    .mutation(async ({ ctx, input }) => {
      const dir = requireService(ctx, 'backupDir', 'backups');
      const reopen = requireService(ctx, 'reopenStore', 'restoring');
      const swap = requireService(ctx, 'swapStore', 'restoring');
      const actor = deskOf(ctx).actor;
      const result = await asJob(ctx, { id: input.jobId, name: 'restore' }, (job) =>
        restoreBackup(ctx.store, { dir, name: input.name, actor, now: ctx.now(), reopen, swap, job }),
      );
      if (result.cancelled) return { cancelled: true as const };
      return { cancelled: false as const, restored: input.name, safetyBackup: result.value.safetyBackup.name };
    }),
  /** Export the raw database file. */
  exportDatabase: procedure.input(jobInput).mutation(async ({ ctx, input }) => {
    requireOwner(ctx, 'exportDatabase');
    const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
    const path = await savePathFor(ctx, `caredesk-database-${stamp}.sqlite`, 'database');
    if (path === null) return notSaved(false);
    const saved = await asJob(ctx, { id: input?.jobId, name: 'databaseExport', phase: 'copying' }, (job) =>
      savingFile(ctx, 'databaseExport', () => exportDatabase(ctx.store, path, job)),
    );
    if (saved.cancelled) return notSaved(true);
    return { saved: true as const, cancelled: false as const, path, bytes: saved.value.bytes };
  }),
});

/** The shop's records as CSV files (issue 15): clients, and the bookings, the activity and the messages of a range of days. */
export const exportsRouter = router({
  clients: procedure.input(jobInput).mutation(({ ctx, input }) => {
    requireOwner(ctx, 'exportClients');
    return saveCsv(ctx, input?.jobId, 'clientsExport', `caredesk-clients-${dayStamp(ctx)}.csv`, (job) => clientsCsv(ctx.store, job));
  }),
  appointments: dayRangeExport('exportBookings', 'bookingsExport', 'bookings', appointmentsCsv),
  activity: dayRangeExport('exportActivity', 'activityExport', 'activity', activityCsv),
  messages: dayRangeExport(
    'exportMessages',
    'messagesExport',
    'messages',
    messagesCsv,
  ),
  stockLevels: procedure.input(jobInput).mutation(({ ctx, input }) => {
    requireOwner(ctx, 'exportStock');
    return saveCsv(ctx, input?.jobId, 'stockLevelsExport', `caredesk-stock-${dayStamp(ctx)}.csv`, (job) => stockLevelsCsv(ctx.store, job));
  }),
  stockMovements: dayRangeExport('exportStockMovements', 'stockMovementsExport', 'stock-movements', stockMovementsCsv),
});

/** A range of the shop's days as CSV, the owner's to take (`ownerMay` says why), named for its first and last day. */
function dayRangeExport(
  ownerMay: OwnerTask,
  what: SavedFile,
  fileName: string,
  build: (store: DeskContext['store'], range: z.output<typeof dayRangeSchema>, job: Job) => Promise<string>,
) {
  return procedure.input(dayRangeExportInputSchema).mutation(({ ctx, input }) => {
    requireOwner(ctx, ownerMay);
    const { jobId, ...range } = input;
    return saveCsv(ctx, jobId, what, `caredesk-${fileName}-${range.from}-to-${range.to}.csv`, (job) => build(ctx.store, range, job));
  });
}

const dayStamp = (ctx: DeskContext) => new Date(ctx.now()).toISOString().slice(0, 10);

/** Save as PDF…: asks where (Electron) and resolves once the file is on disk. */
export async function savePdf(ctx: DeskContext, suggestedName: string, pdf: Uint8Array) {
  const path = await savePathFor(ctx, suggestedName, 'pdf');
  if (path === null) return { saved: false as const, path: null };
  await savingFile(ctx, 'pdf', () => writeFileDurably(path, pdf, { what: savedFileInEnglish('pdf') }));
  return { saved: true as const, path };
}

/** Nothing was written: the person closed the save dialog, or cancelled the work (`cancelled`). */
const notSaved = (cancelled: boolean) => ({ saved: false as const, cancelled, path: null });

/**
 * The CSV is made row piece by row piece as a job (cancellable), then saved; once the file is being
 * written, a cancel is refused (the write is short, and stopping it would leave nothing better).
 */
export async function saveCsv(ctx: DeskContext, jobId: string | undefined, what: SavedFile, suggestedName: string, build: (job: Job) => Promise<string>) {
  const path = await savePathFor(ctx, suggestedName, 'csv');
  if (path === null) return notSaved(false);
  const made = await asJob(ctx, { id: jobId, name: 'csvExport' }, async (job) => {
    const text = await build(job);
    job.pastReturn('saving');
    await savingFile(ctx, what, () => writeFileDurably(path, text, { what: savedFileInEnglish(what) }));
    return Buffer.byteLength(text);
  });
  if (made.cancelled) return notSaved(true);
  return { saved: true as const, cancelled: false as const, path, bytes: made.value };
}
