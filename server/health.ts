import type { HealthOutput } from '../src-shared/sync';
import type { Database } from './db/connect';

export const SERVER_VERSION = '0.1.0';

/** No auth: whether the database answers and its schema is current, and the server's clock. */
export async function healthCheck(db: Database, now = Date.now()): Promise<HealthOutput> {
  let database: boolean;
  let schemaCurrent = false;
  try {
    const status = await db.schemaStatus();
    database = true;
    schemaCurrent = status.applied === status.expected;
  } catch {
    database = false;
  }
  return { status: database && schemaCurrent ? 'ok' : 'degraded', database, schemaCurrent, serverTime: now, version: SERVER_VERSION };
}
