import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedShop } from '../integration/shell/fixtures';

/**
 * Acceptance 4 of issue 6 (second half): the packaged shell opens, shows the day view and prints
 * a PDF. Where the Electron binary is not installed (no download possible), it is skipped and
 * says why.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the Electron binary would be, found the way node_modules/electron/index.js finds it but
 * without its fallback download (requiring 'electron' here would try the network).
 */
function electronBinary(): { path: string | null; why: string } {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : null;
  if (path !== null && existsSync(path)) return { path, why: '' };
  return {
    path: null,
    why: `the Electron binary is not installed (${path ?? 'node_modules/electron/path.txt is missing'}; it cannot be downloaded here)`,
  };
}

const binary = electronBinary();
const built = existsSync(join(root, 'dist/main/electron/main.cjs')) && existsSync(join(root, 'dist/renderer/index.html'));

const skipReason =
  binary.path === null
    ? `Skipped: ${binary.why}. Install it (npx install-electron, with network access) to run this test.`
    : !built
      ? 'Skipped: run `npm run build` first (dist/main/electron/main.cjs and dist/renderer/index.html are missing).'
      : null;

test('Electron shell: opens, shows the day view, prints a PDF', async () => {
  // Say why on the console as well as in the report's annotations.
  if (skipReason !== null) console.log(`[electron smoke] ${skipReason}`);
  test.skip(skipReason !== null, skipReason ?? '');

  const dir = mkdtempSync(join(tmpdir(), 'caredesk-electron-'));
  const db = join(dir, 'desk.sqlite');
  const shop = await seedShop(db, { appointments: 6 });
  shop.store.close();

  const app = await electron.launch({
    executablePath: binary.path!,
    args: [root],
    cwd: root,
    env: { ...process.env, CAREDESK_DB: db, CAREDESK_DISABLE_UPDATES: '1', CAREDESK_USER_DATA: dir },
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/CareDesk/);
    await expect(window.getByText(shop.staff[0]!.name).first()).toBeVisible({ timeout: 20_000 });
    const pdf = await app.evaluate(async ({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0]!;
      const data = await win.webContents.printToPDF({ pageSize: 'A4', landscape: true });
      return Buffer.from(data).toString('base64');
    });
    const bytes = Buffer.from(pdf, 'base64');
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    writeFileSync(join(root, 'test-results/electron-day.pdf'), bytes);
  } finally {
    await app.close();
  }
});
