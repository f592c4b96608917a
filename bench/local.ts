import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { DateTime } from 'luxon';
import { newId } from '../src-shared/ids';
import { addDays, localTimeToInstant } from '../src-shared/time';
import { createCallerFactory } from '../src-main/api/trpc';
import { appRouter } from '../src-main/api/appRouter';
import { DeskSession } from '../src-main/core/session/deskSession';
import { openStore, type Store } from '../src-main/core/store/open';
import { activityLog } from '../src-main/core/activity/activityLog';
import { dayView } from '../src-main/core/appointments/dayView';
import { nextAvailable } from '../src-main/core/appointments/freeSlots';
import { weekView } from '../src-main/core/appointments/weekView';
import { searchClients } from '../src-main/core/clients/queries';
import { BENCH_ZONE, FIRST_DAY, buildDataset, datasetFile, describeDataset } from './localDataset';
import { addSchedules } from './scheduleDataset';
import { addReportOutcomes, REPORT_YEAR } from './reportDataset';
import { ownerNumbers } from '../src-main/core/reports/ownerNumbers';
import { attentionList } from '../src-main/agents/status/attention';
import { buildClientDataset, clientsFile, searchQueries, SEARCH_CLIENTS } from './clientDataset';
import { clientImportCsv } from './importDataset';

/**
 * `npm run bench` — the local store's figures (issue 2). Every figure is printed beside a
 * baseline measured in this same run; the last line is one JSON object.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string' },
    dir: { type: 'string' },
    measure: { type: 'boolean', default: false },
  },
});
const dir = values.dir ?? join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });

if (values.seed !== undefined) {
  buildDataset(dir, Number(values.seed));
  // Staff schedules and time off (issue 11), added once to the cached dataset.
  addSchedules(datasetFile(dir, Number(values.seed)), describeDataset(datasetFile(dir, Number(values.seed)), Number(values.seed)).days);
  // A lived year for the owner's numbers (issue 14): checkouts, cancellations, no-shows.
  addReportOutcomes(datasetFile(dir, Number(values.seed)));
  // 100,000 clients for the search figures (issue 12), in a file of their own.
  const backfillMs = buildClientDataset(dir);
  if (backfillMs !== null) console.log(`clients: ${SEARCH_CLIENTS} built; search keys back-filled at open in ${(backfillMs / 1000).toFixed(1)} s`);
  process.exit(0);
}

/**
 * The figures are taken in a child running this file bundled by esbuild on plain Node, as the
 * desk's main process runs in production: without the TypeScript loader, whose ~35 MB would
 * otherwise count as the desk's memory.
 */
