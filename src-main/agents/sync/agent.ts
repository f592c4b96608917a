import { EventEmitter } from 'node:events';
import { asc, eq, inArray, min } from 'drizzle-orm';
import type { ErrorEnvelope } from '../../../src-shared/errors';
import { refuse } from '../../../src-shared/refuse';
import { MAX_PULL_LIMIT, MAX_PUSH_MUTATIONS, type HealthOutput, type PullOutput } from '../../../src-shared/sync';
import type { Store } from '../../core/store/open';
import { outbox, serverRows } from '../../core/store/schema';
import { transact } from '../../core/store/transaction';
import { reportServerHealth } from '../../core/status/problemReports';
import { clearProblem } from '../../core/status/problems';
import { setWriteLock } from '../../core/store/writeLock';
import { defaultBackoff, backoffDelay, type BackoffOptions } from './backoff';
import { applyOutcomes, applyPull, failMutation, nextBatch, rebaseWireIds, recordPushFailure, type EntityKey } from './engine';
import { clearPairing, readPairing, readProgress, writePairing, writeProgress, type PairingInfo } from './meta';
import { onOutboxWrite, unresolvedStates } from '../../core/outbox/outbox';
import { weakTokenStorageRefused, type SecretStore, type TokenStorageWeakness } from './secrets';
import { adoptServerRow, recordServerEvent, rememberServerRow } from '../../core/outbox/shadow';
import { normaliseFingerprint, pinnedFetch, readServerCertificate, type PinnedCertificate, type ServerCertificate } from './pinnedCertificate';
import { checkServerAddress } from './serverAddress';
import { httpTransport, toSyncError, type Fetch, type SyncTransport } from './transport';
import { queueUpload } from './upload';
import type { Job } from '../../core/progress/jobs';

/**
 * The sync agent (docs/architecture.md §5): one loop per machine, single-flight — push the outbox, then pull
 * the shop's changes. It runs shortly after a local change (debounced), every few seconds while
 * there is work, on a slow timer otherwise, and backs off exponentially (with jitter) after a
 * failure. What it changes reaches the renderer through `events` ('change').
 */

export const CLOCK_SKEW_DEGRADED_MS = 2 * 60_000;

/**
 * Whole-push refusals about numbering, pairing or the server itself (a wrong address, a database
 * it cannot open): not one change's fault, so no change is marked failed for them.
 */
const numberingAndPairingCodes: ReadonlySet<string> = new Set([
  'MUTATION_GAP',
  'MUTATION_ID_REUSED',
  'AUTH_REQUIRED',
  'AUTH_TOKEN_INVALID',
  'NOT_FOUND',
  'DB_NEWER_THAN_APP',
  'DB_UNREADABLE',
  'MIGRATION_FAILED',
  'WRITES_LOCKED',
]);
export const CLOCK_SKEW_LOCKED_MS = 10 * 60_000;

export interface SyncAgentOptions {
  store: Store;
  secrets: SecretStore;
  fetch?: Fetch;
  /** Build the transport yourself (tests); otherwise HTTP through `fetch`. */
  transport?: (serverUrl: string) => SyncTransport;
  /** How an https server's certificate is read at pairing (tests may replace it). */
  readCertificate?: (serverUrl: string) => Promise<ServerCertificate>;
  now?: () => number;
  random?: () => number;
  /** Run the loop on timers (the app). Tests drive syncNow() themselves. */
  autoRun?: boolean;
  debounceMs?: number;
  busyIntervalMs?: number;
  idleIntervalMs?: number;
  healthIntervalMs?: number;
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  pullLimit?: number;
  /** Push batches per pass before pulling (so a long upload still lets others' changes in). */
  maxBatchesPerPass?: number;
}

export interface PairRequest {
  serverUrl: string;
  code: string;
  deviceName: string;
  /** The person accepted, after a warning, that a non-loopback http:// server gets the code and key in clear. */
  allowInsecureHttp?: boolean;
  /** The SHA-256 fingerprint of a self-signed server certificate the person compared and confirmed. */
  trustCertificate?: string;
  /** The owner accepted keeping the device key where the system offers no real protection. */
  allowWeakTokenStorage?: boolean;
}

export type SyncEventKind = 'pushed' | 'pulled' | 'paired' | 'unpaired' | 'recovery' | 'status';

export interface SyncEvent {
  kind: SyncEventKind;
  entities: EntityKey[];
  at: number;
}

export interface SyncReport {
  ok: boolean;
  pushed: number;
  pulled: number;
  error: ErrorEnvelope | null;
  /** Whether there is more to do right away (pending rows or more pages). */
  moreWork: boolean;
}

