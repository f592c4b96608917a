import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseShopTime, processTimeZone, shopClockEnv } from './test/e2e/support/shopTime';
import { chromiumArgs, chromiumPath } from './test/e2e/support/chromium';
import { e2eLanguage } from './test/e2e/support/spoken';

/**
 * End-to-end tests in Debian's Chromium against browser mode. Playwright owns two servers, each
 * on a fresh temporary data folder: an empty one (first-run set-up) and a demo shop (everything
 * else). Test hooks (fault injection, slow answers) are on only because CAREDESK_TEST_HOOKS=1.
 */

export const E2E_TOKEN = process.env.CAREDESK_WEB_TOKEN ?? 'e2e-token-0123456789abcdef';
process.env.CAREDESK_WEB_TOKEN = E2E_TOKEN;
process.env.CAREDESK_E2E_ROOT ??= mkdtempSync(join(tmpdir(), 'caredesk-e2e-'));
const root = process.env.CAREDESK_E2E_ROOT;
export const FRESH_PORT = Number(process.env.CAREDESK_E2E_FRESH_PORT ?? 4517);
export const DEMO_PORT = Number(process.env.CAREDESK_E2E_DEMO_PORT ?? 4518);
/** A second demo shop for fault injection (failed writes, slow answers, Unsafe), so other tests never see them. */
export const FAULT_PORT = Number(process.env.CAREDESK_E2E_FAULT_PORT ?? 4519);

// One shop time for the whole run (CAREDESK_E2E_NOW; see test/e2e/support/shopTime.ts): every core and page reads it.
chooseShopTime();
const serverEnv = { CAREDESK_TEST_HOOKS: '1', CAREDESK_WEB_TOKEN: E2E_TOKEN, TZ: processTimeZone(), ...shopClockEnv() };

/**
 * The screens, and the desk and sync server bundled for plain node (scripts/build-e2e.ts), built
 * before the first desk starts; `npm run test:e2e` (scripts/e2e.ts) builds them once for all its runs.
 */
const build = process.env.CAREDESK_E2E_PREBUILT === '1' ? '' : 'npx vite build --logLevel warn && npx tsx scripts/build-e2e.ts && ';
const desk = 'node --enable-source-maps dist/e2e/web/cli.mjs';

export default defineConfig({
  testDir: 'test/e2e',
  ...(process.env.CAREDESK_E2E_WITHOUT_SYNC === '1' ? { testIgnore: '**/sync.spec.ts' } : {}),
  // A uniquely named PostgreSQL database for the sync server the sync tests start (dropped after).
  globalSetup: './test/e2e/support/global-setup.ts',
  globalTeardown: './test/e2e/support/global-teardown.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
  use: {
    browserName: 'chromium',
    ...devices['Desktop Chrome'],
    viewport: { width: 1366, height: 768 },
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    timezoneId: 'Europe/London',
    // The browser of a desk in the run's language (CAREDESK_E2E_LANGUAGE; test/e2e/support/spoken.ts).
    locale: e2eLanguage === 'es' ? 'es-ES' : 'en-GB',
  },
  webServer: [
    // Playwright starts web servers one after another, so the first one's build is done before the others start.
    deskServer(`${build}${desk}`, FRESH_PORT, 'fresh'),
    deskServer(desk, DEMO_PORT, 'demo', `--demo --time-zone Europe/London --language ${e2eLanguage}`),
    deskServer(desk, FAULT_PORT, 'faults', `--demo --time-zone Europe/London --language ${e2eLanguage}`),
  ],
});

/** A browser-mode desk on its own port and data folder; the screens load without a key, so it is ready once served. */
function deskServer(launch: string, port: number, data: string, options = '') {
  return {
    command: `${launch} --port ${port} --data ${join(root, data)} ${options}`.trimEnd(),
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: serverEnv,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}
