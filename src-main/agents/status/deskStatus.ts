import type { Store } from '../../core/store/open';

/**
 * The system status type is the desk's own (src-main/agents/status/systemStatus.ts: mode, writesLocked,
 * checks); the sync agent extends it. The report takes it as input and re-exports the type.
 */
export type { SystemStatus, StatusCheck, SystemMode } from './systemStatus';
export { systemStatus } from './systemStatus';

/** A failure the desk reported recently (the router's recordError feeds these). */
export interface RecentError {
  at: number;
  code: string;
  message: string;
  requestId: string;
}

/** Keeps the last `limit` reported errors, newest last. Plug `record` into DeskContext.recordError. */
export class RecentErrors {
  private readonly items: RecentError[] = [];
  constructor(private readonly limit = 50) {}

  record = (error: RecentError): void => {
    this.items.push({ at: error.at, code: error.code, message: error.message, requestId: error.requestId });
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  };

  list(): RecentError[] {
    return [...this.items];
  }
}

export interface IntegrityResult {
  ok: boolean;
  /** 'ok', or the problems SQLite listed. */
  messages: string[];
}

/** `PRAGMA integrity_check` (bounded to 100 messages). */
export function integrityCheck(store: Store): IntegrityResult {
  try {
    const rows = store.sqlite.prepare('PRAGMA integrity_check(100)').all() as { integrity_check: string }[];
    const messages = rows.map((row) => row.integrity_check);
    return { ok: messages.length === 1 && messages[0] === 'ok', messages };
  } catch (error) {
    // A damaged file can make the check itself fail: that is its answer, and the report still goes out.
    return { ok: false, messages: [`the integrity check could not run: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
