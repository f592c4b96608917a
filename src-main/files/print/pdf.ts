import type { Browser } from 'playwright-core';
import { AppError } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import type { Store } from '../../core/store/open';
import {
  buildPrintableSchedule,
  geometryOf,
  renderScheduleHtml,
  scheduleFileName,
  type PageGeometry,
  type PrintableSchedule,
  type PrintDayInput,
} from './schedule';

/**
 * Turns the schedule HTML into a PDF. Two implementations: Chromium driven from Node
 * (browser mode, tests) below, and Electron's webContents.printToPDF (src-main/launch/electron/print.ts).
 * Both take the page geometry so the paper size is always explicit, never the printer default.
 */
export interface PdfRenderer {
  render(html: string, page: PageGeometry): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Flags that work on this workplace's machines (TOOLCHAIN.md) and keep Chromium off the network. */
export const chromiumPrintArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
] as const;

export const defaultChromiumPath = process.env.CAREDESK_CHROMIUM ?? '/usr/bin/chromium';

export function mmToInches(mm: number): number {
  return mm / 25.4;
}

/**
 * What both renderers ask of every PDF page besides its paper size: the page's orientation, its
 * backgrounds printed, the page's own CSS size preferred, and one margin on every side (in the
 * unit the renderer takes).
 */
export function pdfPageOptions<Margin>(page: PageGeometry, margin: Margin) {
  return {
    landscape: page.landscape,
    printBackground: true,
    preferCSSPageSize: true,
    margin: { top: margin, right: margin, bottom: margin, left: margin },
  };
}


/**
 * A PDF renderer on a headless Chromium (playwright-core). The browser starts on first use and is
 * reused; pages run with JavaScript disabled and offline (the HTML is self-contained).
 */
export function chromiumPdfRenderer(options: { executablePath?: string } = {}): PdfRenderer {
  let browser: Promise<Browser> | null = null;
  const launch = async (): Promise<Browser> => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: options.executablePath ?? defaultChromiumPath, args: [...chromiumPrintArgs] });
  };
  return {
    async render(html, page) {
      try {
        browser ??= launch();
        const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
        try {
          const tab = await context.newPage();
          await tab.setContent(html, { waitUntil: 'load' });
          const pdf = await tab.pdf({ format: page.paperSize, ...pdfPageOptions(page, `${page.marginMm}mm`) });
          return new Uint8Array(pdf);
        } finally {
          await context.close();
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw refuse(
          'INTERNAL_ERROR',
          'files.pdfFailed',
          undefined,
          { kind: 'PDF_RENDER_FAILED', reason: error instanceof Error ? error.message.split('\n')[0] : String(error) },
          error,
        );
      }
    },
    async close() {
      const running = browser;
      browser = null;
      if (running) await (await running.catch(() => null))?.close();
    },
  };
}

export interface SchedulePdf {
  pdf: Uint8Array;
  fileName: string;
  schedule: PrintableSchedule;
  html: string;
  geometry: PageGeometry;
}

/** The day's schedule as a PDF, through whichever renderer the shell provides. */
export async function renderSchedulePdf(
  store: Store,
  input: PrintDayInput,
  options: { renderer: PdfRenderer; now: number },
): Promise<SchedulePdf> {
  const schedule = buildPrintableSchedule(store, input, options.now);
  const html = renderScheduleHtml(schedule);
  const geometry = geometryOf(schedule);
  const pdf = await options.renderer.render(html, geometry);
  return { pdf, fileName: scheduleFileName(schedule), schedule, html, geometry };
}
