import { z } from 'zod';
import { instantSchema } from '../../src-shared/entities';
import { AppError } from '../../src-shared/errors';
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
import { activityCsv, activityExportInputSchema } from '../files/exports/activityCsv';
import { appointmentsCsv, appointmentsExportInputSchema } from '../files/exports/appointmentsCsv';
import { clientsCsv } from '../files/exports/clientsCsv';
import type { DeskContext } from './trpc';
import { checkIntegrity } from '../agents/integrity/integrityCheck';
import { reportDailyBackup, reportFileSave } from '../core/status/problemReports';

/**
 * The print, support and backups procedures (issue 6). They read the shell's services from the
 * context (see shellServices.ts); reading, printing, export and recovery stay open when the
 * system is Unsafe (docs/architecture.md §6), so none of them is a booking change.
 */

const reportInputSchema = z.strictObject({ includeClientDetails: z.boolean().default(false) }).default({ includeClientDetails: false });

export function requireOwner(ctx: DeskContext, what: string): void {
  const actor = deskOf(ctx).actor;
  if (actor.role !== 'owner') throw new AppError('FORBIDDEN', `Only the shop owner can ${what}.`);
}

async function report(ctx: DeskContext, includeClientDetails: boolean) {
  if (includeClientDetails) requireOwner(ctx, 'include client details in a support report');
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
async function savingFile<T>(ctx: DeskContext, what: string, save: () => Promise<T>): Promise<T> {
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
    const renderer = requireService(ctx, 'pdfRenderer', 'Making a PDF');
    const result = await renderSchedulePdf(ctx.store, input, { renderer, now: ctx.now() });
    return { fileName: result.fileName, pdfBase64: Buffer.from(result.pdf).toString('base64') };
  }),
  /** Save day as PDF…: asks where (Electron) and resolves once the file is on disk. */
  savePdf: procedure.input(printDayInputSchema).mutation(async ({ ctx, input }) => {
    const renderer = requireService(ctx, 'pdfRenderer', 'Making a PDF');
    const result = await renderSchedulePdf(ctx.store, input, { renderer, now: ctx.now() });
    const path = await savePathFor(ctx, result.fileName, 'pdf');
    if (path === null) return { saved: false as const, path: null };
    await savingFile(ctx, 'the PDF', () => writeFileDurably(path, result.pdf, { what: 'the PDF' }));
    return { saved: true as const, path };
  }),
  /** Print day…: the system print dialog (Electron). */
  printDay: procedure.input(printDayInputSchema).mutation(async ({ ctx, input }) => {
    const printHtml = requireService(ctx, 'printHtml', 'Printing');
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
    await savingFile(ctx, 'the support report', () => saveSupportReport(built, path));
    return { saved: true as const, path, redacted: built.redacted };
  }),
});