export interface ConnectionState {
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: ErrorEnvelope | null;
  /** null until the first attempt. */
  reachable: boolean | null;
  consecutiveFailures: number;
  health: (HealthOutput & { checkedAt: number }) | null;
  /** Server clock minus ours, measured at the last health check. */
  clockSkewMs: number | null;
  nextAttemptAt: number | null;
}

export class SyncAgent {
  readonly events = new EventEmitter();
  readonly store: Store;
  readonly connection: ConnectionState = {
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    reachable: null,
    consecutiveFailures: 0,
    health: null,
    clockSkewMs: null,
    nextAttemptAt: null,
  };
  private readonly options: SyncAgentOptions;
  private readonly now: () => number;
  private readonly random: () => number;
  private running: Promise<SyncReport> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private dead = false;
  private batchLimit = MAX_PUSH_MUTATIONS;
  private transports = new Map<string, SyncTransport>();
  private unsubscribe: (() => void) | null = null;

  constructor(options: SyncAgentOptions) {
    this.options = options;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.events.setMaxListeners(100);
    this.unsubscribe = onOutboxWrite(this.store, () => this.notifyLocalChange());
  }

  pairing(): PairingInfo | null {
    return readPairing(this.store);
  }

  /** Why the device key would be weakly protected on this machine (see secrets.ts), or null. */
  tokenStorageWeakness(): TokenStorageWeakness | null {
    return this.options.secrets.weakness?.() ?? null;
  }

  private transport(serverUrl: string, certificate: PinnedCertificate | null = null): SyncTransport {
    const key = `${serverUrl} ${certificate?.fingerprint256 ?? ''}`;
    let transport = this.transports.get(key);
    if (!transport) {
      // A pinned server is reached only through the fetch that trusts exactly its certificate.
      const fetch = certificate === null ? this.options.fetch : pinnedFetch(certificate);
      transport =
        this.options.transport?.(serverUrl) ??
        httpTransport(serverUrl, {
          ...(fetch === undefined ? {} : { fetch }),
          timeoutMs: this.options.requestTimeoutMs ?? 30_000,
        });
      this.transports.set(key, transport);
    }
    return transport;
  }

  /**
   * The certificate to pin for an https server that no authority vouches for, once the person
   * has confirmed its fingerprint; null for http or an authority-signed certificate. Until they
   * confirm, pairing stops with the fingerprint to compare (trust on first use).
   */
  private async certificateToPin(serverUrl: string, confirmed: string | undefined): Promise<PinnedCertificate | null> {
    if (new URL(serverUrl).protocol !== 'https:' || this.options.transport !== undefined) return null;
    const presented = await (this.options.readCertificate ?? readServerCertificate)(serverUrl);
    if (presented.trusted) return null;
    const fingerprint256 = normaliseFingerprint(presented.fingerprint256);
    if (confirmed !== undefined && normaliseFingerprint(confirmed) === fingerprint256) return { fingerprint256, pem: presented.pem };
    throw refuse('VALIDATION_ERROR', confirmed === undefined ? 'sync.selfSigned' : 'sync.fingerprintDiffers', { fingerprint: fingerprint256 }, {
      field: 'certificate',
      certificateFingerprint: fingerprint256,
    });
  }

  private alive(): void {
    if (this.dead) throw refuse('INTERNAL_ERROR', 'sync.stopped');
  }

  private emit(kind: SyncEventKind, entities: EntityKey[] = []): void {
    const event: SyncEvent = { kind, entities, at: this.now() };
    this.events.emit('change', event);
  }

