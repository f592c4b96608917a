import { defineConfig } from '@playwright/test';

/**
 * The Electron smoke test, apart from the browser-mode suite (playwright.config.ts). Needs
 * `npm run build` first; skips itself, saying why, where the Electron binary is missing.
 *   npx playwright test -c playwright.electron.config.ts
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
