import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { appErrorOf, formatErrorShape, toTRPCError } from '../../src-shared/trpcErrors';
import type { Actor } from '../../src-shared/authorization';
import type { Desk } from '../core/commands/execute';
import type { Store } from '../core/store/open';
import { inShopLanguage } from '../core/settings/shopLanguage';
import type { DeskSession } from '../core/session/deskSession';

/** What every desk procedure can see. Built per call by the IPC or HTTP adapter. */
export interface DeskContext {
  store: Store;
  session: DeskSession;
  now: () => number;
  requestId: string;
  /** Errors the desk has reported recently, for the support report and the Recovery Center. */
  recordError?: (envelope: { code: string; message: string; requestId: string; at: number }) => void;
}

const t = initTRPC.context<DeskContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error, ctx }) =>
    formatErrorShape(shape, error, ctx?.requestId ?? 'unknown', (envelope) => inShopLanguage(ctx?.store, envelope)),
});

/** Every failure leaves a procedure as a typed AppError with the right tRPC code. */
const typedErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    const app = appErrorOf(result.error);
    ctx.recordError?.({ code: app.code, message: app.message, requestId: ctx.requestId, at: ctx.now() });
    throw toTRPCError(app);
  }
  return result;
});

export const router = t.router;
export const procedure = t.procedure.use(typedErrors);
export const createCallerFactory = t.createCallerFactory;

/**
 * The desk as commands see it: the store, the signed-in actor (re-checked), the clock. The actor is
 * re-checked when first asked for: a command asks inside its own transaction, where the read shares
 * the transaction's snapshot instead of opening a read transaction of its own before it.
 */
export function deskOf(ctx: DeskContext): Desk {
  let actor: Actor | undefined;
  return {
    store: ctx.store,
    now: ctx.now,
    get actor() {
      actor ??= ctx.session.refresh(ctx.store);
      return actor;
    },
  };
}
