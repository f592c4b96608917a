import { Command } from 'commander';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../demo/seed';
import { openStore } from '../store/open';
import { startWebServer } from './server';

/** `npm run start:web [-- --data <dir>] [--demo] [--port <n>]`: CareDesk in a normal browser. */

function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'CareDesk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'CareDesk');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'CareDesk');
}

const here = dirname(fileURLToPath(import.meta.url));

const program = new Command()
  .name('caredesk-web')
  .description('Run CareDesk in a browser on this machine (127.0.0.1 only).')
  .option('--data <dir>', 'database folder', defaultDataDir())
  .option('--demo', 'fill an empty database with a demo shop', false)
  .option('--port <port>', 'port on 127.0.0.1 (default: any free port)', (value) => Number.parseInt(value, 10))
  .option('--static <dir>', 'built renderer folder', resolve(here, '..', '..', 'dist', 'renderer'))
  .option('--time-zone <zone>', 'time zone of a new demo shop', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

program.parse();
const opts = program.opts<{ data: string; demo: boolean; port?: number; static: string; timeZone: string }>();

const dataDir = resolve(opts.data);
const store = openStore(join(dataDir, 'caredesk.sqlite'));
if (opts.demo) {
  const filled = await seedDemo(store, { timeZone: opts.timeZone });
  console.log(filled ? 'Demo shop created.' : 'This data folder already holds a shop; the demo was not added.');
}
const testHooks = process.env.CAREDESK_TEST_HOOKS === '1';
const web = await startWebServer({
  store,
  staticDir: opts.static,
  ...(opts.port === undefined || Number.isNaN(opts.port) ? {} : { port: opts.port }),
  // A fixed token only for automated tests (Playwright must know it); otherwise random per launch.
  ...(testHooks && process.env.CAREDESK_WEB_TOKEN ? { token: process.env.CAREDESK_WEB_TOKEN } : {}),
  testHooks,
  log: (line) => console.error(line),
});
console.log(`CareDesk data: ${dataDir}`);
if (testHooks) console.log('Test hooks are ON (CAREDESK_TEST_HOOKS=1). Never use this for a real shop.');
console.log(`CareDesk is running. Open: ${web.launchUrl}`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void web.close().finally(() => {
    store.close();
    process.exit(0);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