if (!values.measure) {
  const size = values.quick ? 50_000 : 1_000_000;
  const seedStart = performance.now();
  const seeded = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string, '--seed', String(size), '--dir', dir], {
    stdio: 'inherit',
  });
  if (seeded.status !== 0) throw new Error('seeding the benchmark database failed');
  console.log(`dataset: ${size} appointments (${((performance.now() - seedStart) / 1000).toFixed(1)} s to build or reuse)`);
  // Three folders below the project, like src-main/core/store, so the store finds drizzle/local as in development.
  const bundle = join(process.cwd(), 'dist', 'bench', 'local', 'local-bench.mjs');
  await build({
    entryPoints: [process.argv[1] as string],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const measured = spawnSync(
    process.execPath,
    [bundle, '--measure', '--dir', dir, ...(values.quick ? ['--quick'] : [])],
    { stdio: 'inherit', env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') } },
  );
  process.exit(measured.status ?? 1);
}

const size = values.quick ? 50_000 : 1_000_000;
const creates = values.quick ? 300 : 1000;
const samples = values.quick ? 200 : 500;

function percentile(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// Open → first day view answered.
const file = datasetFile(dir, size);
const openStart = performance.now();
const big = openStore(file);
dayView(big, { date: FIRST_DAY });
const openMs = performance.now() - openStart;
const quickCheckMs = time(() => big.sqlite.pragma('quick_check'));
const dataset = describeDataset(file, size);

const dayTimes: number[] = [];
for (let i = 0; i < samples; i += 1) {
  const date = addDays(FIRST_DAY, -Math.floor(Math.random() * dataset.days));
  dayTimes.push(time(() => dayView(big, { date })));
}
const activityTimes: number[] = [];
const firstPage = activityLog(big, { limit: 50 });
const topSeq = firstPage.items[0]?.seq ?? 1;
for (let i = 0; i < samples; i += 1) {
  const cursor = 1 + Math.floor(Math.random() * topSeq);
  const filtered = i % 2 === 0 ? { actorStaffId: dataset.ownerId } : {};
  activityTimes.push(time(() => activityLog(big, { limit: 50, cursor, ...filtered })));
}
// Next available with anyone (issue 11): one service, 14 days ahead, from a moment of a day whose
// next two weeks are booked like the rest (the dataset's days go back from FIRST_DAY).
// Like the day view (answered once when the store opens), one search before the timed ones
// prepares its statements; it looks past FIRST_DAY, at days no timed search reads.
nextAvailable(big, { serviceId: dataset.serviceIds[0] as string, days: 14, limit: 6, stepMin: 15 }, localTimeToInstant(FIRST_DAY, '08:00', BENCH_ZONE));
const nextFreeTimes: number[] = [];
for (let i = 0; i < samples; i += 1) {
  const date = addDays(FIRST_DAY, -14 - Math.floor(Math.random() * Math.max(1, dataset.days - 14)));
  const now = localTimeToInstant(date, '08:00', BENCH_ZONE) + Math.floor(Math.random() * 11 * 60) * 60_000;
  const serviceId = dataset.serviceIds[i % dataset.serviceIds.length] as string;
  nextFreeTimes.push(time(() => nextAvailable(big, { serviceId, days: 14, limit: 6, stepMin: 15 }, now)));
}
// ---- Week view (issue 11): one staff member's week (7 days) on the big dataset ----
const staffIds = (big.sqlite.prepare('SELECT id FROM staff WHERE deleted_at IS NULL').all() as { id: string }[]).map((row) => row.id);
// The same single warm-up, on a week after FIRST_DAY's, which no timed week falls in.
weekView(big, { date: addDays(FIRST_DAY, 7), staffId: staffIds[0] as string });
const weekTimes: number[] = [];
for (let i = 0; i < samples; i += 1) {
  const date = addDays(FIRST_DAY, -Math.floor(Math.random() * dataset.days));
  const staffId = staffIds[i % staffIds.length] as string;
  weekTimes.push(time(() => weekView(big, { date, staffId })));
}
// ---- end of the week view section ----
// ---- The owner's numbers (issue 14): every figure of the dashboard for a year ----
// One warm-up on the year before (its statements prepared, as the dashboard's first answer does).
ownerNumbers(big, { from: addDays(REPORT_YEAR.from, -365), to: addDays(REPORT_YEAR.from, -1) });
// Wall time, and the CPU time the figures took (the same measure on a machine other work shares).
const reportTimes: number[] = [];
const reportCpu: number[] = [];
let reportBookings = 0;
for (let i = 0; i < (values.quick ? 5 : 11); i += 1) {
  const cpu = process.cpuUsage();
  reportTimes.push(time(() => (reportBookings = ownerNumbers(big, REPORT_YEAR).totals.bookings)));
  const used = process.cpuUsage(cpu);
  reportCpu.push((used.user + used.system) / 1000);
}
// ---- end of the owner's numbers section ----
big.close();

// ---- Client search (issue 12): 100,000 clients, a 4-digit fragment of a number or a name's first letters ----
const clientShop = openStore(clientsFile(dir));
// One search of each kind first prepares their statements, as the day view's first answer does.
searchClients(clientShop, { query: '0000', limit: 20, includeDeleted: false });
searchClients(clientShop, { query: 'zz', limit: 20, includeDeleted: false });
const queries = searchQueries(samples);
const phoneSearchTimes: number[] = [];
const nameSearchTimes: number[] = [];
for (let i = 0; i < samples; i += 1) {
  // As the Clients screen asks (its page of 20).
  phoneSearchTimes.push(time(() => searchClients(clientShop, { query: queries.phones[i] as string, limit: 20, includeDeleted: false })));
  nameSearchTimes.push(time(() => searchClients(clientShop, { query: queries.names[i] as string, limit: 20, includeDeleted: false })));
}
const searchTimes = [...phoneSearchTimes, ...nameSearchTimes];
clientShop.close();
// ---- end of the client search section ----

// The create path through the router, against a raw two-row transaction of the same rows, on fresh files alike.
async function freshShop(name: string) {
  const path = join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const store = openStore(path);
  const session = new DeskSession();
  const caller = createCallerFactory(appRouter)({ store, session, now: () => Date.now(), requestId: 'bench' });
  const hours = { open: '00:00', close: '23:59' };
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [hours]]));
  await caller.settings.create({ idempotencyKey: newId(), shopName: 'Bench', timeZone: BENCH_ZONE, openingHours: week as never });
  const owner = await caller.staff.create({ idempotencyKey: newId(), name: 'Owner', colour: '#336699', role: 'owner' });
  await session.signIn(store, { staffId: owner.row.id });
  const service = await caller.services.create({ idempotencyKey: newId(), name: 'Cut', durationMin: 25, bufferAfterMin: 5 });
  const client = await caller.clients.create({ idempotencyKey: newId(), name: 'Client' });
  return { store, caller, staffId: owner.row.id, serviceId: service.row.id, clientId: client.row.id };
}

