import { transport } from './client';

/** What became of a PDF the desk made: the receptionist is told in the screen's own words. */
export type KeptPdf = { kind: 'saved'; path: string } | { kind: 'notSaved' } | { kind: 'downloaded'; fileName: string };

/**
 * A PDF the desk makes (the day sheet, the owner's numbers): on the desk the main process asks
 * where to save it and writes it; in browser mode it comes back as base64 and goes to the
 * browser's downloads.
 */
export async function keepPdf(ways: {
  save: () => Promise<{ saved: true; path: string } | { saved: false; path: null }>;
  make: () => Promise<{ fileName: string; pdfBase64: string }>;
}): Promise<KeptPdf> {
  if (transport() === 'ipc') {
    const saved = await ways.save();
    return saved.saved ? { kind: 'saved', path: saved.path } : { kind: 'notSaved' };
  }
  const made = await ways.make();
  download(made.fileName, made.pdfBase64);
  return { kind: 'downloaded', fileName: made.fileName };
}

/** Hands a PDF made by the desk to the browser's downloads (browser mode). */
function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