  /**
   * Pairs this machine with a shop: trades the one-time code for a device token (kept encrypted /
   * in a user-only file), pulls what the shop already has, and queues everything this machine
   * holds for upload — all local changes in one transaction with the pairing itself. A job watching
   * it sees the download page by page and may cancel it until the shop is stored: nothing has been
   * written then, so the desk stays unpaired and as it was (docs/architecture.md §24).
   */
  async pair(input: PairRequest, job?: Job): Promise<{ shopId: string; deviceId: string; queued: number }> {
    if (readPairing(this.store) !== null) {
      throw refuse('INVALID_TRANSITION', 'sync.alreadyPaired');
    }
    // Everything that can be refused is refused before the pairing code leaves this machine.
    const allowInsecureHttp = input.allowInsecureHttp === true;
    const serverUrl = checkServerAddress(input.serverUrl, { allowInsecureHttp });
    const allowWeakTokenStorage = input.allowWeakTokenStorage === true;
    const weakness = this.options.secrets.weakness?.() ?? null;
    if (weakness !== null && !allowWeakTokenStorage) {
      throw weakTokenStorageRefused(weakness);
    }
    const certificate = await this.certificateToPin(serverUrl, input.trustCertificate);
    const transport = this.transport(serverUrl, certificate);
    const paired = await transport.pair({ code: input.code, deviceName: input.deviceName });
    const token = await this.options.secrets.save(paired.token, { allowWeak: allowWeakTokenStorage });
    let pages: PullOutput[];
    try {
      pages = await this.firstDownload(transport, paired.token, job);
      this.alive();
      // Storing the shop is one transaction: from here it is all or nothing, and no longer stoppable.
      job?.pastReturn('storing');
    } catch (error) {
      // Stopped or failed before anything was written: the desk stays on its own, keeping no key.
      await this.options.secrets.forget(token).catch(() => undefined);
      throw error;
    }
    const cursor = pages.at(-1)?.cursor ?? 0;
    const now = this.now();
    const queued = transact(this.store, () => {
      if (readPairing(this.store) !== null) throw refuse('INVALID_TRANSITION', 'sync.pairedMeanwhile');
      this.store.db.delete(serverRows).run();
      writePairing(this.store, {
        serverUrl,
        shopId: paired.shopId,
        deviceId: paired.deviceId,
        deviceName: input.deviceName,
        pairedAt: now,
        token,
        ...(certificate === null ? {} : { certificate }),
        ...(allowInsecureHttp && new URL(serverUrl).protocol === 'http:' ? { insecureHttp: true } : {}),
      });
      writeProgress(this.store, { cursor, lastWireId: 0 });
      const seen: EntityKey[] = [];
      for (const page of pages) {
        for (const change of page.changes) {
          recordServerEvent(this.store, change.event);
          if (rememberServerRow(this.store, change.entityType, change.row, change.event.id, change.changeId)) {
            seen.push({ entityType: change.entityType, entityId: change.entityId });
          }
        }
      }
      const count = queueUpload(this.store, now, input.deviceName);
      for (const key of seen) adoptServerRow(this.store, key.entityType, key.entityId);
      return count;
    });
    this.emit('paired');
    this.schedule(0);
    return { shopId: paired.shopId, deviceId: paired.deviceId, queued };
  }

  /** Every page of the shop, in memory until the pairing stores them in one transaction. */
  private async firstDownload(transport: SyncTransport, token: string, job: Job | undefined): Promise<PullOutput[]> {
    const pages: PullOutput[] = [];
    const limit = Math.min(this.options.pullLimit ?? MAX_PULL_LIMIT, MAX_PULL_LIMIT);
    let cursor = 0;
    job?.phase('downloading');
    for (;;) {
      const page = await transport.pull(token, { cursor, limit });
      pages.push(page);
      cursor = page.cursor;
      // Changes are numbered by the shop's counter, so the cursor is how many of them are here.
      job?.report(cursor, page.latestChangeId ?? null);
      if (!page.hasMore) return pages;
      if (job !== undefined) await job.step(cursor);
    }
  }

  /**
   * Back to standalone. Refused while changes have not reached the server, unless `force`: then
   * they are marked resolved ("kept on this machine only") and stay in the local history.
   */
  async unpair(input: { force?: boolean; actorStaffId?: string | null } = {}): Promise<{ unsent: number }> {
    const pairing = readPairing(this.store);
    if (pairing === null) return { unsent: 0 };
    const now = this.now();
    const unsent = transact(this.store, () => {
      const open = this.store.db.select({ id: outbox.mutationId }).from(outbox).where(inArray(outbox.state, [...unresolvedStates])).all();
      if (open.length > 0 && input.force !== true) {
        throw refuse('INVALID_TRANSITION', open.length === 1 ? 'sync.unsentOne' : 'sync.unsentMany', { count: open.length }, { unsent: open.length });
      }
      this.store.db
        .update(outbox)
        .set({ state: 'resolved', resolution: { choice: 'unpaired', by: input.actorStaffId ?? null, at: now }, updatedAt: now })
        .where(inArray(outbox.state, [...unresolvedStates]))
        .run();
      clearPairing(this.store);
      this.store.db.delete(serverRows).run();
      return open.length;
    });
    await this.options.secrets.forget(pairing.token).catch(() => undefined);
    setWriteLock(this.store, 'clock-skew', null);
    try {
      clearProblem(this.store, 'server-health', now);
    } catch {
      // A storage failure shows as Unsafe; the unpairing itself is done.
    }
    this.connection.health = null;
    this.connection.clockSkewMs = null;
    this.connection.reachable = null;
    this.connection.lastError = null;
    this.emit('unpaired');
    return { unsent };
  }

