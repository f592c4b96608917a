import { AppError, type ErrorCode } from './errors';
import { sayIn, type Say, type SayKey } from './say';

/**
 * The one way to make a refusal a person reads: its words from the `errors` catalogue. The message
 * is the English (what logs, the sync server and tests read); the Say goes with it, so the desk can
 * say it in the shop's language (src-main/core/settings/shopLanguage.ts). A failure of the machine underneath
 * (a disk, a browser) keeps it as the cause, for the logs.
 */
export function refuse(code: ErrorCode, key: SayKey, params?: Say['params'], details?: Record<string, unknown>, cause?: unknown): AppError {
  const say: Say = params === undefined ? { key } : { key, params };
  return new AppError(code, sayIn(say, 'en'), details, cause === undefined ? { say } : { say, cause });
}
