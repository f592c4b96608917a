import { dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import type { RotatingLog } from './crashLog';
import { canOfferRestart, UPDATE_CHECK_INTERVAL_MS, updaterEnabled } from './securityPolicy';

/**
 * electron-updater on a generic feed: check at start and daily, download in the background,
 * offer "Restart to update" only when no write or sync is in flight (asked again every minute
 * until then), never in development. Staged rollouts: electron-updater reads stagingPercentage
 * from latest.yml and compares it with a stable per-install id, so nothing else is needed here.
 */
export interface UpdaterOptions {
  isPackaged: boolean;
  /** From configuration: CAREDESK_UPDATE_URL or userData/caredesk.json; null → the URL built into app-update.yml. */
  feedUrl: string | null;
  builtInFeedUrl: string | null;
  log: RotatingLog;
  window: () => BrowserWindow | null;
  activity: () => { writesInFlight: number; syncInFlight: boolean };
  /** Each check's outcome (the error, or null when it worked), so a failure is shown as a system check. */
  onOutcome?: (error: unknown) => void;
}

export interface Updater {
  enabled: boolean;
  checkNow(interactive: boolean): Promise<void>;
  stop(): void;
}

export function startUpdater(options: UpdaterOptions): Updater {
  const feedUrl = options.feedUrl ?? options.builtInFeedUrl;
  const enabled = updaterEnabled({ isPackaged: options.isPackaged, feedUrl, env: process.env });
  const timers: NodeJS.Timeout[] = [];
  if (!enabled) {
    options.log.write({ level: 'info', event: 'updater.disabled', packaged: options.isPackaged, feed: feedUrl ?? null });
    return {
      enabled,
      async checkNow(interactive) {
        if (interactive) {
          await dialog.showMessageBox({
            type: 'info',
            message: 'Updates are turned off',
            detail: options.isPackaged ? 'No update address is configured.' : 'This is a development build.',
          });
        }
      },
      stop() {},
    };
  }
  const { autoUpdater } = electronUpdater;
  if (options.feedUrl !== null) autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = {
    info: (message?: unknown) => options.log.write({ level: 'info', event: 'updater', message: String(message) }),
    warn: (message?: unknown) => options.log.write({ level: 'warn', event: 'updater', message: String(message) }),
    error: (message?: unknown) => options.log.write({ level: 'error', event: 'updater', message: String(message) }),
    debug: () => undefined,
  };
  let offered = false;
  const offerWhenIdle = (version: string) => {
    if (offered) return;
    if (!canOfferRestart(options.activity())) {
      timers.push(setTimeout(() => offerWhenIdle(version), 60_000));
      return;
    }
    offered = true;
    const win = options.window();
    const box = {
      type: 'info' as const,
      buttons: ['Restart to update', 'Later'],
      defaultId: 0,
      cancelId: 1,
      message: `CareDesk ${version} is ready`,
      detail: 'Restart now to use it, or it installs when you next quit CareDesk.',
    };
    void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box)).then(({ response }) => {
      // Re-check: a booking may have started while the dialog was open.
      if (response === 0 && canOfferRestart(options.activity())) autoUpdater.quitAndInstall();
      else offered = false;
    });
  };
  autoUpdater.on('update-downloaded', (info) => offerWhenIdle(info.version));
  autoUpdater.on('error', (error) => {
    options.log.error('updater.error', error);
    options.onOutcome?.(error);
  });
  const check = async (interactive: boolean) => {
    try {
      const result = await autoUpdater.checkForUpdates();
      options.onOutcome?.(null);
      if (interactive && (result === null || !result.isUpdateAvailable)) {
        await dialog.showMessageBox({ type: 'info', message: 'CareDesk is up to date.' });
      }
    } catch (error) {
      options.log.error('updater.check', error);
      options.onOutcome?.(error);
      if (interactive) await dialog.showMessageBox({ type: 'warning', message: 'Could not check for updates', detail: String(error) });
    }
  };
  void check(false);
  const daily = setInterval(() => void check(false), UPDATE_CHECK_INTERVAL_MS);
  return {
    enabled,
    checkNow: check,
    stop() {
      clearInterval(daily);
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
