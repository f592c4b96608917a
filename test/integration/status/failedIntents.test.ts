import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory } from '../../../src-main/api/trpc';
import { appRouter } from '../../../src-main/api/appRouter';
import { discardFailedIntent, listFailedIntents, recordFailedIntent, sideFileOf } from '../../../src-main/core/recovery/failedIntents';
import { failedIntents } from '../../../src-main/core/store/schema';
import { openStore } from '../../../src-main/core/store/open';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { key, seedShop, tempDir, type Shop } from '../shell/fixtures';

/** Issue 9 item 7: a change that could not be saved is kept by the main process, not only by the window. */

const t0 = Date.UTC(2026, 2, 10, 9, 0);
let shop: Shop;
let file: string;

beforeAll(async () => {
  file = join(tempDir('caredesk-failed-intents-'), 'desk.sqlite');
  shop = await seedShop(file, { appointments: 2 });
});
afterAll(() => shop?.store.close());

function reopen(): void {
  shop.store.close();
  shop.store = openStore(file);
  shop.desk = { ...shop.desk, store: shop.store };
}

const failure = { code: 'DB_TRANSACTION_FAILED', message: 'The change could not be saved, and nothing was changed. Please try again.', retryable: true, requestId: 'r-1' };

describe('failed intents', () => {
  it('are recorded, survive a restart of the store, and a retry that saves resolves them', async () => {
    const k = key('failed');
    const recorded = recordFailedIntent(
      shop.store,
      { idempotencyKey: k, procedure: 'clients.create', input: { idempotencyKey: k, name: 'Fay Failure' }, label: 'New client Fay Failure', error: failure },
      shop.owner.staffId,
      t0,
    );
    expect(recorded.kept).toBe('store');

    reopen();
    const kept = listFailedIntents(shop.store);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ label: 'New client Fay Failure', actorStaffId: shop.owner.staffId, failedAt: t0, attempts: 1, procedure: 'clients.create' });

    // The retry goes through the router with the kept input (same key): saved → resolved.
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.owner.staffId! });
    const caller = createCallerFactory(appRouter)({ store: shop.store, session, now: () => t0 + 60_000, requestId: 'req-1' });
    await caller.clients.create(kept[0]!.input as never);
    expect(listFailedIntents(shop.store)).toEqual([]);
    const row = shop.store.db.select().from(failedIntents).get();
    expect(row).toMatchObject({ resolution: 'retried', resolvedBy: shop.owner.staffId, resolvedAt: t0 + 60_000 });
  });

  it('go to a side file while the store refuses writes, move into the store once it writes again, and a discard records who', () => {
    const k = key('side');
    shop.store.sqlite.pragma('query_only = ON');
    try {
      const recorded = recordFailedIntent(
        shop.store,
        { idempotencyKey: k, procedure: 'clients.create', input: { idempotencyKey: k, name: 'Sid Side' }, label: 'New client Sid Side', error: failure },
        shop.owner.staffId,
        t0 + 1,
      );
      expect(recorded.kept).toBe('sideFile');
      expect(existsSync(sideFileOf(shop.store))).toBe(true);
      expect(listFailedIntents(shop.store).map((row) => row.label)).toEqual(['New client Sid Side']);
    } finally {
      shop.store.sqlite.pragma('query_only = OFF');
      shop.store.storageFailure = null;
    }
    reopen();
    const listed = listFailedIntents(shop.store);
    expect(listed.map((row) => row.label)).toEqual(['New client Sid Side']);
    expect(existsSync(sideFileOf(shop.store))).toBe(false);
    discardFailedIntent(shop.store, listed[0]!.id, shop.staff[2]!.id, t0 + 2);
    expect(listFailedIntents(shop.store)).toEqual([]);
    const row = shop.store.db.select().from(failedIntents).all().find((r) => r.idempotencyKey === k);
    expect(row).toMatchObject({ resolution: 'discarded', resolvedBy: shop.staff[2]!.id, resolvedAt: t0 + 2 });
  });
});
