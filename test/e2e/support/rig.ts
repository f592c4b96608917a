import { expect, type Page } from './playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TOKEN } from '../helpers';
import { processTimeZone, shopClockEnv } from './shopTime';
import { e2eLanguage } from './spoken';

/**
 * Processes the sync tests own: the sync server (stopped and started again mid-test) and
 * browser-mode desks, each on its own data folder. Everything is killed in afterAll.
 */

const root = resolve(import.meta.dirname, '..', '..', '..');
/** The desk and the sync server as bundled for the suite (scripts/build-e2e.ts), run by this very node. */
const node = process.execPath;
const deskBundle = ['--enable-source-maps', 'dist/e2e/web/cli.mjs'];
const serverBundle = ['--enable-source-maps', 'dist/e2e/server.mjs'];
const children = new Set<ChildProcess>();
// A worker Playwright tears down after a timeout skips afterAll: its desks go with it, or they keep
// their ports and the next spec (or the next run) to use those ports cannot start its own.
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${what} did not start in time:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

export class SyncServer {
  private child: ChildProcess | null = null;
  readonly url: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly args: string[];

  constructor(readonly port: number) {
    this.url = `http://127.0.0.1:${port}`;
    const databaseUrl = process.env.CAREDESK_E2E_DATABASE_URL;
    this.env = { ...process.env, LOG_LEVEL: 'warn', CAREDESK_TEST_HOOKS: '1', TZ: processTimeZone(), ...shopClockEnv() };
    if (databaseUrl) this.env.DATABASE_URL = databaseUrl;
    else delete this.env.DATABASE_URL;
    this.args = databaseUrl ? [] : ['--data-dir', mkdtempSync(join(tmpdir(), 'caredesk-e2e-server-'))];
  }

  async start(): Promise<void> {
    const child = spawn(node, [...serverBundle, ...this.args, 'serve', '--port', String(this.port)], {
      cwd: root,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    this.child = child;
    child.stdout?.resume();
    child.stderr?.resume();
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the sync server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`${this.url}/trpc/health.check`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the sync server did not answer in time');
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    return stop(child);
  }

  /** `shop create` / `shop pair-code` through the server's own command line (same database). */
  private async admin(args: string[]): Promise<string> {
    const child = spawn(node, [...serverBundle, ...this.args, ...args], {
      cwd: root,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`server admin ${args.join(' ')} failed: ${err}`);
    return out;
  }

  async createShop(name: string): Promise<{ shopId: string; code: string }> {
    const out = await this.admin(['shop', 'create', '--name', name]);
    return { shopId: /shop id:\s+(\S+)/.exec(out)![1]!, code: /pairing code:\s+(\S+)/.exec(out)![1]! };
  }

  async pairCode(shopId: string): Promise<string> {
    const out = await this.admin(['shop', 'pair-code', '--shop', shopId]);
    return /pairing code:\s+(\S+)/.exec(out)![1]!;
  }
}

export class Desk {
  private child: ChildProcess | null = null;
  readonly url: string;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-desk-'));
  /** Everything the desk printed, its launch links among it. */
  printed = '';

  /** `shopTime`: this desk's own clock starts there (the run's shop time otherwise). */
  constructor(
    readonly port: number,
    private readonly demo: boolean,
    private readonly shopTime?: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const args = [...deskBundle, '--port', String(this.port), '--data', this.dataDir];
    if (this.demo) args.push('--demo', '--time-zone', 'Europe/London', '--language', e2eLanguage);
    const child = spawn(node, args, {
      cwd: root,
      env: {
        ...process.env,
        CAREDESK_TEST_HOOKS: '1',
        CAREDESK_WEB_TOKEN: TOKEN,
        TZ: processTimeZone(),
        ...(this.shopTime === undefined
          ? shopClockEnv()
          : { CAREDESK_NOW: new Date(this.shopTime).toISOString(), CAREDESK_NOW_SINCE: String(Date.now()) }),
        // Quick enough for a test: look for the other desks' changes every 2 s, retry a lost server every ≤ 2 s.
        CAREDESK_SYNC_IDLE_MS: '2000',
        CAREDESK_SYNC_MAX_BACKOFF_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => {
      this.printed += chunk.toString();
    });
    await waitForLine(child, /CareDesk is running/, `desk on ${this.port}`);
  }

  stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    return stop(child);
  }

  private async hook(page: Page, path: string, data: Record<string, unknown>): Promise<void> {
    const response = await page.request.post(`${this.url}/__test/${path}`, {
      data,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }

  /** Every answer from the sync server is held back this long (a slow server). */
  syncDelay(page: Page, ms: number) {
    return this.hook(page, 'sync', { delayMs: ms });
  }
  /** Pause / resume the sync loop (no automatic pushes or pulls; "Send now" still works). */
  syncPaused(page: Page, paused: boolean) {
    return this.hook(page, 'sync', { paused });
  }
  /** Move this desk's clock (status, commands) forward, e.g. to make a waiting change minutes old. */
  clockOffset(page: Page, ms: number) {
    return this.hook(page, 'clock', { offsetMs: ms });
  }
  /** Set this desk's clock to read `instant` now (and run on from there). */
  clockAt(page: Page, instant: number) {
    return this.hook(page, 'clock', { at: instant });
  }
  faults(page: Page, body: { failWrites?: boolean; storage?: boolean; clearStorageFailure?: boolean }) {
    return this.hook(page, 'faults', body);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stop(child)));
}
