import { asWritten, expect } from './support/playwright';
import { FRESH, ZONE, callDesk, expectAccessible, expectHonest, launchLink, screenshots, today, test, useShopTime } from './helpers';
import { ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';

test('first run: set up the shop, then land on today with the status banner', async ({ page }) => {
  await page.goto(await launchLink(page, FRESH));
  await expect(page.getByRole('heading', { name: 'Welcome to CareDesk' })).toBeVisible();
  await expect(page.getByTestId('status-banner')).toContainText('Standalone');
  await expectAccessible(page, 'set-up');
  // The browser's language (the run's): the set-up screen speaks it before the shop chooses.
  await expect(page.getByLabel('Language')).toHaveValue(e2eLanguage);
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

// The shared fresh desk is set up by the test above: this one sets up a desk of its own.
test.describe('first run on a desk whose browser speaks Spanish', () => {
  const desk = ownDesk(Number(process.env.CAREDESK_E2E_SETUP_PORT ?? 4559), { demo: false, startTimeoutMs: 120_000 });

  test('the set-up screen speaks Spanish, redraws in the language chosen, and the shop keeps it', async ({ browser }) => {
    // This test names its languages itself, whatever the run's: its texts are taken as written.
    const expect = asWritten.expect;
    const context = await asWritten.of(browser).newContext({ locale: 'es-ES', timezoneId: ZONE });
    await useShopTime(context);
    const page = await context.newPage();
    await page.goto(await launchLink(page, desk.url));

    await expect(page.getByRole('heading', { name: 'Bienvenido a CareDesk' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es-ES');
    // The banner above it too: no source of the attention list fails for want of a shop (its wording would be English).
    await expect(page.getByTestId('status-banner')).toContainText('Este puesto funciona por su cuenta');
    const language = page.getByLabel('Idioma');
    await expect(language).toHaveValue('es');
    await expect(language.locator('option:checked')).toHaveText('Español');
    await expect(page.getByLabel('Nombre del servicio')).toHaveValue('Corte de pelo');
    await expectAccessible(page, 'set-up in Spanish');
    await screenshots(page, '03-first-run-es');

    // Another language redraws the screen at once, the suggested service with it; then back to Spanish.
    await language.selectOption('en');
    await expect(page.getByRole('heading', { name: 'Welcome to CareDesk' })).toBeVisible();
    await expect(page.getByLabel('Service name')).toHaveValue('Haircut');
    await page.getByLabel('Language').selectOption('es');
    await expect(page.getByRole('heading', { name: 'Bienvenido a CareDesk' })).toBeVisible();
    await expect(page.getByLabel('Nombre del servicio')).toHaveValue('Corte de pelo');

    // A London shop: its language the one chosen, not its zone's.
    await page.getByLabel('Nombre del salón').fill('Peluquería Sol');
    await page.getByLabel('Zona horaria').selectOption('Europe/London');
    await page.getByLabel('Tu nombre').fill('Lucía Dueña');
    await page.getByLabel(/^PIN/).fill('2468');
    await page.getByRole('button', { name: 'Abrir mi salón' }).click();

    await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', today());
    const screensNav = page.getByRole('navigation', { name: 'Pantallas' });
    await expect(screensNav.getByRole('button', { name: 'Clientes' })).toBeVisible();
    await expect(screensNav.getByRole('button', { name: 'Ajustes' })).toBeVisible();
    await expect(page.getByTestId('actor-button')).toContainText('Lucía Dueña');
    const settings = await callDesk<{ locale: { language: string; currency: string } }>(page, desk.url, 'settings.get', undefined, 'query');
    // The formats stay the zone's country's: pounds in London.
    expect(settings.locale).toMatchObject({ language: 'es', currency: 'GBP' });
    await screenshots(page, '04-empty-day-es');
    await context.close();
  });
});
