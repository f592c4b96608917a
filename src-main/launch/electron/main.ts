/**
 * The Electron main process: a thin shell around the desk core (docs/architecture.md §1). Security choices
 * live in securityPolicy.ts (tested in Node); this file only applies them.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  Menu,
  net,
  protocol,
  screen,
  safeStorage,
  session,
  shell as electronShell,
} from 'electron';
import { createIPCHandler } from 'trpc-electron/main';
import { startClock, systemClock, type Clock } from '../../../src-shared/clock';
import { todayIn } from '../../../src-shared/time';
import { startDesk, type StartedDesk } from '../desk/startDesk';
import { menuTemplate } from './menu';
import { shopLanguage } from '../../core/settings/shopLanguage';
import { onOutboxWrite } from '../../core/outbox/outbox';
import type { Language } from '../../../src-shared/i18n/languages';
import { renderSchedulePdf } from '../../files/print/pdf';
import { appRouter } from '../../api/appRouter';
import type { DeskContext } from '../../api/trpc';
import { DeskSession } from '../../core/session/deskSession';
import { getShopSettings } from '../../core/settings/queries';
import { peekSyncAgent } from '../../agents/sync/registry';
import { encryptedSecretStore } from '../../agents/sync/secrets';
import type { Store } from '../../core/store/open';
import { writeFileDurably } from '../../core/disk/files';
import type { SaveKind, ShellServices } from '../../api/shellServices';
import { RotatingLog } from './crashLog';
import { electronPdfRenderer, printHtmlWithDialog } from './print';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  appAssetPath,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedIpcSender,
  menuRoutes,
  openExternallyQuestion,
  secureWebPreferences,
  securityHeaders,
  updateFeedUrl,
  windowOpenDecision,
  type MenuCommand,
} from './securityPolicy';
import { startUpdater, type Updater } from './updater';
import { reportUpdateCheck } from '../../core/status/problemReports';
import { loadWindowState, saveWindowState } from './windowState';

// Tests and portable installs may point the user data folder elsewhere.
if (process.env.CAREDESK_USER_DATA) app.setPath('userData', process.env.CAREDESK_USER_DATA);
const userData = app.getPath('userData');
const log = new RotatingLog(join(userData, 'logs', 'main.log'));
/** The one clock every part of the desk reads; an unpackaged build under test may start it at a chosen instant. */
const clock: Clock = (() => {
  try {
    return startClock({
      now: process.env.CAREDESK_NOW,
      since: process.env.CAREDESK_NOW_SINCE,
      testHooks: !app.isPackaged && process.env.CAREDESK_TEST_HOOKS === '1',
    });
  } catch (error) {
    log.error('clock', error);
    return systemClock;
  }
})();
const paths = {
  database: process.env.CAREDESK_DB ?? join(userData, 'caredesk.sqlite'),
  backups: join(userData, 'backups'),
  windowState: join(userData, 'window-state.json'),
  config: join(userData, 'caredesk.json'),
  renderer: join(app.getAppPath(), 'dist', 'renderer'),
  migrations: join(app.getAppPath(), 'drizzle', 'local'),
};

// ---- crash and error log ----
crashReporter.start({ uploadToServer: false });
process.on('uncaughtException', (error) => log.error('main.uncaughtException', error));
process.on('unhandledRejection', (reason) => log.error('main.unhandledRejection', reason));
app.on('render-process-gone', (_event, _contents, details) =>
  log.write({ level: 'error', event: 'renderer.gone', reason: details.reason, exitCode: details.exitCode }),
);
app.on('child-process-gone', (_event, details) =>
  log.write({ level: 'error', event: 'child.gone', type: details.type, reason: details.reason, exitCode: details.exitCode }),
);

