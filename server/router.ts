import { initTRPC, type TRPCError } from '@trpc/server';
import {
  AppError,
  httpStatusOf,
  isAppError,
  parseOrThrow,
  toAppError,
  validationError,
  type ErrorEnvelope,
} from '../src-shared/errors';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  pairInputSchema,
  pullInputSchema,
  receivedPushSchema,
} from '../src-shared/sync';
import { z } from 'zod';
import { authenticate, type AuthCache, type AuthenticatedDevice } from './auth';
import type { Database } from './db/connect';
import { healthCheck } from './health';
import { currentRequestId, type Logger } from './log';
import { pair } from './pairing';
import type { RateLimiter } from './rate-limit';
import { pull } from './sync/pull';
import { push, type PushHooks } from './sync/push';
import type { KeyedSerializer } from './sync/shop-queue';
import { wireTransformer } from './wire';
import type { LinkServices } from './links/route';
import { formLinkInputSchema, formLinkOf } from './links/formRoute';
import {
  sendShopTestMessage,
  sendTestInputSchema,
  setProvidersInputSchema,
  setShopProviders,
  shopProviders,
} from './messages/relay';

/** Everything a procedure may use; one per running server. */
export interface ServerServices {
  db: Database;
  /** The server's one clock (src-shared/clock.ts): health's serverTime, pairing, applied changes. */
  now: () => number;
  log: Logger;
  pairLimiter: RateLimiter;
  healthLimiter: RateLimiter;
  deviceLimiter: RateLimiter;
  hooks?: PushHooks;
  /** token → device for a short time; revocation is still checked by every push and pull. */
  authCache?: AuthCache;
  /** One push transaction per shop at a time from this server. */
  shopQueue?: KeyedSerializer;
  /** Procedure calls running now; graceful shutdown waits for them. */
  active: { calls: number };
  /** The clients' confirmation links (/c/<token>, docs/architecture.md §20). */
  links?: LinkServices;
  /** Seals the shops' provider credentials (docs/architecture.md §20); null without CAREDESK_SECRET_KEY. */
  sealingKey?: Buffer | null;
}

export interface Context {
  services: ServerServices;
  requestId: string;
  ip: string;
  authorization: string | undefined;
}

/** tRPC's own failures (unreadable body, unknown procedure …) in the app's vocabulary. */
export function appErrorOf(error: TRPCError): AppError {
  const cause = error.cause;
  if (isAppError(cause)) return cause;
  if (cause instanceof z.ZodError) return validationError(cause);
  switch (error.code) {
    case 'PARSE_ERROR':
    case 'BAD_REQUEST':
    case 'METHOD_NOT_SUPPORTED':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'UNPROCESSABLE_CONTENT':
      return new AppError('VALIDATION_ERROR', `The request could not be read: ${error.message}`, { field: '(input)' });
    case 'PAYLOAD_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request is too large. Send fewer changes at once.', {
        maxBytes: MAX_PUSH_BYTES,
      });
    case 'NOT_FOUND':
      return new AppError('NOT_FOUND', 'There is no such operation on the sync server.');
    case 'TOO_MANY_REQUESTS':
      return new AppError('RATE_LIMITED', 'Too many requests. Wait a moment and try again.');
    default:
      return toAppError(cause ?? error);
  }
}

export interface ErrorShapeData {
  code: string;
  httpStatus: number;
  path: string | undefined;
  /** The one error envelope (docs/architecture.md §4). */
  envelope: ErrorEnvelope;
}

const t = initTRPC.context<Context>().create({
  transformer: wireTransformer,
  errorFormatter({ shape, error, ctx, path }) {
    const appError = appErrorOf(error);
    const envelope = appError.toEnvelope(ctx?.requestId ?? currentRequestId());
    const data: ErrorShapeData = { code: shape.data.code, httpStatus: httpStatusOf[appError.code], path, envelope };
    return { message: envelope.message, code: shape.code, data };
  },
});

/** Counts running calls so shutdown can let them finish. */
const tracked = t.procedure.use(async ({ ctx, next }) => {
  ctx.services.active.calls += 1;
  try {
    return await next();
  } finally {
    ctx.services.active.calls -= 1;
  }
});

/** Refuses a caller over its budget, saying when it may try again. */
function takeOrRefuse(limiter: RateLimiter, caller: string, message: string): void {
  if (!limiter.take(caller))
    throw new AppError('RATE_LIMITED', message, { retryAfterSeconds: limiter.retryAfter(caller) });
}

/** A procedure without a token: each caller's address gets a budget of calls (`limiter`). */
const limitedByAddress = (limiter: 'healthLimiter' | 'pairLimiter', refusal: string) =>
  tracked.use(({ ctx, next }) => {
    takeOrRefuse(ctx.services[limiter], ctx.ip, refusal);
    return next();
  });

