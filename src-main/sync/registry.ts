import type { Store } from '../store/open';
import { SyncAgent, type SyncAgentOptions } from './agent';
import { fileSecretStore } from './secrets';

/**
 * One sync agent per open store. The Electron glue calls configureSync() at start-up with a
 * safeStorage-backed secret store; browser mode (and anything that did not configure it) gets a
 * token file next to the database that only this user can read (mode 0600). The agent starts its
 * timers on first use.
 */

const agents = new WeakMap<Store, SyncAgent>();

export function configureSync(store: Store, options: Omit<SyncAgentOptions, 'store'>): SyncAgent {
  const existing = agents.get(store);
  if (existing) existing.kill();
  const agent = new SyncAgent({ ...options, store });
  agents.set(store, agent);
  if (options.autoRun !== false) agent.start();
  return agent;
}

/** The store's agent, created with the defaults when nobody configured one. */
export function syncAgentFor(store: Store): SyncAgent {
  return agents.get(store) ?? configureSync(store, { secrets: fileSecretStore(`${store.file}.sync-token`) });
}

/** The store's agent if there is one (status checks must not start one as a side effect). */
export function peekSyncAgent(store: Store): SyncAgent | null {
  return agents.get(store) ?? null;
}
