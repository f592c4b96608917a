import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { TestMessageAnswer, TestMessageInput } from '../../../src-messaging/testMessage';
import superjson from 'superjson';
import { AppError, errorCodeSchema, type ErrorEnvelope } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { saySchema } from '../../../src-shared/say';
import type {
  HealthOutput,
  PairInput,
  PairOutput,
  PullInput,
  PullOutput,
  PushInput,
  PushOutput,
} from '../../../src-shared/sync';
import type { AppRouter as ServerRouter } from '../../../server/router';
import type { SetProvidersInput } from '../../../server/messages/relay';
import type { MessageProviders } from '../../../src-messaging/settings';

/**
 * The agent's view of the sync server. The HTTP fetch is injected, so tests put a fault layer
 * (dropped requests and responses, duplicates, delays) between the agent and a real server.
 */
export interface SyncTransport {
  health(): Promise<HealthOutput>;
  pair(input: PairInput): Promise<PairOutput>;
  push(token: string, input: PushInput): Promise<PushOutput>;
  pull(token: string, input: PullInput): Promise<PullOutput>;
  /** The shop's message providers, kept on the server while desks are paired (docs/architecture.md §20). */
  setMessageProviders(token: string, input: SetProvidersInput): Promise<{ saved: true }>;
  /** The server's providers for the shop, every secret redacted. */
  messageProvidersSummary(token: string): Promise<MessageProviders>;
  sendTestMessage(token: string, input: { staffId: string; test: TestMessageInput }): Promise<TestMessageAnswer>;
  /** A client's link to fill one intake form of one visit ahead (docs/architecture.md §27). */
  formLink(token: string, input: { appointmentId: string; templateId: string }): Promise<{ url: string; expiresAt: number }>;
}

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  fetch?: Fetch;
  /** Give up on a request after this long (the loop retries with backoff). */
  timeoutMs?: number;
}

/** The server's error envelope as an AppError; anything without one is the network's fault. */
export function toSyncError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Our own fetch refused (e.g. a pinned server presented another certificate): its words stand.
  if (error instanceof TRPCClientError && error.cause instanceof AppError) return error.cause;
  if (error instanceof TRPCClientError) {
    const envelope = (error.data as { envelope?: ErrorEnvelope } | undefined)?.envelope;
    if (envelope !== undefined && errorCodeSchema.safeParse(envelope.code).success) {
      // The server's words go on with it, so the desk says them in the shop's language where it shows them.
      const say = saySchema.safeParse(envelope.say);
      return new AppError(envelope.code, envelope.message, { ...(envelope.details ?? {}), requestId: envelope.requestId }, say.success ? { say: say.data } : undefined);
    }
    const status = (error.meta?.response as Response | undefined)?.status;
    if (status !== undefined && status >= 500) {
      return refuse('INTERNAL_ERROR', 'sync.serverProblem', undefined, { status });
    }
  }
  return refuse('NETWORK_UNAVAILABLE', 'sync.unreachable', undefined, { cause: error instanceof Error ? error.message : String(error) });
}

export function normaliseServerUrl(url: string): string {
  const parsed = new URL(url.trim());
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw refuse('VALIDATION_ERROR', 'sync.addressScheme', undefined, { field: 'serverUrl' });
  }
  return parsed
    .toString()
    .replace(/\/+$/, '')
    .replace(/\/trpc$/, '');
}

export function httpTransport(serverUrl: string, options: HttpTransportOptions = {}): SyncTransport {
  const base = normaliseServerUrl(serverUrl);
  const rawFetch: Fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timedFetch: Fetch = (input, init) => rawFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const clientFor = (token: string | null) =>
    createTRPCClient<ServerRouter>({
      links: [
        httpLink({
          url: `${base}/trpc`,
          transformer: superjson,
          fetch: timedFetch as never,
          headers: () => (token === null ? {} : { authorization: `Bearer ${token}` }),
        }),
      ],
    });
  const anonymous = clientFor(null);
  const byToken = new Map<string, ReturnType<typeof clientFor>>();
  const authed = (token: string) => {
    let client = byToken.get(token);
    if (!client) {
      client = clientFor(token);
      byToken.set(token, client);
    }
    return client;
  };
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toSyncError(error);
    }
  };
  return {
    health: () => call(() => anonymous.health.check.query()),
    pair: (input) => call(() => anonymous.pairing.pair.mutate(input)),
    push: (token, input) => call(() => authed(token).sync.push.mutate(input)),
    pull: (token, input) => call(() => authed(token).sync.pull.query(input)),
    setMessageProviders: (token, input) => call(() => authed(token).messages.setProviders.mutate(input)),
    messageProvidersSummary: (token) => call(() => authed(token).messages.providersSummary.query()),
    sendTestMessage: (token, input) => call(() => authed(token).messages.sendTest.mutate(input)),
    formLink: (token, input) => call(() => authed(token).forms.link.query(input)),
  };
}
