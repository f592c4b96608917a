import { chromium, expect, test, type Browser, type Page } from './support/playwright';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Desk, stopAll } from './support/rig';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { e2eLanguage } from './support/spoken';

/**
 * Issue 9 item 9: browser mode's launch link must not leave a way back in. The token leaves the
 * address bar and this tab's history at once and works only once (the copy Chromium keeps in its
 * History file signs nobody in); the session is no cookie, so another web app on 127.0.0.1 receives
 * nothing, and what that app's page asks of the desk is refused. A desk of its own, opened with the
 * link it printed, in a Chromium profile on disk whose History file is read afterwards.
 */

test.describe.configure({ mode: 'serial' });

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((done) => probe.close(done));
  return port;
}

/** Another local web app: it records the headers of every request it receives. */
const seenByOtherApp: IncomingHttpHeaders[] = [];
const otherApp = createServer((req, res) => {
  seenByOtherApp.push(req.headers);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end('<!doctype html><title>Another app</title><p>Another app on this machine</p>');
});

let desk: Desk;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  desk = new Desk(await freePort(), true);
  await desk.start();
});
test.afterAll(async () => {
  await stopAll();
  otherApp.closeAllConnections();
  await new Promise((done) => otherApp.close(done));
});

const printedLinks = () => [...desk.printed.matchAll(/(?:Open|open): (http:\/\/\S+)/g)].map((match) => match[1]!);

async function opensTheDesk(browser: Browser, link: string): Promise<boolean> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  const outcome = await Promise.race([
    page.getByTestId('status-banner').waitFor().then(() => true),
    page.getByTestId('sign-in-needed').waitFor().then(() => false),
  ]);
  await context.close();
  return outcome;
}

async function expectNoTokenIn(page: Page): Promise<void> {
  expect(page.url()).toBe(`${desk.url}/`);
  expect(await page.evaluate(() => window.location.href)).not.toContain('token');
  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry.url).not.toContain('token');
  await cdp.detach();
}

test('the launch link leaves no way back in: not in the address bar, history or a cookie another port receives', async ({
  browser,
}) => {
  const [launchLink] = printedLinks();
  expect(launchLink, desk.printed).toBeDefined();
  const profile = mkdtempSync(join(tmpdir(), 'caredesk-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    timezoneId: 'Europe/London',
    // The machine's language, as the suite's own browser has it: the page without a session speaks it.
    locale: e2eLanguage === 'es' ? 'es-ES' : 'en-GB',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(launchLink!);
  await expect(page.getByTestId('status-banner')).toBeVisible();
  await expectNoTokenIn(page);
  // A reload keeps this tab signed in (its session key is the tab's own).
  await page.reload();
  await expect(page.getByTestId('status-banner')).toBeVisible();
  await expectNoTokenIn(page);

  // The same link again, as if picked from the history: spent.
  const again = await context.newPage();
  await again.goto(launchLink!);
  await expect(again.getByTestId('sign-in-needed')).toContainText('already been used');
  await again.close();

  // Another web app on 127.0.0.1: neither its page nor its own requests carry a CareDesk
  // credential, and what its page asks of the desk is refused.
  const otherUrl = `http://127.0.0.1:${await listen(otherApp)}`;
  expect(await context.cookies(), 'a cookie every port of 127.0.0.1 would receive').toEqual([]);
  const toDesk: Promise<Record<string, string>>[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(desk.url)) toDesk.push(request.allHeaders());
  });
  await page.goto(`${otherUrl}/`);
  const readable = await page.evaluate(
    async ({ own, deskUrl }) => {
      await fetch(`${own}/ping`, { credentials: 'include' });
      const answers: string[] = [];
      for (const path of ['/trpc/status.get', '/print/day.html?date=2026-03-10'])
        for (const mode of ['cors', 'no-cors'] as const)
          answers.push(
            await fetch(`${deskUrl}${path}`, { credentials: 'include', mode }).then(
              (response) => `${path} ${mode}: ${response.type} ${response.status}`,
              () => '',
            ),
          );
      return answers.filter((answer) => answer !== '');
    },
    { own: otherUrl, deskUrl: desk.url },
  );
  expect(seenByOtherApp.length).toBeGreaterThanOrEqual(2);
  for (const headers of seenByOtherApp) {
    expect(headers.cookie, 'the other app received a cookie').toBeUndefined();
    expect(headers.authorization).toBeUndefined();
  }
  // The desk's answers never reach that page (no CORS, Cross-Origin-Resource-Policy), and its
  // requests to the desk carry no credential for the desk to honour (the server refuses them:
  // test/integration/shell/webSignIn.test.ts).
  expect(readable).toEqual([]);
  expect(toDesk).toHaveLength(4);
  for (const headers of await Promise.all(toDesk)) {
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
  }
  await context.close();

  // Chromium's own History file: the desk's address is there, and no address in it signs in.
  const history = new Database(join(profile, 'Default', 'History'), { readonly: true, fileMustExist: true });
  const urls = (history.prepare('SELECT url FROM urls').all() as { url: string }[]).map((row) => row.url);
  history.close();
  const deskUrls = urls.filter((url) => url.startsWith(desk.url));
  expect(deskUrls.length, urls.join('\n')).toBeGreaterThan(0);
  for (const url of deskUrls) expect(await opensTheDesk(browser, url), `${url} from the History file signed in`).toBe(false);

  // Another window signs in with the fresh link the desk printed when the first was used.
  const fresh = printedLinks().at(-1)!;
  expect(fresh).not.toBe(launchLink);
  expect(await opensTheDesk(browser, fresh)).toBe(true);
});