/**
 * The two are timed in turns (one booking, then one raw insert), so a change in the machine's load
 * weighs on both alike. The raw insert writes what a booking writes to the same tables — the row
 * and its create event with the row's fields as after-values, ids made inside the timing as the
 * desk makes them — but none of the command path's own work (validation, rules, slot check,
 * idempotency answer). The idempotency key is made before the timing: the screen makes it.
 */
const routed = await freshShop('create-router.sqlite');
const raw = await freshShop('create-raw.sqlite');
const rawStore: Store = raw.store;
const insertRow = rawStore.sqlite.prepare(
  `INSERT INTO appointments (id, version, created_at, updated_at, deleted_at, client_id, staff_id, service_id, starts_at, ends_at, block_ends_at, status, notes, cancel_reason, outside_hours, recorded_after_start)
   VALUES (?, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 'booked', '', NULL, 0, ?)`,
);
const insertEvent = rawStore.sqlite.prepare(
  `INSERT INTO events (id, entity_type, entity_id, type, version, actor_staff_id, device_id, at, reason, before, after, undoes_event_id)
   VALUES (?, 'appointment', ?, 'appointment.create', 1, ?, ?, ?, NULL, '{}', ?, NULL)`,
);
const rawInsert = rawStore.sqlite.transaction((startsAt: number) => {
  const id = newId();
  const now = Date.now();
  const recordedAfterStart = startsAt < now;
  const after = {
    deletedAt: null,
    clientId: raw.clientId,
    staffId: raw.staffId,
    serviceId: raw.serviceId,
    startsAt,
    endsAt: startsAt + 1_500_000,
    blockEndsAt: startsAt + 1_800_000,
    status: 'booked',
    notes: '',
    cancelReason: null,
    outsideHours: false,
    recordedAfterStart,
  };
  insertRow.run(id, now, now, raw.clientId, raw.staffId, raw.serviceId, startsAt, after.endsAt, after.blockEndsAt, recordedAfterStart ? 1 : 0);
  insertEvent.run(newId(), id, raw.staffId, rawStore.deviceId, now, JSON.stringify(after));
});
const createTimes: number[] = [];
const rawTimes: number[] = [];
const base = DateTime.fromISO(FIRST_DAY, { zone: BENCH_ZONE }).toISODate() as string;
for (let i = 0; i < creates; i += 1) {
  const startsAt = localTimeToInstant(addDays(base, Math.floor(i / 40)), '00:00', BENCH_ZONE) + (i % 40) * 30 * 60_000;
  const input = {
    idempotencyKey: newId(),
    clientId: routed.clientId,
    staffId: routed.staffId,
    serviceId: routed.serviceId,
    startsAt,
    // The bench's fixed days may lie before the machine's date: measured the same either way.
    allowPast: true,
  };
  const start = performance.now();
  await routed.caller.appointments.create(input);
  createTimes.push(performance.now() - start);
  rawTimes.push(time(() => rawInsert(startsAt)));
}
routed.store.close();
rawStore.close();

// Measured before the import below, whose file and plan are held only while it runs.
const rssMb = process.memoryUsage().rss / 1024 / 1024;

// ---- The attention list: every open screen asks for it every five seconds, on the big store ----
// After the RSS reading, which stays comparable with earlier rounds: polling it 200 times adds ≈8 MB
// (V8's young generation grows with the ≈460 KB of short-lived queries each call builds; see README).
const polled = openStore(file);
const attentionTimes: number[] = [];
attentionList(polled, localTimeToInstant(FIRST_DAY, '08:00', BENCH_ZONE));
for (let i = 0; i < samples; i += 1) {
  const date = addDays(FIRST_DAY, -14 - Math.floor(Math.random() * Math.max(1, dataset.days - 14)));
  const now = localTimeToInstant(date, '08:00', BENCH_ZONE) + Math.floor(Math.random() * 11 * 60) * 60_000;
  attentionTimes.push(time(() => attentionList(polled, now)));
}
polled.close();

// Importing clients (issue 15): a 10,000-row CSV read, checked and committed in one transaction, through the router as the screen calls it.
const IMPORT_ROWS = 10_000;
const importing = await freshShop('import.sqlite');
const importBytes = Buffer.from(clientImportCsv(IMPORT_ROWS, 0, []), 'utf8');
const importStart = performance.now();
const importCpuStart = process.cpuUsage();
const { uploadId } = await importing.caller.imports.beginUpload({ fileName: 'clients.csv', bytes: importBytes.byteLength });
for (let offset = 0; offset < importBytes.byteLength; offset += 512 * 1024)
  await importing.caller.imports.uploadPiece({ uploadId, offset, base64: importBytes.subarray(offset, offset + 512 * 1024).toString('base64') });
