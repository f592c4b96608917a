import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { AppError, httpStatusOf } from '../src-shared/errors';
import { MAX_PUSH_BYTES } from '../src-shared/sync';
import { requestScope } from './log';
import { appErrorOf, appRouter, type ServerServices } from './router';
import { LINK_PATH, serveLink } from './links/route';
import { FORM_LINK_PATH } from './links/formLink';
import { serveFormLink } from './links/formRoute';

/**
 * The HTTP edge: tRPC at /trpc, a request id on every request (x-request-id in and out, and in
 * every log line), a body size limit, and a shutdown that lets running calls finish.
 */

const requestIdPattern = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * The desk sends one call per request; a batch (`/trpc/a,b,c?batch=1`) is refused above this
 * many calls before anything runs, so one unauthenticated request cannot start thousands of
 * queries.
 */
export const MAX_BATCH_CALLS = 10;

/** How many procedure calls a tRPC request names (1 unless it is a batch); tRPC decodes the path, so `%2C` counts too. */
function callsIn(url: string): number {
  const parsed = new URL(url, 'http://server');
  if (parsed.searchParams.get('batch') !== '1') return 1;
  return parsed.pathname.split(/,|%2c/i).length;
}

function refuse(res: http.ServerResponse, error: AppError, requestId: string): void {
  res.statusCode = httpStatusOf[error.code];
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: error.toEnvelope(requestId) }));
}

/** The path as logged: a confirmation link's token is the client's key, so it never reaches a log. */
function loggedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  if (path.startsWith(LINK_PATH)) return `${LINK_PATH}…`;
  return path.startsWith(FORM_LINK_PATH) ? `${FORM_LINK_PATH}…` : path;
}

export interface HttpServer {
  url: string;
  port: number;
  host: string;
  /** Stops accepting, lets in-flight calls finish (up to timeoutMs), then closes every connection. */
  close(timeoutMs?: number): Promise<void>;
}

export async function listen(services: ServerServices, port: number, host: string): Promise<HttpServer> {
  const { log } = services;
  let shuttingDown = false;
  let inflight = 0;
  let idle: (() => void) | undefined;

  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // The protocol's own limit plus room for the transport's wrapping.
    maxBodySize: MAX_PUSH_BYTES + 64 * 1024,
    // A backstop for the check in front of the handler, should tRPC ever read a URL differently.
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req }) => ({
      services,
      requestId: requestScope.getStore()?.requestId ?? randomUUID(),
      ip: req.socket.remoteAddress ?? 'unknown',
      authorization: req.headers.authorization,
    }),
    onError({ error, path }) {
      const appError = appErrorOf(error);
      if (httpStatusOf[appError.code] >= 500) log.error({ err: error.cause ?? error, code: appError.code, path }, 'request failed');
      else log.info({ code: appError.code, path }, 'request refused');
    },
  });

  const server = http.createServer((req, res) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    const ip = req.socket.remoteAddress ?? 'unknown';
    const started = performance.now();
    res.setHeader('x-request-id', requestId);
    if (shuttingDown) res.setHeader('connection', 'close');
    inflight += 1;
    res.on('close', () => {
      inflight -= 1;
      requestScope.run({ requestId, ip }, () =>
        log.info(
          { method: req.method, path: loggedPath(req.url ?? ''), status: res.statusCode, ms: Math.round(performance.now() - started) },
          'request',
        ),
      );
      if (inflight === 0) idle?.();
    });
    requestScope.run({ requestId, ip }, () => {
      if ((req.url ?? '').startsWith(LINK_PATH) && services.links !== undefined) {
        serveLink(services.links, req, res, ip).catch((error: unknown) => {
          log.error({ err: error }, 'confirmation link failed');
          if (!res.headersSent) refuse(res, new AppError('INTERNAL_ERROR', 'Something went wrong. Please try again or call the shop.'), requestId);
        });
        return;
      }
      if ((req.url ?? '').startsWith(FORM_LINK_PATH) && services.links !== undefined) {
        serveFormLink(services.links, req, res, ip).catch((error: unknown) => {
          log.error({ err: error }, 'form link failed');
          if (!res.headersSent) refuse(res, new AppError('INTERNAL_ERROR', 'Something went wrong. Please try again or call the shop.'), requestId);
        });
        return;
      }
      if (!(req.url ?? '').startsWith('/trpc/')) {
        refuse(res, new AppError('NOT_FOUND', 'Nothing here: the sync server answers at /trpc.'), requestId);
        return;
      }
      if (callsIn(req.url ?? '') > MAX_BATCH_CALLS) {
        const error = new AppError('PAYLOAD_TOO_LARGE', `Too many calls in one request. Send at most ${MAX_BATCH_CALLS} at once.`, {
          maxCalls: MAX_BATCH_CALLS,
        });
        // The body (if any) is not read: close the connection rather than drain it.
        res.setHeader('connection', 'close');
        refuse(res, error, requestId);
        return;
      }
      void handler(req, res);
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${shownHost}:${address.port}/trpc`,
    port: address.port,
    host: address.address,
    async close(timeoutMs = 10_000) {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + timeoutMs;
      while ((inflight > 0 || services.active.calls > 0) && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, 50);
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
