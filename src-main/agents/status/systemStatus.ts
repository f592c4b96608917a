import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Store } from '../../core/store/open';
import { outbox } from '../../core/store/schema';
import { CLOCK_SKEW_DEGRADED_MS, CLOCK_SKEW_LOCKED_MS, type SyncAgent } from '../sync/agent';
import { readPairing } from '../sync/meta';
import { peekSyncAgent } from '../sync/registry';
import { integrityState } from '../integrity/integrityCheck';
import { activeProblems, type ProblemKind } from '../../core/status/problems';
import { writeLocks } from '../../core/store/writeLock';
import { shopWords } from '../../core/settings/queries';

/**
 * The system status the desk shows at all times (docs/architecture.md §6). Standalone for now; the sync
 * agent extends it with Online / Offline / Degraded and its own checks.
 */

export const systemModes = ['online', 'connecting', 'standalone', 'offline', 'degraded', 'unsafe'] as const;
export type SystemMode = (typeof systemModes)[number];

export interface StatusCheck {
  name: 'storage' | 'integrity' | 'sync' | 'server' | 'pending' | 'clock' | 'disk' | ProblemKind;
  status: 'ok' | 'warning' | 'failed';
  /** Plain language, with the next step when something is wrong. */
  message: string;
  /** A recorded problem (see problems.ts): shown until it clears or a person dismisses it. */
  problem?: { id: string; title: string; nextStep: string; firstAt: number; lastAt: number; occurrences: number };
}

export interface SystemStatus {
  mode: SystemMode;
  /** Booking changes are refused (Unsafe): reading, printing, export and recovery stay open. */
  writesLocked: boolean;
  /** Paired with a sync server: a change is only "Booked" once the server has it (docs/architecture.md §6). */
  paired: boolean;
  checkedAt: number;
  checks: StatusCheck[];
}

/** Sync has been stalled this long (oldest change still waiting for the server) = Degraded. */
export const STALLED_AFTER_MS = 5 * 60_000;
/** Less free space than this next to the database = Degraded. */
export const LOW_DISK_BYTES = 500 * 1024 * 1024;

export interface StatusOptions {
  /** The sync agent to ask (default: the store's, if one is running). */
  agent?: SyncAgent | null;
  /** Free bytes on the database's disk (default: statfs; tests inject). */
  freeBytes?: () => number | null;
}