// ---- single instance ----
if (!app.requestSingleInstanceLock()) {
  app.quit();
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

// Every web contents, present and future: no navigation, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, externalOrigins());
    if (decision.openExternally) void confirmAndOpenExternally(url);
    return { action: decision.action };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

let mainWindow: BrowserWindow | null = null;
/** The desk core (store, sync, backups, shell services); null until start-up opened it and after quitting. */
let desk: StartedDesk | null = null;
let updater: Updater | null = null;
const deskSession = new DeskSession(clock.now);
const pdfRenderer = electronPdfRenderer();
let writesInFlight = 0;

/** Async work that writes (backups, restores, saves); the updater waits for it. */
async function tracked<T>(work: () => Promise<T>): Promise<T> {
  writesInFlight += 1;
  try {
    return await work();
  } finally {
    writesInFlight -= 1;
  }
}

function currentStore(): Store {
  if (desk === null) throw new Error('The database is not open.');
  return desk.store();
}

/** The current store's sync agent, if the desk is open (status checks must not start one). */
function currentAgent() {
  return desk === null ? null : peekSyncAgent(desk.store());
}

// The help pages a release build names (CAREDESK_HELP_URL at build time); none when run from source.
declare const __CAREDESK_HELP_URL__: string | undefined;
const helpOrigins = typeof __CAREDESK_HELP_URL__ === 'string' && __CAREDESK_HELP_URL__ !== '' ? [__CAREDESK_HELP_URL__] : [];

/** Links allowed out of the app: the help pages and the shop's own sync server. */
function externalOrigins(): string[] {
  const serverUrl = currentAgent()?.pairing()?.serverUrl ?? null;
  return serverUrl === null ? helpOrigins : [...helpOrigins, serverUrl];
}

async function confirmAndOpenExternally(url: string): Promise<void> {
  const question = { type: 'question' as const, ...openExternallyQuestion(url, shopLanguage(desk?.store())) };
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, question) : await dialog.showMessageBox(question);
  if (response === 0) await electronShell.openExternal(url);
}

// Pinned by scripts/build-main.ts from the build environment; absent when run from source.
declare const __CAREDESK_UPDATE_URL__: string | undefined;
const pinnedUpdateUrl = typeof __CAREDESK_UPDATE_URL__ === 'string' && __CAREDESK_UPDATE_URL__ !== '' ? __CAREDESK_UPDATE_URL__ : null;

function readConfig(): { updateFeedUrl?: string } {
  try {
    return JSON.parse(readFileSync(paths.config, 'utf8')) as { updateFeedUrl?: string };
  } catch {
    return {};
  }
}

