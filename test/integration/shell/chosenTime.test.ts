import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Tests choose the shop's date and time; a real shop cannot. Browser mode and the sync server
 * start their one clock at CAREDESK_NOW / --now (test hooks on only), in an odd machine time
 * zone, so nothing they show depends on the machine's date or zone.
 */

const root = resolve(import.meta.dirname, '..', '..', '..');
const TOKEN = 'chosen-time-token-0123456789abcdef';
const NEW_YEARS_EVE = '2026-12-31T23:50:00Z';
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-chosen-time-'));
  dirs.push(dir);
  return dir;
}

/** Start a process and wait for a line matching `ready`, or for it to exit. */
function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ match: RegExpExecArray | null; code: number | null; output: string }> {
  // Node itself with tsx's loader: one process, so killing it leaves nothing running behind it.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, TZ: 'Pacific/Kiritimati', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((done) => {
    let output = '';
    const timer = setTimeout(() => done({ match: null, code: null, output }), 50_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ match, code: null, output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ match: null, code, output });
    });
  });
}

async function query<T>(
  origin: string,
  path: string,
  input?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetch(`${origin}/trpc/${path}${search}`, { headers });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

describe('the shop time a test chooses', () => {
  it("browser mode started at New Year's Eve 23:50 builds its demo shop around that day, whatever the machine's date and zone", async () => {
    const started = await start(
      ['src-main/launch/web/cli.ts', '--data', tempDir(), '--demo', '--time-zone', 'Europe/London', '--static', tempDir()],
      { CAREDESK_TEST_HOOKS: '1', CAREDESK_WEB_TOKEN: TOKEN, CAREDESK_NOW: NEW_YEARS_EVE },
      /CareDesk is running\. Open: (http:\/\/127\.0\.0\.1:\d+)/,
    );
    expect(started.match, started.output).not.toBeNull();
    const origin = started.match![1]!;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const day = (date: string) => query<{ appointments: unknown[] }>(origin, 'appointments.day', { date }, auth);
    // The demo fills three days before the chosen day and four after it, across the new year.
    expect((await day('2026-12-27')).appointments).toHaveLength(0);
    for (const date of ['2026-12-28', '2026-12-31', '2027-01-01', '2027-01-04']) {
      expect((await day(date)).appointments.length, date).toBeGreaterThan(0);
    }
    expect((await day('2027-01-05')).appointments).toHaveLength(0);
  });

  it('a chosen time without test hooks is refused in one plain line', async () => {
    const started = await start(
      ['src-main/launch/web/cli.ts', '--data', tempDir(), '--now', NEW_YEARS_EVE, '--static', tempDir()],
      { CAREDESK_TEST_HOOKS: '0' },
      /CareDesk is running/,
    );
    expect(started.code).toBe(1);
    expect(started.output).toContain('CareDesk did not start: A chosen date and time is only for tests');
    expect(started.output).not.toMatch(/\n\s+at /);
  });

  it("the sync server's health answer carries the chosen time", async () => {
    const started = await start(
      ['server/cli.ts', '--data-dir', tempDir(), '--now', NEW_YEARS_EVE, 'serve', '--port', '0'],
      { CAREDESK_TEST_HOOKS: '1', LOG_LEVEL: 'info', DATABASE_URL: '' },
      /"url":"(http:\/\/127\.0\.0\.1:\d+)/,
    );
    expect(started.match, started.output).not.toBeNull();
    const health = await query<{ serverTime: number }>(started.match![1]!, 'health.check');
    expect(health.serverTime - Date.parse(NEW_YEARS_EVE)).toBeGreaterThanOrEqual(0);
    expect(health.serverTime - Date.parse(NEW_YEARS_EVE)).toBeLessThan(60_000);
  });
});
