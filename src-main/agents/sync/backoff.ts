/**
 * Exponential backoff with "full jitter" (a random delay between half and all of the capped
 * exponential step), so machines that lost the server together do not come back in lockstep.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };

export function backoffDelay(failures: number, random: () => number, options: BackoffOptions = defaultBackoff): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 20);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}
