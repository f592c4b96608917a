import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './fixtures';

/**
 * Issue 9, item 12: `npm start` on a machine without the Electron binary says so in one line and
 * runs browser mode, printing its address — no stack trace. The binary is made absent for certain
 * by pointing electron's own ELECTRON_OVERRIDE_DIST_PATH at an empty folder.
 */

const root = resolve(__dirname, '../../..');
const dir = tempDir('caredesk-start-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start without the Electron binary', () => {
  it('is the start script', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('tsx scripts/start.ts');
  });

  it('says what is missing in one line, then starts browser mode and prints its address', async () => {
    const emptyDist = join(dir, 'no-electron');
    mkdirSync(emptyDist);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/start.ts', '--skip-build', '--no-open', '--data', join(dir, 'data')],
      {
        cwd: root,
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, CAREDESK_TEST_HOOKS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines: string[] = [];
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        lines.push(line);
        if (/https?:\/\/127\.0\.0\.1:\d+\//.test(line) || lines.length > 10) break;
      }
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
    expect(lines[0]).toBe('The Electron binary is not installed on this machine, so CareDesk starts in browser mode instead.');
    expect(lines.at(-1)).toMatch(/^CareDesk is running\. Open: http:\/\/127\.0\.0\.1:\d+\//);
    const address = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(lines.at(-1) ?? '')?.[0] ?? '';
    expect(address).not.toBe('');
    expect(stderr).not.toMatch(/Electron failed to install|\n\s+at /);
  });
});
