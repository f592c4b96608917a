import pg from 'pg';

/**
 * A uniquely named PostgreSQL database for this run's sync server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test, names the server to create it on); dropped in
 * global-teardown.ts. Without PostgreSQL the sync tests use PGlite in a temporary folder.
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `caredesk_e2e_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    process.env.CAREDESK_E2E_DATABASE_URL = url.toString();
    process.env.CAREDESK_E2E_DATABASE_NAME = name;
  } catch (error) {
    console.warn(
      `PostgreSQL is not available (${error instanceof Error ? error.message : String(error)}); the sync tests use PGlite.`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}
