import type { Message } from '../../src-shared/entities';
import { createDispatcher, type Dispatcher, type PassResult } from '../../src-messaging/dispatch';
import { providersFrom } from '../../src-messaging/providers/fromSettings';
import type { CircuitStatus, ResilienceOptions } from '../../src-messaging/resilience';
import type { Database } from '../db/connect';
import type { Logger } from '../log';
import type { KeyedSerializer } from '../sync/shop-queue';
import { confirmLinkFor } from '../links/confirmLink';
import { readBookingFacts } from './facts';
import { serverMessagePort, shopsWithMessagesDue } from './port';
import { loadShopProviders } from './providerStore';
import { renderOnServer } from './render';
import type { ServerKeys } from './secrets';

/**
 * The paired shop's one sender (docs/architecture.md §20): the sync server runs the dispatcher
 * (src-messaging/, §18) for every shop with messages due and providers set, now and every
 * MESSAGE_CHECK_MS. Each shop has its own dispatcher (its own providers and circuits), rebuilt
 * when its provider settings change. Passes never overlap; `stop` waits for the one under way and
 * closes the providers' connections.
 */

export const SERVER_MESSAGE_CHECK_MS = 15_000;

export interface ServerSenderOptions {
  db: Database;
  now: () => number;
  keys: ServerKeys;
  log: Logger;
  /** Where clients reach this server: the confirmation links start with it. */
  publicUrl: string;
  shopQueue?: KeyedSerializer;
  resilience?: Partial<ResilienceOptions>;
  intervalMs?: number;
}

export interface ServerSender {
  /** One pass over every shop with messages due (null when a pass is already under way). */
  passNow(): Promise<Map<string, PassResult> | null>;
  /** A shop's provider circuits, for its status. */
  circuits(shopId: string): CircuitStatus[];
  stop(): Promise<void>;
}

export function startServerSender(options: ServerSenderOptions): ServerSender {
  const { db, now, keys, log } = options;
  const dispatchers = new Map<string, { updatedAt: number; dispatcher: Dispatcher }>();
  let running: Promise<Map<string, PassResult> | null> | null = null;
  let stopped = false;

  const dispatcherFor = async (shopId: string): Promise<Dispatcher | null> => {
    const stored = await loadShopProviders(db, shopId, keys.sealing);
    const cached = dispatchers.get(shopId);
    if (stored === null) {
      cached?.dispatcher.close();
      dispatchers.delete(shopId);
      return null;
    }
    if (cached !== undefined && cached.updatedAt === stored.updatedAt) return cached.dispatcher;
    // New settings: the old providers' pooled connections are closed before new ones open.
    cached?.dispatcher.close();
    const dispatcher = createDispatcher<Message>({
      port: serverMessagePort({ db, shopId, now, ...(options.shopQueue === undefined ? {} : { shopQueue: options.shopQueue }) }),
      providers: providersFrom(stored.settings, now, options.resilience),
      render: async (message) => {
        const facts = await readBookingFacts(db, shopId, { clientId: message.clientId, appointmentId: message.appointmentId });
        const link = confirmLinkFor(keys.links, options.publicUrl, message, facts.appointment);
        return renderOnServer(message, facts, link);
      },
      now,
    });
    dispatchers.set(shopId, { updatedAt: stored.updatedAt, dispatcher });
    return dispatcher;
  };

  const pass = async (): Promise<Map<string, PassResult>> => {
    const results = new Map<string, PassResult>();
    for (const shopId of await shopsWithMessagesDue(db, now())) {
      if (stopped) break;
      try {
        const dispatcher = await dispatcherFor(shopId);
        if (dispatcher !== null) results.set(shopId, await dispatcher.pass());
      } catch (error) {
        // One shop's trouble (a credential sealed under another key, a store error) never stops the others.
        log.error({ err: error, shopId }, 'message pass failed');
      }
    }
    return results;
  };

  const passNow = (): Promise<Map<string, PassResult> | null> => {
    if (running !== null || stopped) return Promise.resolve(null);
    running = pass().finally(() => {
      running = null;
    });
    return running;
  };
  const tick = () => {
    passNow().catch((error: unknown) => log.error({ err: error }, 'message pass failed'));
  };
  const timer = setInterval(tick, options.intervalMs ?? SERVER_MESSAGE_CHECK_MS);
  timer.unref();
  tick();

  return {
    passNow,
    circuits: (shopId) => dispatchers.get(shopId)?.dispatcher.circuits() ?? [],
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      for (const { dispatcher } of dispatchers.values()) dispatcher.close();
      dispatchers.clear();
    },
  };
}
