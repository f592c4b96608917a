import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { checkIntegrity, integrityState } from '../../../src-main/agents/integrity/integrityCheck';
import { setWriteLock, writeLocks } from '../../../src-main/core/store/writeLock';
import { openStore } from '../../../src-main/core/store/open';
import { onOutboxWrite } from '../../../src-main/core/outbox/outbox';
import { configureSync, peekSyncAgent } from '../../../src-main/agents/sync/registry';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { DAY, seedShop, tempDir, type Shop } from '../shell/fixtures';

/**
 * Issue 10, item 4: what the desk keeps in memory for a store (prepared statements, write locks,
 * the integrity verdict, listeners, its sync agent) is owned by that store's one state object, not
 * by maps in the modules; a reopened store (after a restore) starts with none of it.
 */

const root = resolve(__dirname, '../../..');
let dir: string;
let shop: Shop;

beforeAll(async () => {
  dir = tempDir('caredesk-store-state-');
  shop = await seedShop(join(dir, 'desk.sqlite'), { appointments: 2 });
});
afterAll(() => {
  shop?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('per-store state', () => {
  it('lives in the store’s one state object, and a reopened store starts clean', async () => {
    const store = shop.store;
    dayView(store, { date: DAY });
    setWriteLock(store, 'clock', 'The clock is wrong.');
    await checkIntegrity(store, () => 1);
    const stopListening = onOutboxWrite(store, () => {});
    configureSync(store, { secrets: fileSecretStore(join(dir, 'token')), autoRun: false });
    expect(store.state.names()).toEqual(
      expect.arrayContaining([
        'prepared statements',
        'transaction runner',
        'day view queries',
        'open outbox query',
        'write locks',
        'integrity check',
        'outbox listeners',
        'sync agent',
      ]),
    );
    stopListening();
    peekSyncAgent(store)?.kill();

    store.close();
    const reopened = openStore(store.file);
    shop.store = reopened;
    // Only what opening the store itself sets up (the client search's keys and the owner's numbers'
    // daily rollup, both checked at open).
    expect(reopened.state.names()).toEqual(['clientSearch', 'report rollup']);
    expect(writeLocks(reopened)).toEqual([]);
    expect(integrityState(reopened)).toEqual({ state: 'unchecked' });
    expect(peekSyncAgent(reopened)).toBeNull();
    expect(dayView(reopened, { date: DAY }).appointments).toHaveLength(2);
  });

  it('no module of the desk keeps a map of stores of its own', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const withMaps = files(join(root, 'src-main')).filter((file) => readFileSync(file, 'utf8').includes('new WeakMap'));
    expect(withMaps.map((file) => file.slice(root.length + 1))).toEqual([]);
  });
});
