import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { defaultMigrationsFolder, openStore } from '../../../src-main/core/store/open';
import { loadRow } from '../../../src-main/core/store/rows';
import { checkInvariants } from '../../support/local/invariants';
import type { Setup } from '../../support/local/crashChild';
import { makeShop, tempDir } from '../../support/local/shop';

/**
 * Acceptance 7: a child process books and reschedules in a loop and is SIGKILLed at random
 * moments; after each kill the reopened database passes quick_check, holds every write the child
 * reported as committed, and keeps the invariants of acceptance 6.
 */

const KILLS = Number(process.env.CAREDESK_CRASH_KILLS ?? 55);
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const childScript = join(repoRoot, 'test', 'support', 'local', 'crashChild.ts');

/**
 * The child as a node command line. Bundled with esbuild (a tsx dependency) into
 * node_modules/.cache so it starts in ~0.1 s instead of ~0.6 s; tsx when esbuild is unavailable.
 */
async function childCommand(): Promise<string[]> {
  try {
    const esbuild = await import('esbuild');
    // One bundle per checkout: worktrees may share one node_modules, and must not run each other's child.
    const checkout = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
    const outfile = join(repoRoot, 'node_modules', '.cache', `caredesk-test-${checkout}`, 'crashChild.mjs');
    await esbuild.build({
      entryPoints: [childScript],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      outfile,
      logLevel: 'warning',
    });
    return [outfile];
  } catch (error) {
    console.warn(`crash test: esbuild unavailable (${String(error)}), running the child through tsx`);
    return ['--import', 'tsx', childScript];
  }
}

interface ChildRun {
  lines: string[];
  killedAfterMs: number;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
}

/**
 * When to kill: after the child has acknowledged `afterWrites` writes plus `extraMs` (so the kill
 * lands somewhere in the command loop, often mid-transaction), or `afterSpawnMs` after the start
 * (which can land while it is still opening the store).
 */
type KillPlan = { afterWrites: number; extraMs: number } | { afterSpawnMs: number };

function runAndKill(command: string[], file: string, setup: object, plan: KillPlan): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...command, file, JSON.stringify(setup)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    const lines: string[] = [];
    let stderr = '';
    let writes = 0;
    let killAt = 0;
    const kill = () => {
      if (killAt === 0) killAt = Date.now();
      child.kill('SIGKILL');
    };
    const safety = setTimeout(kill, 20_000);
    const timers: NodeJS.Timeout[] = [];
    if ('afterSpawnMs' in plan) timers.push(setTimeout(kill, plan.afterSpawnMs));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('ready') || line.startsWith('error')) continue;
        writes += 1;
        if ('afterWrites' in plan && writes === plan.afterWrites) {
          if (plan.extraMs === 0) kill();
          else timers.push(setTimeout(kill, plan.extraMs));
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(safety);
      for (const timer of timers) clearTimeout(timer);
      // A half-written last line (no newline yet) is not a report.
      resolve({ lines, killedAfterMs: killAt === 0 ? -1 : killAt - started, exit: { code, signal }, stderr });
    });
  });
}