  /**
   * One call to the paired server with this device's token, outside the sync loop (the owner's
   * message providers, docs/architecture.md §20). Refused in words when the desk is not paired.
   */
  async onServer<T>(work: (transport: SyncTransport, token: string) => Promise<T>): Promise<T> {
    this.alive();
    const pairing = readPairing(this.store);
    if (pairing === null) throw refuse('NOT_FOUND', 'sync.notPaired');
    const token = await this.options.secrets.load(pairing.token);
    return work(this.transport(pairing.serverUrl, pairing.certificate ?? null), token);
  }

  /** Asks the server for its health and time; sets or lifts the clock-skew write lock. */
  async checkHealth(): Promise<HealthOutput | null> {
    const pairing = readPairing(this.store);
    if (pairing === null) return null;
    const sentAt = this.now();
    try {
      const health = await this.transport(pairing.serverUrl, pairing.certificate ?? null).health();
      const receivedAt = this.now();
      const skew = health.serverTime - Math.round((sentAt + receivedAt) / 2);
      this.connection.health = { ...health, checkedAt: receivedAt };
      this.connection.clockSkewMs = skew;
      this.connection.reachable = true;
      // The server says it is degraded (its database is down or not updated): a check, not a log line.
      reportServerHealth(this.store, health, receivedAt);
      setWriteLock(
        this.store,
        'clock-skew',
        Math.abs(skew) > CLOCK_SKEW_LOCKED_MS
          ? `This computer's clock is ${Math.round(Math.abs(skew) / 60_000)} minutes away from the shop server's. Booking changes are locked until the clock is corrected (check the date, time and time zone settings).`
          : null,
      );
      return health;
    } catch (error) {
      const appError = toSyncError(error);
      this.connection.reachable = false;
      this.connection.lastError = appError.toEnvelope('local');
      return null;
    }
  }

