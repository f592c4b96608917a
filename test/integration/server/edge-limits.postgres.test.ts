import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import type { Database } from '../../../server/db/connect';
import type { ErrorEnvelope } from '../../../src-shared/errors';
import {
  expectAppError,
  generousLimits,
  makeClient,
  postgresBackend,
  setupShop,
  startTestServer,
  type Backend,
} from './helpers';

/**
 * What one caller without a token can make the server do (issue 9, item 4): a batch of calls in
 * one request is capped before anything runs, and health checks are limited per address.
 */

/** The real database, counting every statement and transaction the server asks of it. */
function counted(db: Database): { db: Database; calls: () => number } {
  let calls = 0;
  const wrapped: Database = {
    kind: db.kind,
    query: (text, params, name) => {
      calls += 1;
      return db.query(text, params, name);
    },
    transaction: (fn, options) => {
      calls += 1;
      return db.transaction(fn, options);
    },
    schemaStatus: () => {
      calls += 1;
      return db.schemaStatus();
    },
    close: () => db.close(),
  };
  return { db: wrapped, calls: () => calls };
}

describe('the HTTP edge limits what an anonymous caller can start (PostgreSQL)', () => {
  let backend: Backend;
  let database: ReturnType<typeof counted>;
  let server: RunningServer;

  beforeAll(async () => {
    backend = await postgresBackend();
    database = counted(backend.db());
    server = await startTestServer(backend, {
      db: database.db,
      limits: { ...generousLimits, healthChecksPerMinute: 5 },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.close();
  });

  it('a batch of 1,000 health checks is refused with the error envelope and runs no query', async () => {
    const before = database.calls();
    const paths = Array.from({ length: 1000 }, () => 'health.check').join(',');
    const response = await fetch(`${server.url}/${paths}?batch=1`);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: ErrorEnvelope };
    expect(body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      retryable: false,
      requestId: response.headers.get('x-request-id'),
    });
    expect(body.error.message).toMatch(/at most 10/);

    // Commas written as %2C are the same batch to tRPC, and a POST is no different.
    const encoded = await fetch(`${server.url}/${paths.replaceAll(',', '%2C')}?batch=1`);
    expect(encoded.status).toBe(413);
    await encoded.body?.cancel();
    const posted = await fetch(`${server.url}/${Array.from({ length: 11 }, () => 'sync.push').join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(posted.status).toBe(413);
    await posted.body?.cancel();
    expect(database.calls() - before).toBe(0);
  });

  it('health checks from one address are rate limited; a paired device still syncs', async () => {
    const shop = await setupShop(server.url, backend.db());
    const anonymous = makeClient(server.url);
    // A batch within the cap is still served, and spends one check per call.
    const batch = await fetch(`${server.url}/health.check,health.check?batch=1`);
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as unknown[]).length).toBe(2);
    for (let i = 0; i < 3; i += 1) expect((await anonymous.health.check.query()).status).toBe('ok');

    const before = database.calls();
    const limited = await expectAppError(anonymous.health.check.query(), 'RATE_LIMITED');
    expect(limited.retryable).toBe(true);
    expect(limited.message).toMatch(/Too many health checks/);
    expect(database.calls() - before).toBe(0);

    const device = makeClient(server.url, shop.devices[0]!.token);
    const page = await device.sync.pull.query({ cursor: 0, limit: 10 });
    expect(page.changes.length).toBeGreaterThan(0);
  });
});
