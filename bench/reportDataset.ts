import Database from 'better-sqlite3';
import { addDays, localDayRange } from '../src-shared/time';
import { openStore } from '../src-main/core/store/open';
import { rebuildReportRollup } from '../src-main/core/store/reportRollup';
import { BENCH_ZONE, FIRST_DAY } from './localDataset';

/** The year the owner's numbers are timed over: the 365 shop days ending on FIRST_DAY. */
export const REPORT_YEAR = { from: addDays(FIRST_DAY, -364), to: FIRST_DAY };

/**
 * The owner's numbers (docs §26) are timed on a year that looks lived: of its bookings, about 70 %
 * checked out with a price (a tenth with a discount), 8 % cancelled — each with its cancel event,
 * made between three days and an hour before the start — and 5 % no-shows; the rest still booked.
 * Added once to the cached dataset with plain SQL (the store's migrations first), behind the
 * desk's back: the daily rollup (src-main/core/reports/rollup.ts) is rebuilt after, which is also
 * what a shop's first open after the rollup's migration costs (printed).
 */
export function addReportOutcomes(file: string): void {
  openStore(file).close();
  const db = new Database(file);
  try {
    const done = db.prepare(`SELECT count(*) AS n FROM appointments WHERE status <> 'booked'`).get() as { n: number };
    if (done.n > 0) return;
    const from = localDayRange(REPORT_YEAR.from, BENCH_ZONE).start;
    const to = localDayRange(REPORT_YEAR.to, BENCH_ZONE).end;
    const owner = db.prepare(`SELECT id FROM staff WHERE role = 'owner'`).get() as { id: string };
    db.transaction(() => {
      const year = `starts_at >= ${from} AND starts_at < ${to}`;
      db.exec(`UPDATE appointments SET status = 'completed', version = 4, arrived_at = starts_at, service_started_at = starts_at, completed_at = ends_at,
                 price_cents = 2500, discount_cents = CASE WHEN rowid % 10 = 0 THEN 250 ELSE 0 END WHERE ${year} AND rowid % 100 < 70`);
      db.exec(`UPDATE appointments SET status = 'cancelled', version = 2, cancel_reason = 'Client rang' WHERE ${year} AND rowid % 100 BETWEEN 70 AND 77`);
      db.exec(`UPDATE appointments SET status = 'no_show', version = 2 WHERE ${year} AND rowid % 100 BETWEEN 78 AND 82`);
      db.prepare(
        `INSERT INTO events (id, entity_type, entity_id, type, version, actor_staff_id, device_id, at, reason, before, after, undoes_event_id)
         SELECT lower(hex(randomblob(16))), 'appointment', id, 'appointment.cancel', 2, @owner, 'bench', starts_at - 3600000 - (rowid % 72) * 3600000,
                'Client rang', '{"status":"booked"}', '{"status":"cancelled"}', NULL
           FROM appointments WHERE status = 'cancelled'`,
      ).run({ owner: owner.id });
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
  const store = openStore(file);
  try {
    const start = performance.now();
    rebuildReportRollup(store);
    console.log(`report rollup: rebuilt from the appointments in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  } finally {
    store.close();
  }
}
