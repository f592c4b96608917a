import { reportDailyBackup } from '../../core/status/problemReports';
import type { Store } from '../../core/store/open';
import { createBackup, listBackups, type BackupInfo } from './backups';
import { keepOffsiteCopy } from './offsite';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyBackupOptions {
  dir: string;
  getStore: () => Store;
  now?: () => number;
  /** How often to look whether a day has passed (default hourly). */
  checkEveryMs?: number;
  /** Called with each outcome so the shell can log it and show a failure. */
  onResult?: (result: { ok: true; backup: BackupInfo } | { ok: false; error: unknown }) => void;
}

/** Whether the newest automatic (daily) backup is at least a day old, or missing. */
export function dailyBackupDue(dir: string, now: number): boolean {
  const newest = listBackups(dir).find((backup) => backup.reason === 'daily');
  return newest === undefined || now - newest.createdAt >= DAY_MS;
}

/**
 * The automatic daily backup: checked at start and then every hour, taken when the last daily
 * backup is a day old. Returns a stop function. One run at a time.
 */
export function startDailyBackups(options: DailyBackupOptions): {
  stop: () => void;
  runNow: () => Promise<void>;
  /** The backup under way, if one is (its store must stay open until it ends); null otherwise. */
  inFlight: () => Promise<void> | null;
} {
  const now = options.now ?? Date.now;
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    if (running) return running;
    const run = async () => {
      if (dailyBackupDue(options.dir, now())) {
        try {
          const backup = await createBackup(options.getStore(), { dir: options.dir, reason: 'daily', now: now() });
          reportDailyBackup(options.getStore(), { ok: true }, now());
          options.onResult?.({ ok: true, backup });
        } catch (error) {
          // Not only a log line: a system check until the next backup succeeds or a person dismisses it.
          reportDailyBackup(options.getStore(), { ok: false, error }, now());
          options.onResult?.({ ok: false, error });
        }
      }
      // Every hour, not only after a new backup: a drive plugged back in gets its copy within the hour.
      await keepOffsiteCopy(options.getStore(), options.dir, now()).catch(() => undefined); // a store that cannot be read already shows as Unsafe
    };
    running = run().finally(() => {
      running = null;
    });
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), options.checkEveryMs ?? 60 * 60 * 1000);
  timer.unref?.();
  return { stop: () => clearInterval(timer), runNow: tick, inFlight: () => running };
}