describe('acceptance 7: SIGKILL at random moments never loses an acknowledged write', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let setup: Setup;
  let command: string[];

  beforeAll(async () => {
    dir = tempDir('caredesk-crash-');
    file = join(dir.dir, 'crash.sqlite');
    const shop = await makeShop({ file });
    setup = {
      staffIds: [shop.staff[0].id, shop.staff[1].id, shop.owner.id],
      serviceIds: [shop.services.cut, shop.services.colour],
      clientIds: shop.clients,
      actorId: shop.staff[0].id,
      seed: 0,
      migrationsFolder: defaultMigrationsFolder,
    };
    command = await childCommand();
    shop.store.close();
  });
  afterAll(() => dir.cleanup());

  it(`survives ${KILLS} kills with every reported write present`, async () => {
    const reported = new Map<string, number>();
    let totalReports = 0;
    let killsMidWork = 0;
    const baseSeed = Number(process.env.CAREDESK_CRASH_SEED ?? Date.now() % 1_000_000);
    const started = Date.now();
    for (let round = 0; round < KILLS; round += 1) {
      const seed = baseSeed + round;
      // Mostly after some acknowledged writes plus a few random milliseconds; every sixth round at a
      // random moment after the start (possibly while the child is still opening the store).
      const plan: KillPlan =
        round % 6 === 5
          ? { afterSpawnMs: 20 + ((seed * 53) % 400) }
          : { afterWrites: 1 + ((seed * 31) % 40), extraMs: (seed * 7) % 6 };
      const run = await runAndKill(command, file, { ...setup, seed }, plan);
      const context = `round ${round} (seed ${seed}, plan ${JSON.stringify(plan)}, killed ${run.killedAfterMs} ms after spawn)`;
      expect(run.exit.signal, `${context}: the child exited by itself: code ${run.exit.code}\n${run.stderr}`).toBe(
        'SIGKILL',
      );
      const errors = run.lines.filter((line) => line.startsWith('error'));
      expect(errors, `${context}: the child reported errors\n${run.stderr}`).toEqual([]);
      let roundReports = 0;
      for (const line of run.lines) {
        const match = /^([0-9a-f-]{36}) (\d+)$/.exec(line);
        if (match === null) continue;
        const [, id, version] = match as unknown as [string, string, string];
        reported.set(id, Math.max(reported.get(id) ?? 0, Number(version)));
        roundReports += 1;
      }
      totalReports += roundReports;
      if (roundReports > 0) killsMidWork += 1;

      const store = openStore(file);
      try {
        expect(store.sqlite.pragma('quick_check', { simple: true }), context).toBe('ok');
        const missing: string[] = [];
        for (const [id, version] of reported) {
          const row = loadRow(store, 'appointment', id) as Appointment | null;
          if (row === null || row.version < version)
            missing.push(`${id}: reported v${version}, found ${row === null ? 'nothing' : `v${row.version}`}`);
        }
        expect(missing, `${context}: acknowledged writes lost`).toEqual([]);
        expect(checkInvariants(store), context).toEqual([]);
      } finally {
        store.close();
      }
    }
    const store = openStore(file);
    const rows = (store.sqlite.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n;
    const events = (store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    store.close();
    console.log(
      `crash test: ${KILLS} kills (base seed ${baseSeed}), ${killsMidWork} after at least one acknowledged write, ` +
        `${totalReports} acknowledged writes, ${reported.size} appointments reported, ${rows} in the database, ${events} events, ${Date.now() - started} ms`,
    );
    expect(killsMidWork).toBeGreaterThanOrEqual(Math.floor((KILLS * 2) / 3));
  }, 120_000);
  it('two processes booking the same few slots at once never double-book, and both keep every acknowledged write', async () => {
    const contested = join(dir.dir, 'contested.sqlite');
    const shop = await makeShop({ file: contested });
    shop.store.close();
    const base = Number(process.env.CAREDESK_CRASH_SEED ?? Date.now() % 1_000_000);
    // Two staff, 40 quarter hours: most attempts clash with the other process's bookings.
    const narrow = {
      ...setup,
      staffIds: [shop.staff[0].id, shop.staff[1].id],
      serviceIds: [shop.services.cut, shop.services.colour],
      clientIds: shop.clients,
      actorId: shop.staff[0].id,
      slotCount: 40,
    };
    const runs = await Promise.all(
      [0, 1].map((n) =>
        runAndKill(command, contested, { ...narrow, seed: base + 1000 + n }, { afterWrites: 60, extraMs: 3 }),
      ),
    );
    const store = openStore(contested);
    try {
      expect(store.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
      expect(checkInvariants(store)).toEqual([]);
      let acknowledged = 0;
      for (const run of runs) {
        expect(
          run.lines.filter((line) => line.startsWith('error')),
          run.stderr,
        ).toEqual([]);
        for (const line of run.lines) {
          const match = /^([0-9a-f-]{36}) (\d+)$/.exec(line);
          if (match === null) continue;
          acknowledged += 1;
          const row = loadRow(store, 'appointment', match[1]!) as Appointment | null;
          expect(row?.version ?? 0).toBeGreaterThanOrEqual(Number(match[2]));
        }
      }
      const booked = (
        store.sqlite.prepare(`SELECT count(*) AS n FROM appointments WHERE status = 'booked'`).get() as { n: number }
      ).n;
      console.log(
        `contested booking: ${acknowledged} acknowledged writes from two processes, ${booked} booked appointments, no overlaps`,
      );
      expect(acknowledged).toBeGreaterThan(20);
    } finally {
      store.close();
    }
  }, 60_000);
});
