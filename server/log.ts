import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

/** The request being served, carried through async calls so every log line names its request id. */
export interface RequestScope {
  requestId: string;
  ip: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string {
  return requestScope.getStore()?.requestId ?? 'none';
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'caredesk-sync' },
    mixin() {
      const scope = requestScope.getStore();
      return scope === undefined ? {} : { requestId: scope.requestId };
    },
  });
}

export type { Logger };
