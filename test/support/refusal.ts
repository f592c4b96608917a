import { isAppError, type AppError } from '../../src-shared/errors';

/**
 * The AppError `work` threw (docs/architecture.md §4: bad input gets a typed AppError); fails the
 * test when it threw anything else, or nothing at all.
 */
export function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** The AppError a promise rejected with; fails the test when it rejected with anything else, or resolved. */
export async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a refusal, but the call succeeded'),
    (caught: unknown) => caught,
  );
  if (isAppError(error)) return error;
  throw error;
}