const deviceProcedure = tracked.use(async ({ ctx, next }) => {
  const device: AuthenticatedDevice = await authenticate(ctx.services.db, ctx.authorization, ctx.services.authCache);
  takeOrRefuse(
    ctx.services.deviceLimiter,
    device.deviceId,
    'This machine is sending too many requests. It will try again shortly.',
  );
  const result = await next({ ctx: { ...ctx, device } });
  // A call that finds the device revoked or gone drops it from the cache at once.
  if (!result.ok && appErrorOf(result.error).code === 'AUTH_TOKEN_INVALID')
    ctx.services.authCache?.forget(device.tokenHash);
  return result;
});

function parsePush(raw: unknown) {
  const size = Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
  if (size > MAX_PUSH_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'Too many changes in one request. Send them in smaller batches.', {
      maxBytes: MAX_PUSH_BYTES,
    });
  }
  const mutations = (raw as { mutations?: unknown } | null)?.mutations;
  if (Array.isArray(mutations) && mutations.length > MAX_PUSH_MUTATIONS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Send at most ${MAX_PUSH_MUTATIONS} changes at once.`, {
      maxMutations: MAX_PUSH_MUTATIONS,
    });
  }
  return parseOrThrow(receivedPushSchema, raw);
}

const relayOf = (services: ServerServices) => ({
  db: services.db,
  now: services.now,
  log: services.log,
  sealingKey: services.sealingKey ?? null,
});

export const appRouter = t.router({
  health: t.router({
    // No token needed, so each caller's address gets a budget of checks: every check asks the database.
    check: limitedByAddress('healthLimiter', 'Too many health checks from this machine. Wait a minute and try again.').query(
      ({ ctx }) => healthCheck(ctx.services.db, ctx.services.now()),
    ),
  }),
  pairing: t.router({
    pair: limitedByAddress('pairLimiter', 'Too many pairing attempts from this machine. Wait a minute and try again.')
      .input((raw: unknown) => parseOrThrow(pairInputSchema, raw))
      .mutation(async ({ ctx, input }) => {
        const result = await pair(ctx.services.db, input, ctx.services.now());
        ctx.services.log.info({ shopId: result.shopId, deviceId: result.deviceId }, 'device paired');
        return result;
      }),
  }),
  sync: t.router({
    push: deviceProcedure.input(parsePush).mutation(async ({ ctx, input }) => {
      const { services, device } = ctx;
      const output = await push(
        {
          db: services.db,
          device,
          requestId: ctx.requestId,
          now: services.now,
          ...(services.hooks === undefined ? {} : { hooks: services.hooks }),
          ...(services.shopQueue === undefined ? {} : { shopQueue: services.shopQueue }),
        },
        input,
        device.lastMutationId,
        // The cached lastMutationId may be behind: read the device again before refusing a batch.
        async () => {
          services.authCache?.forget(device.tokenHash);
          return (await authenticate(services.db, ctx.authorization, services.authCache)).lastMutationId;
        },
      );
      services.authCache?.noteLastMutationId(device.tokenHash, output.lastMutationId);
      return output;
    }),
    pull: deviceProcedure
      .input((raw: unknown) => parseOrThrow(pullInputSchema, raw))
      .query(({ ctx, input }) => pull(ctx.services.db, ctx.device, input)),
  }),
  /** A paired desk's owner sets the shop's message providers here, where they are used (§20). */
  messages: t.router({
    setProviders: deviceProcedure
      .input((raw: unknown) => parseOrThrow(setProvidersInputSchema, raw))
      .mutation(({ ctx, input }) => setShopProviders(relayOf(ctx.services), ctx.device, input)),
    providersSummary: deviceProcedure.query(({ ctx }) => shopProviders(relayOf(ctx.services), ctx.device)),
    sendTest: deviceProcedure
      .input((raw: unknown) => parseOrThrow(sendTestInputSchema, raw))
      .mutation(({ ctx, input }) => sendShopTestMessage(relayOf(ctx.services), ctx.device, input)),
  }),
  /** A client's link to fill one intake form of one visit ahead (docs/architecture.md §27). */
  forms: t.router({
    link: deviceProcedure
      .input((raw: unknown) => parseOrThrow(formLinkInputSchema, raw))
      .query(({ ctx, input }) => {
        if (ctx.services.links === undefined) throw new AppError('NOT_FOUND', 'This shop server makes no links for clients.');
        return formLinkOf(ctx.services.links, ctx.device.shopId, input);
      }),
  }),
});

export type AppRouter = typeof appRouter;
