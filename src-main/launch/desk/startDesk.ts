import { join } from 'node:path';
import type { Clock } from '../../../src-shared/clock';
import type { Language } from '../../../src-shared/i18n/languages';
import { backupBeforeMigrate, removeStaleTempFiles } from '../../agents/backup/backups';
import { startDailyBackups, type DailyBackupOptions } from '../../agents/backup/schedule';
import { startHoldExpiry } from '../../agents/holds/expiry';
import { seedDemo } from '../../core/demo/seed';
import { checkIntegrity, type IntegrityState } from '../../agents/integrity/integrityCheck';
import { openStore, type Store } from '../../core/store/open';
import type { SyncAgent, SyncAgentOptions } from '../../agents/sync/agent';
import { configureSync, peekSyncAgent } from '../../agents/sync/registry';
import { fileSecretStore, type SecretStore } from '../../agents/sync/secrets';
import { startMessageSender, type MessageSender, type MessageSenderOptions } from '../../agents/messages/sender';
import { ensurePrivateDirSync, tightenDataFolder } from '../../core/disk/privateFiles';
import type { ShellServices } from '../../api/shellServices';
import { RecentErrors, systemStatus, type SystemStatus } from '../../agents/status/deskStatus';
import { JobBoard } from '../../core/progress/jobs';

/**
 * The one way the desk starts, in Electron and in browser mode alike: the data folder made
 * private and cleared of half-written temporary files, the store opened (a backup first if it
 * must be upgraded), the integrity check, sync, the daily backups and the shell services. The
 * launchers add only their transport (IPC or HTTP) and window (docs/architecture.md §1).
 */
export interface DeskOptions {
  /** The folder the shop's data lives in; made this user's only. */
  dataDir: string;
  /** The database file (default `caredesk.sqlite` in the data folder). */
  database?: string;
  /** Where backups go (default `backups` in the data folder). */
  backupDir?: string;
  migrationsFolder?: string;
  /** The one clock every part of the desk reads. */
  clock: Clock;
  /** Where the sync device token of this database file is kept (keychain or private file). */
  secretsFor: (databaseFile: string) => SecretStore;
  /**
   * Where the message providers' credentials are kept, by name (the keychain in Electron); default:
   * a file only this user can read in the data folder (docs/architecture.md §18).
   */
  messageSecretsFor?: (databaseFile: string, name: string) => SecretStore;
  /** The message sender's pace (tests); the store, clock and secrets come from here. */
  messages?: Pick<MessageSenderOptions, 'intervalMs' | 'resilience'>;
  /** The launcher's sync settings (its fetch, intervals); the store, secrets and clock come from here. */
  sync?: Omit<SyncAgentOptions, 'store' | 'secrets' | 'now'>;
  /** Fill an empty store with the demo shop in this time zone (and language, else the zone country's). */
  demo?: { timeZone: string; language?: Language };
  /** Told each daily backup's outcome (the failure is also kept as a system problem). */
  onDailyBackup?: DailyBackupOptions['onResult'];
  /** What only the launcher can offer: PDF rendering, printing, a save dialog or folder, its version. */
  shell?: Omit<ShellServices, 'status' | 'recentErrors' | 'backupDir' | 'reopenStore' | 'swapStore' | 'messageSecrets' | 'jobs'>;
}

export interface StartedDesk {
  /** The store every call uses now (a restore swaps it). Throws once the desk has stopped. */
  store(): Store;
  /** The current store's sync agent. */
  agent(): SyncAgent;
  /** The shell services the print, support and backups procedures use. */
  readonly shell: ShellServices;
  /** The desk's long work with its progress (docs/architecture.md §24); it outlives a restore's swap. */
  readonly jobs: JobBoard;
  /** Failures the router reported, for the support report and the Recovery Center. */
  readonly recentErrors: RecentErrors;
  /** The standalone desk's message sender (idle while paired: the sync server sends). */
  readonly messages: MessageSender;
  /** The start-up integrity check (it runs off the main thread). */
  readonly integrity: Promise<IntegrityState>;
  /** Whether the demo shop was added: null when not asked, false when the folder already held a shop. */
  readonly demoAdded: boolean | null;
  status(): SystemStatus;
  /** Makes `next` the store every later call uses, with its own sync agent (after a restore). */
  swap(next: Store): void;
  /** Told the new store after each swap (browser mode's server keeps its own reference). */
  onSwap(listener: (next: Store) => void): void;
  /**
   * Stops the backups and sync and closes the store (at once, or when a backup under way has
   * ended: closing under it would fail it). Call once the transport is closed.
   */
  stop(): Promise<void>;
}

