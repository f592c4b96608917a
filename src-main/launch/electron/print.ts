import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../../files/print/pdf';
import { mmToInches, pdfPageOptions } from '../../files/print/pdf';
import type { PageGeometry } from '../../files/print/schedule';
import { isNavigationAllowed, printWebPreferences } from './securityPolicy';

/** The schedule page in a hidden, script-less window. */
async function pageWindow(html: string): Promise<BrowserWindow> {
  const win = new BrowserWindow({ show: false, webPreferences: { ...printWebPreferences } });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  return win;
}

/** Save as PDF in Electron: webContents.printToPDF with an explicit page size. */
export function electronPdfRenderer(): PdfRenderer {
  return {
    async render(html: string, page: PageGeometry) {
      const win = await pageWindow(html);
      try {
        // Electron names the margins in the plural, in inches.
        const { margin, ...options } = pdfPageOptions(page, mmToInches(page.marginMm));
        const pdf = await win.webContents.printToPDF({ pageSize: page.paperSize, ...options, margins: margin });
        return new Uint8Array(pdf);
      } finally {
        win.destroy();
      }
    },
    async close() {},
  };
}

/** Print… : the system print dialog for the page, with the page size preset. */
export async function printHtmlWithDialog(html: string, page: PageGeometry): Promise<{ printed: boolean }> {
  const win = await pageWindow(html);
  try {
    return await new Promise((resolve, reject) => {
      win.webContents.print(
        { silent: false, printBackground: true, pageSize: page.paperSize, landscape: page.landscape },
        (success, failureReason) => {
          if (success || failureReason === 'Print job canceled' || failureReason === 'cancelled') resolve({ printed: success });
          else reject(new Error(failureReason));
        },
      );
    });
  } finally {
    win.destroy();
  }
}
