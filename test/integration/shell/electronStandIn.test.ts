import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../src-main/launch/electron/securityPolicy';
import { tempDir } from './fixtures';

/**
 * Issue 9, item 11: the BUILT Electron bundles run against a recording stand-in for the
 * `electron` module (test/support/electronStandIn.cjs), in a child Node process so nothing leaks
 * into the test runner. A broken import, a missing export or a wrong API call in the shell fails
 * here, on machines without the Electron binary (the real smoke test is test/electron/smoke.spec.ts).
 */

const root = resolve(__dirname, '../../..');
const bundleDir = join(root, 'dist', 'main', 'electron');
const standIn = join(root, 'test', 'support', 'electronStandIn.cjs');
const pinnedFeed = 'https://updates.example.test/caredesk-pinned';
const dir = tempDir('caredesk-standin-');

interface Call {
  name: string;
  args: unknown[];
}
interface Report {
  calls: Call[];
  databases: { file: string; open: boolean }[];
  probes: Record<string, unknown> & { openBeforeQuit: string[] };
  errors: string[];
  windows: number;
  fatal?: string;
  before?: number;
}

const run = (which: 'main' | 'preload', env: Record<string, string> = {}): Report => {
  const out = execFileSync(process.execPath, [standIn, which, bundleDir, dir], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Report;
};

beforeAll(() => {
  // The real build, with an update feed and help pages pinned from the build environment.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-main.ts'], {
    cwd: root,
    env: { ...process.env, CAREDESK_UPDATE_URL: pinnedFeed, CAREDESK_HELP_URL: 'https://help.example.com' },
    stdio: 'pipe',
    timeout: 120_000,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built Electron shell against a stand-in electron module', () => {
  let report: Report;
  const userData = join(dir, 'user-data');
  const named = (name: string) => report.calls.filter((call) => call.name === name);

  beforeAll(() => {
    report = run('main', { CAREDESK_USER_DATA: userData, CAREDESK_UPDATE_URL: 'https://evil.example/feed' });
  });

  it('starts without an error and opens the store in the data folder', () => {
    expect(report.fatal).toBeUndefined();
    expect(report.errors).toEqual([]);
    expect(named('app.setPath')[0]?.args).toEqual(['userData', userData]);
    expect(report.probes.openBeforeQuit).toEqual([join(userData, 'caredesk.sqlite')]);
    expect(named('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(named('crashReporter.start')[0]?.args).toEqual([{ uploadToServer: false }]);
  });

  it('registers only the tRPC channel and serves the app from its own scheme', () => {
    expect([...named('ipcMain.on'), ...named('ipcMain.handle')].map((call) => call.args[0])).toEqual(['trpc-electron']);
    expect(named('protocol.handle').map((call) => call.args[0])).toEqual(['caredesk']);
    expect(report.probes.foreignHost).toBe(404);
  });

  it('opens one window with the secure options and the app URL', () => {
    expect(report.windows).toBe(1);
    const options = named('new BrowserWindow')[0]!.args[0] as { webPreferences: Record<string, unknown> };
    // What the policy says (checked value by value in electronSecurity.test.ts) is what the window gets.
    expect(options.webPreferences).toEqual({ ...secureWebPreferences, preload: join(bundleDir, 'preload.cjs') });
    expect(named('win.loadURL')[0]?.args).toEqual(['caredesk://app/index.html']);
  });

  it('installs the handlers: no new windows, no navigation, no permissions, the CSP on every response', () => {
    expect(report.probes.windowOpen).toEqual([[{ action: 'deny' }, { action: 'deny' }]]);
    expect(report.probes.navigation).toEqual([
      { event: 'will-navigate', prevented: true },
      { event: 'will-redirect', prevented: true },
    ]);
    expect(named('webContents.on').map((call) => call.args[0])).toContain('will-attach-webview');
    expect(report.probes.permissions).toEqual([false, false, false]);
    expect(named('session.setPermissionCheckHandler')).toHaveLength(1);
    const headers = (report.probes.headers as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self';/);
    // A help link is asked about first; the stand-in person says Cancel, so nothing opens.
    expect(report.probes.helpLink).toEqual({ action: 'deny' });
    expect(report.probes.helpLinkAsked).toEqual([expect.objectContaining({ message: 'Open help.example.com in your web browser?' })]);
    expect(named('shell.openExternal')).toEqual([]);
  });

  it('builds the menu before the window', () => {
    const labels = named('Menu.buildFromTemplate')[0]?.args[0];
    expect(labels).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(named('Menu.setApplicationMenu')).toHaveLength(1);
    const order = report.calls.map((call) => call.name);
    expect(order.indexOf('Menu.setApplicationMenu')).toBeLessThan(order.indexOf('new BrowserWindow'));
  });

  it('quits cleanly: every database it opened is closed', () => {
    expect(named('app.quit')).toHaveLength(1);
    expect(report.databases.length).toBeGreaterThan(0);
    expect(report.databases.filter((db) => db.open)).toEqual([]);
  });

  it('pins the update feed from the build environment into the bundle', () => {
    const bundle = readFileSync(join(bundleDir, 'main.cjs'), 'utf8');
    expect(bundle).toContain(JSON.stringify(pinnedFeed));
    expect(bundle).not.toContain('__CAREDESK_UPDATE_URL__ !==');
  });
});

describe('the built preload against a stand-in electron module', () => {
  it('exposes the tRPC channel and nothing else, once the page has loaded', () => {
    const report = run('preload');
    expect(report.fatal).toBeUndefined();
    expect(report.before).toBe(0);
    expect(report.calls).toEqual([{ name: 'contextBridge.exposeInMainWorld', args: ['electronTRPC', ['sendMessage', 'onMessage']] }]);
  });
});
