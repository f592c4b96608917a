import { count } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JobBoard, runJob } from '../../../src-main/core/progress/jobs';
import { outbox, serverRows } from '../../../src-main/core/store/schema';
import { Clock, localRows, Machine, setUpShop, syncTestbed, syncUntilQuiet } from '../../support/sync/harness';
import { watchJob } from '../../support/jobWatch';

/**
 * Issue 15: a newly paired desk's first download of the shop shows how far it is ("3,200 of 12,000
 * records") and can be cancelled until the shop is stored, leaving the desk unpaired and as it was
 * (docs/architecture.md §24). A real sync server on PostgreSQL; small pages so the download has many.
 */

const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const bed = syncTestbed('caredesk-first-download', { clock: new Clock(SHOP_TIME) });

async function shopWithHistory(clients: number) {
  const clock = new Clock(SHOP_TIME);
  const first = new Machine({ dir: bed.dir, name: `first-${crypto.randomUUID()}`, clock: clock.now });
  setUpShop(first, { staff: 2, clients });
  const created = await bed.server.createShop('Downloaded shop');
  await first.pair(bed.server, created.code);
  await syncUntilQuiet([first]);
  return { clock, first, shopId: created.shopId };
}

describe('a newly paired desk’s first download', () => {
  it('counts the shop’s records as the pages arrive, up to all of them', async () => {
    const { clock, first, shopId } = await shopWithHistory(60);
    const joining = new Machine({ dir: bed.dir, name: 'joins-watched', clock: clock.now, agent: { pullLimit: 10 } });
    const jobs = new JobBoard({ now: clock.now, paceMs: 3 });
    const id = crypto.randomUUID();
    const watch = watchJob(jobs, id);
    const paired = await runJob(jobs, { id, name: 'firstDownload' }, async (job) =>
      joining.agent.pair({ serverUrl: bed.server.url, code: await bed.server.pairingCode(shopId), deviceName: 'Joins' }, job),
    );
    watch.stop();
    expect(paired.cancelled).toBe(false);
    // Before the first page arrives the download does not know how much there is (total null).
    const downloading = watch.seen.filter((view) => view.phase === 'downloading' && view.total !== null);
    const total = downloading[0]!.total!;
    // settings + 2 staff + service + 60 clients, at least.
    expect(total).toBeGreaterThanOrEqual(64);
    expect(downloading.every((view) => view.total === total)).toBe(true);
    const dones = downloading.map((view) => view.done);
    expect(new Set(dones).size).toBeGreaterThan(3);
    expect(dones.some((done) => done > 0 && done < total)).toBe(true);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(Math.max(...dones)).toBeLessThanOrEqual(total);
    // The shop is stored in one transaction after the last page: the job's last phase, not cancellable.
    expect(jobs.get(id)).toMatchObject({ phase: 'storing', state: 'done', cancellable: false });
    await syncUntilQuiet([joining]);
    expect(localRows(joining.store)).toEqual(localRows(first.store));
    first.close();
    joining.close();
  });

  it('cancelled midway leaves the desk unpaired, holding nothing of the shop and no key; it can pair again later', async () => {
    const { clock, first, shopId } = await shopWithHistory(60);
    const joining = new Machine({ dir: bed.dir, name: 'joins-cancelled', clock: clock.now, agent: { pullLimit: 10 } });
    const before = localRows(joining.store);
    const jobs = new JobBoard({ now: clock.now, paceMs: 3 });
    const id = crypto.randomUUID();
    const watch = watchJob(jobs, id, { test: (view) => view.phase === 'downloading' && view.done >= 20, act: () => jobs.cancel(id) });
    const stopped = await runJob(jobs, { id, name: 'firstDownload' }, async (job) =>
      joining.agent.pair({ serverUrl: bed.server.url, code: await bed.server.pairingCode(shopId), deviceName: 'Joins' }, job),
    );
    watch.stop();
    expect(stopped).toEqual({ cancelled: true });
    const last = watch.seen.at(-1)!;
    expect(last.done).toBeLessThan(last.total!);
    // No half shop: not paired, no server rows, nothing queued, no device key left behind.
    expect(joining.agent.pairing()).toBeNull();
    expect(joining.store.db.select({ n: count() }).from(serverRows).get()?.n).toBe(0);
    expect(joining.store.db.select({ n: count() }).from(outbox).get()?.n).toBe(0);
    expect(localRows(joining.store)).toEqual(before);
    expect(existsSync(`${joining.file}.token`)).toBe(false);

    // Pairing again with a new code downloads the whole shop.
    await joining.agent.pair({ serverUrl: bed.server.url, code: await bed.server.pairingCode(shopId), deviceName: 'Joins' });
    await syncUntilQuiet([joining]);
    expect(localRows(joining.store)).toEqual(localRows(first.store));
    first.close();
    joining.close();
  });
});