export const backupsRouter = router({
  list: procedure.query(({ ctx }) => {
    const dir = requireService(ctx, 'backupDir', 'Backups');
    return listBackups(dir).map(({ name, reason, createdAt, sizeBytes }) => ({ name, reason, createdAt, sizeBytes }));
  }),
  create: procedure.input(z.strictObject({}).optional()).mutation(async ({ ctx }) => {
    const dir = requireService(ctx, 'backupDir', 'Backups');
    const made = await createBackup(ctx.store, { dir, reason: 'manual', now: ctx.now() });
    // A fresh backup answers a failed automatic one.
    reportDailyBackup(ctx.store, { ok: true }, ctx.now());
    const offsite = await keepOffsiteCopy(ctx.store, dir, ctx.now());
    return { name: made.name, reason: made.reason, createdAt: made.createdAt, sizeBytes: made.sizeBytes, offsite };
  }),
  /** The backups and off-site copies made before a moment (default: now), which still hold what was erased since (§23). */
  before: procedure.input(z.strictObject({ at: instantSchema.optional() }).optional()).query(({ ctx, input }) => {
    const dir = requireService(ctx, 'backupDir', 'Backups');
    return copiesBefore(ctx.store, dir, input?.at ?? ctx.now(), ctx.now());
  }),
  /** Where the off-site copies go and how they stand (docs/architecture.md §7). */
  offsite: procedure.query(({ ctx }) => offsiteState(ctx.store, ctx.now())),
  /** Owner only: a second folder every backup is also copied to; the newest backup is copied at once. */
  chooseOffsiteFolder: procedure.input(z.strictObject({ folder: text(1000, { min: 1 }) })).mutation(({ ctx, input }) => {
    requireOwner(ctx, 'choose where backups are copied');
    const backupDir = requireService(ctx, 'backupDir', 'Backups');
    return chooseOffsiteFolder(ctx.store, { folder: input.folder, backupDir, now: ctx.now() });
  }),
  stopOffsiteCopies: procedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => {
    requireOwner(ctx, 'stop copying backups off-site');
    stopOffsiteCopies(ctx.store, ctx.now());
    return offsiteState(ctx.store, ctx.now());
  }),
  /** Owner only; the current database is backed up first; later calls use the restored store. */
  restore: procedure.input(z.strictObject({ name: text(200, { trim: false, min: 1 }) })).mutation(async ({ ctx, input }) => {
    const dir = requireService(ctx, 'backupDir', 'Backups');
    const reopen = requireService(ctx, 'reopenStore', 'Restoring a backup');
    const swap = requireService(ctx, 'swapStore', 'Restoring a backup');
    const result = await restoreBackup(ctx.store, { dir, name: input.name, actor: deskOf(ctx).actor, now: ctx.now(), reopen, swap });
    return { restored: input.name, safetyBackup: result.safetyBackup.name };
  }),
  /** Export the raw database file. */
  exportDatabase: procedure.input(z.strictObject({}).optional()).mutation(async ({ ctx }) => {
    requireOwner(ctx, 'export the database (it holds every client’s details)');
    const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
    const path = await savePathFor(ctx, `caredesk-database-${stamp}.sqlite`, 'database');
    if (path === null) return { saved: false as const, path: null };
    const saved = await savingFile(ctx, 'the database export', () => exportDatabase(ctx.store, path));
    return { saved: true as const, path, bytes: saved.bytes };
  }),
});

/** The shop's records as CSV files (issue 15): clients, the bookings and the activity of a range of days. */
export const exportsRouter = router({
  clients: procedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => {
    requireOwner(ctx, 'export the clients (the file holds every client’s details)');
    return saveCsv(ctx, 'the clients', `caredesk-clients-${dayStamp(ctx)}.csv`, () => clientsCsv(ctx.store));
  }),
  appointments: procedure.input(appointmentsExportInputSchema).mutation(({ ctx, input }) => {
    requireOwner(ctx, 'export the bookings');
    return saveCsv(ctx, 'the bookings', `caredesk-bookings-${input.from}-to-${input.to}.csv`, () => appointmentsCsv(ctx.store, input));
  }),
  activity: procedure.input(activityExportInputSchema).mutation(({ ctx, input }) => {
    requireOwner(ctx, 'export the activity log');
    return saveCsv(ctx, 'the activity log', `caredesk-activity-${input.from}-to-${input.to}.csv`, () => activityCsv(ctx.store, input));
  }),
});

const dayStamp = (ctx: DeskContext) => new Date(ctx.now()).toISOString().slice(0, 10);

async function saveCsv(ctx: DeskContext, what: string, suggestedName: string, build: () => string) {
  const path = await savePathFor(ctx, suggestedName, 'csv');
  if (path === null) return { saved: false as const, path: null };
  const text = build();
  await savingFile(ctx, `${what} export`, () => writeFileDurably(path, text, { what: `${what} export` }));
  return { saved: true as const, path, bytes: Buffer.byteLength(text) };
}
