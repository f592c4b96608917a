import { eq } from 'drizzle-orm';
import type { Message } from '../../../src-shared/entities';
import { createDispatcher, type Dispatcher, type PassResult, type Rendered } from '../../../src-messaging/dispatch';
import { providersFrom } from '../../../src-messaging/providers/fromSettings';
import type { CircuitStatus, ResilienceOptions } from '../../../src-messaging/resilience';
import { isPaired } from '../../core/outbox/outbox';
import type { Store } from '../../core/store/open';
import { localMeta } from '../../core/store/schema';
import { reportMessageSending } from '../../core/status/problemReports';
import { deskMessagePort } from './deskPort';
import { loadMessageProviders, type ProviderSecrets } from './providerConfig';
import { deskRenderer } from './render';

/**
 * The standalone desk's sender (docs/architecture.md §18): while the desk runs and is NOT paired
 * (paired, the sync server is the shop's one sender), it runs the dispatcher over the desk's store
 * now and every MESSAGE_CHECK_MS. Its first pass is the catch-up after the desk was closed: a
 * message a killed sender left `sending` is re-sent under its own idempotency key or marked
 * uncertain, a due reminder whose appointment is still ahead goes, one whose appointment has
 * started is marked missed. Passes never overlap. A provider whose circuit is open, or a pass that
 * could not run, is a system problem (kind 'messages') until messages go again. Started by
 * `startDesk`, the one composition root.
 */

export const MESSAGE_CHECK_MS = 15_000;

export interface MessageSenderOptions {
  getStore: () => Store;
  now: () => number;
  /** Where the providers' credentials are kept (the launcher's keychain-backed store). */
  secrets: ProviderSecrets;
  /** The message's text as it goes out; default: the shop's templates (`deskRenderer`). */
  render?: (message: Message) => Promise<Rendered> | Rendered;
  resilience?: Partial<ResilienceOptions>;
  intervalMs?: number;
}

export interface MessageSender {
  /** One pass now (null: paired, no providers, or a pass already under way). */
  passNow(): Promise<PassResult | null>;
  /** The providers' circuits, for the status and attention list. */
  circuits(): CircuitStatus[];
  stop(): void;
}

export function startMessageSender(options: MessageSenderOptions): MessageSender {
  let current: { store: Store; config: string; dispatcher: Dispatcher } | null = null;
  let running: Promise<PassResult | null> | null = null;

  /** The dispatcher for the store and provider settings of the moment; rebuilt only when they change. */
  const dispatcherFor = async (store: Store): Promise<Dispatcher | null> => {
    const config = JSON.stringify(store.db.select().from(localMeta).where(eq(localMeta.key, 'messageProviders')).get()?.value ?? null);
    if (current !== null && current.store === store && current.config === config) return current.dispatcher;
    current?.dispatcher.close();
    const settings = await loadMessageProviders(store, options.secrets);
    if (settings === null) {
      current = null;
      return null;
    }
    const dispatcher = createDispatcher({
      port: deskMessagePort(store, options.now),
      providers: providersFrom(settings, options.now, options.resilience),
      render: options.render ?? deskRenderer(store),
      now: options.now,
    });
    current = { store, config, dispatcher };
    return dispatcher;
  };

  const pass = async (): Promise<PassResult | null> => {
    const store = options.getStore();
    if (isPaired(store)) return null;
    try {
      const dispatcher = await dispatcherFor(store);
      if (dispatcher === null) return null;
      const result = await dispatcher.pass();
      // An open circuit stays on the status list until the provider takes messages again.
      const down = dispatcher.circuits().filter((circuit) => circuit.state === 'open');
      reportMessageSending(store, down.length === 0 ? null : { providersDown: down }, options.now());
      return result;
    } catch (error) {
      reportMessageSending(store, { failed: error }, options.now());
      throw error;
    }
  };
  const passNow = (): Promise<PassResult | null> => {
    if (running !== null) return Promise.resolve(null);
    running = pass().finally(() => {
      running = null;
    });
    return running;
  };
  const tick = () => {
    // A store that is closing, or a provider setting that no longer reads: the next tick tries again.
    passNow().catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? MESSAGE_CHECK_MS);
  timer.unref?.();
  return {
    passNow,
    circuits: () => current?.dispatcher.circuits() ?? [],
    stop: () => {
      clearInterval(timer);
      current?.dispatcher.close();
    },
  };
}