export async function startDesk(options: DeskOptions): Promise<StartedDesk> {
  const now = options.clock.now;
  const paths = {
    database: options.database ?? join(options.dataDir, 'caredesk.sqlite'),
    backups: options.backupDir ?? join(options.dataDir, 'backups'),
  };
  const outputDir = options.shell?.outputDir;

  // The shop's data is this user's only; a folder an older version left open is tightened.
  tightenDataFolder(options.dataDir);
  if (outputDir !== undefined) ensurePrivateDirSync(outputDir);
  // Temporary files a crash left mid-write (a restore writes beside the database).
  for (const dir of [options.dataDir, paths.backups, ...(outputDir === undefined ? [] : [outputDir])]) {
    await removeStaleTempFiles(dir);
  }

  /** Opens a database file the way the desk always does, and starts checking it. */
  const reopen = (file: string): Store => {
    const opened = openStore(file, {
      ...(options.migrationsFolder === undefined ? {} : { migrationsFolder: options.migrationsFolder }),
      beforeMigrate: backupBeforeMigrate(paths.backups, now),
    });
    void checkIntegrity(opened, now);
    return opened;
  };
  const startSync = (target: Store): SyncAgent =>
    configureSync(target, { ...options.sync, secrets: options.secretsFor(target.file), now });

  let current: Store | null = reopen(paths.database);
  const integrity = checkIntegrity(current, now);
  let demoAdded: boolean | null = null;
  try {
    if (options.demo) demoAdded = await seedDemo(current, { ...options.demo, now: now() });
  } catch (error) {
    current.close();
    throw error;
  }
  startSync(current);

  const store = (): Store => {
    if (current === null) throw new Error('The database is not open.');
    return current;
  };
  const swapListeners: ((next: Store) => void)[] = [];
  const swap = (next: Store): void => {
    if (current === next) return;
    if (current !== null) peekSyncAgent(current)?.kill();
    current = next;
    startSync(next);
    for (const listener of swapListeners) listener(next);
  };
  const backups = startDailyBackups({
    dir: paths.backups,
    getStore: store,
    now,
    ...(options.onDailyBackup ? { onResult: options.onDailyBackup } : {}),
  });
  const holds = startHoldExpiry({ getStore: store, now });
  // Catches up on what fell due while the desk was closed, then sends while it runs (§18).
  // One place for the providers' credentials: the sender reads them, Settings → Messages saves them (§21).
  const messageSecrets = (name: string) =>
    options.messageSecretsFor?.(store().file, name) ?? fileSecretStore(join(options.dataDir, name));
  const messages = startMessageSender({ getStore: store, now, secrets: messageSecrets, ...options.messages });
  const recentErrors = new RecentErrors(100);
  const status = () => systemStatus(store(), now());
  const jobs = new JobBoard({ now });
  let stopped: Promise<void> | null = null;

  return {
    store,
    agent: () => {
      const agent = peekSyncAgent(store());
      if (agent === null) throw new Error('The desk has no sync agent.');
      return agent;
    },
    shell: {
      ...options.shell,
      status,
      recentErrors: () => recentErrors.list(),
      backupDir: paths.backups,
      reopenStore: reopen,
      swapStore: swap,
      messageSecrets,
      jobs,
    },
    jobs,
    recentErrors,
    messages,
    integrity,
    demoAdded,
    status,
    swap,
    onSwap: (listener) => swapListeners.push(listener),
    stop: () => {
      if (stopped !== null) return stopped;
      backups.stop();
      holds.stop();
      messages.stop();
      const last = store();
      peekSyncAgent(last)?.kill();
      const close = () => {
        last.close();
        current = null;
      };
      const backingUp = backups.inFlight();
      if (backingUp === null) {
        close();
        stopped = Promise.resolve();
      } else {
        stopped = backingUp.then(close, close);
      }
      return stopped;
    },
  };
}
