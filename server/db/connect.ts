import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { AppError } from '../../src-shared/errors';
import { asDbError, toDbError } from './errors';

/**
 * One small interface over node-postgres (DATABASE_URL) and PGlite (embedded, zero set-up), so
 * the sync code runs the same SQL on both. Migrations come from drizzle/server and are applied
 * by drizzle's migrators when the database is opened.
 */

export interface Queryable {
  /**
   * `name` makes it a named prepared statement on PostgreSQL: parsed and planned once per
   * connection instead of on every call (the hot path's statements are large). PGlite ignores it.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<{ rows: T[] }>;
  /**
   * Inside a transaction on PostgreSQL only: a named write whose result nobody reads, sent with
   * COMMIT in one round trip instead of on its own. It still runs inside the transaction and before
   * any later statement of it (a later query sends it first), and its failure fails the commit,
   * which rolls back. Callers without it (PGlite, plain queries) run the statement at once.
   * Held writes must go by key: they run with a generic plan (see sendHeld).
   */
  atCommit?(text: string, params: SqlValue[], name: string): void;
}

/** What a statement held for COMMIT may take as a parameter (it travels as an escaped literal). */
export type SqlValue = string | number | boolean | null;

export interface TransactionOptions {
  /**
   * A statement without parameters run first in the transaction, sent together with BEGIN in one
   * round trip on PostgreSQL (the push path's row locks); its rows are handed to fn.
   */
  first?: string;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable, firstRows: Record<string, unknown>[]) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Applied migrations against the ones this build ships. */
  schemaStatus(): Promise<{ applied: number; expected: number }>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle/server', import.meta.url));

export function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

async function countApplied(db: Queryable): Promise<number> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (exists.rows[0]?.present !== true) return 0;
  const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return Number(result.rows[0]?.n ?? 0);
}

/** Arbitrary but fixed: serialises migrations when several servers start on one database. */
const MIGRATION_LOCK = 727_311_001;

export interface PostgresOptions {
  url: string;
  maxConnections?: number;
  onPoolError?: (error: Error) => void;
}

interface Held {
  text: string;
  params: SqlValue[];
  name: string;
}

