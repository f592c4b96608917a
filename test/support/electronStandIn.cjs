/* eslint-disable */
/**
 * Runs a BUILT Electron bundle (main.cjs or preload.cjs) in plain Node against a recording
 * stand-in for the `electron` module, for machines without the Electron binary. Every call the
 * bundle makes is recorded; the scenario then drives the recorded handlers like Electron would
 * (ready, a window-open request, a navigation, a permission request, a response, quit) and prints
 * one JSON report on stdout. The database is real: better-sqlite3 is wrapped only to record when
 * a file is opened and closed.
 *
 *   node electronStandIn.cjs main <dist/main/electron> <userData>
 *   node electronStandIn.cjs preload <dist/main/electron>
 */
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const path = require('node:path');

const [, , which, bundleDir, userData] = process.argv;
const calls = [];
const record = (name, ...args) => calls.push({ name, args: args.map(describe) });
function describe(value) {
  if (typeof value === 'function') return '[function]';
  try {
    return JSON.parse(JSON.stringify(value ?? null));
  } catch {
    return String(value);
  }
}

// ---- the recording stand-in ----
const handlers = { windowOpen: [], navigate: [], permissionRequest: null, permissionCheck: null, headers: null, protocol: {}, ipc: {} };
const paths = { userData: path.join(userData ?? '/nonexistent', 'default'), documents: '/tmp' };
let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));

class StandInApp extends EventEmitter {
  isPackaged = false;
  setPath(name, value) { record('app.setPath', name, value); paths[name] = value; }
  getPath(name) { return paths[name] ?? path.join(paths.userData, name); }
  getAppPath() { return path.resolve(bundleDir, '..', '..', '..'); }
  getVersion() { return '0.0.0-standin'; }
  requestSingleInstanceLock() { record('app.requestSingleInstanceLock'); return true; }
  whenReady() { return ready; }
  quit() {
    record('app.quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    this.emit('will-quit', event);
    this.emit('quit', event, 0);
  }
}
const app = new StandInApp();

let contentsId = 0;
class StandInWebContents extends EventEmitter {
  id = (contentsId += 1);
  mainFrame = { url: '', parent: null };
  setWindowOpenHandler(handler) { record('webContents.setWindowOpenHandler'); handlers.windowOpen.push(handler); }
  on(event, listener) {
    record('webContents.on', event);
    if (event === 'will-navigate' || event === 'will-redirect') handlers.navigate.push({ event, listener });
    return super.on(event, listener);
  }
  isDestroyed() { return false; }
  send(...args) { record('webContents.send', args[0]); }
}

class StandInBrowserWindow extends EventEmitter {
  static windows = [];
  constructor(options) {
    super();
    record('new BrowserWindow', options);
    this.options = options;
    this.webContents = new StandInWebContents();
    StandInBrowserWindow.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) { record('win.loadURL', url); this.webContents.mainFrame.url = url; return Promise.resolve(); }
  maximize() {}
  show() {}
  isDestroyed() { return false; }
  isMinimized() { return false; }
  isMaximized() { return false; }
  getNormalBounds() { return { x: 0, y: 0, width: 1200, height: 800 }; }
  destroy() {}
}

const electron = {
  app,
  BrowserWindow: StandInBrowserWindow,
  crashReporter: { start: (options) => record('crashReporter.start', options) },
  dialog: {
    showErrorBox: (title, content) => record('dialog.showErrorBox', title, content),
    showMessageBox: async (...args) => { record('dialog.showMessageBox', args.at(-1)); return { response: 1 }; },
    showSaveDialog: async () => ({ canceled: true }),
  },
  Menu: {
    buildFromTemplate: (template) => { record('Menu.buildFromTemplate', template.map((item) => item.label ?? item.role)); return { template }; },
    setApplicationMenu: (menu) => record('Menu.setApplicationMenu', menu === null ? null : 'menu'),
  },
  net: { fetch: async (url) => { record('net.fetch', url); return new Response('stand-in'); } },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes),
    handle: (scheme, handler) => { record('protocol.handle', scheme); handlers.protocol[scheme] = handler; },
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain) => Buffer.from(`enc:${plain}`),
    decryptString: (data) => data.toString().replace(/^enc:/, ''),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler) => { record('session.setPermissionRequestHandler'); handlers.permissionRequest = handler; },
      setPermissionCheckHandler: (handler) => { record('session.setPermissionCheckHandler'); handlers.permissionCheck = handler; },
      webRequest: { onHeadersReceived: (handler) => { record('session.webRequest.onHeadersReceived'); handlers.headers = handler; } },
    },
  },
  shell: { openExternal: async (url) => record('shell.openExternal', url) },
  ipcMain: {
    on: (channel, listener) => { record('ipcMain.on', channel); handlers.ipc[channel] = listener; },
    handle: (channel) => record('ipcMain.handle', channel),
  },
  // The preload side.
  contextBridge: { exposeInMainWorld: (key, api) => record('contextBridge.exposeInMainWorld', key, Object.keys(api)) },
  ipcRenderer: { send: (channel) => record('ipcRenderer.send', channel), on: (channel) => record('ipcRenderer.on', channel) },
};

