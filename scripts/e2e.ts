/**
 * `npm run test:e2e`: the browser-mode e2e suite at three chosen shop times, so no test depends on
 * the day it happens to run: the suite's default instant (Wednesday 10:00 in London, the one
 * `npx playwright test` uses alone) in the machine's own zone; New Year's Eve ten minutes before
 * midnight ("tomorrow" is next year); and the Sunday the clocks go forward, five minutes before the
 * jump (today has 23 hours). The last two run the Node processes in an odd time zone
 * (TZ=Pacific/Kiritimati, UTC+14) to show nothing reads the machine's zone, the browser staying in
 * the shop's zone like a desk in the shop.
 *
 * Each run of Playwright costs about a minute of servers starting, and CI has 30 minutes, so the
 * three share the suite: the specs whose subject is the clock itself (what counts as past, the
 * years a date may name) run at every instant, and every other spec at one of the three, in turn by
 * file name. The multi-process sync spec (two desks, a sync server, PostgreSQL) runs at the
 * default instant. Other instants are a variable away: `CAREDESK_E2E_NOW=… npx playwright test`.
 * Extra arguments replace the spread: they go to `playwright test` at every instant (e.g. one spec
 * file). Exits non-zero when any run fails, after every run has had its turn.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { DateTime } from 'luxon';
import { DEFAULT_E2E_NOW } from '../test/e2e/support/shopTime';

const ZONE = 'Europe/London';

const instants: { at: string; why: string; ownZone?: true }[] = [
  { at: DEFAULT_E2E_NOW, why: "Wednesday mid-morning, the default, in the machine's own zone", ownZone: true },
  { at: '2026-12-31T23:50:00Z', why: "Thursday, New Year's Eve 23:50: tomorrow is next year" },
  { at: '2026-03-29T00:55:00Z', why: 'Sunday the clocks go forward, five minutes before the jump: today has 23 hours' },
];

interface Outcome {
  at: string;
  local: string;
  why: string;
  code: number;
  seconds: number;
  counts: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output = (output + chunk.toString()).slice(-20_000);
      to.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    child.once('exit', (code, signal) => done({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** "23 passed", "1 failed", "2 skipped" … from Playwright's closing lines. */
function countsOf(output: string): string {
  const counts = [...output.matchAll(/^\s+(\d+) (passed|failed|flaky|skipped|did not run)\b/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
  return counts.length > 0 ? counts.join(', ') : 'no result line';
}

/** Specs about the clock itself: they run at every instant. */
const everyInstant = ['date-limits.spec.ts', 'past-times.spec.ts'];
/** Left to the default run (several processes and a PostgreSQL server; see the header). */
const defaultRunOnly = ['sync.spec.ts'];

/** The spec files each instant runs: the clock's own specs, and every third of the rest. */
function specsFor(index: number, count: number): string[] {
  const spread = readdirSync('test/e2e')
    .filter((name) => name.endsWith('.spec.ts') && !everyInstant.includes(name) && !defaultRunOnly.includes(name))
    .sort()
    .filter((_name, position) => position % count === index);
  return [...everyInstant, ...(index === 0 ? defaultRunOnly : []), ...spread].map((name) => `test/e2e/${name}`);
}

const extraArgs = process.argv.slice(2);
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
// Each run fixes its own instant and gets fresh data folders.
delete baseEnv.CAREDESK_E2E_SINCE;
delete baseEnv.CAREDESK_E2E_ROOT;

console.log('== building the screens once for all three runs');
const built = await run('npx', ['vite', 'build', '--logLevel', 'warn'], baseEnv);
if (built.code !== 0) process.exit(built.code);

const outcomes: Outcome[] = [];
for (const [index, instant] of instants.entries()) {
  const local = DateTime.fromISO(instant.at, { zone: ZONE }).toFormat('ccc d LLL yyyy HH:mm ZZZZ');
  console.log(`\n== e2e at ${instant.at} (${local} in ${ZONE}): ${instant.why}`);
  const started = Date.now();
  const args = extraArgs.length > 0 ? extraArgs : specsFor(index, instants.length);
  console.log(`   specs: ${args.map((arg) => arg.replace('test/e2e/', '')).join(', ')}`);
  const result = await run('npx', ['playwright', 'test', ...args], {
    ...baseEnv,
    ...(instant.ownZone ? {} : { TZ: 'Pacific/Kiritimati', CAREDESK_E2E_WITHOUT_SYNC: '1' }),
    CAREDESK_E2E_NOW: instant.at,
    CAREDESK_E2E_PREBUILT: '1',
  });
  outcomes.push({
    ...instant,
    local,
    code: result.code,
    seconds: Math.round((Date.now() - started) / 1000),
    counts: countsOf(result.output),
  });
}

console.log(
  '\n== e2e at three shop times, the suite spread across them (after the first, Node processes in TZ=Pacific/Kiritimati; the sync spec runs at the first)',
);
for (const outcome of outcomes) {
  const verdict = outcome.code === 0 ? 'ok    ' : 'FAILED';
  console.log(
    `${verdict} ${outcome.at}  ${outcome.local.padEnd(30)} ${String(outcome.seconds).padStart(4)} s  ${outcome.counts}  — ${outcome.why}`,
  );
}
const failed = outcomes.filter((outcome) => outcome.code !== 0).length;
console.log(`dates: ${outcomes.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