/** E'…' with backslashes and quotes doubled: the same text whatever standard_conforming_strings says. */
function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new AppError('VALIDATION_ERROR', 'A number the database cannot store.');
  return `E'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Statements prepared with SQL PREPARE on each connection, by name. Their names carry a suffix of
 * their own: node-postgres keeps its own record of the names it prepared through the protocol.
 */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
const HELD_SUFFIX = '_held';

/** A NUL cannot travel inside a simple query's text; as a parameter it gets the database's own refusal. */
const hasNul = (held: Held) => held.params.some((param) => typeof param === 'string' && param.includes('\u0000'));

/**
 * Sends held writes (then COMMIT when `commit`): as EXECUTEs in one simple-protocol message with
 * the COMMIT, or, when the transaction goes on or a value cannot be a literal, each as its own
 * named statement.
 */
async function sendHeld(client: pg.PoolClient, held: Held[], commit: boolean): Promise<void> {
  if (held.length === 0 || !commit || held.some(hasNul)) {
    for (const { text, params, name } of held) await client.query({ name, text, values: params });
    if (commit) await client.query('COMMIT');
    return;
  }
  // Held writes go by key (primary keys, ON CONFLICT): their generic plan is the plan every call
  // would make, and planning that statement anew each time was most of its cost in PostgreSQL.
  await client.query(`SET LOCAL plan_cache_mode = force_generic_plan; ${await executeSql(client, held)}; COMMIT`);
}

/** EXECUTE statements for held writes, preparing (once per connection) the ones this connection lacks. */
async function executeSql(client: pg.PoolClient, held: Held[]): Promise<string> {
  let prepared = preparedOn.get(client);
  if (prepared === undefined) {
    prepared = new Set();
    preparedOn.set(client, prepared);
  }
  for (const { text, name } of held) {
    if (prepared.has(name)) continue;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`atCommit: "${name}" is not a statement name`);
    await client.query(`PREPARE ${name}${HELD_SUFFIX} AS ${text}`);
    prepared.add(name);
  }
  return held.map(({ params, name }) => `EXECUTE ${name}${HELD_SUFFIX}(${params.map(literal).join(', ')})`).join('; ');
}

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Named statements skip parsing on every call; plans stay per call (custom), so a plan made
    // while a table was empty is never reused once it has grown (a generic plan would be).
    // No JIT: every statement here is a small lookup or write, and PostgreSQL compiles any whose
    // estimate passes jit_above_cost — a push's three-id read was estimated past it once 90,000
    // rows stood unanalysed, and compiling it took 100–600 ms of a core per push (docs/architecture.md §5).
    options: '-c plan_cache_mode=force_custom_plan -c jit=off',
  });
  // A connection that dies while idle must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onPoolError?.(error));

  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError('MIGRATION_FAILED', 'The sync server could not prepare its database.', undefined, { cause: error });
  }

  const query: Queryable['query'] = <T>(text: string, params?: unknown[], name?: string) =>
    asDbError(async () => {
      const result = await pool.query(name === undefined ? { text, values: params } : { name, text, values: params });
      return { rows: result.rows as T[] };
    });

  return {
    kind: 'postgres',
    query,
    async transaction<T>(fn: (tx: Queryable, firstRows: Record<string, unknown>[]) => Promise<T>, txOptions?: TransactionOptions): Promise<T> {
      const client = await asDbError(() => pool.connect());
      // A connection that dies between two statements emits 'error' on the client: note it (the
      // next statement fails and the transaction rolls back) instead of crashing the process.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
        options.onPoolError?.(error);
      };
      client.on('error', onError);
      const held: Held[] = [];
      const tx: Queryable = {
        async query<R>(text: string, params?: unknown[], name?: string) {
          if (held.length > 0) await sendHeld(client, held.splice(0), false);
          const result = await client.query(name === undefined ? { text, values: params } : { name, text, values: params });
          return { rows: result.rows as R[] };
        },
        atCommit(text, params, name) {
          held.push({ text, params, name });
        },
      };
      let broken: Error | undefined;
      try {
        if (lost) throw lost;
        let firstRows: Record<string, unknown>[] = [];
        if (txOptions?.first === undefined) {
          await client.query('BEGIN');
        } else {
          // One simple-protocol message with two statements: BEGIN and the first statement.
          const results = (await client.query(`BEGIN; ${txOptions.first}`)) as unknown as pg.QueryResult[];
          firstRows = (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
        }
        const value = await fn(tx, firstRows);
        // The held writes and COMMIT as one simple-protocol message: one round trip. A failing
        // statement skips the rest (COMMIT included) and rejects, and the catch rolls back.
        await sendHeld(client, held.splice(0), true);
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw toDbError(error);
      } finally {
        client.off('error', onError);
        client.release(broken ?? lost);
      }
    },
    async schemaStatus() {
      return { applied: await countApplied({ query }), expected: expectedMigrations() };
    },
    async close() {
      await pool.end();
    },
  };
}

export async function openPglite(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, { extensions: { btree_gist } });
  try {
    await migratePglite(drizzlePglite(lite), { migrationsFolder });
  } catch (error) {
    await lite.close().catch(() => undefined);
    throw new AppError('MIGRATION_FAILED', 'The sync server could not prepare its database.', undefined, { cause: error });
  }
  let closed = false;
  const query: Queryable['query'] = async <T>(text: string, params?: unknown[]) => {
    if (closed) throw new AppError('DB_TRANSACTION_FAILED', 'The database is closed.');
    return asDbError(async () => ({ rows: (await lite.query<T>(text, params)).rows }));
  };
  return {
    kind: 'pglite',
    query,
    async transaction<T>(fn: (tx: Queryable, firstRows: Record<string, unknown>[]) => Promise<T>, txOptions?: TransactionOptions): Promise<T> {
      if (closed) throw new AppError('DB_TRANSACTION_FAILED', 'The database is closed.');
      try {
        return await lite.transaction(async (tx) => {
          const firstRows = txOptions?.first === undefined ? [] : (await tx.query<Record<string, unknown>>(txOptions.first)).rows;
          return fn(
            {
              async query<R>(text: string, params?: unknown[]) {
                const result = await tx.query<R>(text, params);
                return { rows: result.rows };
              },
            },
            firstRows,
          );
        });
      } catch (error) {
        throw toDbError(error);
      }
    },
    async schemaStatus() {
      return { applied: await countApplied({ query }), expected: expectedMigrations() };
    },
    async close() {
      if (closed) return;
      closed = true;
      await lite.close();
    },
  };
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  maxConnections?: number;
  onPoolError?: (error: Error) => void;
}

export const DEFAULT_DATA_DIR = '.data/server';

/** DATABASE_URL when given, otherwise the embedded PGlite in a data directory. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres({
      url: options.databaseUrl,
      ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
      ...(options.onPoolError === undefined ? {} : { onPoolError: options.onPoolError }),
    });
  }
  return openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
}
