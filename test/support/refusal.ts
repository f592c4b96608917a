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
