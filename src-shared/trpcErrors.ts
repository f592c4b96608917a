import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { httpStatusOf, toAppError, type AppError, type ErrorEnvelope } from './errors';

/**
 * The bridge between AppError and tRPC, used by the desk router and the sync server alike:
 * AppErrors become TRPCErrors with the matching HTTP status, and every error shape carries the
 * envelope of docs/architecture.md §4.
 */

const trpcCodeByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** The AppError behind any error tRPC hands us (a thrown AppError, a zod input failure, anything else). */
export function appErrorOf(error: unknown): AppError {
  if (error instanceof TRPCError) {
    if (error.cause !== undefined) return toAppError(error.cause);
    return toAppError(error);
  }
  return toAppError(error);
}

export function toTRPCError(error: unknown): TRPCError {
  const app = appErrorOf(error);
  return new TRPCError({ code: trpcCodeByStatus[httpStatusOf[app.code]] ?? 'INTERNAL_SERVER_ERROR', message: app.message, cause: app });
}

/**
 * tRPC's errorFormatter body: the envelope goes in data.envelope, the message is the plain one
 * (`speak` says it in the reader's language: the desk's shop language).
 */
export function formatErrorShape<S extends { message: string; data: object }>(
  shape: S,
  error: unknown,
  requestId: string,
  speak: (envelope: ErrorEnvelope) => ErrorEnvelope = (envelope) => envelope,
): S & { data: S['data'] & { envelope: ErrorEnvelope } } {
  const envelope = speak(appErrorOf(error).toEnvelope(requestId));
  return { ...shape, message: envelope.message, data: { ...shape.data, envelope } };
}
