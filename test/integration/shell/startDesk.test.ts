import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/clock';
import { startDesk } from '../../../src-main/launch/desk/startDesk';
import { peekSyncAgent } from '../../../src-main/agents/sync/registry';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { tempDir } from './fixtures';

/**
 * Issue 10, item 4: one composition root. Both launchers start the desk through startDesk, which
 * opens the store in a private data folder, checks it, starts sync and the daily backups, builds
 * the shell services, swaps the store after a restore and stops without leaving anything running.
 */

const root = resolve(__dirname, '../../..');
const dir = tempDir('caredesk-startdesk-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = Date.parse('2026-03-10T09:00:00Z');

describe('startDesk', () => {
  it('opens the store in a private data folder, checks it, syncs, backs up, swaps and stops', async () => {
    const dataDir = join(dir, 'shop');
    mkdirSync(join(dataDir, 'backups'), { recursive: true, mode: 0o755 });
    // A restore a crash left half-written.
    writeFileSync(join(dataDir, '.caredesk.sqlite.123.4.partial'), 'half');
    const clock = new ManualClock(at);
    const desk = await startDesk({
      dataDir,
      clock,
      secretsFor: () => fileSecretStore(join(dataDir, 'sync-token')),
      sync: { autoRun: false },
      demo: { timeZone: 'Europe/London' },
      shell: { appVersion: '9.9.9', outputDir: join(dataDir, 'saved') },
    });
    const first = desk.store();
    expect(first.file).toBe(join(dataDir, 'caredesk.sqlite'));
    expect(first.sqlite.open).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'saved')).mode & 0o777).toBe(0o700);
    }
    expect(existsSync(join(dataDir, '.caredesk.sqlite.123.4.partial'))).toBe(false);
    expect(desk.demoAdded).toBe(true);
    expect(await desk.integrity).toEqual({ state: 'ok', at });
    expect(desk.agent()).toBe(peekSyncAgent(first));
    expect(desk.status().writesLocked).toBe(false);
    expect(desk.shell.appVersion).toBe('9.9.9');
    expect(desk.shell.backupDir).toBe(join(dataDir, 'backups'));
    expect(desk.shell.status?.().writesLocked).toBe(false);

    // The daily backup was taken at start.
    await expect.poll(() => readdir(join(dataDir, 'backups')).some((name) => name.includes('daily'))).toBe(true);

    // A restore hands over a reopened store: it gets its own agent; the launcher is told.
    const told: string[] = [];
    desk.onSwap((next) => told.push(next.file));
    const firstAgent = desk.agent();
    first.close();
    const second = desk.shell.reopenStore!(first.file);
    desk.shell.swapStore!(second);
    expect(desk.store()).toBe(second);
    expect(desk.agent()).not.toBe(firstAgent);
    expect(desk.agent()).toBe(peekSyncAgent(second));
    expect(told).toEqual([first.file]);

    await desk.stop();
    expect(second.sqlite.open).toBe(false);
    expect(() => desk.store()).toThrow('The database is not open.');
  });

  it('stops cleanly even mid-backup: nothing fails afterwards and the process ends by itself', () => {
    const script = join(dir, 'start-and-stop.mts');
    writeFileSync(
      script,
      `import { startDesk } from ${JSON.stringify(join(root, 'src-main/launch/desk/startDesk.ts'))};
import { fileSecretStore } from ${JSON.stringify(join(root, 'src-main/agents/sync/secrets.ts'))};
const dataDir = process.argv[2];
const desk = await startDesk({ dataDir, clock: { now: () => ${at} }, secretsFor: () => fileSecretStore(dataDir + '/sync-token') });
const store = desk.store();
// At once, while the first daily backup is still being written: the backup ends, then the store closes.
await desk.stop();
const integrity = await desk.integrity;
console.log(JSON.stringify({ integrity: integrity.state, open: store.sqlite.open, backups: (await import('node:fs')).readdirSync(dataDir + '/backups').length }));
`,
    );
    // Sync runs on its timers here (autoRun), as in the app. A store closed under the backup would
    // fail it after stop (an unhandled rejection ends the child with an error); a timer or worker left behind would hold it.
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, join(dir, 'child-shop')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ integrity: 'ok', open: false, backups: 1 });
  });

  it('is the way both launchers start the desk', () => {
    for (const launcher of ['src-main/launch/electron/main.ts', 'src-main/launch/web/cli.ts']) {
      const source = readFileSync(join(root, launcher), 'utf8');
      expect(source, launcher).toMatch(/await startDesk\(\{/);
      // Opening, checking and syncing a store are startDesk's job, not the launcher's.
      for (const call of ['openStore(', 'configureSync(', 'checkIntegrity(', 'tightenDataFolder(', 'removeStaleTempFiles(']) {
        expect(source.includes(call), `${launcher} calls ${call}`).toBe(false);
      }
    }
  });
});

function readdir(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}
