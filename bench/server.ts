/**
 * Sync server benchmark (issue 3): applied mutations per second and push latency with 1, 10 and
 * 50 devices (spread over 10 shops) pushing batches of 1 and of 50; the same statements issued
 * raw through `pg` with the same concurrency; a new device's catch-up pull of 100,000 changes;
 * push latency at an open-loop offered load; one server process against two on one database.
 *
 *   npm run bench:server            (about 10 s per scenario)
 *   npm run bench:server -- --quick (finishes within 90 s on 2 cores)
 *
 * Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) to create and drop its own
 * database. The server runs in a child process, as in production, with its default pool size and
 * log level (info; its stdout goes to /dev/null). The devices are tRPC clients in this process,
 * each with its own keep-alive connection. Server, devices and PostgreSQL share the machine's
 * cores, so the CPU each one used per applied mutation is printed for every scenario.
 *
 * Key definitions (also printed):
 *   server.push.mps_50        applied mutations/s, 50 devices over 10 shops, each pushing batches
 *                             of 50 back to back (closed loop, no think time)
 *   server.push.p99_ms_batch1 p99 push round trip (client side), 50 devices over 10 shops, each
 *                             pushing batches of 1 back to back (closed loop: the server saturated)
 *   server.push.vs_raw        server.push.mps_50 / the same statements issued raw through pg by 50
 *                             concurrent connections (one transaction per mutation)
 *   server.pull.catchup_s     a new device pulling 100,000 changes in pages of 1,000
 *   server.push.p99_ms_open   p99 push round trip, 50 devices pushing batches of 1 in an open loop: pushes arrive
 *                             as a Poisson process at half of server.push.mps_50_batch1 (the capacity for batches
 *                             of 1, measured earlier in the run) and are timed from their scheduled send time
 *   server.push.mps_1proc     applied mutations/s, 50 devices over 10 shops pushing batches of 50 back to back
 *                             to one server process (the load of server.push.mps_50, measured again beside:)
 *   server.push.mps_2proc     the same load on two server processes on one database, half the devices on each and
 *                             every shop on both (as a load balancer would spread them); _by_shop: each shop on one
 * The last line is one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { createShop } from '../server/admin';
import { openPostgres, type Database, type Queryable } from '../server/db/connect';
import { issuePairingCode } from '../server/pairing';
import type { AppRouter } from '../server/router';
import { lockShopAndDevice, readState, writeChange } from '../server/sync/store';
import { NO_CONSENT, SETTINGS_ID, type Client } from '../src-shared/entities';
import type { Command } from '../src-shared/commands';
import type { Mutation } from '../src-shared/sync';
import { createTestDatabase } from '../test/support/postgres';
import { rng } from '../test/support/sync/harness';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
/** The open-loop run is longer than the others: its p99 needs a few thousand pushes. */
const OPEN_SECONDS = quick ? 5 : 20;
/** Seed of the open loop's arrival times and device choices: the same seed offers the same schedule. */
const OPEN_SEED = 10;
/** The second server process's unmeasured warm-up before the one-against-two comparison. */
const WARMUP_SECONDS = quick ? 2 : 5;
const CATCHUP = 100_000;
const SHOPS = 10;
const root = fileURLToPath(new URL('../', import.meta.url));
/** Extra node flags for the server processes, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');

/**
 * fetch for the tRPC client over node:http with a keep-alive agent: one persistent connection
 * per device, as a desk machine has, and far less client CPU than the global fetch (which would
 * take CPU from the server it measures on this 2-core machine). Same requests on the wire.
 */
function keepAliveFetch(): typeof fetch {
  // An idle connection is dropped before the server's keep-alive timeout (5 s) would close it:
  // otherwise a push sent just as the server closes it fails with "socket hang up".
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4_000 });
  const leanFetch = (input: string | URL | Request, init?: RequestInit, retried = false): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const request = http.request(
        String(input),
        { method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              statusText: res.statusMessage ?? '',
              headers: new Headers(res.headers as Record<string, string>),
              json: () => Promise.resolve(JSON.parse(text) as unknown),
              text: () => Promise.resolve(text),
            } as unknown as Response);
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed the idle connection as this request went out on it (timers run late
        // on a loaded machine): it never saw the request, so it is sent once more, on a new one.
        if (request.reusedSocket && error.code === 'ECONNRESET' && !retried) leanFetch(input, init, true).then(resolve, reject);
        else reject(error);
      });
      request.end(typeof init?.body === 'string' ? init.body : undefined);
    });
  return leanFetch as typeof fetch;
}

