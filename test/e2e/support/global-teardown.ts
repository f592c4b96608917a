import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.CAREDESK_E2E_DATABASE_NAME;
  if (!name) return;
  const admin = new pg.Client({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
