import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
} from 'cockatiel';
import { isAppError, toAppError } from '../src-shared/errors';
import { providerUnavailable, type Channel, type OutgoingMessage, type Provider } from './providers/provider';

/**
 * Every provider call goes through cockatiel's policies (docs/architecture.md §18), never a
 * hand-written loop: a bounded number of calls at once per provider (bulkhead), retries with
 * exponential backoff and decorrelated jitter for what may pass later (5xx, 429, timeouts, a lost
 * connection), a circuit breaker per provider that opens after five consecutive such failures and
 * lets one probe through after a cool-down, and a timeout per call that aborts the request. A
 * refusal (4xx) is final: it is not retried and does not count against the provider's health.
 */

export interface ResilienceOptions {
  /** How long one call may take before it is aborted. */
  timeoutMs: number;
  /** Retries after the first call (so `retries + 1` calls at most). */
  retries: number;
  /** The first backoff; each next one grows exponentially, with jitter, up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Consecutive failures that open the provider's circuit. */
  breakAfter: number;
  /** How long an open circuit waits before it lets one probe through (half-open). */
  halfOpenAfterMs: number;
  /** Calls to this provider at once; more wait their turn. */
  concurrency: number;
}

export const defaultResilience: ResilienceOptions = {
  timeoutMs: 15_000,
  retries: 2,
  initialBackoffMs: 500,
  maxBackoffMs: 10_000,
  breakAfter: 5,
  halfOpenAfterMs: 30_000,
  concurrency: 8,
};

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** One provider's health, for the status and attention list. */
export interface CircuitStatus {
  provider: string;
  channel: Channel;
  state: CircuitStateName;
  /** When it entered this state (the one clock); null: closed since the sender started. */
  since: number | null;
  /** The last failure that counts against the provider, in words; null after it recovered. */
  lastError: string | null;
}

export interface ResilientProvider {
  readonly name: string;
  readonly channel: Channel;
  readonly idempotent: boolean;
  /** False while its circuit is open: a call would be refused without reaching the provider. */
  admits(): boolean;
  /** Sends through every policy; throws an `AppError` (`retryable` or `PROVIDER_REFUSED`). */
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
  circuit(): CircuitStatus;
  close(): void;
}

const stateNames: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** Failures that may pass if tried later: 5xx, 429, timeouts, unreachable. */
const mayPassLater = (error: unknown): boolean => isAppError(error) && error.retryable;

export function resilient(provider: Provider, now: () => number, options: Partial<ResilienceOptions> = {}): ResilientProvider {
  const settings = { ...defaultResilience, ...options };
  const transient = handleWhen(mayPassLater);
  const concurrency = bulkhead(settings.concurrency, Number.MAX_SAFE_INTEGER);
  const retries = retry(transient, {
    maxAttempts: settings.retries,
    backoff: new ExponentialBackoff({
      initialDelay: settings.initialBackoffMs,
      maxDelay: settings.maxBackoffMs,
      generator: decorrelatedJitterGenerator,
    }),
  });
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: settings.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.breakAfter),
  });
  const perCall = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);

  let since: number | null = null;
  let lastError: string | null = null;
  /** When the circuit last opened, in elapsed time (cockatiel counts its cool-down the same way). */
  let openedAt = 0;
  breaker.onStateChange((state) => {
    since = now();
    if (state === CircuitState.Open) openedAt = performance.now();
  });
  breaker.onReset(() => {
    lastError = null;
  });

  /** One call, aborted when its time is up; a timeout reads as the provider not answering. */
  const call = (message: OutgoingMessage) =>
    perCall
      .execute(({ signal }) => provider.send(message, signal))
      .catch((error: unknown) => {
        const failure = isTaskCancelledError(error)
          ? providerUnavailable(provider.name, 'it did not answer in time.', { timeout: true })
          : isAppError(error)
            ? error
            : toAppError(error);
        if (failure.retryable) lastError = failure.message;
        throw failure;
      });

  return {
    name: provider.name,
    channel: provider.channel,
    idempotent: provider.idempotent,
    // An open circuit turns half-open only when a call arrives after its cool-down: that call is the probe.
    admits: () =>
      breaker.state === CircuitState.Closed ||
      breaker.state === CircuitState.HalfOpen ||
      (breaker.state === CircuitState.Open && performance.now() - openedAt >= settings.halfOpenAfterMs),
    async send(message) {
      try {
        return await retries.execute(() => concurrency.execute(() => breaker.execute(() => call(message))));
      } catch (error) {
        // The circuit refused the call: the provider was not reached, so the message surely did not go.
        if (isBrokenCircuitError(error)) {
          throw providerUnavailable(provider.name, 'it failed several times in a row; CareDesk is giving it a rest.', { circuitOpen: true });
        }
        throw error;
      }
    },
    circuit: () => ({ provider: provider.name, channel: provider.channel, state: stateNames[breaker.state], since, lastError }),
    close: () => provider.close?.(),
  };
}