  /** One pass now (or the one already running, then one more). Never throws. */
  syncNow(): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      let report: SyncReport;
      do {
        this.again = false;
        report = await this.pass();
      } while (this.again && !this.dead);
      return report;
    })();
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private async pass(): Promise<SyncReport> {
    const report: SyncReport = { ok: true, pushed: 0, pulled: 0, error: null, moreWork: false };
    const pairing = readPairing(this.store);
    if (pairing === null || this.dead) return report;
    this.connection.lastAttemptAt = this.now();
    try {
      const transport = this.transport(pairing.serverUrl, pairing.certificate ?? null);
      const token = await this.options.secrets.load(pairing.token);
      const healthDue = this.options.healthIntervalMs ?? 60_000;
      const lastHealth = this.connection.health?.checkedAt ?? -Infinity;
      if (Number.isFinite(healthDue) && this.now() - lastHealth >= healthDue) await this.checkHealth();

      // A restored backup carries old numbering: learn the server's before sending anything.
      if (readProgress(this.store).rebase === true) await this.rebase(transport, token);

      const maxBatches = this.options.maxBatchesPerPass ?? 4;
      for (let i = 0; i < maxBatches; i += 1) {
        this.alive();
        const batch = nextBatch(this.store, this.batchLimit, this.now());
        if (batch === null) break;
        let output;
        try {
          output = await transport.push(token, { mutations: batch.mutations });
        } catch (error) {
          const appError = toSyncError(error);
          this.alive();
          if (appError.code === 'MUTATION_ID_REUSED') {
            const reused = Number(appError.details?.mutationId);
            await this.rebase(transport, token, Number.isInteger(reused) ? reused : undefined);
            continue;
          }
          // Refused for what it carries, not for the moment it came: sending it again cannot help.
          if (!appError.retryable && !numberingAndPairingCodes.has(appError.code)) {
            if (batch.rows.length > 1) {
              this.batchLimit = Math.max(1, Math.floor(batch.rows.length / 2));
              continue;
            }
            const row = batch.rows[0]!;
            failMutation(this.store, row, appError, (row.wireId ?? 1) - 1, this.now());
            this.emit('pushed', [{ entityType: row.entityType as EntityKey['entityType'], entityId: row.entityId }]);
            continue;
          }
          if (appError.code === 'MUTATION_GAP') {
            const last = Number(appError.details?.lastMutationId);
            if (Number.isInteger(last)) rebaseWireIds(this.store, last);
          }
          recordPushFailure(this.store, batch, appError, this.now());
          throw appError;
        }
        this.alive();
        this.batchLimit = MAX_PUSH_MUTATIONS;
        const touched = applyOutcomes(this.store, batch, output, this.now());
        report.pushed += output.outcomes.length;
        this.emit('pushed', touched);
      }

      for (;;) {
        this.alive();
        const { cursor } = readProgress(this.store);
        const page = await transport.pull(token, { cursor, limit: this.options.pullLimit ?? 500 });
        this.alive();
        const touched = applyPull(this.store, page);
        report.pulled += page.changes.length;
        if (touched.length > 0) this.emit('pulled', touched);
        if (!page.hasMore) break;
      }
      this.connection.lastSuccessAt = this.now();
      this.connection.reachable = true;
      this.connection.lastError = null;
      this.connection.consecutiveFailures = 0;
      report.moreWork = this.hasPendingToSend();
    } catch (error) {
      const appError = toSyncError(error);
      report.ok = false;
      report.error = appError.toEnvelope('local');
      this.connection.lastError = report.error;
      this.connection.consecutiveFailures += 1;
      if (appError.code === 'NETWORK_UNAVAILABLE' || appError.code === 'INTERNAL_ERROR' || appError.code === 'DB_TRANSACTION_FAILED') {
        this.connection.reachable = appError.code !== 'NETWORK_UNAVAILABLE';
      }
    }
    if (!this.dead) {
      this.emit('status');
      if (this.started) {
        const delay = report.ok
          ? report.moreWork
            ? (this.options.busyIntervalMs ?? 2_000)
            : (this.options.idleIntervalMs ?? 30_000)
          : backoffDelay(this.connection.consecutiveFailures, this.random, this.options.backoff ?? defaultBackoff);
        this.schedule(delay);
      }
    }
    return report;
  }

  /**
   * The server's numbering of this machine's changes is not this machine's (a backup was restored,
   * or the server said MUTATION_ID_REUSED): pull what the server holds — its answer carries this
   * device's lastMutationId — and number the pending changes after it (from `reusedFrom` on, the
   * ids the server knows as other changes). Every intent stays in the outbox.
   */
  private async rebase(transport: SyncTransport, token: string, reusedFrom?: number): Promise<void> {
    let serverLast: number;
    for (;;) {
      const { cursor } = readProgress(this.store);
      const page = await transport.pull(token, { cursor, limit: this.options.pullLimit ?? 500 });
      this.alive();
      const touched = applyPull(this.store, page);
      if (touched.length > 0) this.emit('pulled', touched);
      serverLast = page.lastMutationId;
      if (!page.hasMore) break;
    }
    rebaseWireIds(this.store, serverLast, reusedFrom);
  }

  /** A push or pull is under way (the updater waits for it before offering a restart). */
  get inFlight(): boolean {
    return this.running !== null;
  }

  hasPendingToSend(): boolean {
    return this.store.db.select({ id: outbox.mutationId }).from(outbox).where(eq(outbox.state, 'pending')).limit(1).get() !== undefined;
  }

  /** When the oldest change still waiting for the server was made (null when none). */
  oldestPendingAt(): number | null {
    const row = this.store.db.select({ at: min(outbox.clientTime) }).from(outbox).where(eq(outbox.state, 'pending')).get();
    return row?.at ?? null;
  }

  pendingRows() {
    return this.store.db.select().from(outbox).where(eq(outbox.state, 'pending')).orderBy(asc(outbox.mutationId)).all();
  }

  /** A local change was committed: sync soon (debounced). */
  notifyLocalChange(): void {
    this.emit('status');
    if (!this.started || this.dead) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.syncNow();
    }, this.options.debounceMs ?? 250);
  }

  /** Something a person did in the Recovery Center: tell the screens, and sync soon. */
  recoveryChanged(entities: EntityKey[]): void {
    this.emit('recovery', entities);
    this.notifyLocalChange();
  }

  private schedule(delayMs: number): void {
    if (!this.started || this.dead) return;
    if (this.timer) clearTimeout(this.timer);
    this.connection.nextAttemptAt = this.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow();
    }, delayMs);
    this.timer.unref?.();
  }

  /** Start the timers (the app does; tests usually drive syncNow themselves). */
  start(): void {
    if (this.started || this.dead) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stop the timers; a pass already running finishes. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = null;
    this.debounce = null;
    await this.running?.catch(() => undefined);
  }

  /** Like a process killed mid-sync: stops at once, writes nothing more (tests). */
  kill(): void {
    this.dead = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.unsubscribe?.();
  }

  /** Waits for the pass in flight, if any (tests). */
  async settle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
