/**
 * Every security-relevant choice of the Electron shell, as data and pure functions with no
 * Electron import, so a plain Node test (test/unit/shell/electronSecurity.test.ts) checks exactly
 * what main.ts applies.
 */

import { contentSecurityPolicyFor } from '../shell/contentSecurityPolicy';
import { tIn, type Language } from '../../../src-shared/i18n';

/** The renderer is served from this privileged custom scheme (never file://, never http). */
export const APP_SCHEME = 'caredesk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** BrowserWindow webPreferences for the main window (preload path added at runtime). */
export const secureWebPreferences = {
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

/** The hidden window that renders the schedule for printing: no preload, no script at all. */
export const printWebPreferences = {
  ...secureWebPreferences,
  javascript: false,
} as const;

/** Content-Security-Policy for every response of the app scheme: the renderer talks over IPC only. */
export const contentSecurityPolicy = contentSecurityPolicyFor('ipc');

/** Headers added to every app-scheme response. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** The renderer never navigates away: in-app routing is client-side. Every navigation is denied. */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/**
 * New windows are always denied. A link may be handed to the system browser only if it is https
 * and on an allowed origin (the help pages the build names, the shop's own sync server); main.ts asks the
 * person first. Anything else is refused.
 */
export function windowOpenDecision(
  url: string,
  allowedOrigins: readonly string[],
): { action: 'deny'; openExternally: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny', openExternally: false };
  }
  const allowed = new Set(
    allowedOrigins.flatMap((origin) => {
      try {
        return [new URL(origin).origin];
      } catch {
        return [];
      }
    }),
  );
  const external =
    parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && allowed.has(parsed.origin);
  return { action: 'deny', openExternally: external };
}

/** The question asked before a link leaves the app, in the shop's language. */
export function openExternallyQuestion(url: string, language: Language): {
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
} {
  const t = tIn(language, 'menu');
  return {
    message: t('openLinkQuestion', { host: new URL(url).host }),
    detail: url,
    buttons: [t('openLinkOpen'), t('openLinkCancel')],
    defaultId: 1,
    cancelId: 1,
  };
}

/** Camera, microphone, notifications, geolocation … none is ever granted. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** What the preload puts on window: the tRPC channel, nothing else. */
export const preloadExposes = ['electronTRPC'] as const;

/** The structural shape of an IPC event / window that the sender check needs. */
export interface IpcSenderLike {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}
export interface MainWindowLike {
  isDestroyed(): boolean;
  webContents: { mainFrame: unknown };
}

/**
 * An IPC message is served only if it comes from the main window's top frame showing the app:
 * not a subframe, not another window, not a page that somehow navigated elsewhere.
 */
export function isTrustedIpcSender(event: IpcSenderLike, mainWindow: MainWindowLike | null): boolean {
  if (mainWindow === null || mainWindow.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (frame === null || event.sender !== mainWindow.webContents) return false;
  if (frame !== mainWindow.webContents.mainFrame || frame.parent !== null) return false;
  return frame.url === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Resolve a request path of the app scheme inside the renderer folder, refusing traversal. */
export function appAssetPath(
  requestUrl: string,
  rendererDir: string,
  join: (...parts: string[]) => string,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const path = decodeURIComponent(url.pathname);
  if (path.split('/').some((part) => part === '..') || path.includes('\\') || path.includes('\0')) return null;
  const relative = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  return join(rendererDir, relative);
}

// ---- Updates ----

export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Updates run only in a packaged app with a feed configured, never in development. */
export function updaterEnabled(options: {
  isPackaged: boolean;
  feedUrl: string | null | undefined;
  env: Record<string, string | undefined>;
}): boolean {
  if (!options.isPackaged) return false;
  if (options.env.CAREDESK_DISABLE_UPDATES === '1' || options.env.NODE_ENV === 'development') return false;
  return typeof options.feedUrl === 'string' && /^https:\/\//.test(options.feedUrl);
}

/**
 * Where updates come from. A packaged app uses only the address pinned at build time (or the one
 * electron-builder wrote into its own app-update.yml): an environment variable or a file in the
 * user's data folder must not be able to point a shop's desk at another feed. Run-time overrides
 * are honoured only in a development (unpackaged) run, where they are useful for testing.
 */
export function updateFeedUrl(options: {
  isPackaged: boolean;
  pinnedAtBuild: string | null;
  runtimeOverride: string | null;
}): string | null {
  if (!options.isPackaged && options.runtimeOverride) return options.runtimeOverride;
  return options.pinnedAtBuild || null;
}

/** "Restart to update" is offered only when nothing is being written or synced. */
export function canOfferRestart(activity: { writesInFlight: number; syncInFlight: boolean }): boolean {
  return activity.writesInFlight === 0 && !activity.syncInFlight;
}

// ---- Menu ----

export const menuCommands = [
  'new',
  'today',
  'print-day',
  'save-day-pdf',
  'support-report',
  'backups',
  'check-for-updates',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** The IPC-free way the menu tells the renderer what to do: a hash route it can watch. */
export const menuRoutes: Partial<Record<MenuCommand, string>> = {
  new: '#/today?new=1',
  today: '#/today',
  'support-report': '#/recovery?report=1',
  backups: '#/settings/backups',
};
