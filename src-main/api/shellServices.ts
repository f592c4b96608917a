import { join } from 'node:path';
import type { resources } from '../../src-shared/i18n';
import { refuse } from '../../src-shared/refuse';
import type { PdfRenderer } from '../files/print/pdf';
import type { PageGeometry } from '../files/print/schedule';
import type { DeskContext } from './trpc';
import type { Store } from '../core/store/open';
import type { RecentError, SystemStatus } from '../agents/status/deskStatus';
import type { ProviderSecrets } from '../agents/messages/providerConfig';
import type { JobBoard } from '../core/progress/jobs';


/** What a file the person saves holds: it picks the save dialog's file types. */
export type SaveKind = 'pdf' | 'report' | 'database' | 'csv';
/**
 * What the print, support and backups procedures need from the shell they run in (Electron
 * main or browser mode). The adapter adds it to the tRPC context as `shell`:
 *   createContext: () => ({ ...deskContext, shell })
 * Every field is optional so a shell without a capability gets a clear error, not a crash.
 */
export interface ShellServices {
  /** Chromium in Node (browser mode) or webContents.printToPDF (Electron). */
  pdfRenderer?: PdfRenderer;
  /** Opens the system print dialog for the page (Electron only). */
  printHtml?: (html: string, geometry: PageGeometry) => Promise<{ printed: boolean }>;
  /** The live system status (the sync agent's, or localStatus for a standalone machine). */
  status?: () => SystemStatus;
  recentErrors?: () => readonly RecentError[];
  /** app.getVersion() in Electron; package.json's version otherwise. */
  appVersion?: string;
  /** Where backups live (userData/backups). */
  backupDir?: string;
  /** Reopens the database file with the app's options (migrations, pre-migration backup). */
  reopenStore?: (file: string) => Store;
  /** Makes `next` the store every later call uses. */
  swapStore?: (next: Store) => void;
  /**
   * Asks the person where to save (Electron's save dialog); null when they cancel. Without it
   * (browser mode) files are written to `outputDir` under the suggested name.
   */
  chooseSavePath?: (suggestedName: string, kind: SaveKind) => Promise<string | null>;
  outputDir?: string;
  /** Where the message providers' credentials are kept (keychain or private files; docs/architecture.md §18). */
  messageSecrets?: ProviderSecrets;
  /** The desk's long work under way, with its progress (docs/architecture.md §24). */
  jobs?: JobBoard;
}

export type ShellContext = DeskContext & { shell?: ShellServices };

export function shellOf(ctx: DeskContext): ShellServices {
  return (ctx as ShellContext).shell ?? {};
}

/** What a missing service would have done, as the refusal names it. */
export type ShellTask = keyof (typeof resources)['en']['errors']['window']['missing'];

export function requireService<K extends keyof ShellServices>(
  ctx: DeskContext,
  name: K,
  what: ShellTask,
): NonNullable<ShellServices[K]> {
  const service = shellOf(ctx)[name];
  if (service === undefined || service === null) {
    throw refuse('INTERNAL_ERROR', `window.missing.${what}`, undefined, { kind: 'SHELL_SERVICE_MISSING', service: name });
  }
  return service as NonNullable<ShellServices[K]>;
}

/** Where to write a file: the person's choice (null = cancelled) or the output folder. */
export async function savePathFor(
  ctx: DeskContext,
  suggestedName: string,
  kind: SaveKind,
): Promise<string | null> {
  const shell = shellOf(ctx);
  if (shell.chooseSavePath) return shell.chooseSavePath(suggestedName, kind);
  if (shell.outputDir) return join(shell.outputDir, suggestedName);
  throw refuse('INTERNAL_ERROR', 'window.savingFiles', undefined, { kind: 'SHELL_SERVICE_MISSING', service: 'chooseSavePath' });
}
