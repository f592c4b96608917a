import { clockStartingAt, parseInstant } from '../../../src-shared/clock';

/**
 * The one shop time of an e2e run. The suite runs at the instant CAREDESK_E2E_NOW (default: a
 * Wednesday, 10:00 in London), fixed once per run together with the real moment it was that
 * instant (CAREDESK_E2E_SINCE), so every core the suite starts (CAREDESK_NOW / CAREDESK_NOW_SINCE),
 * every page (Playwright's clock) and the helpers' "today" read the same time, which then runs
 * on in real time. Nothing here reads the machine's date.
 */

export const DEFAULT_E2E_NOW = '2026-06-17T09:00:00Z';

/** Fix the run's instant; playwright.config.ts calls it once, workers inherit the environment. */
export function chooseShopTime(env: NodeJS.ProcessEnv = process.env): void {
  env.CAREDESK_E2E_NOW ??= DEFAULT_E2E_NOW;
  env.CAREDESK_E2E_SINCE ??= String(Date.now());
  if (parseInstant(env.CAREDESK_E2E_NOW) === null) {
    throw new Error(
      `CAREDESK_E2E_NOW="${env.CAREDESK_E2E_NOW}" is not an ISO instant with its offset, like 2026-12-31T23:50:00Z.`,
    );
  }
}

function chosen(): { instant: number; since: number } {
  chooseShopTime();
  return { instant: parseInstant(process.env.CAREDESK_E2E_NOW!)!, since: Number(process.env.CAREDESK_E2E_SINCE) };
}

/** The shop's time now, on the run's clock. */
export function shopNow(): number {
  const { instant, since } = chosen();
  return clockStartingAt(instant, since).now();
}

/** Environment for a desk or sync server process (honoured with CAREDESK_TEST_HOOKS=1 only). */
export function shopClockEnv(): { CAREDESK_NOW: string; CAREDESK_NOW_SINCE: string } {
  const { instant, since } = chosen();
  return { CAREDESK_NOW: new Date(instant).toISOString(), CAREDESK_NOW_SINCE: String(since) };
}

/**
 * The time zone of the processes the suite starts: the runner's TZ when set (the dated runs use
 * an odd one to show nothing depends on it), else the shop's.
 */
export function processTimeZone(): string {
  return process.env.TZ ?? 'Europe/London';
}
