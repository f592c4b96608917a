import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  appAssetPath,
  canOfferRestart,
  contentSecurityPolicy,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedIpcSender,
  menuCommands,
  openExternallyQuestion,
  preloadExposes,
  printWebPreferences,
  secureWebPreferences,
  securityHeaders,
  updateFeedUrl,
  updaterEnabled,
  windowOpenDecision,
} from '../../../src-main/launch/electron/securityPolicy';
import { contentSecurityPolicy as browserModePolicy } from '../../../src-main/launch/web/server';

/** Acceptance 4 of issue 6 (first half): the Electron security settings as written in code. */

const root = resolve(__dirname, '../../..');
const source = (file: string) => readFileSync(join(root, 'src-main/launch/electron', file), 'utf8');

describe('Electron security policy', () => {
  it('window options isolate the renderer', () => {
    // The page runs isolated and sandboxed, under the web's own rules…
    expect(secureWebPreferences).toMatchObject({ contextIsolation: true, sandbox: true, webSecurity: true });
    // …and each way from it to Node, insecure content, experimental features or <webview> is off.
    const waysOut = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag'] as const;
    for (const option of waysOut) expect(secureWebPreferences[option], option).toBe(false);
    expect(printWebPreferences).toMatchObject({ sandbox: true, contextIsolation: true, javascript: false });
    // main.ts builds the window from exactly these options and the bundled preload.
    expect(source('main.ts')).toMatch(/webPreferences: \{ \.\.\.secureWebPreferences, preload: join\(__dirname, 'preload\.cjs'\) \}/);
  });

  it('the preload exposes the tRPC channel and nothing else', () => {
    expect(preloadExposes).toEqual(['electronTRPC']);
    const preload = source('preload.ts').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(preload).toMatch(/import \{ exposeElectronTRPC \} from 'trpc-electron\/main'/);
    expect(preload).not.toMatch(/contextBridge|ipcRenderer|require\(/);
    const trpcElectron = readFileSync(join(root, 'node_modules/trpc-electron/dist/main.mjs'), 'utf8');
    expect([...trpcElectron.matchAll(/exposeInMainWorld\("(\w+)"/g)].map((m) => m[1])).toEqual(['electronTRPC']);
  });

  it('a strict CSP: scripts only from the app, no inline script, no eval, no network, no frames', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*|https?:/);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(securityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
    // No inline styles: the same style rule browser mode sends (and its e2e suite renders under).
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    const browserDirectives = Object.fromEntries(browserModePolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['style-src']).toEqual(browserDirectives['style-src']);
    const main = source('main.ts');
    expect(main).toMatch(/onHeadersReceived/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME/);
  });

  it('navigation, new windows and permission requests are denied', () => {
    for (const url of [APP_ENTRY_URL, 'https://example.org', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(isNavigationAllowed(url)).toBe(false);
      expect(windowOpenDecision(url, []).action).toBe('deny');
    }
    const help = ['https://help.example.com'];
    expect(windowOpenDecision('https://help.example.com/desk', help).openExternally).toBe(true);
    expect(windowOpenDecision('https://help.example.com/desk', []).openExternally).toBe(false);
    expect(windowOpenDecision('http://insecure.example', help).openExternally).toBe(false);
    // Only allowed origins leave the app: any other https page is refused.
    expect(windowOpenDecision('https://evil.example/phish', help).openExternally).toBe(false);
    expect(windowOpenDecision('https://help.example.com.evil.example/', help).openExternally).toBe(false);
    expect(windowOpenDecision('https://user:pw@help.example.com/', help).openExternally).toBe(false);
    const withServer = [...help, 'https://sync.myshop.example:8787'];
    expect(windowOpenDecision('https://sync.myshop.example:8787/status', withServer).openExternally).toBe(true);
    expect(windowOpenDecision('https://sync.myshop.example/status', withServer).openExternally).toBe(false);
    // …and the shell asks the person before opening anything.
    expect(source('main.ts')).toMatch(/openExternally\) void confirmAndOpenExternally\(url\)/);
    expect(source('main.ts')).toMatch(/if \(response === 0\) await electronShell\.openExternal\(url\)/);
    expect(windowOpenDecision('file:///etc/passwd', help).openExternally).toBe(false);
    // The question names the site and speaks the shop's language; Cancel is the default.
    const english = openExternallyQuestion('https://help.example.com/desk', 'en');
    expect(english).toMatchObject({ message: 'Open help.example.com in your web browser?', buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1 });
    const spanish = openExternallyQuestion('https://help.example.com/desk', 'es');
    expect(spanish.message).toBe('¿Abrir help.example.com en tu navegador?');
    expect(spanish.buttons).toEqual(['Abrir en el navegador', 'Cancelar']);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
    const main = source('main.ts');
    for (const handler of ['setWindowOpenHandler', "'will-navigate'", "'will-redirect'", "'will-attach-webview'", 'setPermissionRequestHandler', 'setPermissionCheckHandler']) {
      expect(main).toContain(handler);
    }
  });

  it('IPC is served only to the main window’s top frame showing the app', () => {
    const mainFrame = { url: `${APP_ORIGIN}/index.html#/today`, parent: null };
    const webContents = { mainFrame };
    const win = { isDestroyed: () => false, webContents };
    expect(isTrustedIpcSender({ sender: webContents, senderFrame: mainFrame }, win)).toBe(true);
    const child = { url: `${APP_ORIGIN}/index.html`, parent: mainFrame };
    expect(isTrustedIpcSender({ sender: webContents, senderFrame: child }, win)).toBe(false);
    expect(isTrustedIpcSender({ sender: { mainFrame }, senderFrame: mainFrame }, win)).toBe(false);
    const elsewhere = { url: 'https://evil.example/', parent: null };
    expect(isTrustedIpcSender({ sender: { mainFrame: elsewhere }, senderFrame: elsewhere }, { isDestroyed: () => false, webContents: { mainFrame: elsewhere } })).toBe(false);
    expect(isTrustedIpcSender({ sender: webContents, senderFrame: null }, win)).toBe(false);
    expect(isTrustedIpcSender({ sender: webContents, senderFrame: mainFrame }, null)).toBe(false);
    expect(isTrustedIpcSender({ sender: webContents, senderFrame: mainFrame }, { ...win, isDestroyed: () => true })).toBe(false);
    expect(source('main.ts')).toMatch(/createContext: async \(\{ event \}\) => \{[\s\S]*?isTrustedIpcSender\(event, mainWindow\)/);
  });

  it('the app scheme serves only files inside the renderer folder', () => {
    expect(appAssetPath(`${APP_ORIGIN}/index.html`, '/r', join)).toBe('/r/index.html');
    expect(appAssetPath(`${APP_ORIGIN}/`, '/r', join)).toBe('/r/index.html');
    expect(appAssetPath(`${APP_ORIGIN}/assets/a.js`, '/r', join)).toBe('/r/assets/a.js');
    // The URL parser folds dot segments away, so a traversal attempt stays inside the folder.
    expect(appAssetPath(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, '/r', join)).toBe('/r/etc/passwd');
    expect(appAssetPath(`${APP_ORIGIN}/a/%252e%252e/x`, '/r', join)).toBe('/r/a/%2e%2e/x'); // a literal name, not a parent
    expect(appAssetPath(`${APP_ORIGIN}/..%5c..%5cx`, '/r', join)).toBeNull();
    expect(appAssetPath('caredesk://other/index.html', '/r', join)).toBeNull();
    expect(appAssetPath('file:///etc/passwd', '/r', join)).toBeNull();
  });

  it('single instance, crash log, menu and updater rules are in place', () => {
    const main = source('main.ts');
    expect(main).toContain('requestSingleInstanceLock()');
    expect(main).toMatch(/crashReporter\.start\(\{ uploadToServer: false \}\)/);
    expect(main).toMatch(/new RotatingLog\(join\(userData, 'logs', 'main\.log'\)\)/);
    expect(menuCommands).toEqual(['new', 'today', 'print-day', 'save-day-pdf', 'support-report', 'backups', 'check-for-updates']);
    expect(updaterEnabled({ isPackaged: false, feedUrl: 'https://u.example', env: {} })).toBe(false);
    expect(updaterEnabled({ isPackaged: true, feedUrl: null, env: {} })).toBe(false);
    expect(updaterEnabled({ isPackaged: true, feedUrl: 'http://u.example', env: {} })).toBe(false);
    expect(updaterEnabled({ isPackaged: true, feedUrl: 'https://u.example', env: { NODE_ENV: 'development' } })).toBe(false);
    expect(updaterEnabled({ isPackaged: true, feedUrl: 'https://u.example', env: {} })).toBe(true);
    expect(canOfferRestart({ writesInFlight: 0, syncInFlight: false })).toBe(true);
    // A packaged desk takes its feed from the build, never from the environment or a user file.
    const pinned = 'https://updates.example.com/caredesk/stable';
    expect(updateFeedUrl({ isPackaged: true, pinnedAtBuild: pinned, runtimeOverride: 'https://evil.example' })).toBe(pinned);
    expect(updateFeedUrl({ isPackaged: true, pinnedAtBuild: null, runtimeOverride: 'https://evil.example' })).toBeNull();
    expect(updateFeedUrl({ isPackaged: false, pinnedAtBuild: pinned, runtimeOverride: 'https://test.example' })).toBe('https://test.example');
    expect(updateFeedUrl({ isPackaged: false, pinnedAtBuild: pinned, runtimeOverride: null })).toBe(pinned);
    expect(source('main.ts')).not.toMatch(/feedUrl: process\.env/);
    expect(canOfferRestart({ writesInFlight: 1, syncInFlight: false })).toBe(false);
    expect(canOfferRestart({ writesInFlight: 0, syncInFlight: true })).toBe(false);
  });
});