type Trpc = ReturnType<typeof clientFor>;
function clientFor(url: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({ url, transformer: superjson, fetch: keepAliveFetch(), headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
    ],
  });
}

/** CPU seconds used so far by a process (Linux /proc); 0 when unreadable. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU ms per applied mutation used by the server process, this (devices') process and the database's backends. */
interface CpuUse {
  server: number;
  devices: number;
  postgres: number;
  /** All three together, in cores (the machine has os.availableParallelism()). */
  busyCores: number;
}

async function backendPids(db: Queryable, dbName: string): Promise<number[]> {
  const result = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
  return result.rows.map((row) => row.pid);
}

async function startMeter(db: Queryable, dbName: string, serverPids: readonly (number | undefined)[]): Promise<(applied: number, seconds: number) => Promise<CpuUse>> {
  const before = new Map<number, number>();
  for (const pid of await backendPids(db, dbName)) before.set(pid, cpuSeconds(pid));
  const serversCpu = () => serverPids.reduce<number>((sum, pid) => sum + (pid === undefined ? 0 : cpuSeconds(pid)), 0);
  const server0 = serversCpu();
  const self0 = process.cpuUsage();
  return async (applied, seconds) => {
    const self = process.cpuUsage(self0);
    const server = serversCpu() - server0;
    let postgres = 0;
    // Backends opened during the run count whole.
    for (const pid of new Set([...before.keys(), ...(await backendPids(db, dbName))])) postgres += cpuSeconds(pid) - (before.get(pid) ?? 0);
    const devices = (self.user + self.system) / 1e6;
    const per = (cpu: number) => round((cpu * 1000) / Math.max(1, applied), 3);
    return { server: per(server), devices: per(devices), postgres: per(postgres), busyCores: round((server + devices + postgres) / seconds, 2) };
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = await clientFor(url)
      .health.check.query()
      .catch(() => null);
    if (health?.status === 'ok') return;
    if (Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface BenchDevice {
  shopId: string;
  deviceId: string;
  ownerId: string;
  token: string;
  trpc: Trpc;
  next: number;
}

const clientCreate = (): Command => ({
  entityType: 'client',
  op: 'create',
  entityId: randomUUID(),
  expectedVersion: null,
  idempotencyKey: `bench-${randomUUID()}`,
  reason: null,
  args: { name: 'Bench client', phone: '+44 20 7946 0000' },
});

function mutations(device: BenchDevice, n: number): Mutation[] {
  return Array.from({ length: n }, () => ({
    mutationId: device.next++,
    eventId: randomUUID(),
    command: clientCreate(),
    actorStaffId: device.ownerId,
    clientTime: Date.now(),
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Closed loop: each device pushes its next batch as soon as the last one returns; `via` picks the server a device talks to. */
async function runPush(
  devices: BenchDevice[],
  batch: number,
  via: (device: BenchDevice) => Trpc = (device) => device.trpc,
  seconds = SECONDS,
): Promise<{ mps: number; p50: number; p99: number; applied: number; elapsed: number }> {
  const latencies: number[] = [];
  let applied = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const output = await via(device).sync.push.mutate({ mutations: mutations(device, batch) });
        latencies.push(performance.now() - t0);
        applied += output.outcomes.filter((outcome) => outcome.status === 'applied').length;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { mps: applied / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), applied, elapsed };
}

interface OpenLoopResult {
  /** Pushes scheduled per second (the seeded schedule's own rate, near the asked one). */
  offered: number;
  /** Applied mutations per second, from the first scheduled push to the last answer. */
  achieved: number;
  p50: number;
  p99: number;
  applied: number;
  /** Pushes that failed or whose mutation was not applied (0 in a sound run). */
  notApplied: number;
  /** Most pushes waiting for an answer at one time. */
  maxInFlight: number;
}

/**
 * Open loop: pushes of one mutation arrive as a Poisson process at `rate` per second (exponential
 * gaps drawn from a seeded PRNG), each from a device picked at random, and each is sent at its
 * scheduled time whether or not earlier ones have returned. The round trip is timed from the
 * scheduled time, not from when the request left, so every wait counts — a late timer here, the
 * device's earlier push still on its one connection, the server's queue — and a slow server cannot
 * hide its slowness by slowing the arrivals (no coordinated omission).
 */
async function runOpenLoop(devices: BenchDevice[], rate: number, seconds: number, seed: number): Promise<OpenLoopResult> {
  const random = rng(seed);
  const latencies: number[] = [];
  const answers: Promise<void>[] = [];
  let applied = 0;
  let notApplied = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  let scheduled = started;
  for (;;) {
    scheduled += (-Math.log(1 - random()) / rate) * 1000;
    if (scheduled >= end) break;
    const device = devices[Math.floor(random() * devices.length)]!;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sendAt = scheduled;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    answers.push(
      device.trpc.sync.push.mutate({ mutations: mutations(device, 1) }).then(
        (output) => {
          latencies.push(performance.now() - sendAt);
          inFlight -= 1;
          if (output.outcomes[0]?.status === 'applied') applied += 1;
          else notApplied += 1;
        },
        (error: unknown) => {
          inFlight -= 1;
          notApplied += 1;
          console.error('open loop: a push failed:', error);
        },
      ),
    );
  }
  await Promise.all(answers);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { offered: answers.length / seconds, achieved: applied / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), applied, notApplied, maxInFlight };
}

/** The push path's statements, issued directly through pg: one transaction per mutation, same concurrency. */
async function runRaw(db: Database, devices: BenchDevice[]): Promise<{ tps: number; applied: number; elapsed: number }> {
  let applied = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const lastIds = new Map<string, number>();
  const rawMutation = async (tx: Queryable, device: BenchDevice) => {
    const locked = await lockShopAndDevice(tx, device.shopId, device.deviceId);
    if (locked === null) throw new Error('device missing');
    const command = clientCreate();
    await readState(tx, {
      shopId: device.shopId,
      idempotencyKey: command.idempotencyKey,
      ids: [command.entityId, SETTINGS_ID, device.ownerId],
      eventId: randomUUID(),
      targetEventId: null,
      slot: null,
    });
    const now = Date.now();
    const row: Client = { id: command.entityId, version: 1, createdAt: now, updatedAt: now, deletedAt: null, name: 'Bench client', phone: null, email: null, notes: '', allergies: '', patchTestOn: null, preferences: '', consent: NO_CONSENT, erasedAt: null };
    const changeId = locked.changeCounter + 1;
    const mutationId = locked.lastMutationId + 1;
    lastIds.set(device.deviceId, mutationId);
    await writeChange(tx, {
      shopId: device.shopId,
      deviceId: device.deviceId,
      mutationId,
      idempotencyKey: command.idempotencyKey,
      payloadHash: 'raw',
      mutationHash: 'raw',
      outcome: { mutationId, status: 'applied', row: row as unknown as Record<string, unknown>, changeId, error: null },
      skipIdempotency: false,
      now,
      changeId,
      entityType: 'client',
      row,
      event: {
        id: randomUUID(),
        entityType: 'client',
        entityId: row.id,
        type: 'client.create',
        version: 1,
        actorStaffId: device.ownerId,
        deviceId: device.deviceId,
        at: now,
        reason: null,
        before: {},
        after: { name: row.name },
        undoesEventId: null,
      },
      clientTime: now,
    });
  };
  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < deadline) {
        await db.transaction((tx) => rawMutation(tx, device));
        applied += 1;
      }
    }),
  );
  for (const device of devices) device.next = Math.max(device.next, (lastIds.get(device.deviceId) ?? 0) + 1);
  const elapsed = (performance.now() - started) / 1000;
  return { tps: applied / elapsed, applied, elapsed };
}

async function seedCatchup(db: Database, shopId: string, deviceId: string): Promise<void> {
  const now = Date.now();
  await db.query(
    `INSERT INTO events (id, shop_id, change_id, entity_type, entity_id, type, version, actor_staff_id, device_id, mutation_id,
                         at, client_time, reason, before, after, row, undoes_event_id)
     SELECT gen_random_uuid(), $1, g, 'client', gen_random_uuid(), 'client.create', 1, NULL, $2, g, $3, $3, NULL, '{}'::jsonb,
            jsonb_build_object('name', 'Client ' || g, 'phone', NULL, 'email', NULL, 'notes', ''),
            jsonb_build_object('id', gen_random_uuid(), 'version', 1, 'createdAt', $3::bigint, 'updatedAt', $3::bigint, 'deletedAt', NULL,
                               'name', 'Client ' || g, 'phone', NULL, 'email', NULL, 'notes', ''),
            NULL
       FROM generate_series(1, ${CATCHUP}) AS g`,
    [shopId, deviceId, now],
  );
  await db.query('UPDATE shops SET change_counter = $2 WHERE id = $1', [shopId, CATCHUP]);
}

async function main(): Promise<void> {
  const wall = performance.now();
  const database = await createTestDatabase('caredesk_bench');
  const dbName = database.name;
  const dbUrl = new URL(database.url);
  const children: ChildProcess[] = [];
  let db: Database | undefined;
  /** One server process on a loopback port of its own, on the benchmark's database; resolves to its tRPC address once healthy. */
  const startServerProcess = async (): Promise<string> => {
    const port = await freePort();
    children.push(
      spawn(
        process.execPath,
        // Rate limits lifted (the benchmark is one client pushing as fast as it can); pool size and log level are the defaults.
        [...serverNodeArgs, '--import', 'tsx', 'server/cli.ts', 'serve', '--port', String(port), '--device-rps', '1000000', '--device-burst', '1000000', '--pair-per-minute', '1000000'],
        { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl.toString(), LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'inherit'] },
      ),
    );
    const url = `http://127.0.0.1:${port}/trpc`;
    await waitHealthy(url);
    return url;
  };
  try {
    db = await openPostgres({ url: dbUrl.toString(), maxConnections: 50 });
    // The second process idles until the two-process run; both start together to save a start-up.
    const [url, secondUrl] = await Promise.all([startServerProcess(), startServerProcess()]);
    const [child, secondChild] = children as [ChildProcess, ChildProcess];

    // 10 shops, each set up by its first device; 50 devices in all.
    const shops: { shopId: string; ownerId: string; devices: BenchDevice[] }[] = [];
    for (let s = 0; s < SHOPS; s += 1) {
      const { shopId } = await createShop(db, `Bench shop ${s}`);
      shops.push({ shopId, ownerId: randomUUID(), devices: [] });
    }
    for (let d = 0; d < 50; d += 1) {
      const shop = shops[d % SHOPS]!;
      const { code } = await issuePairingCode(db, shop.shopId);
      const paired = await clientFor(url).pairing.pair.mutate({ code, deviceName: `Bench ${d}` });
      shop.devices.push({ shopId: shop.shopId, deviceId: paired.deviceId, ownerId: shop.ownerId, token: paired.token, trpc: clientFor(url, paired.token), next: 1 });
    }
    for (const shop of shops) {
      const first = shop.devices[0]!;
      const setup: Command[] = [
        { entityType: 'staff', op: 'create', entityId: shop.ownerId, expectedVersion: null, idempotencyKey: `bench-${randomUUID()}`, reason: null, args: { name: 'Owner', colour: '#3366ff', role: 'owner' } },
      ];
      await first.trpc.sync.push.mutate({
        mutations: setup.map((command) => ({ mutationId: first.next++, eventId: randomUUID(), command, actorStaffId: null, clientTime: Date.now() })),
      });
    }
    const byCount = (n: number) => {
      // Spread over the shops: device i of the run is the (i / SHOPS)-th device of shop i % SHOPS.
      const picked: BenchDevice[] = [];
      for (let i = 0; i < n; i += 1) picked.push(shops[i % SHOPS]!.devices[Math.floor(i / SHOPS)]!);
      return picked;
    };

    const results: Record<string, number> = {};
    const cpuLine = (cpu: CpuUse) =>
      `cpu ms/mutation: server ${cpu.server}, devices ${cpu.devices}, postgres ${cpu.postgres} (${cpu.busyCores} of ${os.availableParallelism()} cores busy)`;
    console.log(
      `CareDesk sync server benchmark (${quick ? 'quick' : 'full'}: ${SECONDS} s per scenario, PostgreSQL, server in a child process; ` +
        `server, devices and PostgreSQL share ${os.availableParallelism()} cores)`,
    );
    for (const batch of [1, 50]) {
      for (const n of [1, 10, 50]) {
        const meter = await startMeter(db, dbName, [child.pid]);
        const r = await runPush(byCount(n), batch);
        const cpu = await meter(r.applied, r.elapsed);
        results[`server.push.mps_${n}_b${batch}`] = round(r.mps);
        results[`server.push.p50_ms_${n}_b${batch}`] = round(r.p50, 2);
        results[`server.push.p99_ms_${n}_b${batch}`] = round(r.p99, 2);
        results[`server.cpu_ms.server_${n}_b${batch}`] = cpu.server;
        results[`server.cpu_ms.postgres_${n}_b${batch}`] = cpu.postgres;
        results[`server.cpu_ms.devices_${n}_b${batch}`] = cpu.devices;
        console.log(
          `push  devices=${String(n).padStart(2)} batch=${String(batch).padStart(2)}  ${r.mps.toFixed(0).padStart(6)} applied/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms   ${cpuLine(cpu)}`,
        );
      }
    }

    // Open loop at half the capacity for batches of 1: half of server.push.mps_50 (batches of 50)
    // would offer several times what the server can answer one mutation per request, and measure
    // an overload instead of a latency.
    const capacityBatch1 = results['server.push.mps_50_b1']!;
    const openRate = capacityBatch1 / 2;
    const openMeter = await startMeter(db, dbName, [child.pid]);
    const open = await runOpenLoop(byCount(50), openRate, OPEN_SECONDS, OPEN_SEED);
    const openCpu = await openMeter(open.applied, OPEN_SECONDS);
    console.log(
      `open loop  devices=50 batch= 1  Poisson arrivals for ${OPEN_SECONDS} s at half the batch-1 capacity (${round(capacityBatch1)}/s): ` +
        `offered ${open.offered.toFixed(0)}/s, achieved ${open.achieved.toFixed(0)} applied/s  p50 ${open.p50.toFixed(1)} ms  p99 ${open.p99.toFixed(1)} ms (target <= 50 ms)  ` +
        `most in flight ${open.maxInFlight}${open.notApplied > 0 ? `  NOT APPLIED ${open.notApplied}` : ''}   ${cpuLine(openCpu)}`,
    );

    // One process against two on the same database, back to back under the load of server.push.mps_50.
    // Device i is the (i / SHOPS)-th device of shop i % SHOPS; alternating within each shop, starting
    // on the other process in odd shops, puts 25 devices on each process and every shop on both, as
    // a load balancer that knows nothing of shops would (so the shops' locks are contended across
    // processes, in PostgreSQL).
    const onSecond = new Map(
      byCount(50)
        .filter((_, i) => (i + Math.floor(i / SHOPS)) % 2 === 1)
        .map((device) => [device, clientFor(secondUrl, device.token)]),
    );
    const halfOnSecond = (device: BenchDevice) => onSecond.get(device) ?? device.trpc;
    // For comparison, the odd shops wholly on the second process: no shop's lock is then wanted by both.
    const secondByShop = new Map(byCount(50).map((device) => [device, clientFor(secondUrl, device.token)]));
    const oddShopsOnSecond = (device: BenchDevice) => (shops.findIndex((shop) => shop.shopId === device.shopId) % 2 === 1 ? secondByShop.get(device)! : device.trpc);
    // The second process has only answered health checks so far: warm it up (JIT, its pool's
    // connections and their prepared statements) under the two-process load, unmeasured, so the
    // comparison is of two warm processes against one.
    await runPush(byCount(50), 50, halfOnSecond, WARMUP_SECONDS);
    const procMeter1 = await startMeter(db, dbName, [child.pid]);
    const proc1 = await runPush(byCount(50), 50);
    const procCpu1 = await procMeter1(proc1.applied, proc1.elapsed);
    const procMeter2 = await startMeter(db, dbName, [child.pid, secondChild.pid]);
    const proc2 = await runPush(byCount(50), 50, halfOnSecond);
    const procCpu2 = await procMeter2(proc2.applied, proc2.elapsed);
    const procMeterShop = await startMeter(db, dbName, [child.pid, secondChild.pid]);
    const procShop = await runPush(byCount(50), 50, oddShopsOnSecond);
    const procCpuShop = await procMeterShop(procShop.applied, procShop.elapsed);
    console.log(`push  devices=50 batch=50  one server process                        ${proc1.mps.toFixed(0).padStart(6)} applied/s  p50 ${proc1.p50.toFixed(1)} ms  p99 ${proc1.p99.toFixed(1)} ms   ${cpuLine(procCpu1)}`);
    console.log(`push  devices=50 batch=50  two server processes, every shop on both ${proc2.mps.toFixed(0).padStart(6)} applied/s  p50 ${proc2.p50.toFixed(1)} ms  p99 ${proc2.p99.toFixed(1)} ms   ${cpuLine(procCpu2)}`);
    console.log(
      `push  devices=50 batch=50  two server processes, each shop on one      ${procShop.mps.toFixed(0).padStart(6)} applied/s  p50 ${procShop.p50.toFixed(1)} ms  p99 ${procShop.p99.toFixed(1)} ms   ${cpuLine(procCpuShop)}`,
    );

    const rawMeter1 = await startMeter(db, dbName, []);
    const raw1 = await runRaw(db, byCount(1));
    const rawCpu1 = await rawMeter1(raw1.applied, raw1.elapsed);
    const rawMeter50 = await startMeter(db, dbName, []);
    const raw50 = await runRaw(db, byCount(50));
    const rawCpu50 = await rawMeter50(raw50.applied, raw50.elapsed);
    console.log(`raw pg (same statements, one transaction per mutation)  devices= 1 ${raw1.tps.toFixed(0)} tx/s   devices=50 ${raw50.tps.toFixed(0)} tx/s`);
    console.log(`  raw devices= 1 ${cpuLine(rawCpu1).replace('server 0, devices', 'pg client')}`);
    console.log(`  raw devices=50 ${cpuLine(rawCpu50).replace('server 0, devices', 'pg client')}`);

    const catchShop = await createShop(db, 'Catch-up shop');
    const { code } = await issuePairingCode(db, catchShop.shopId);
    const fresh = await clientFor(url).pairing.pair.mutate({ code, deviceName: 'New desk' });
    const seeding = performance.now();
    await seedCatchup(db, catchShop.shopId, fresh.deviceId);
    console.log(`seeded ${CATCHUP} changes in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const newcomer = clientFor(url, fresh.token);
    const t0 = performance.now();
    let cursor = 0;
    let pulled = 0;
    for (;;) {
      const page = await newcomer.sync.pull.query({ cursor, limit: 1000 });
      pulled += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const catchup = (performance.now() - t0) / 1000;
    if (pulled !== CATCHUP) throw new Error(`catch-up pulled ${pulled} changes, expected ${CATCHUP}`);
    console.log(`catch-up pull of ${CATCHUP} changes (pages of 1000): ${catchup.toFixed(2)} s`);

    const mps50 = results['server.push.mps_50_b50']!;
    const p99b1 = results['server.push.p99_ms_50_b1']!;
    const summary = {
      'server.push.mps_50': mps50,
      'server.push.mps_50_batch1': results['server.push.mps_50_b1']!,
      'server.push.p50_ms_batch1': results['server.push.p50_ms_50_b1']!,
      'server.push.p99_ms_batch1': p99b1,
      'server.push.p99_ms_batch1_1dev': results['server.push.p99_ms_1_b1']!,
      'server.push.p99_ms_batch1_10dev': results['server.push.p99_ms_10_b1']!,
      'server.push.raw_tps_50': round(raw50.tps),
      'server.push.raw_tps_1': round(raw1.tps),
      'server.push.vs_raw': round(mps50 / raw50.tps, 3),
      'server.pull.catchup_s': round(catchup, 2),
      'server.push.p99_ms_open': round(open.p99, 2),
      'server.push.p50_ms_open': round(open.p50, 2),
      'server.push.open_offered_per_s': round(open.offered),
      'server.push.open_achieved_mps': round(open.achieved),
      'server.push.open_not_applied': open.notApplied,
      'server.push.mps_1proc': round(proc1.mps),
      'server.push.mps_2proc': round(proc2.mps),
      'server.push.2proc_vs_1proc': round(proc2.mps / Math.max(1, proc1.mps), 2),
      'server.push.mps_2proc_by_shop': round(procShop.mps),
      ...results,
      cores: os.availableParallelism(),
      quick,
      wall_s: round((performance.now() - wall) / 1000),
    };
    console.log('keys:');
    console.log('  server.push.mps_50        applied mutations/s, 50 devices over 10 shops, each pushing batches of 50 back to back');
    console.log('  server.push.p99_ms_batch1 p99 push round trip seen by the device, 50 devices over 10 shops, each pushing batches of 1');
    console.log('                            back to back (closed loop, no think time: the server is saturated, so by Little\'s law');
    console.log('                            the mean round trip is 50 / throughput); _1dev and _10dev give 1 and 10 devices');
    console.log('  server.push.vs_raw        server.push.mps_50 / raw pg tx/s with 50 concurrent connections (same statements)');
    console.log('  server.pull.catchup_s     a new device pulling 100,000 changes in pages of 1,000');
    console.log('  server.push.p99_ms_open   p99 push round trip, 50 devices, batches of 1, open loop: Poisson arrivals (seeded) at half');
    console.log('                            of server.push.mps_50_batch1, timed from the scheduled send time (queueing counts)');
    console.log('  server.push.mps_2proc     applied mutations/s, the load of server.push.mps_50 on two server processes on one');
    console.log('                            database (half the devices on each, every shop on both); server.push.mps_1proc the same');
    console.log('                            load on one process, just before; _by_shop: each shop wholly on one of the two processes');
    console.log(
      `ratios: server/raw at 50 devices = ${summary['server.push.vs_raw']} (target >= 0.5); batch-50 vs batch-1 at 50 devices = ${round(mps50 / Math.max(1, results['server.push.mps_50_b1']!), 2)}x`,
    );
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets: mps_50 ${mps50} ${verdict(mps50 >= 1000)} (>= 1000); p99_ms_batch1 ${p99b1} ms ${verdict(p99b1 <= 50)} (<= 50 ms at 50 devices; ` +
        `${results['server.push.p99_ms_1_b1']} ms at 1 device, ${results['server.push.p99_ms_10_b1']} ms at 10); vs_raw ${summary['server.push.vs_raw']} ${verdict(summary['server.push.vs_raw'] >= 0.5)} (>= 0.5); ` +
        `catch-up ${round(catchup, 2)} s ${verdict(catchup <= 10)} (<= 10 s); ` +
        `p99_ms_open ${summary['server.push.p99_ms_open']} ms ${verdict(open.p99 <= 50)} (<= 50 ms; p50 ${summary['server.push.p50_ms_open']} ms, ` +
        `offered ${summary['server.push.open_offered_per_s']}/s, achieved ${summary['server.push.open_achieved_mps']}/s)`,
    );
    console.log(
      `processes: mps_2proc ${summary['server.push.mps_2proc']} vs mps_1proc ${summary['server.push.mps_1proc']} = ${summary['server.push.2proc_vs_1proc']}x; ` +
        `with each shop on one process ${summary['server.push.mps_2proc_by_shop']} ` +
        `(two processes on ${os.availableParallelism()} cores shared with the devices and PostgreSQL)`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await db?.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
