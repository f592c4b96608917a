import { AppError } from './errors';

/**
 * An idempotency key stands for one change: sent again with the same change it answers the first
 * answer; sent with a different change it is refused, the same way on the desk and on the server.
 */
export function idempotencyKeyReusedError(idempotencyKey: string): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    'This request id was already used for a different change. Nothing was changed; please try again.',
    { field: 'idempotencyKey', idempotencyKey },
  );
}
