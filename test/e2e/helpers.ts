import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Locator, type Page } from './support/playwright';
import { mkdirSync } from 'node:fs';
import { addDays, todayIn } from '../../src-shared/time';
import { shopNow } from './support/shopTime';
import { shows } from './support/spoken';
import { demoShop } from './support/demoShop';

export const TOKEN = process.env.CAREDESK_WEB_TOKEN ?? 'e2e-token-0123456789abcdef';
export const FRESH = `http://127.0.0.1:${process.env.CAREDESK_E2E_FRESH_PORT ?? 4517}`;
export const DEMO = `http://127.0.0.1:${process.env.CAREDESK_E2E_DEMO_PORT ?? 4518}`;
export const FAULTS = `http://127.0.0.1:${process.env.CAREDESK_E2E_FAULT_PORT ?? 4519}`;
export const ZONE = 'Europe/London';

/** A desk call as a script makes it (the test key stands for a signed-in page; CAREDESK_TEST_HOOKS=1 only). */
export async function callDesk<T>(page: Page, deskUrl: string, path: string, input?: unknown, kind: 'mutation' | 'query' = 'mutation'): Promise<T> {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const response =
    input === undefined || kind === 'query'
      ? await page.request.get(
          `${deskUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`,
          { headers },
        )
      : await page.request.post(`${deskUrl}/trpc/${path}`, { headers, data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The shop's date on the run's clock (support/shopTime.ts), never the machine's. */
export function today(): string {
  return todayIn(ZONE, shopNow());
}
export function dayFromToday(days: number): string {
  return addDays(today(), days);
}

/** Tests script a desk with the fixed test key (only with CAREDESK_TEST_HOOKS=1). */
export const testKey = { authorization: `Bearer ${TOKEN}` };

/**
 * A fresh one-time launch link (`/#token=…`), as the desk prints one; each signs in once, so
 * every page asks for its own.
 */
export async function launchLink(page: Page, base = DEMO): Promise<string> {
  const response = await page.request.post(`${base}/__test/launch`, { headers: testKey });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { launchUrl: string }).launchUrl;
}

const clocked = new WeakSet<BrowserContext>();
/** Pages of this browser context live at the run's shop time (Playwright's clock, running on from there). */
export async function useShopTime(context: BrowserContext): Promise<void> {
  if (clocked.has(context)) return;
  clocked.add(context);
  await context.clock.install({ time: shopNow() });
}

/** Playwright's test, whose pages read the run's shop time; contexts a test makes itself call useShopTime. */
export const test = base.extend({
  context: async ({ context }, use) => {
    await useShopTime(context);
    await use(context);
  },
});

/** Open the desk with a launch link and make sure someone is at the desk. */
export async function openDesk(page: Page, base = DEMO, staff = 'Sam Taylor'): Promise<void> {
  await page.goto(await launchLink(page, base));
  await expect(page.getByTestId('status-banner')).toBeVisible();
  const who = page.getByRole('dialog', { name: 'Who is at the desk?' });
  const actor = page.getByTestId('actor-button');
  await expect(actor).toBeVisible();
  await expect(actor).not.toContainText('…');
  // The desk's actor is shared by every window of one desk: another window may sign in while
  // this one's "Who is at the desk?" is already open, so answer the dialog whenever it shows.
  await page.waitForTimeout(150);
  if (shows(await actor.innerText(), 'nobody — choose') || (await who.isVisible())) {
    await expect(who).toBeVisible();
    await who.getByLabel(new RegExp(staff)).check();
    await who.getByRole('button', { name: 'Switch' }).click();
    await expect(who).toBeHidden();
    await expect(actor).toContainText(staff);
  }
  await expect(page.getByTestId('day-view')).toBeVisible();
}

export async function goToDate(page: Page, date: string): Promise<void> {
  await page.getByLabel('Go to date').fill(date);
  await expect(page.getByTestId('day-view')).toHaveAttribute('data-date', date);
}

export function column(page: Page, staffName: string): Locator {
  return page.locator(`[data-testid="staff-column"][data-staff-name="${staffName}"]`);
}

export function card(page: Page, clientName: string): Locator {
  return page.getByTestId('appointment-card').filter({ hasText: clientName });
}

/**
 * New appointment through the form, with a new client made by quick create. `time: 'first free'`
 * takes the first suggested free time: on a day the demo shop filled, which times are taken
 * depends on the run's date.
 */
export async function bookViaForm(
  page: Page,
  options: {
    client: string;
    staff: string;
    service?: string;
    date: string;
    time: string | 'first free';
    notes?: string;
    /** A visit that already happened: tick "Record it anyway". */
    alreadyHappened?: boolean;
    submit?: boolean;
  },
): Promise<void> {
  await page.getByRole('button', { name: /New appointment/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Client', { exact: true }).fill(options.client);
  await dialog.getByRole('button', { name: `New client “${options.client}”` }).click();
  await dialog.getByRole('button', { name: 'Add client' }).click();
  await expect(dialog.getByText(options.client, { exact: true })).toBeVisible();
  await dialog.getByLabel('Service').selectOption({ label: options.service ?? `${demoShop.services.haircut} — 45 min` });
  await dialog.getByLabel('Staff').selectOption({ label: options.staff });
  await dialog.getByLabel('Date').fill(options.date);
  if (options.time === 'first free') await dialog.getByRole('button', { name: /^Free at / }).first().click();
  else await dialog.getByLabel('Time', { exact: true }).fill(options.time);
  if (options.notes) await dialog.getByLabel('Notes (optional)').fill(options.notes);
  if (options.alreadyHappened) await dialog.getByTestId('past-start').getByLabel('Record it anyway').check();
  if (options.submit !== false) await dialog.getByRole('button', { name: 'Book appointment' }).click();
}

/**
 * docs/architecture.md §6: nothing on screen says Confirmed or Booked unless acknowledged. Cards that are
 * not in the Confirmed state, ghost cards, the tray and in-flight toasts must not say it.
 */
export async function expectHonest(page: Page, options: { paired?: boolean } = {}): Promise<void> {
  // On a paired desk nothing local is acknowledged when it is said: toasts, the banner, waiting
  // and refused items in the Recovery Center must not say it either.
  const paired = options.paired
    ? ', [data-testid="toast"], [data-testid="status-banner"], [data-testid="pending-item"], [data-testid="recovery-item"], [data-testid="drawer-badge"]:not(:text-is("Confirmed"))'
    : '';
  const unacknowledged = page.locator(
    `[data-testid="appointment-card"]:not([data-state="Confirmed"]), [data-testid="ghost-card"], [data-testid="tray"]${paired}`,
  );
  const texts = await unacknowledged.allInnerTexts();
  for (const text of texts) {
    expect(text, `unacknowledged item says Confirmed/Booked: ${text}`).not.toMatch(/\bConfirmed\b|\bBooked\b/);
  }
  const confirmedCards = page.locator('[data-testid="appointment-card"][data-state="Confirmed"]');
  for (const text of await confirmedCards.allInnerTexts()) expect(text).not.toMatch(/Pending|Saving|Failed/);
}

export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    serious.map((violation) => `${what}: ${violation.id} — ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')})`),
  ).toEqual([]);
}

const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** Light-theme screenshots at both desk sizes, saved for review. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  const original = page.viewportSize();
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `test-results/screenshots/${name}-${size.width}x${size.height}.png` });
  }
  if (original) await page.setViewportSize(original);
}

