import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { appRouter } from '../../api/appRouter';
import type { DeskContext } from '../../api/trpc';
import { DeskSession } from '../../core/session/deskSession';
import type { Store } from '../../core/store/open';
import type { ShellContext, ShellServices } from '../../api/shellServices';
import { RecentErrors } from '../../agents/status/deskStatus';
import { printDayInputSchema } from '../../files/print/schedule';
import { contentSecurityPolicyFor } from '../shell/contentSecurityPolicy';
import { stopServer } from './stopServer';

/**
 * Browser mode: the main-process core served on 127.0.0.1 to the renderer bundle in an ordinary
 * browser (docs/architecture.md §1). Loopback only; the Host header must name the loopback address (no DNS
 * rebinding). Signing in (see src-renderer/api/session.ts):
 * - The printed launch link carries a one-time token in the fragment (`/#token=…`), which the
 *   browser never sends to a server. The page takes it out of the address bar and trades it
 *   (POST /session) for a session key; the token is then spent, and a fresh link for another
 *   window is printed. A link left in the browser's history signs nobody in.
 * - The session key travels only in an Authorization header (the subscription stream, which
 *   cannot set headers, sends it in its connection parameters). No cookie: cookies ignore ports,
 *   so another web app on 127.0.0.1 would receive one.
 * - The printable page, loaded in a frame or a tab (no header possible), takes a single-use
 *   ticket the page asks for just before.
 * The screens themselves (index.html, scripts, styles) hold no shop data and load without a key.
 */

export interface WebServerOptions {
  store: Store;
  /**
   * The shell services (PDF, backups, save folder, status, recent errors) for the print, support
   * and backups procedures. A function so it can see the current store after a restore.
   */
  shell?: ShellServices;
  /** Recent errors the router reports (support report, Recovery Center); one is made when not given. */
  recentErrors?: RecentErrors;
  /** Test hooks beyond faults and delays (sync agent pause / delay, desk clock). */
  onTestHook?: (path: string, body: Record<string, unknown>) => boolean | Promise<boolean>;
  /** Folder with the built renderer (vite build output). */
  staticDir: string;
  port?: number;
  /** The first one-time launch token; random when not given. */
  token?: string;
  /** Tests only (with testHooks): a fixed key accepted like a session key, to script the desk. */
  testKey?: string;
  /** Told the link for another window each time a launch token is spent. */
  onLaunchUrl?: (launchUrl: string) => void;
  /** Enables /__test/* (fault injection, slow responses). Only with CAREDESK_TEST_HOOKS=1. */
  testHooks?: boolean;
  now?: () => number;
  log?: (line: string) => void;
}

export interface WebServer {
  url: string;
  /** The URL to open: carries a one-time launch token in its fragment. */
  launchUrl: string;
  port: number;
  /** The current (unspent) launch token. */
  token: string;
  server: Server;
  session: DeskSession;
  /** The store every later call uses (a restore swaps it). */
  currentStore(): Store;
  setStore(next: Store): void;
  close(): Promise<void>;
}

/** A printable-page ticket is good once, for this long. */
const TICKET_MS = 60_000;
const secret = () => randomBytes(24).toString('base64url');

export const contentSecurityPolicy = contentSecurityPolicyFor('http');

