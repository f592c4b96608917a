import { AppError, isAppError } from '../../src-shared/errors';

/** The SQLSTATE of a driver error (node-postgres and PGlite both expose `code`). */
export function sqlState(error: unknown): string | undefined {
  const cause = isAppError(error) ? error.cause : error;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    const code = (cause as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';

/**
 * Failures that can succeed when the whole transaction is simply tried again: serialisation
 * failure, deadlock, lock not available, the server out of connections, memory or disk, a
 * cancelled statement, shutting down or starting up. Every other failure of a mutation is a fact
 * about that mutation and is stored as its final refusal (server/sync/push.ts).
 */
const transientStates = new Set(['40001', '40P01', '53100', '53200', '53300', '57014', '57P01', '57P02', '57P03', '55P03']);

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = sqlState(error);
  if (code !== undefined && (code.startsWith('08') || transientStates.has(code))) return true;
  if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code ?? '')) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed|terminating connection|not queryable|Cannot use a pool after calling end/i.test(
    error.message,
  );
}

/**
 * Database failures become AppErrors: a lost connection or a serialisation failure is
 * DB_TRANSACTION_FAILED (retryable); constraint violations keep their SQLSTATE on the cause so
 * callers can tell them apart; anything else is INTERNAL_ERROR.
 */
export function toDbError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isConnectionFailure(error)) {
    return new AppError('DB_TRANSACTION_FAILED', 'The server could not reach its database. Nothing was changed; it will be retried.', undefined, {
      cause: error,
    });
  }
  return new AppError('INTERNAL_ERROR', 'The sync server hit an unexpected database problem. Nothing was changed.', undefined, { cause: error });
}

/** Runs one call to the database; its failure is thrown as the AppError toDbError makes of it. */
export async function asDbError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDbError(error);
  }
}
