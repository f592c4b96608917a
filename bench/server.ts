/**
 * Sync server benchmark (issue 3): applied mutations per second and push latency with 1, 10 and
 * 50 devices (spread over 10 shops) pushing batches of 1 and of 50; the same statements issued
 * raw through `pg` with the same concurrency; a new device's catch-up pull of 100,000 changes.
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
import { SETTINGS_ID, type Client } from '../src-shared/entities';
import type { Command } from '../src-shared/commands';
import type { Mutation } from '../src-shared/sync';
import { createTestDatabase } from '../test/support/postgres';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const CATCHUP = 100_000;
const SHOPS = 10;
const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * fetch for the tRPC client over node:http with a keep-alive agent: one persistent connection
 * per device, as a desk machine has, and far less client CPU than the global fetch (which would
 * take CPU from the server it measures on this 2-core machine). Same requests on the wire.
 */
function keepAliveFetch(): typeof fetch {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const leanFetch = (input: string | URL | Request, init?: RequestInit) =>
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
      request.on('error', reject);
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

async function startMeter(db: Queryable, dbName: string, serverPid: number | undefined): Promise<(applied: number, seconds: number) => Promise<CpuUse>> {
  const before = new Map<number, number>();
  for (const pid of await backendPids(db, dbName)) before.set(pid, cpuSeconds(pid));
  const server0 = serverPid === undefined ? 0 : cpuSeconds(serverPid);
  const self0 = process.cpuUsage();
  return async (applied, seconds) => {
    const self = process.cpuUsage(self0);
    const server = serverPid === undefined ? 0 : cpuSeconds(serverPid) - server0;
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

async function runPush(devices: BenchDevice[], batch: number): Promise<{ mps: number; p50: number; p99: number; applied: number; elapsed: number }> {
  const latencies: number[] = [];
  let applied = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const output = await device.trpc.sync.push.mutate({ mutations: mutations(device, batch) });
        latencies.push(performance.now() - t0);
        applied += output.outcomes.filter((outcome) => outcome.status === 'applied').length;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { mps: applied / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), applied, elapsed };
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
    const row: Client = { id: command.entityId, version: 1, createdAt: now, updatedAt: now, deletedAt: null, name: 'Bench client', phone: null, email: null, notes: '' };
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
  let child: ChildProcess | undefined;
  let db: Database | undefined;
  try {
    db = await openPostgres({ url: dbUrl.toString(), maxConnections: 50 });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/trpc`;
    child = spawn(
      process.execPath,
      // Rate limits lifted (the benchmark is one client pushing as fast as it can); pool size and log level are the defaults.
      ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', String(port), '--device-rps', '1000000', '--device-burst', '1000000', '--pair-per-minute', '1000000'],
      { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl.toString(), LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await waitHealthy(url);

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
      shop.devices.push({ shopId: shop.shopId, deviceId: paired.deviceId, ownerId: shop.ownerId, trpc: clientFor(url, paired.token), next: 1 });
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
        const meter = await startMeter(db, dbName, child.pid);
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
    const rawMeter1 = await startMeter(db, dbName, undefined);
    const raw1 = await runRaw(db, byCount(1));
    const rawCpu1 = await rawMeter1(raw1.applied, raw1.elapsed);
    const rawMeter50 = await startMeter(db, dbName, undefined);
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
    console.log(
      `ratios: server/raw at 50 devices = ${summary['server.push.vs_raw']} (target >= 0.5); batch-50 vs batch-1 at 50 devices = ${round(mps50 / Math.max(1, results['server.push.mps_50_b1']!), 2)}x`,
    );
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets: mps_50 ${mps50} ${verdict(mps50 >= 1000)} (>= 1000); p99_ms_batch1 ${p99b1} ms ${verdict(p99b1 <= 50)} (<= 50 ms at 50 devices; ` +
        `${results['server.push.p99_ms_1_b1']} ms at 1 device, ${results['server.push.p99_ms_10_b1']} ms at 10); vs_raw ${summary['server.push.vs_raw']} ${verdict(summary['server.push.vs_raw'] >= 0.5)} (>= 0.5); ` +
        `catch-up ${round(catchup, 2)} s ${verdict(catchup <= 10)} (<= 10 s)`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    await db?.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
