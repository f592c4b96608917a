/**
 * Bundles the Electron main process and its preload with esbuild:
 *   dist/main/electron/main.cjs     (package.json "main")
 *   dist/main/electron/preload.cjs  (sandboxed preload: everything inlined but 'electron')
 * electron and better-sqlite3 (native) stay external; so do electron-updater (loaded from the
 * packaged node_modules) and playwright-core (browser mode only, never loaded in Electron).
 */
import { build, type BuildOptions } from 'esbuild';

const production = process.env.NODE_ENV !== 'development';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  minify: false,
  legalComments: 'none',
  logLevel: 'info',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await build({
  ...common,
  entryPoints: { main: 'src-main/launch/electron/main.ts' },
  outdir: 'dist/main/electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3', 'electron-updater', 'playwright-core'],
  // The store resolves drizzle/local relative to its own module URL (three folders up); in the
  // bundle that URL is dist/main/electron/main.cjs, so dist/main/electron/../../../drizzle/local is
  // the app's folder.
  // The update feed is pinned here, from the build environment: a packaged desk ignores the
  // variable at run time (securityPolicy.updateFeedUrl).
  define: {
    ...common.define,
    'import.meta.url': '__caredeskModuleUrl',
    __CAREDESK_UPDATE_URL__: JSON.stringify(process.env.CAREDESK_UPDATE_URL ?? ''),
    __CAREDESK_HELP_URL__: JSON.stringify(process.env.CAREDESK_HELP_URL ?? ''),
  },
  banner: { js: "const __caredeskModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'main.cjs')).href;" },
});

await build({
  ...common,
  entryPoints: { preload: 'src-main/launch/electron/preload.ts' },
  outdir: 'dist/main/electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  platform: 'browser',
  // A sandboxed preload can only require('electron') and a few polyfills.
  mainFields: ['module', 'main'],
  conditions: ['require'],
});