function freeBytesNear(file: string): number | null {
  try {
    const stats = statfsSync(dirname(file));
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

export function systemStatus(store: Store, now: number, options: StatusOptions = {}): SystemStatus {
  // The checks are read on the desk's screen: in the shop's language, as its printouts are.
  const t = shopWords(store, 'status');
  const minutes = (ms: number) => t('minutes', { count: Math.round(ms / 60_000) });
  const checks: StatusCheck[] = [];
  const storageFailed = store.storageFailure !== null;
  checks.push(
    storageFailed
      ? {
          name: 'storage',
          status: 'failed',
          message: t('storageFailed'),
        }
      : { name: 'storage', status: 'ok', message: t('storageOk') },
  );
  const integrity = integrityState(store);
  const integrityOk = integrity.state !== 'failed';
  checks.push(
    integrity.state === 'ok'
      ? { name: 'integrity', status: 'ok', message: t('integrityOk') }
      : integrity.state === 'checking'
        ? { name: 'integrity', status: 'ok', message: t('integrityChecking') }
        : integrity.state === 'unchecked'
          ? {
              name: 'integrity',
              status: 'ok',
              message: t('integrityUnchecked'),
            }
          : {
              name: 'integrity',
              status: 'failed',
              message: t('integrityFailed', { detail: integrity.detail.slice(0, 200) }),
            },
  );
  const free = (options.freeBytes ?? (() => freeBytesNear(store.file)))();
  const lowDisk = free !== null && free < LOW_DISK_BYTES;
  checks.push(
    free === null
      ? { name: 'disk', status: 'warning', message: t('diskUnread') }
      : lowDisk
        ? {
            name: 'disk',
            status: 'warning',
            message: t('diskLow', { megabytes: Math.round(free / 1024 / 1024) }),
          }
        : { name: 'disk', status: 'ok', message: t('diskFree', { megabytes: Math.round(free / 1024 / 1024) }) },
  );
  const problems = activeProblems(store);
  for (const problem of problems) {
    const { id, title, nextStep, firstAt, lastAt, occurrences } = problem;
    checks.push({
      name: problem.kind as ProblemKind,
      status: 'warning',
      message: `${problem.message} ${nextStep}`,
      problem: { id, title, nextStep, firstAt, lastAt, occurrences },
    });
  }
  const unsafe = storageFailed || !integrityOk;
  const locks = writeLocks(store);
  const pairing = readPairing(store);
  if (pairing === null) {
    checks.push({
      name: 'sync',
      status: 'ok',
      message: t('standalone'),
    });
    const mode: SystemMode = unsafe ? 'unsafe' : lowDisk || problems.length > 0 ? 'degraded' : 'standalone';
    return { mode, writesLocked: unsafe || locks.length > 0, paired: false, checkedAt: now, checks };
  }

  const agent = options.agent === undefined ? peekSyncAgent(store) : options.agent;
  const connection = agent?.connection ?? null;
  let offline = false;
  let degraded = lowDisk || problems.length > 0;
  // Until the server has answered once (health or a sync pass), "Online" would be a guess.
  const connecting = connection === null || connection.reachable === null;
  if (connecting) {
    checks.push({
      name: 'server',
      status: 'warning',
      message: t('connecting', { serverUrl: pairing.serverUrl }),
    });
  } else if (connection.lastError?.code === 'AUTH_TOKEN_INVALID' || connection.lastError?.code === 'AUTH_REQUIRED') {
    offline = true;
    checks.push({
      name: 'server',
      status: 'failed',
      message: t('notAccepted'),
    });
  } else if (!connection.reachable) {
    offline = true;
    checks.push({
      name: 'server',
      status: 'failed',
      message: t('unreachable', { serverUrl: pairing.serverUrl }),
    });
  } else {
    checks.push({ name: 'server', status: 'ok', message: t('connected', { serverUrl: pairing.serverUrl }) });
  }

  const open = store.db
    .select({ state: outbox.state, clientTime: outbox.clientTime })
    .from(outbox)
    .where(inArray(outbox.state, ['pending', 'conflict', 'rejected', 'failed']))
    .all();
  const pending = open.filter((row) => row.state === 'pending');
  const refused = open.length - pending.length;
  const oldest = pending.reduce((min, row) => Math.min(min, row.clientTime), Infinity);
  if (pending.length > 0 && now - oldest > STALLED_AFTER_MS) {
    degraded = true;
    checks.push({
      name: 'pending',
      status: 'warning',
      message: t('stalled', { count: pending.length, waited: minutes(now - oldest) }),
    });
  } else {
    checks.push({
      name: 'pending',
      status: 'ok',
      message: pending.length === 0 ? t('allSent') : t('waiting', { count: pending.length }),
    });
  }
  checks.push(
    refused > 0
      ? { name: 'sync', status: 'warning', message: t('needDecision', { count: refused }) }
      : { name: 'sync', status: 'ok', message: t('noReview') },
  );

  const skew = connection?.clockSkewMs ?? null;
  if (skew !== null && Math.abs(skew) > CLOCK_SKEW_LOCKED_MS) {
    degraded = true;
    checks.push({
      name: 'clock',
      status: 'failed',
      message: t('clockLocked', { away: minutes(Math.abs(skew)) }),
    });
  } else if (skew !== null && Math.abs(skew) > CLOCK_SKEW_DEGRADED_MS) {
    degraded = true;
    checks.push({
      name: 'clock',
      status: 'warning',
      message: t('clockOff', { away: minutes(Math.abs(skew)) }),
    });
  } else {
    checks.push({
      name: 'clock',
      status: 'ok',
      message: skew === null ? t('clockUncompared') : t('clockAgrees'),
    });
  }
  const mode: SystemMode = unsafe ? 'unsafe' : offline ? 'offline' : degraded ? 'degraded' : connecting ? 'connecting' : 'online';
  return { mode, writesLocked: unsafe || locks.length > 0, paired: true, checkedAt: now, checks };
}