/** The printable day page (print.dayHtml) carries its own inline styles and no script. */
export const printPageSecurityPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/** The session key a subscription stream (EventSource: no headers) sends in its connection parameters. */
function streamSessionKey(url: URL): string | undefined {
  const raw = url.searchParams.get('connectionParams');
  if (raw === null) return undefined;
  try {
    const params = JSON.parse(raw) as { session?: unknown } | null;
    return typeof params?.session === 'string' ? params.session : undefined;
  } catch {
    return undefined;
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 100_000) reject(new Error('too large'));
    });
    req.on('end', () => resolveBody(body));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let store = options.store;
  /** The launch token of the printed link; each works once. */
  let launchToken = options.token ?? secret();
  /** Launch tokens handed to tests (/__test/launch), each also good once. */
  const mintedTokens = new Set<string>();
  /** Session keys handed out this run (a restart signs every window out). */
  const sessionKeys = new Set<string>();
  /** Printable-page tickets, each with the monotonic time it lapses (not the desk's clock: tests move that). */
  const tickets = new Map<string, number>();
  const now = options.now ?? (() => Date.now());
  const session = new DeskSession(now);
  const staticRoot = resolve(options.staticDir);
  const recentErrors = options.recentErrors ?? new RecentErrors(100);
  /** Test hooks: a fixed delay before every tRPC call (a slow main process). */
  let delayMs = 0;

  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: (): ShellContext => contextFor(),
    maxBodySize: 1_000_000,
  });

  function contextFor(): ShellContext {
    const context: DeskContext = { store, session, now, requestId: randomUUID(), recordError: recentErrors.record };
    return options.shell === undefined ? context : { ...context, shell: options.shell };
  }

  /** GET /print/day.html?date=…&staffId=…&includeCancelled=1: the print.dayHtml page, to print from a frame. */
  async function servePrintPage(res: ServerResponse, url: URL): Promise<void> {
    const parsed = printDayInputSchema.safeParse({
      date: url.searchParams.get('date') ?? '',
      ...(url.searchParams.get('staffId') ? { staffId: url.searchParams.get('staffId') } : {}),
      ...(url.searchParams.get('includeCancelled') === '1' ? { includeCancelled: true } : {}),
    });
    if (!parsed.success) return plain(res, 400, 'Please check the date of the day to print.');
    const page = await appRouter.createCaller(contextFor()).print.dayHtml(parsed.data);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', printPageSecurityPolicy);
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.end(page.html);
  }

  let port = options.port ?? 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handleTestHook(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') return plain(res, 405, 'POST only');
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    if (path === '/__test/faults') {
      const failWrites = body.failWrites === true;
      const storage = body.storage === true;
      store.faults = failWrites
        ? {
            beforeRowWrite: () => {
              const error = new Error(storage ? 'disk I/O error (injected)' : 'write failed (injected)');
              if (storage) (error as Error & { code: string }).code = 'SQLITE_IOERR';
              throw error;
            },
          }
        : {};
      if (body.clearStorageFailure === true) store.storageFailure = null;
      return plain(res, 200, 'ok');
    }
    if (path === '/__test/launch') return mintLaunchUrl(res);
    if (path === '/__test/delay') {
      delayMs = Math.max(0, Math.min(30_000, Number(body.ms) || 0));
      return plain(res, 200, 'ok');
    }
    if (options.onTestHook && (await options.onTestHook(path, body))) return plain(res, 200, 'ok');
    return plain(res, 404, 'No such test hook.');
  }

  function serveStatic(res: ServerResponse, path: string): void {
    const wanted = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
    let file = resolve(staticRoot, wanted);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return plain(res, 404, 'Not found.');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) {
      return plain(res, 500, 'The CareDesk screens are not built yet. Run `npm run build:renderer`, then start again.');
    }
    const type = mimeTypes[extname(file)] ?? 'application/octet-stream';
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable');
    res.end(readFileSync(file));
  }

  function hasSessionKey(given: string | undefined): boolean {
    if (given === undefined) return false;
    if (options.testHooks === true && options.testKey !== undefined && sameSecret(given, options.testKey)) return true;
    return sessionKeys.has(given);
  }

  function spendTicket(ticket: string | null): boolean {
    for (const [known, lapses] of tickets) if (lapses < performance.now()) tickets.delete(known);
    return ticket !== null && tickets.delete(ticket);
  }

  /** The next launch link; the token in it works once. */
  function launchUrlFor(launch: string): string {
    return `http://127.0.0.1:${port}/#token=${encodeURIComponent(launch)}`;
  }

  /** POST /session with the launch token in X-CareDesk-Launch: a session key, once per token. */
  function exchangeLaunchToken(req: IncomingMessage, res: ServerResponse): void {
    const given = req.headers['x-caredesk-launch'];
    const printed = typeof given === 'string' && sameSecret(given, launchToken);
    const minted = typeof given === 'string' && [...mintedTokens].some((token) => sameSecret(given, token));
    if (!printed && !minted) {
      return plain(res, 401, 'This CareDesk link was already used or is out of date. Use the newest link CareDesk printed.');
    }
    const key = secret();
    sessionKeys.add(key);
    if (minted) mintedTokens.delete(given);
    else {
      launchToken = secret();
      options.onLaunchUrl?.(launchUrlFor(launchToken));
    }
    json(res, 200, { session: key });
  }

  /** Test hook: a fresh launch link (the printed one may already be spent by another test). */
  function mintLaunchUrl(res: ServerResponse): void {
    const token = secret();
    mintedTokens.add(token);
    json(res, 200, { launchUrl: launchUrlFor(token) });
  }

  const server = createServer((req, res) => {
    void (async () => {
      securityHeaders(res);
      if (!allowedHosts().has(req.headers.host ?? ''))
        return plain(res, 421, 'CareDesk only answers on its loopback address.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const needsKey =
        url.pathname === '/session' ||
        url.pathname.startsWith('/session/') ||
        url.pathname.startsWith('/trpc/') ||
        url.pathname.startsWith('/__test/') ||
        url.pathname === '/print/day.html';
      if (!needsKey) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Not allowed.');
        return serveStatic(res, url.pathname);
      }
      res.setHeader('Cache-Control', 'no-store');
      // Pages of other sites (another app on 127.0.0.1 included) get nothing, key or not.
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        return plain(res, 403, 'Requests from other sites are refused.');
      }
      if (url.pathname === '/session' && req.method === 'POST') return exchangeLaunchToken(req, res);
      if (url.pathname === '/print/day.html' && req.method === 'GET' && spendTicket(url.searchParams.get('ticket'))) {
        return servePrintPage(res, url);
      }
      if (!hasSessionKey(bearerToken(req) ?? streamSessionKey(url))) {
        return plain(res, 401, "Open CareDesk with the link printed when it started (it carries this launch's key).");
      }
      if (url.pathname === '/session') return plain(res, req.method === 'GET' ? 200 : 405, 'Signed in.');
      if (url.pathname === '/session/print-ticket' && req.method === 'POST') {
        const ticket = secret();
        tickets.set(ticket, performance.now() + TICKET_MS);
        return json(res, 200, { ticket });
      }
      if (url.pathname.startsWith('/__test/')) {
        if (options.testHooks !== true) return plain(res, 404, 'Not found.');
        return handleTestHook(req, res, url.pathname);
      }
      if (url.pathname.startsWith('/trpc/')) {
        if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
        return trpcHandler(req, res);
      }
      if (url.pathname === '/print/day.html' && req.method === 'GET') return servePrintPage(res, url);
      return plain(res, 404, 'Not found.');
    })().catch((error: unknown) => {
      options.log?.(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent)
        plain(res, 500, 'CareDesk could not answer that request. Reload the page; nothing was changed.');
      else res.end();
    });
  });

  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      done();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    get launchUrl() {
      return launchUrlFor(launchToken);
    },
    port,
    get token() {
      return launchToken;
    },
    server,
    session,
    currentStore: () => store,
    setStore: (next) => {
      store = next;
    },
    close: () => stopServer(server),
  };
}
