import { reportRangeSchema, type ReportRange } from '../../src-shared/reports';
import { ownerNumbers } from '../core/reports/ownerNumbers';
import { requireShopSettings } from '../core/settings/queries';
import { shopLanguage } from '../core/settings/shopLanguage';
import { ownerNumbersCsv } from '../files/exports/ownerNumbersCsv';
import { ownerNumbersFileName, ownerNumbersGeometry, renderOwnerNumbersHtml } from '../files/print/ownerNumbersPage';
import { requireOwner, saveCsv, savePdf } from './shellRouter';
import { requireService } from './shellServices';
import { procedure, router, type DeskContext } from './trpc';

/**
 * The owner's numbers (docs/architecture.md §26): the dashboard's figures, its PDF and its CSV.
 * Owner only — they show the shop's takings — refused to anyone else in plain words. Reading
 * stays open while the desk is Unsafe, like printing and export (§6).
 */
function numbersFor(ctx: DeskContext, range: ReportRange) {
  requireOwner(ctx, 'seeNumbers');
  return ownerNumbers(ctx.store, range);
}

async function pdfOf(ctx: DeskContext, range: ReportRange) {
  const numbers = numbersFor(ctx, range);
  const renderer = requireService(ctx, 'pdfRenderer', 'pdf');
  const { paperSize, locale } = requireShopSettings(ctx.store);
  const html = renderOwnerNumbersHtml(numbers, { printedAt: ctx.now(), paperSize, locale });
  const pdf = await renderer.render(html, ownerNumbersGeometry(paperSize));
  return { pdf, fileName: ownerNumbersFileName(numbers) };
}

export const reportsRouter = router({
  ownerNumbers: procedure.input(reportRangeSchema).query(({ ctx, input }) => numbersFor(ctx, input)),
  /** The PDF itself, base64 (browser mode downloads it). */
  pdf: procedure.input(reportRangeSchema).mutation(async ({ ctx, input }) => {
    const { pdf, fileName } = await pdfOf(ctx, input);
    return { fileName, pdfBase64: Buffer.from(pdf).toString('base64') };
  }),
  /** Save as PDF…: asks where (Electron) and resolves once the file is on disk. */
  savePdf: procedure.input(reportRangeSchema).mutation(async ({ ctx, input }) => {
    const { pdf, fileName } = await pdfOf(ctx, input);
    return savePdf(ctx, fileName, pdf);
  }),
  /** The figures as CSV, saved like every export (§7). */
  saveCsv: procedure.input(reportRangeSchema).mutation(({ ctx, input }) => {
    const numbers = numbersFor(ctx, input);
    return saveCsv(ctx, undefined, 'numbersExport', `caredesk-numbers-${input.from}-to-${input.to}.csv`, async () => ownerNumbersCsv(numbers, shopLanguage(ctx.store)));
  }),
});
