import type { Store } from '../../core/store/open';
import { slotOf, storeSlot } from '../../core/store/state';
import { SyncAgent, type SyncAgentOptions } from './agent';
import { fileSecretStore } from './secrets';

/**
 * One sync agent per open store. The Electron glue calls configureSync() at start-up with a
 * safeStorage-backed secret store; browser mode (and anything that did not configure it) gets a
 * token file next to the database that only this user can read (mode 0600). The agent starts its
 * timers on first use.
 */

const agentSlot = storeSlot<SyncAgent | null>('sync agent', () => null);

export function configureSync(store: Store, options: Omit<SyncAgentOptions, 'store'>): SyncAgent {
  slotOf(store, agentSlot)?.kill();
  const agent = new SyncAgent({ ...options, store });
  store.state.set(agentSlot, agent);
  if (options.autoRun !== false) agent.start();
  return agent;
}

/** The store's agent, created with the defaults when nobody configured one. */
export function syncAgentFor(store: Store): SyncAgent {
  return peekSyncAgent(store) ?? configureSync(store, { secrets: fileSecretStore(`${store.file}.sync-token`) });
}

/** The store's agent if there is one (status checks must not start one as a side effect). */
export function peekSyncAgent(store: Store): SyncAgent | null {
  return store.state.peek(agentSlot) ?? null;
}