function builtInFeedUrl(): string | null {
  const file = join(process.resourcesPath ?? '', 'app-update.yml');
  if (!existsSync(file)) return null;
  return /^url:\s*(\S+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? null;
}

async function chooseSavePath(suggestedName: string, kind: SaveKind): Promise<string | null> {
  const filters = {
    pdf: [{ name: 'PDF', extensions: ['pdf'] }],
    report: [{ name: 'Text', extensions: ['txt'] }],
    database: [{ name: 'SQLite database', extensions: ['sqlite'] }],
    csv: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
  }[kind];
  const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

function contextFor(): DeskContext & { shell: ShellServices } {
  const open = desk;
  if (open === null) throw new Error('The database is not open.');
  return {
    store: open.store(),
    session: deskSession,
    now: clock.now,
    requestId: randomUUID(),
    recordError: (error) => {
      open.recentErrors.record(error);
      log.write({ level: 'warn', event: 'desk.error', code: error.code, requestId: error.requestId });
    },
    shell: open.shell,
  };
}

function sendRoute(route: string): void {
  if (!mainWindow) return;
  void mainWindow.loadURL(`${APP_ENTRY_URL}${route}`);
}

async function today(): Promise<string> {
  const settings = getShopSettings(currentStore());
  return todayIn(settings?.timeZone ?? 'UTC', clock.now());
}

async function runMenu(command: MenuCommand): Promise<void> {
  try {
    const route = menuRoutes[command];
    if (route) return sendRoute(route);
    if (command === 'print-day' || command === 'save-day-pdf') {
      const input = { date: await today() };
      if (command === 'print-day') {
        const { buildPrintableSchedule, renderScheduleHtml, geometryOf } = await import('../../files/print/schedule');
        const schedule = buildPrintableSchedule(currentStore(), input, clock.now());
        await printHtmlWithDialog(renderScheduleHtml(schedule), geometryOf(schedule));
        return;
      }
      const result = await renderSchedulePdf(currentStore(), input, { renderer: pdfRenderer, now: clock.now() });
      const path = await chooseSavePath(result.fileName, 'pdf');
      if (path !== null) await tracked(() => writeFileDurably(path, result.pdf, { what: 'the PDF' }));
      return;
    }
    if (command === 'check-for-updates') await updater?.checkNow(true);
  } catch (error) {
    log.error(`menu.${command}`, error);
    dialog.showErrorBox('CareDesk', error instanceof Error ? error.message : String(error));
  }
}

/** The menu in the shop's language, built again when the shop changes its language. */
let menuLanguage: Language | null = null;
function showMenu(): void {
  const language = shopLanguage(desk?.store());
  if (language === menuLanguage) return;
  menuLanguage = language;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ language, platform: process.platform, packaged: app.isPackaged, run: (command) => void runMenu(command) })),
  );
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(
    paths.windowState,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow({
    ...(state.x === undefined || state.y === undefined ? {} : { x: state.x, y: state.y }),
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'CareDesk',
    backgroundColor: '#ffffff',
    webPreferences: { ...secureWebPreferences, preload: join(__dirname, 'preload.cjs') },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    void saveWindowState(paths.windowState, bounds, win.isMaximized()).catch((error: unknown) => log.error('window.state', error));
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.on('window-all-closed', () => app.quit());

app.on('will-quit', () => {
  updater?.stop();
  void pdfRenderer.close();
  // A daily backup under way keeps its store open until it ends; quitting does not wait for it.
  void desk?.stop();
  desk = null;
});

async function start(): Promise<void> {
  log.write({ level: 'info', event: 'app.start', version: app.getVersion(), packaged: app.isPackaged });

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, ...Object.fromEntries(Object.entries(securityHeaders).map(([k, v]) => [k, [v]])) } });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appAssetPath(request.url, paths.renderer, join);
    if (file === null) return new Response('Not found', { status: 404 });
    const served = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(served.headers);
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    return new Response(served.body, { status: served.status, headers });
  });

  try {
    desk = await startDesk({
      dataDir: userData,
      database: paths.database,
      backupDir: paths.backups,
      migrationsFolder: paths.migrations,
      clock,
      // The device token, encrypted by the OS keychain.
      secretsFor: (file) => encryptedSecretStore(safeStorage, `${file}.sync-token`),
      // The message providers' credentials, each encrypted by the OS keychain too.
      messageSecretsFor: (file, name) => encryptedSecretStore(safeStorage, `${file}.${name}`),
      onDailyBackup: (result) =>
        result.ok
          ? log.write({ level: 'info', event: 'backup.daily', name: result.backup.name })
          : log.error('backup.daily', result.error),
      shell: {
        pdfRenderer: { render: (html, page) => tracked(() => pdfRenderer.render(html, page)), close: () => pdfRenderer.close() },
        printHtml: printHtmlWithDialog,
        appVersion: app.getVersion(),
        chooseSavePath,
      },
    });
  } catch (error) {
    log.error('store.open', error);
    dialog.showErrorBox('CareDesk could not open its database', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }

  showMenu();
  // A change of the shop's language is a local write like any other; one from another desk shows by the next focus.
  onOutboxWrite(desk.store(), showMenu);
  app.on('browser-window-focus', showMenu);
  mainWindow = createWindow();
  createIPCHandler({
    router: appRouter,
    windows: [mainWindow],
    createContext: async ({ event }) => {
      // Only the main window's top frame, showing the app, may call the router.
      if (!isTrustedIpcSender(event, mainWindow)) {
        log.write({ level: 'warn', event: 'ipc.refused', url: event.senderFrame?.url ?? null });
        throw new Error('IPC from an untrusted frame was refused.');
      }
      return contextFor();
    },
  });

  updater = startUpdater({
    isPackaged: app.isPackaged,
    feedUrl: updateFeedUrl({
      isPackaged: app.isPackaged,
      pinnedAtBuild: pinnedUpdateUrl,
      runtimeOverride: process.env.CAREDESK_UPDATE_URL ?? readConfig().updateFeedUrl ?? null,
    }),
    builtInFeedUrl: builtInFeedUrl(),
    log,
    window: () => mainWindow,
    // better-sqlite3 writes are synchronous, so a dialog can never interrupt one; the async
    // writes (backups, restores, saved files) are counted. The sync agent adds its own flag here.
    activity: () => ({ writesInFlight, syncInFlight: currentAgent()?.inFlight ?? false }),
    onOutcome: (error) => {
      if (desk !== null) reportUpdateCheck(desk.store(), error, Date.now());
    },
  });
}

void app.whenReady().then(start).catch((error: unknown) => {
  log.error('app.start', error);
  app.quit();
});

