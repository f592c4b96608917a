import { test, type Page } from './playwright';
import { callDesk, goToDate, openDesk } from '../helpers';
import { Desk, stopAll } from './rig';

/**
 * A spec's own browser-mode desk: started before its tests and stopped after them, so what the spec
 * does to the shop (its hours, a restore, a set clock) reaches no other spec.
 */

/** The demo shop is filled around the day its desk starts: a month before `at`, the days around `at` are empty. */
export const aMonthBefore = (at: number): number => at - 30 * 24 * 60 * 60_000;

export function ownDesk(
  port: number,
  options: { demo?: boolean; shopTime?: number; startTimeoutMs?: number } = {},
): Desk {
  const desk = new Desk(port, options.demo ?? true, options.shopTime);
  test.beforeAll(async () => {
    if (options.startTimeoutMs !== undefined) test.setTimeout(options.startTimeoutMs);
    await desk.start();
  });
  test.afterAll(async () => {
    await stopAll();
  });
  return desk;
}

/** The page's clock and the desk's both read `at` (docs/architecture.md §4a). */
export async function clocksAt(page: Page, desk: Desk, at: number): Promise<void> {
  await page.clock.setFixedTime(at);
  await desk.clockAt(page, at);
}

/** Both clocks at `at`, and the desk opens, on `date` when given. */
export async function openDeskAt(page: Page, desk: Desk, at: number, date?: string): Promise<void> {
  await clocksAt(page, desk, at);
  await openDesk(page, desk.url);
  if (date !== undefined) await goToDate(page, date);
}

type Member = { id: string; name: string; version: number };

/**
 * The demo's owner (Maya Okafor, PIN 1234) changes the staff through the desk's calls — `work` gets
 * the staff by name — and Sam Taylor is back at the desk after.
 */
export async function asOwner(
  page: Page,
  desk: Desk,
  work: (byName: (name: string) => Member) => Promise<void>,
): Promise<void> {
  const staff = await callDesk<Member[]>(page, desk.url, 'staff.list');
  const byName = (name: string) => staff.find((member) => member.name === name) as Member;
  await callDesk(page, desk.url, 'session.signIn', { staffId: byName('Maya Okafor').id, pin: '1234' });
  await work(byName);
  await callDesk(page, desk.url, 'session.signIn', { staffId: byName('Sam Taylor').id });
}