export async function setFaults(page: Page, base: string, body: { failWrites?: boolean; storage?: boolean; clearStorageFailure?: boolean }) {
  const response = await page.request.post(`${base}/__test/faults`, { data: body, headers: testKey });
  expect(response.ok()).toBe(true);
}

export async function setDelay(page: Page, base: string, ms: number) {
  const response = await page.request.post(`${base}/__test/delay`, { data: { ms }, headers: testKey });
  expect(response.ok()).toBe(true);
}

/** The button of one screen (Day, Clients, Settings, …) in the Screens navigation. */
export function screenButton(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
}

/** Who is at the desk: `staff` takes it, with their PIN where they have one (the owner, Maya Okafor in the demo). */
export async function switchTo(page: Page, staff: string, pin?: string): Promise<void> {
  await page.getByTestId('actor-button').click();
  const who = page.getByRole('dialog', { name: 'Who is at the desk?' });
  await who.getByRole('radio', { name: new RegExp(staff) }).check();
  if (pin !== undefined) await who.getByLabel(`PIN for ${staff}`).fill(pin);
  await who.getByRole('button', { name: 'Switch' }).click();
  await expect(who).toBeHidden();
  await expect(page.getByTestId('actor-button')).toContainText(staff);
}

/** Settings → one of its sections (the owner's screen). */
export async function openSettings(page: Page, section: string): Promise<void> {
  await screenButton(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: new RegExp(`^${section}`) }).click();
}

/**
 * In the booking form bookViaForm left open (`submit: false`), more services of the same visit, each
 * with its staff member; the dialog and its list of services.
 */
export async function addVisitServices(page: Page, services: readonly (readonly [service: string, staff: string])[]) {
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  const segments = dialog.getByTestId('visit-segments');
  for (const [service, person] of services) {
    await segments.getByRole('button', { name: 'Add another service' }).click();
    const row = segments.getByTestId('visit-segment').last();
    await row.getByRole('combobox', { name: 'Service' }).selectOption({ label: service });
    await row.getByRole('combobox', { name: 'Staff' }).selectOption({ label: person });
  }
  return { dialog, segments };
}

/** The desk at `base` opened on the day `days` after the run's today; that date. */
export async function openDayFromToday(page: Page, days: number, base = DEMO): Promise<string> {
  await openDesk(page, base);
  const date = dayFromToday(days);
  await goToDate(page, date);
  return date;
}
