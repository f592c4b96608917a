import { expect } from './support/playwright';
import { FRESH, expectAccessible, expectHonest, launchLink, screenshots, today, test } from './helpers';

test('first run: set up the shop, then land on today with the status banner', async ({ page }) => {
  await page.goto(await launchLink(page, FRESH));
  await expect(page.getByRole('heading', { name: 'Welcome to CareDesk' })).toBeVisible();
  await expect(page.getByTestId('status-banner')).toContainText('Standalone');
  await expectAccessible(page, 'set-up');
  await screenshots(page, '01-first-run');

  await page.getByLabel('Shop name').fill('Corner Cuts');
  await page.getByLabel('Time zone').selectOption('Europe/London');
  await page.getByLabel('Your name').fill('Alex Owner');
  await page.getByLabel(/^PIN/).fill('2468');
  await page.getByLabel('Service name').fill('Gentleman’s cut');
  await page.getByRole('button', { name: 'Open my shop' }).click();

  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', today());
  await expect(page.getByTestId('date-title')).toContainText('Today');
  await expect(page.getByTestId('status-banner')).toContainText('Standalone');
  await expect(page.getByTestId('actor-button')).toContainText('Alex Owner');
  await expectHonest(page);
  await screenshots(page, '02-empty-day');
});

test('a launch link with the wrong token is refused', async ({ page }) => {
  const response = await page.request.post(`${FRESH}/session`, { headers: { 'x-caredesk-launch': 'not-the-token' } });
  expect(response.status()).toBe(401);
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  const fresh = await page.request.get(`${FRESH}/trpc/status.get`);
  expect(fresh.status()).toBe(401);
});