// ---- a real better-sqlite3, recording opens and closes ----
const RealDatabase = require('better-sqlite3');
const databases = [];
function RecordingDatabase(file, options) {
  const db = new RealDatabase(file, options);
  const entry = { file, open: true };
  databases.push(entry);
  const close = db.close.bind(db);
  db.close = () => { entry.open = false; return close(); };
  return db;
}
Object.setPrototypeOf(RecordingDatabase, RealDatabase);
RecordingDatabase.prototype = RealDatabase.prototype;

const standIns = { electron, 'better-sqlite3': RecordingDatabase };
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request in standIns) return `standin:${request}`;
  return resolveFilename.call(this, request, parent, ...rest);
};
for (const [name, exports] of Object.entries(standIns)) {
  const module = new Module(`standin:${name}`);
  module.exports = exports;
  module.loaded = true;
  require.cache[`standin:${name}`] = module;
}

const report = (extra) => {
  process.stdout.write(`${JSON.stringify({ calls, databases, ...extra })}\n`);
};

async function runMain() {
  const errors = [];
  process.on('uncaughtException', (error) => errors.push(String(error?.stack ?? error)));
  require(path.join(bundleDir, 'main.cjs'));
  const loaded = calls.length;
  readyResolve();
  // Let start() run to the end (the store opens synchronously, the rest is promise chains).
  for (let i = 0; i < 50 && !calls.some((c) => c.name === 'new BrowserWindow'); i += 1) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));

  const probes = {};
  probes.windowOpen = handlers.windowOpen.map((handler) => [
    handler({ url: 'https://evil.example/phish' }),
    handler({ url: 'file:///etc/passwd' }),
  ]);
  const dialogsBefore = calls.filter((c) => c.name === 'dialog.showMessageBox').length;
  probes.helpLink = handlers.windowOpen[0]?.({ url: 'https://help.example.com/desk' }) ?? null;
  await new Promise((r) => setTimeout(r, 50));
  // The stand-in's dialog answers "Cancel": the link must have been asked about and not opened.
  probes.helpLinkAsked = calls.filter((c) => c.name === 'dialog.showMessageBox').slice(dialogsBefore).map((c) => c.args[0]);
  probes.navigation = handlers.navigate.map(({ event, listener }) => {
    let prevented = false;
    listener({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    return { event, prevented };
  });
  probes.permissions = await Promise.all(
    ['media', 'geolocation', 'notifications'].map(
      (permission) => new Promise((resolve) => handlers.permissionRequest?.({}, permission, resolve) ?? resolve('no handler')),
    ),
  );
  probes.headers = await new Promise((resolve) =>
    handlers.headers ? handlers.headers({ responseHeaders: { 'Content-Type': ['text/html'] } }, resolve) : resolve(null),
  );
  const appHandler = handlers.protocol.caredesk;
  probes.foreignHost = appHandler ? (await appHandler(new Request('caredesk://elsewhere/index.html'))).status : null;
  probes.openBeforeQuit = databases.filter((d) => d.open).map((d) => d.file);

  app.quit();
  await new Promise((r) => setTimeout(r, 200));
  report({ loaded, probes, errors, windows: StandInBrowserWindow.windows.length });
  process.exit(0);
}

async function runPreload() {
  require(path.join(bundleDir, 'preload.cjs'));
  const before = calls.length;
  process.emit('loaded');
  report({ before });
}

(which === 'preload' ? runPreload() : runMain()).catch((error) => {
  report({ fatal: String(error?.stack ?? error) });
  process.exit(1);
});
