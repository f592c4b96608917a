import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../src-main/launch/web/server';
import { DAY, seedShop, tempDir, type Shop } from './fixtures';

/**
 * Issue 9 item 9, the server side of browser mode's sign-in: the launch token rides in the
 * fragment and works once, the session is a key in a header (never a cookie, which every port of
 * 127.0.0.1 would receive), pages of other origins are refused, the printable page takes a
 * single-use ticket. Real HTTP on 127.0.0.1 against a real SQLite shop.
 */

let shop: Shop;
let web: WebServer;
const printed: string[] = [];

beforeAll(async () => {
  const dir = tempDir();
  shop = await seedShop(join(dir, 'caredesk.sqlite'), { appointments: 4 });
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CareDesk</title>');
  web = await startWebServer({
    store: shop.store,
    staticDir,
    testKey: 'fixed-test-key-not-enabled',
    onLaunchUrl: (link) => printed.push(link),
  });
});
afterAll(async () => {
  await web?.close();
  shop?.store.close();
});

const at = (path: string) => `http://127.0.0.1:${web.port}${path}`;
const tokenOf = (link: string) => decodeURIComponent(/#token=([^&]+)$/.exec(link)?.[1] ?? '');
const exchange = (token: string, headers: Record<string, string> = {}) =>
  fetch(at('/session'), { method: 'POST', headers: { 'x-caredesk-launch': token, ...headers } });
const status = (headers: Record<string, string> = {}) => fetch(at('/trpc/status.get'), { headers });

async function signIn(): Promise<string> {
  const response = await exchange(web.token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { session: string }).session;
}

describe('browser mode sign-in', () => {
  it('the launch link carries the token in the fragment, which a browser never sends to a server', () => {
    expect(web.launchUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/#token=.+`));
    expect(web.launchUrl).not.toContain('?');
  });

  it('no response sets a cookie, even for an old-style ?token= link', async () => {
    for (const response of [await fetch(at('/')), await fetch(at(`/?token=${web.token}`), { redirect: 'manual' }), await exchange(web.token)]) {
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('a launch token is exchanged once; the desk then prints a fresh link for another window', async () => {
    const first = web.token;
    expect((await exchange('not-the-token')).status).toBe(401);
    const session = ((await (await exchange(first)).json()) as { session: string }).session;
    expect(session).not.toBe(first);
    expect((await exchange(first)).status).toBe(401);

    const next = printed.at(-1)!;
    expect(tokenOf(next)).toBe(web.token);
    expect(tokenOf(next)).not.toBe(first);
    expect((await exchange(tokenOf(next))).status).toBe(200);
    expect((await exchange(tokenOf(next))).status).toBe(401);
  });

  it('the data needs the session key in the Authorization header; a launch token or cookie is not one', async () => {
    const launch = web.token;
    expect((await status()).status).toBe(401);
    expect((await status({ authorization: `Bearer ${launch}` })).status).toBe(401);
    expect((await status({ cookie: `caredesk_token=${launch}` })).status).toBe(401);
    // The fixed test key works only when test hooks are on.
    expect((await status({ authorization: 'Bearer fixed-test-key-not-enabled' })).status).toBe(401);
    const session = await signIn();
    expect((await status({ authorization: `Bearer ${session}` })).status).toBe(200);
    // A subscription stream cannot set headers: the key in its connection parameters.
    const stream = encodeURIComponent(JSON.stringify({ session }));
    expect((await fetch(at(`/trpc/status.get?connectionParams=${stream}`))).status).toBe(200);
  });

  it('a page of another origin (another port of 127.0.0.1) is refused even with a key', async () => {
    const session = await signIn();
    const other = { authorization: `Bearer ${session}`, origin: 'http://127.0.0.1:1' };
    expect((await status(other)).status).toBe(403);
    expect((await exchange(web.token, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
  });

  it('the printable page takes a single-use ticket, handed out only with a session key', async () => {
    expect((await fetch(at(`/print/day.html?date=${DAY}`))).status).toBe(401);
    expect((await fetch(at('/session/print-ticket'), { method: 'POST' })).status).toBe(401);
    const session = await signIn();
    const ticket = (
      (await (
        await fetch(at('/session/print-ticket'), { method: 'POST', headers: { authorization: `Bearer ${session}` } })
      ).json()) as { ticket: string }
    ).ticket;
    const page = await fetch(at(`/print/day.html?date=${DAY}&ticket=${ticket}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Clipper');
    expect((await fetch(at(`/print/day.html?date=${DAY}&ticket=${ticket}`))).status).toBe(401);
  });
});
