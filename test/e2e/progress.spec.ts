import { expect, type Page } from './support/playwright';
import { mkdirSync } from 'node:fs';
import { openDesk, openSettings, screenButton, switchTo, test, testKey } from './helpers';
import { ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';

/**
 * Issue 15 on screen: long work shows a bar and what it is doing in words, with Cancel while
 * stopping is safe (docs/architecture.md §24). The desk's test hook paces each step so the work can
 * be watched, photographed and cancelled midway.
 */

test.describe.configure({ mode: 'serial' });

const desk = ownDesk(Number(process.env.CAREDESK_E2E_PROGRESS_PORT ?? 4557), { startTimeoutMs: 90_000 });

async function pace(page: Page, paceMs: number) {
  const response = await page.request.post(`${desk.url}/__test/jobs`, { data: { paceMs }, headers: testKey });
  expect(response.ok(), await response.text()).toBe(true);
}

async function photograph(page: Page, name: string) {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

test('Back up now shows the copy’s progress; Cancel stops it and keeps nothing', async ({ page }) => {
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', '1234');
  await screenButton(page, 'Settings').click();
  const backups = page.getByTestId('backups');
  await backups.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await expect(backups.getByTestId('backup-row').first()).toBeVisible();
  const before = await backups.getByTestId('backup-row').count();

  await pace(page, 300);
  await backups.getByRole('button', { name: 'Back up now' }).click();
  const bar = backups.getByRole('progressbar', { name: 'Backing up' });
  await expect(bar).toBeVisible();
  // A percentage under way, written as the shop's language writes one ("10%", "10 %").
  await expect(backups.getByTestId('job-progress')).toContainText(e2eLanguage === 'es' ? /Copiando los datos del salón: [1-9]\d?\s%/u : /Copying the shop’s data: [1-9]\d?%/);
  await photograph(page, 'progress-backup');
  await backups.getByTestId('job-progress').getByRole('button', { name: 'Cancel' }).click();
  await expect(backups.getByRole('status')).toHaveText('Backup cancelled; nothing was kept.');
  await expect(bar).toBeHidden();
  await expect(backups.getByTestId('backup-row')).toHaveCount(before);
  await pace(page, 0);
});

test('Export clients shows the rows written, then where the file went', async ({ page }) => {
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', '1234');
  await openSettings(page, 'Records');
  const exports = page.getByTestId('exports');
  await pace(page, 250);
  await exports.getByRole('button', { name: 'Export clients' }).click();
  await expect(exports.getByRole('progressbar', { name: 'Exporting' })).toBeVisible();
  await expect(exports.getByTestId('job-progress')).toContainText(e2eLanguage === 'es' ? /Escribiendo [1-9][\d.\s]* de [\d.\s]+ filas/u : /Writing [1-9][\d,]* of [\d,]+ rows/);
  await photograph(page, 'progress-export');
  await expect(exports.getByRole('status')).toContainText('Clients saved to', { timeout: 20_000 });
  await expect(exports.getByTestId('job-progress')).toBeHidden();
  await pace(page, 0);
});
