import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import type { Database } from '../../../server/db/connect';
import type { Mutation, Outcome } from '../../../src-shared/sync';
import { cmd, count, DAY, HOUR, makeClient, postgresBackend, setupShop, startTestServer, type Backend, type Device } from './helpers';

/**
 * Acceptance 7 on a real PostgreSQL server: the database connection is cut mid-batch (a TCP
 * proxy between the server and PostgreSQL that the test cuts), and the server process is killed
 * mid-batch and started again. The client retries; the final state equals a fault-free run.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Proxy {
  port: number;
  cut(): void;
  close(): Promise<void>;
}

async function startProxy(target: URL): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** 60 clients, 60 bookings over 20 slots (40 SLOT_TAKEN), 60 updates, 60 stale updates (conflicts). */
function script(refs: { clientId: string; staffId: string; serviceId: string }, ids: string[]) {
  const clients = ids.slice(0, 60);
  const appointments = ids.slice(60, 120);
  return [
    ...clients.map((id, i) => cmd.clientCreate(id, `Client ${i}`)),
    ...appointments.map((id, i) => cmd.appointmentCreate(id, refs, DAY + 8 * HOUR + (i % 20) * 30 * 60_000)),
    ...clients.map((id, i) => cmd.clientUpdate(id, 1, { notes: `note ${i}` })),
    ...clients.map((id) => cmd.clientUpdate(id, 1, { name: 'stale' })),
  ];
}

/** Rows and outcomes with ids replaced by their position in the script, timestamps by their presence. */
function normalise(value: unknown, ids: Map<string, number>, refs: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.has(value) ? `#${ids.get(value)}` : (refs.get(value) ?? value);
  if (Array.isArray(value)) return value.map((item) => normalise(item, ids, refs));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (['createdAt', 'updatedAt', 'requestId', 'changeId'].includes(key)) out[key] = item === null ? null : 'set';
      else if (key === 'deletedAt') out[key] = item === null ? null : 'set';
      else out[key] = normalise(item, ids, refs);
    }
    return out;
  }
  return value;
}

async function finalRows(db: Database, shopId: string) {
  const result = await db.query<{ data: Record<string, unknown> }>('SELECT data FROM entity_rows WHERE shop_id = $1', [shopId]);
  return result.rows.map((row) => row.data);
}

