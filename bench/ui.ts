/**
 * `npm run bench:ui`: the day view with 20 staff and 300 appointments in Debian's Chromium
 * against browser mode. Measures the time from navigating to the day until its cards are painted,
 * beside the same view of a day with no appointments measured in the same run (paint_vs_empty),
 * and the longest main-thread task (PerformanceObserver 'longtask') while creating, rescheduling
 * (drag and drop) and undoing; and the whole team's week view with the same bookings painted
 * (ui.weekView.paint_ms). Last line: one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import * as appointmentCommands from '../src-main/core/appointments/commands';
import type { CommandResult, Desk } from '../src-main/core/commands/execute';
import { seedDemo } from '../src-main/core/demo/seed';
import { openStore } from '../src-main/core/store/open';
import { startWebServer } from '../src-main/launch/web/server';
import { addDays, localTimeToInstant, todayIn } from '../src-shared/time';

const ZONE = 'Europe/London';
const STAFF = 20;
const PER_STAFF = 15;
const RUNS = 5;

const root = resolve(import.meta.dirname, '..');
const staticDir = join(root, 'dist', 'renderer');
if (!existsSync(join(staticDir, 'index.html')) || process.env.BENCH_BUILD === '1') {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-ui-'));
const store = openStore(join(dir, 'caredesk.sqlite'));
const now = Date.now();
const ids: string[] = [];
let counter = 0;
const newId = () => {
  const id = crypto.randomUUID();
  ids.push(id);
  return id;
};
// Shop, 20 staff, services and clients from the demo plan (no bookings: daysAfter < daysBefore).
await seedDemo(store, { timeZone: ZONE, now, staffCount: STAFF, daysBefore: 0, daysAfter: -1, newId });
const staffRows = store.sqlite.prepare(`SELECT id, role FROM staff ORDER BY name`).all() as { id: string; role: string }[];
const owner = staffRows.find((row) => row.role === 'owner');
const service = store.sqlite.prepare(`SELECT id FROM services WHERE name = 'Beard trim'`).get() as { id: string };
const clientRows = store.sqlite.prepare(`SELECT id FROM clients`).all() as { id: string }[];
const date = addDays(todayIn(ZONE, now), 1);
const desk: Desk = { store, actor: { staffId: owner?.id ?? null, role: 'owner' }, now: () => now };
const create = appointmentCommands.createAppointment as unknown as (desk: Desk, input: Record<string, unknown>) => CommandResult;
store.sqlite.pragma('synchronous = NORMAL');
for (const [index, member] of staffRows.entries()) {
  let start = localTimeToInstant(date, '08:00', ZONE);
  for (let slot = 0; slot < PER_STAFF; slot += 1) {
    create(desk, {
      idempotencyKey: `bench-${(counter += 1)}-${index}-${slot}`,
      clientId: clientRows[(index * PER_STAFF + slot) % clientRows.length]?.id,
      staffId: member.id,
      serviceId: service.id,
      startsAt: start,
      allowOutsideHours: true,
    });
    start += 30 * 60_000;
    // Keep 12:00–13:00 free (inside every day's opening hours) for the create / move / undo run.
    if (start === localTimeToInstant(date, '12:00', ZONE)) start += 60 * 60_000;
  }
}
store.sqlite.pragma('synchronous = FULL');

const web = await startWebServer({ store, staticDir });
if (owner) await web.session.signIn(store, { staffId: owner.id, pin: '1234' });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const result: Record<string, number> = {};
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: ZONE, locale: 'en-GB' });
  const page = await context.newPage();
  await page.addInitScript(`
    window.__longest = 0;
    window.__since = 0;
    new PerformanceObserver((list) => {
      // By when the task began: an entry is delivered a while after its task, and one that began
      // before the measured steps (reaching the filled day) is not theirs.
      for (const entry of list.getEntries()) {
        if (entry.startTime >= window.__since) window.__longest = Math.max(window.__longest, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  `);
  await page.goto(web.launchUrl);
  await page.getByTestId('day-view').waitFor();

  /**
   * Press a key that changes the day; resolve when the day view shows `expectedDate` with
   * `expected` cards in the DOM, painted. (The section only renders once the day's data is in.)
   */
  // A string, not a function: tsx's name helpers do not exist inside the page.
  const navigate = (key: string, expectedDate: string, expected: number) =>
    page.evaluate(`new Promise((done) => {
      const ready = () =>
        document.querySelector('[data-testid="day-view"]')?.getAttribute('data-date') === ${JSON.stringify(expectedDate)} &&
        document.querySelectorAll('[data-testid="appointment-card"]').length === ${expected};
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (ready()) {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-date'] });
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));
    })`) as Promise<number>;

  // Baseline, same run: the same day view (20 staff columns) for a day with no appointments,
  // reached the same way (today → yesterday). Queries are cached after the first visit, so
  // reload the page before every navigation; the two kinds of run alternate.
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  const reloaded = async () => {
    await page.reload();
    await page.getByTestId('day-view').waitFor();
    await page.waitForTimeout(300);
  };
  const paints: number[] = [];
  const emptyPaints: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await reloaded();
    paints.push(await navigate('ArrowRight', date, STAFF * PER_STAFF));
    await reloaded();
    emptyPaints.push(await navigate('ArrowLeft', addDays(date, -2), 0));
  }
  const paint = median(paints);
  const emptyPaint = median(emptyPaints);
  result['ui.dayView.paint_ms'] = Math.round(paint);
  result['ui.dayView.paint_ms_max'] = Math.round(Math.max(...paints));
  result['ui.dayView.empty_paint_ms'] = Math.round(emptyPaint);
  result['ui.dayView.paint_vs_empty'] = Number((paint / Math.max(emptyPaint, 1)).toFixed(2));

  // ---- Week view (issue 11): the whole team's week, 20 staff × 7 days with the 300 bookings ----
  // From the day view of the filled day, press the header's Week switch; done when every booking's
  // bar is in the DOM and painted. The page is reloaded before each run, so the week is not cached.
  const weekPaints: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await reloaded();
    await page.getByLabel('Go to date').fill(date);
    await page.locator(`[data-testid="day-view"][data-date="${date}"]`).waitFor();
    await page.waitForTimeout(300);
    weekPaints.push(
      (await page.evaluate(`new Promise((done) => {
        const ready = () => document.querySelectorAll('[data-testid="week-bar"]').length === ${STAFF * PER_STAFF};
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (ready()) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const week = [...document.querySelectorAll('[role="group"][aria-label="Show"] button')].find((button) => button.textContent === 'Week');
        week.click();
      })`)) as number,
    );
  }
  result['ui.weekView.paint_ms'] = Math.round(median(weekPaints));
  result['ui.weekView.paint_ms_max'] = Math.round(Math.max(...weekPaints));
  // Back to the day view for the create / move / undo run below.
  await reloaded();
  // ---- end of the week view section ----

  // Longest task while creating, rescheduling (drag and drop) and undoing, on the filled day:
  // reaching it is the paint measured above, not part of this.
  await page.getByLabel('Go to date').fill(date);
  await page.locator(`[data-testid="day-view"][data-date="${date}"]`).waitFor();
  await page.getByTestId('appointment-card').nth(STAFF * PER_STAFF - 1).waitFor();
  // The shortcut below is a key press: not one typed into the date field.
  await page.evaluate('document.activeElement?.blur()');
  await page.waitForTimeout(500);
  await page.evaluate('window.__longest = 0; window.__since = performance.now()');
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.getByLabel('Client', { exact: true }).fill('Zo');
  await dialog.getByRole('button', { name: /Zoë Smith/ }).first().click();
  await dialog.getByLabel('Service').selectOption({ label: 'Beard trim — 20 min' });
  await dialog.getByLabel('Staff').selectOption({ index: 1 });
  // The day it filled (tomorrow): the dialog starts on the day last shown, which may have passed.
  await dialog.getByLabel('Date').fill(date);
  await dialog.getByLabel('Time', { exact: true }).fill('12:00');
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  const created = page.getByTestId('appointment-card').filter({ hasText: 'Zoë Smith' }).filter({ hasText: '12:00–12:20' });
  const error = dialog.getByRole('alert');
  await Promise.race([created.waitFor(), error.waitFor()]);
  if (await error.isVisible()) {
    // Should not happen (12:00 is inside opening hours every day); book it as an exception if so.
    await dialog.getByLabel(/Book it anyway/).check();
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
  }
  await created.waitFor();
  const grid = page.locator('.grid');
  const gridStart = Number(await grid.getAttribute('data-grid-start'));
  const pxPerMin = Number(await grid.getAttribute('data-px-per-min'));
  // Same column, later time (undoing a move across staff currently fails in the domain: see report).
  const targetColumn = page.getByTestId('staff-column').filter({ has: created });
  await created.dragTo(targetColumn, { sourcePosition: { x: 10, y: 4 }, targetPosition: { x: 20, y: (12.5 * 60 - gridStart) * pxPerMin + 4 } });
  await page.getByTestId('toast').filter({ hasText: /^Moved/ }).waitFor();
  await page.getByTestId('toast').filter({ hasText: /^Moved/ }).getByRole('button', { name: /Undo/ }).click();
  await page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor({ timeout: 5000 }).catch(async (error: unknown) => {
    console.error(await page.getByTestId('toast').allInnerTexts());
    throw error;
  });
  await page.waitForTimeout(800);
  // The longtask API only reports tasks of 50 ms or more: 0 means no task reached 50 ms.
  result['ui.longestTask_ms'] = Math.round((await page.evaluate('window.__longest')) as number);
  result['ui.longestTask_reportingThreshold_ms'] = 50;
  await context.close();
} finally {
  await browser.close();
  await web.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`week view (whole team): ${STAFF} staff, ${STAFF * PER_STAFF} appointments; paint median of ${RUNS} runs ${result['ui.weekView.paint_ms']} ms (target ≤ 300)`);
console.log(
  `day view: ${STAFF} staff, ${STAFF * PER_STAFF} appointments; paint median of ${RUNS} runs ${result['ui.dayView.paint_ms']} ms ` +
    `vs the same view of an empty day ${result['ui.dayView.empty_paint_ms']} ms → ratio ${result['ui.dayView.paint_vs_empty']}`,
);
console.log(JSON.stringify(result));
