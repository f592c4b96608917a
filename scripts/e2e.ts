/**
 * `npm run test:e2e`: the browser-mode e2e suite at three chosen shop times and in both of the
 * desk's languages, so no test depends on the day it happens to run or on the language it was
 * written in: the suite's default instant (Wednesday 10:00 in London, the one `npx playwright test`
 * uses alone) in the machine's own zone and in English; New Year's Eve ten minutes before midnight
 * ("tomorrow" is next year); and the Sunday the clocks go forward, five minutes before the jump
 * (today has 23 hours). The last two run in Spanish (CAREDESK_E2E_LANGUAGE=es: the demo shops speak
 * it, the browser is es-ES, and every text a spec looks for is said through the catalogues,
 * test/e2e/support/spoken.ts), with the Node processes in an odd time zone (TZ=Pacific/Kiritimati,
 * UTC+14) to show nothing reads the machine's zone, the browser staying in the shop's zone like a
 * desk in the shop.
 *
 * The whole suite takes a quarter of an hour on two cores, and CI has 30 minutes, so the runs
 * share the suite: the specs whose subject is the clock itself (what counts as past, the years
 * a date may name) run in every run; the whole of the rest runs once in Spanish, half at each
 * Spanish instant, and a twelfth of it in English at the default instant, in turn by file name. The
 * multi-process sync spec (two desks, a sync server, PostgreSQL) runs in a run of its own at the
 * default instant, in Spanish, with Node in the machine's zone (its desks are processes of their
 * own). Other instants and languages are a variable away: `CAREDESK_E2E_NOW=…
 * CAREDESK_E2E_LANGUAGE=es npx playwright test`. Extra arguments replace the spread: they go to
 * `playwright test` in every run (e.g. one spec file). Exits non-zero when any run fails, after
 * every run has had its turn.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { DateTime } from 'luxon';
import { DEFAULT_E2E_NOW } from '../test/e2e/support/shopTime';

const ZONE = 'Europe/London';

/** `only`: a run that takes just these specs (and is left out of the spread of the rest). */
const instants: { at: string; why: string; language: 'en' | 'es'; ownZone?: true; only?: string[] }[] = [
  { at: DEFAULT_E2E_NOW, language: 'en', why: "Wednesday mid-morning, the default, in the machine's own zone", ownZone: true },
  { at: '2026-12-31T23:50:00Z', language: 'es', why: "Thursday, New Year's Eve 23:50: tomorrow is next year" },
  { at: '2026-03-29T00:55:00Z', language: 'es', why: 'Sunday the clocks go forward, five minutes before the jump: today has 23 hours' },
  { at: DEFAULT_E2E_NOW, language: 'es', why: 'the sync spec: two desks, a sync server and PostgreSQL, in the machine\'s own zone', ownZone: true, only: ['sync.spec.ts'] },
];

interface Outcome {
  at: string;
  language: string;
  local: string;
  why: string;
  code: number;
  seconds: number;
  counts: string;
  failures: string[];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output = (output + chunk.toString()).slice(-400_000);
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

/**
 * The titles Playwright lists under "N failed" / "N flaky" at the end, each with the first lines of
 * its error, so the summary (often all a CI log keeps) says what went wrong, not only where.
 */
function failuresOf(output: string): string[] {
  const lines = output.split('\n');
  const titles: string[] = [];
  let listing = false;
  for (const line of lines) {
    if (/^\s+\d+ (failed|flaky)\b/.test(line)) listing = true;
    else if (/^\s+\d+ (passed|skipped|did not run)\b/.test(line)) listing = false;
    else if (listing && /\.spec\.ts:\d+/.test(line)) titles.push(line.trim());
  }
  return titles.map((title) => {
    const location = /\S+\.spec\.ts:\d+/.exec(title)?.[0] ?? title;
    const heading = lines.findIndex((line) => /^\s+\d+\) /.test(line) && line.includes(location));
    if (heading < 0) return title;
    const said = lines
      .slice(heading + 1, heading + 40)
      .map((line) => line.trim())
      .filter((line) => /^(Error|Locator|Expected|Received|Test timeout|Timeout|TimeoutError)\b/.test(line) && !line.startsWith('Error Context'))
      .slice(0, 5);
    return [title, ...said.map((line) => `  ${line.slice(0, 300)}`)].join('\n         ');
  });
}

/** Specs about the clock itself: they run at every instant. */
const everyInstant = ['date-limits.spec.ts', 'past-times.spec.ts'];
/** Specs a run of their own takes (see `only`). */
const ownRunOnly = instants.flatMap((instant) => instant.only ?? []);

/**
 * Specs not yet walked in Spanish, and why: they run in the English run instead, so every spec
 * still runs once. Each is a spec whose English the catalogue readers (test/e2e/support/readings/)
 * cannot yet say, not a screen found in English.
 */
