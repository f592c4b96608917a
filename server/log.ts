import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** The request being served, carried through async calls so every log line names its request id. */
export interface RequestScope {
  requestId: string;
  ip: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string {
  return requestScope.getStore()?.requestId ?? 'none';
}

const secretNames = ['password', 'authToken', 'token', 'secretKey', 'authorization'];
const secretPaths = secretNames.flatMap((name) => [name, `*.${name}`, `*.*.${name}`, `*.*.*.${name}`, `*.*.*.*.${name}`]);

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'caredesk-sync' },
    // Provider credentials and keys never reach a log line, whatever object carries them (docs/architecture.md §20).
    redact: { paths: secretPaths, censor: '[redacted]' },
    mixin() {
      const scope = requestScope.getStore();
      return scope === undefined ? {} : { requestId: scope.requestId };
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

export type { Logger };