const { mapping } = await importing.caller.imports.preview({ uploadId, duplicates: 'skip' });
const { jobId } = await importing.caller.imports.start({ uploadId, mapping, duplicates: 'skip', dryRun: false, idempotencyKey: newId() });
let importPhase = 'checking';
while (importPhase === 'checking' || importPhase === 'saving') {
  await new Promise((resolve) => setTimeout(resolve, 2));
  importPhase = (await importing.caller.imports.progress({ jobId })).phase;
}
const importSeconds = (performance.now() - importStart) / 1000;
// The CPU it took as well: on a shared machine the time it waited for a core weighs on the rate.
const importCpu = process.cpuUsage(importCpuStart);
const importCpuSeconds = (importCpu.user + importCpu.system) / 1_000_000;
if (importPhase !== 'done') throw new Error(`bench: the import ended ${importPhase}`);
importing.store.close();

const result = {
  'local.appointments': size,
  'local.create.p50_ms': round(percentile(createTimes, 50)),
  'local.create.p99_ms': round(percentile(createTimes, 99)),
  'local.raw.p50_ms': round(percentile(rawTimes, 50)),
  'local.create.vs_raw': round(percentile(createTimes, 50) / percentile(rawTimes, 50), 2),
  'local.dayView.p99_ms': round(percentile(dayTimes, 99)),
  'local.activity.p99_ms': round(percentile(activityTimes, 99)),
  'local.nextFree.p99_ms': round(percentile(nextFreeTimes, 99)),
  'local.weekView.p99_ms': round(percentile(weekTimes, 99)),
  'local.search.p99_ms': round(percentile(searchTimes, 99)),
  'local.attention.p99_ms': round(percentile(attentionTimes, 99)),
  'local.report.year_ms': round(percentile(reportTimes, 50), 1),
  'local.report.year_cpu_ms': round(percentile(reportCpu, 50), 1),
  'local.open.ms': round(openMs, 1),
  'local.quickCheck.ms': round(quickCheckMs, 1),
  'local.rss_mb': round(rssMb, 1),
  'local.import.clients_per_s': Math.round(IMPORT_ROWS / importSeconds),
  'local.import.cpu_s': round(importCpuSeconds, 2),
};
console.log('');
console.log(`create via router  p50 ${result['local.create.p50_ms']} ms  p99 ${result['local.create.p99_ms']} ms  (${creates} creates)`);
console.log(`raw 2-row tx       p50 ${result['local.raw.p50_ms']} ms   → ratio ${result['local.create.vs_raw']} (target ≤ 1.5)`);
console.log(`day view p99       ${result['local.dayView.p99_ms']} ms (target ≤ 5) — p50 ${round(percentile(dayTimes, 50))} ms`);
console.log(`activity page p99  ${result['local.activity.p99_ms']} ms (target ≤ 10) — p50 ${round(percentile(activityTimes, 50))} ms`);
console.log(`next free p99       ${result['local.nextFree.p99_ms']} ms (target ≤ 5) — p50 ${round(percentile(nextFreeTimes, 50))} ms (anyone, one service, 14 days ahead)`);
console.log(`week view p99       ${result['local.weekView.p99_ms']} ms (target ≤ 10, one staff member, 7 days) — p50 ${round(percentile(weekTimes, 50))} ms`);
console.log(
  `client search p99   ${result['local.search.p99_ms']} ms (target ≤ 5, ${SEARCH_CLIENTS} clients) — 4-digit number p50 ${round(percentile(phoneSearchTimes, 50))} / p99 ${round(percentile(phoneSearchTimes, 99))} ms, name prefix p50 ${round(percentile(nameSearchTimes, 50))} / p99 ${round(percentile(nameSearchTimes, 99))} ms`,
);
console.log(
  `owner's numbers     ${result['local.report.year_ms']} ms (target ≤ 200, one year: ${reportBookings} bookings) — slowest of ${reportTimes.length} ${round(Math.max(...reportTimes), 1)} ms; CPU ${result['local.report.year_cpu_ms']} ms`,
);
console.log(`attention list p99  ${result['local.attention.p99_ms']} ms (target ≤ 10: every screen asks every 5 s) — p50 ${round(percentile(attentionTimes, 50))} ms`);
console.log(`open → day view    ${result['local.open.ms']} ms (target ≤ 1000); quick_check ${result['local.quickCheck.ms']} ms`);
console.log(`RSS                ${result['local.rss_mb']} MB (target ≤ 200)`);
console.log(`client import      ${result['local.import.clients_per_s']} clients/s (target ≥ 5000; ${IMPORT_ROWS} rows uploaded, previewed, checked and committed in ${importSeconds.toFixed(1)} s, CPU ${result['local.import.cpu_s']} s)`);
console.log(JSON.stringify(result));