async function pushUntilDone(device: Device, url: () => string, batch: Mutation[]): Promise<{ outcomes: Outcome[]; failures: number }> {
  let failures = 0;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const output = await makeClient(url(), device.token).sync.push.mutate({ mutations: batch });
      return { outcomes: output.outcomes, failures };
    } catch {
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('the push never succeeded');
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('sync server faults on PostgreSQL', () => {
  let backend: Backend & { url: string };
  let server: RunningServer;

  beforeAll(async () => {
    backend = await postgresBackend();
    server = await startTestServer(backend);
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.close();
  });

  async function expectSameAsCleanRun(shopId: string, idsFaulty: string[], faulty: Outcome[], refsFaulty: Record<string, string>) {
    const clean = await setupShop(server.url, backend.db());
    const idsClean = Array.from({ length: idsFaulty.length }, () => randomUUID());
    const expected = await clean.devices[0]!.run(script(clean.refs, idsClean));
    const mapClean = new Map(idsClean.map((id, i) => [id, i]));
    const mapFaulty = new Map(idsFaulty.map((id, i) => [id, i]));
    const namesClean = new Map([
      [clean.refs.clientId, 'client'],
      [clean.refs.staffId, 'staff'],
      [clean.refs.serviceId, 'service'],
    ]);
    const namesFaulty = new Map([
      [refsFaulty.clientId!, 'client'],
      [refsFaulty.staffId!, 'staff'],
      [refsFaulty.serviceId!, 'service'],
    ]);
    expect(normalise(faulty, mapFaulty, namesFaulty)).toEqual(normalise(expected, mapClean, namesClean));
    const sortRows = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(sortRows(normalise(await finalRows(backend.db(), shopId), mapFaulty, namesFaulty) as unknown[])).toEqual(
      sortRows(normalise(await finalRows(backend.db(), clean.shopId), mapClean, namesClean) as unknown[]),
    );
    // Applied exactly once: one event per applied mutation, none twice.
    const applied = faulty.filter((outcome) => outcome.status === 'applied').length;
    expect(await count(backend.db(), 'SELECT count(*) AS n FROM events WHERE shop_id = $1', [shopId])).toBe(applied + 4);
    expect(
      await count(backend.db(), 'SELECT count(*) AS n FROM (SELECT mutation_id FROM events WHERE shop_id = $1 GROUP BY device_id, mutation_id HAVING count(*) > 1) d', [
        shopId,
      ]),
    ).toBe(0);
  }

  it('7a. the database connection is cut mid-batch; the client retries; same state as a fault-free run, no duplicate', async () => {
    const proxy = await startProxy(new URL(backend.url));
    const viaProxy = new URL(backend.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const fragile = await startTestServer(backend, { databaseUrl: viaProxy.toString() });
    try {
      const shop = await setupShop(fragile.url, backend.db());
      const device = shop.devices[0]!;
      const ids = Array.from({ length: 120 }, () => randomUUID());
      const batch = device.mutations(script(shop.refs, ids));
      const base = await count(backend.db(), 'SELECT change_counter AS n FROM shops WHERE id = $1', [shop.shopId]);

      const firstTry = makeClient(fragile.url, device.token)
        .sync.push.mutate({ mutations: batch })
        .then(
          () => 'ok',
          (error: { data?: { envelope?: { code: string; retryable: boolean } }; meta?: { response?: Response } }) => error,
        );
      await waitFor(async () => (await count(backend.db(), 'SELECT change_counter AS n FROM shops WHERE id = $1', [shop.shopId])) >= base + 30);
      proxy.cut();
      const failed = await firstTry;
      expect(failed).not.toBe('ok');
      const error = failed as { data?: { envelope?: { code: string; retryable: boolean } }; meta?: { response?: Response } };
      expect(error.data?.envelope).toMatchObject({ code: 'DB_TRANSACTION_FAILED', retryable: true });
      expect(error.meta?.response?.status).toBe(503);
      const partial = await count(backend.db(), 'SELECT last_mutation_id AS n FROM devices WHERE id = $1', [device.deviceId]);
      expect(partial).toBeGreaterThan(4);
      expect(partial).toBeLessThan(batch.at(-1)!.mutationId);

      // Cut again while the retry is running, then let it through.
      const secondTry = pushUntilDone(device, () => fragile.url, batch);
      await waitFor(async () => (await count(backend.db(), 'SELECT last_mutation_id AS n FROM devices WHERE id = $1', [device.deviceId])) >= partial + 20);
      proxy.cut();
      const { outcomes, failures } = await secondTry;
      expect(failures).toBeGreaterThanOrEqual(0);
      expect(outcomes).toHaveLength(batch.length);
      await expectSameAsCleanRun(shop.shopId, ids, outcomes, shop.refs);
    } finally {
      await fragile.stop();
      await proxy.close();
    }
  });

  it('7b. the server process is killed mid-batch and restarted; the client retries; same state, no duplicate', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const url = `http://127.0.0.1:${port}/trpc`;
    const spawnServer = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', String(port)], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: backend.url, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitFor(async () => {
        const health = await makeClient(url)
          .health.check.query()
          .catch(() => null);
        return health?.status === 'ok';
      }, 30_000);
      return child;
    };

    let child = await spawnServer();
    try {
      const shop = await setupShop(url, backend.db());
      const device = shop.devices[0]!;
      const ids = Array.from({ length: 120 }, () => randomUUID());
      const batch = device.mutations(script(shop.refs, ids));
      const firstTry = makeClient(url, device.token)
        .sync.push.mutate({ mutations: batch })
        .then(
          () => 'ok',
          () => 'failed',
        );
      await waitFor(async () => (await count(backend.db(), 'SELECT last_mutation_id AS n FROM devices WHERE id = $1', [device.deviceId])) >= 40);
      child.kill('SIGKILL');
      expect(await firstTry).toBe('failed');
      const partial = await count(backend.db(), 'SELECT last_mutation_id AS n FROM devices WHERE id = $1', [device.deviceId]);
      expect(partial).toBeLessThan(batch.at(-1)!.mutationId);

      const retry = pushUntilDone(device, () => url, batch);
      child = await spawnServer();
      const { outcomes, failures } = await retry;
      expect(failures).toBeGreaterThan(0);
      await expectSameAsCleanRun(shop.shopId, ids, outcomes, shop.refs);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
