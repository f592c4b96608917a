import type { AppError } from './errors';
import { refuse } from './refuse';

/**
 * An idempotency key stands for one change: sent again with the same change it answers the first
 * answer; sent with a different change it is refused, the same way on the desk and on the server.
 */
export function idempotencyKeyReusedError(idempotencyKey: string): AppError {
  return refuse('IDEMPOTENCY_KEY_REUSED', 'idempotency.reused', undefined, { field: 'idempotencyKey', idempotencyKey });
}
