import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../src-shared/errors';
import { newId } from '../../../src-shared/ids';
import { createPrivateFileSync, databaseFiles, ensurePrivateDirSync, makePrivateSync } from '../disk/privateFiles';
import { ensureReportRollup } from './reportRollup';
import { ensureClientSearch } from './clientSearch';
import * as schema from './schema';
import { StoreState } from './state';

export type Db = BetterSQLite3Database<typeof schema>;

/** Test-only fault points, called inside the write transaction (docs/architecture.md §3 invariant 1 tests). */
export interface StoreFaults {
  beforeRowWrite?: () => void;
  beforeEventInsert?: () => void;
}

export interface Store {
  readonly file: string;
  readonly sqlite: Database.Database;
  readonly db: Db;
  readonly deviceId: string;
  readonly schemaVersion: number;
  faults: StoreFaults;
  /** Set when a write failed at the storage layer; booking changes stay locked until restart (Unsafe). */
  storageFailure: AppError | null;
  /** Everything else the desk keeps in memory for this connection (src-main/core/store/state.ts). */
  readonly state: StoreState;
  close(): void;
}

export interface OpenOptions {
  migrationsFolder?: string;
  /** Called with the file before pending migrations run (the backup hook). */
  beforeMigrate?: (file: string, fromVersion: number, toVersion: number) => void;
}

export const defaultMigrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle', 'local');

/** The schema version this app knows: the number of local migrations it ships. */
export function appSchemaVersion(migrationsFolder = defaultMigrationsFolder): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

function readUserVersion(file: string): number {
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

/**
 * Open (or create) the local store: refuse a database from a newer app without touching it,
 * set the durability pragmas, apply pending migrations in one transaction.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;
  const known = appSchemaVersion(migrationsFolder);
  const existed = existsSync(file);
  let found: number;
  try {
    found = existed ? readUserVersion(file) : 0;
  } catch (error) {
    throw new AppError(
      'DB_UNREADABLE',
      'CareDesk cannot read its database file. It was left exactly as it is: restore the latest backup, or send the file to support.',
      { file, sqliteCode: (error as { code?: unknown }).code },
      { cause: error },
    );
  }
  if (found > known) {
    throw new AppError(
      'DB_NEWER_THAN_APP',
      'This database was written by a newer version of CareDesk. Update CareDesk to open it; nothing was changed.',
      { databaseVersion: found, appVersion: known },
    );
  }
  // The shop's data is this user's only: the folder 0700, the database and its WAL/SHM 0600
  // (SQLite gives those the database file's mode, so the file is created private first).
  ensurePrivateDirSync(dirname(file));
  if (existed) for (const part of databaseFiles(file)) makePrivateSync(part);
  else createPrivateFileSync(file);

  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    for (const part of databaseFiles(file)) makePrivateSync(part);
    // An acknowledged booking must survive a power cut: fsync at every commit.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    if (found < known) {
      if (existed && found > 0) options.beforeMigrate?.(file, found, known);
      try {
        migrate(db, { migrationsFolder });
      } catch (error) {
        throw new AppError(
          'MIGRATION_FAILED',
          'CareDesk could not update its database. The previous database is unchanged; please contact support.',
          { from: found, to: known },
          { cause: error },
        );
      }
      sqlite.pragma(`user_version = ${known}`);
    }
    const deviceId = ensureDeviceId(sqlite);
    const store: Store = {
      file,
      sqlite,
      db,
      deviceId,
      schemaVersion: known,
      faults: {},
      storageFailure: null,
      state: new StoreState(),
      close: () => sqlite.close(),
    };
    // An upgraded shop finds the clients it had before this app's search (docs/architecture.md §14).
    try {
      ensureClientSearch(store);
      // The owner's numbers' rollup, for a store migrated to it or moved to another zone (docs §26).
      ensureReportRollup(store);
    } catch {
      // A damaged file must still open for reading, printing and export (the integrity check
      // reports the damage); the rebuild rolled back whole and the next start tries again.
    }
    return store;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function ensureDeviceId(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT value FROM local_meta WHERE key = 'deviceId'`).get() as { value: string } | undefined;
  if (row) return JSON.parse(row.value) as string;
  const id = newId();
  sqlite.prepare(`INSERT INTO local_meta (key, value) VALUES ('deviceId', ?)`).run(JSON.stringify(id));
  return id;
}
