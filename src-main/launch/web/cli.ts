import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDailyBackups } from '../../agents/backup/schedule';
import { startDesk, type StartedDesk } from '../desk/startDesk';
import { chromiumPdfRenderer } from '../../files/print/pdf';
import { fileSecretStore } from '../../agents/sync/secrets';
import type { Fetch } from '../../agents/sync/transport';
import { startWebServer, type WebServer } from './server';
import { isAppError } from '../../../src-shared/errors';
import { startClock, type Clock } from '../../../src-shared/clock';
import { languageSchema, languages } from '../../../src-shared/i18n/languages';

/** `npm run start:web [-- --data <dir>] [--demo] [--port <n>]`: CareDesk in a normal browser. */

/** The same folder Electron uses as its userData, so both modes open the same shop. */
function defaultDataDir(): string {
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'CareDesk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'CareDesk');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'CareDesk');
}

const here = dirname(fileURLToPath(import.meta.url));

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(here, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const positiveMs = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
};

const program = new Command()
  .name('caredesk-web')
  .description('Run CareDesk in a browser on this machine (127.0.0.1 only).')
  .option('--data <dir>', 'database folder', defaultDataDir())
  .option('--demo', 'fill an empty database with a demo shop', false)
  .option('--port <port>', 'port on 127.0.0.1 (default: any free port)', (value) => Number.parseInt(value, 10))
  .option('--static <dir>', 'built renderer folder', resolve(here, '..', '..', '..', 'dist', 'renderer'))
  .option(
    '--time-zone <zone>',
    'time zone of a new demo shop',
    Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  )
  .option('--language <code>', `language of a new demo shop (${languages.join(', ')}; default: that of the time zone's country)`)
  .option('--now <instant>', 'tests only (CAREDESK_TEST_HOOKS=1): start the clock at this ISO instant (env CAREDESK_NOW)', process.env.CAREDESK_NOW);

program.parse();
const opts = program.opts<{ data: string; demo: boolean; port?: number; static: string; timeZone: string; language?: string; now?: string }>();
const demoLanguage = opts.language === undefined ? undefined : languageSchema.safeParse(opts.language);
if (demoLanguage !== undefined && !demoLanguage.success) {
  console.error(`CareDesk did not start: --language must be one of ${languages.join(', ')}.`);
  process.exit(1);
}
const testHooks = process.env.CAREDESK_TEST_HOOKS === '1';
/** The one clock of this desk; a test may start it at the shop time it needs (src-shared/clock.ts). */
let startedClock: Clock;
try {
  startedClock = startClock({ now: opts.now, since: process.env.CAREDESK_NOW_SINCE, testHooks });
} catch (error) {
  if (!isAppError(error)) throw error;
  console.error(`CareDesk did not start: ${error.message}`);
  process.exit(1);
}
/**
 * Test hooks for the sync agent (only with CAREDESK_TEST_HOOKS=1): a slow server (every answer
 * held back `delayMs`), and a desk clock offset (a change "waiting for minutes" without waiting).
 */
const hooks = { syncDelayMs: 0, clockOffsetMs: 0 };
const now = () => startedClock.now() + hooks.clockOffsetMs;

const dataDir = resolve(opts.data);
// Browser mode has no save dialog: saved PDFs, support reports and exports go here.
const savedDir = join(dataDir, 'saved');
const slowFetch: Fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (hooks.syncDelayMs > 0) await new Promise((done) => setTimeout(done, hooks.syncDelayMs));
  return response;
};
const maxBackoffMs = positiveMs(process.env.CAREDESK_SYNC_MAX_BACKOFF_MS);
const idleIntervalMs = positiveMs(process.env.CAREDESK_SYNC_IDLE_MS);

const pdfRenderer = chromiumPdfRenderer();
let desk: StartedDesk;
try {
  desk = await startDesk({
    dataDir,
    clock: { now },
    // The device token, readable only by this user (mode 0600; see src-main/agents/sync/secrets.ts).
    secretsFor: () => fileSecretStore(join(dataDir, 'sync-token')),
    sync: {
      ...(testHooks ? { fetch: slowFetch } : {}),
      ...(idleIntervalMs ? { idleIntervalMs } : {}),
      ...(maxBackoffMs ? { backoff: { baseMs: Math.min(1_000, maxBackoffMs), maxMs: maxBackoffMs } } : {}),
    },
    ...(opts.demo ? { demo: { timeZone: opts.timeZone, ...(demoLanguage?.success ? { language: demoLanguage.data } : {}) } } : {}),
    onDailyBackup: (result) => {
      if (!result.ok)
        console.error(
          `The daily backup failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
        );
    },
    shell: { pdfRenderer, appVersion: appVersion(), outputDir: savedDir },
  });
} catch (error) {
  // A database CareDesk cannot open (newer app, unreadable file, failed upgrade) is said plainly, not as a stack.
  if (!isAppError(error)) throw error;
  console.error(`CareDesk could not open ${join(dataDir, 'caredesk.sqlite')}:\n  ${error.message} (${error.code})`);
  console.error(`Backups are in ${join(dataDir, 'backups')}.`);
  process.exit(1);
}
if (desk.demoAdded !== null) {
  console.log(desk.demoAdded ? 'Demo shop created.' : 'This data folder already holds a shop; the demo was not added.');
}

const web: WebServer = await startWebServer({
  store: desk.store(),
  shell: desk.shell,
  recentErrors: desk.recentErrors,
  now,
  staticDir: opts.static,
  ...(opts.port === undefined || Number.isNaN(opts.port) ? {} : { port: opts.port }),
  // A fixed key only for automated tests (Playwright scripts the desk with it); never a launch link.
  ...(testHooks && process.env.CAREDESK_WEB_TOKEN ? { testKey: process.env.CAREDESK_WEB_TOKEN } : {}),
  // Each launch link works once: when one is used, the link for another window is printed.
  onLaunchUrl: (link) => console.log(`For another window, open: ${link}`),
  testHooks,
  onTestHook: async (path, body) => {
    if (path === '/__test/sync') {
      if (typeof body.delayMs === 'number') hooks.syncDelayMs = Math.max(0, Math.min(30_000, body.delayMs));
      if (body.paused === true) await desk.agent().stop();
      if (body.paused === false) desk.agent().start();
      return true;
    }
    if (path === '/__test/jobs') {
      // Long work steps this slowly, so a test can watch a progress bar and cancel it.
      desk.jobs.pace(Math.min(5_000, Number(body.paceMs) || 0));
      return true;
    }
    if (path === '/__test/clock') {
      // Either an offset, or the instant the desk's clock should read now.
      hooks.clockOffsetMs = typeof body.at === 'number' ? body.at - startedClock.now() : Number(body.offsetMs) || 0;
      return true;
    }
    if (path === '/__test/daily-backup-fails') {
      // One automatic backup into a folder that cannot be made (a file holds its name): the real failure path.
      const blocker = join(dataDir, 'blocked-backups');
      writeFileSync(blocker, '');
      const failing = startDailyBackups({ dir: join(blocker, 'backups'), getStore: desk.store, now });
      await failing.runNow();
      failing.stop();
      return true;
    }
    return false;
  },
  log: (line) => console.error(line),
});
desk.onSwap((next) => web.setStore(next));
console.log(`CareDesk data: ${dataDir}`);
if (testHooks) console.log('Test hooks are ON (CAREDESK_TEST_HOOKS=1). Never use this for a real shop.');
console.log(`CareDesk is running. Open: ${web.launchUrl}`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void Promise.allSettled([web.close(), pdfRenderer.close()])
    .then(() => desk.stop())
    .finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
