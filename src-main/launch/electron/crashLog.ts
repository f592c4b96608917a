import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDirSync, makePrivateSync, PRIVATE_FILE_MODE } from '../../core/disk/privateFiles';

/**
 * The crash and error log in the user data folder: one JSON line per entry, written
 * synchronously (a crash may follow at once), rotated at `maxBytes` keeping `keep` old files
 * (main.log, main.log.1 … main.log.N). No Electron import: tested in Node.
 */
export interface LogEntry {
  level: 'info' | 'warn' | 'error' | 'fatal';
  event: string;
  message?: string;
  stack?: string;
  [key: string]: unknown;
}

export class RotatingLog {
  constructor(
    readonly file: string,
    private readonly maxBytes = 1024 * 1024,
    private readonly keep = 5,
    private readonly now: () => number = Date.now,
  ) {}

  write(entry: LogEntry): void {
    try {
      ensurePrivateDirSync(dirname(this.file));
      const line = `${JSON.stringify({ at: new Date(this.now()).toISOString(), ...entry })}\n`;
      if (existsSync(this.file) && statSync(this.file).size + Buffer.byteLength(line) > this.maxBytes) this.rotate();
      appendFileSync(this.file, line, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
      // appendFile keeps the mode of a log an older version wrote.
      makePrivateSync(this.file);
    } catch {
      // Logging must never take the app down.
    }
  }

  error(event: string, error: unknown, extra: Record<string, unknown> = {}): void {
    const err = error instanceof Error ? error : new Error(String(error));
    this.write({ level: 'error', event, message: err.message, ...(err.stack ? { stack: err.stack } : {}), ...extra });
  }

  /** main.log → main.log.1 → … → main.log.keep (dropped). */
  rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i -= 1) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    if (existsSync(this.file)) renameSync(this.file, `${this.file}.1`);
  }
}