const notYetInSpanish: Record<string, string> = {};

/**
 * The English run takes every twelfth spec of the rest, in turn by file name: the specs are written
 * in English, and this keeps a sample of them run as written, beside the catalogue tests that hold
 * every English text, within CI's 30 minutes.
 */
const englishShare = 12;

/** The spec files a run takes: the clock's own specs, and its share of the rest among the runs of its language. */
function specsFor(index: number): string[] {
  const own = instants[index]?.only;
  if (own !== undefined) return own.map((name) => `test/e2e/${name}`);
  const language = instants[index]?.language;
  const sameLanguage = instants.flatMap((instant, at) => (instant.language === language && instant.only === undefined ? [at] : []));
  const share = sameLanguage.indexOf(index);
  const count = language === 'en' ? englishShare : sameLanguage.length;
  const rest = readdirSync('test/e2e')
    .filter((name) => name.endsWith('.spec.ts') && !everyInstant.includes(name) && !ownRunOnly.includes(name))
    .sort();
  const inSpanish = rest.filter((name) => !(name in notYetInSpanish));
  const spread = language === 'en'
    ? [...rest.filter((_name, position) => position % count === share), ...rest.filter((name) => name in notYetInSpanish && rest.indexOf(name) % count !== share)]
    : inSpanish.filter((_name, position) => position % count === share);
  return [...everyInstant, ...spread].map((name) => `test/e2e/${name}`);
}

for (const [name, why] of Object.entries(notYetInSpanish)) console.log(`not yet in Spanish (runs in English): ${name} — ${why}`);

const extraArgs = process.argv.slice(2);
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
// Each run fixes its own instant and gets fresh data folders.
delete baseEnv.CAREDESK_E2E_SINCE;
delete baseEnv.CAREDESK_E2E_ROOT;

console.log('== building the screens, the desk and the sync server once for every run');
for (const [command, ...args] of [['npx', 'vite', 'build', '--logLevel', 'warn'], ['npx', 'tsx', 'scripts/build-e2e.ts']] as const) {
  const built = await run(command, args, baseEnv);
  if (built.code !== 0) process.exit(built.code);
}

/**
 * Desks and sync servers a run left behind (a worker killed mid-spec cannot stop its own), stopped
 * before the next run: they hold the ports its specs start theirs on. Named, so it never passes unseen.
 */
function stopLeftovers(): void {
  const found = spawnSync('pgrep', ['-f', 'dist/e2e/(web/cli|server)\\.mjs'], { encoding: 'utf8' });
  const pids = (found.stdout ?? '').split('\n').map(Number).filter((pid) => pid > 0 && pid !== process.pid);
  if (pids.length === 0) return;
  console.log(`   stopping ${pids.length} desk or server process(es) the last run left running: ${pids.join(', ')}`);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const outcomes: Outcome[] = [];
for (const [index, instant] of instants.entries()) {
  stopLeftovers();
  const local = DateTime.fromISO(instant.at, { zone: ZONE }).toFormat('ccc d LLL yyyy HH:mm ZZZZ');
  console.log(`\n== e2e at ${instant.at} (${local} in ${ZONE}) in ${instant.language === 'es' ? 'Spanish' : 'English'}: ${instant.why}`);
  const started = Date.now();
  const args = extraArgs.length > 0 ? extraArgs : specsFor(index);
  console.log(`   specs: ${args.map((arg) => arg.replace('test/e2e/', '')).join(', ')}`);
  const result = await run('npx', ['playwright', 'test', ...args], {
    ...baseEnv,
    ...(instant.ownZone ? {} : { TZ: 'Pacific/Kiritimati', CAREDESK_E2E_WITHOUT_SYNC: '1' }),
    CAREDESK_E2E_NOW: instant.at,
    CAREDESK_E2E_LANGUAGE: instant.language,
    CAREDESK_E2E_PREBUILT: '1',
  });
  outcomes.push({
    ...instant,
    local,
    code: result.code,
    seconds: Math.round((Date.now() - started) / 1000),
    counts: countsOf(result.output),
    failures: failuresOf(result.output),
  });
}

console.log(
  '\n== e2e at three shop times: the whole suite once in Spanish (the last three runs) and a twelfth of it in English (the first); at the odd instants, Node processes in TZ=Pacific/Kiritimati',
);
for (const outcome of outcomes) {
  const verdict = outcome.code === 0 ? 'ok    ' : 'FAILED';
  console.log(
    `${verdict} ${outcome.at} ${outcome.language}  ${outcome.local.padEnd(30)} ${String(outcome.seconds).padStart(4)} s  ${outcome.counts}  — ${outcome.why}`,
  );
  for (const title of outcome.failures) console.log(`         ${title}`);
}
const failed = outcomes.filter((outcome) => outcome.code !== 0).length;
console.log(`dates: ${outcomes.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
