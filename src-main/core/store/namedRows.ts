import { eq } from 'drizzle-orm';
import type { SelectedFields, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Store } from './open';
import { clients, services, staff } from './schema';

/**
 * The names a receptionist reads beside a listed row — a client's, a service's, a staff member's —
 * as the columns a list selects, under the keys every list hands the screens. Each query joins
 * those tables its own way (through the row itself, its appointment, or the event that made it).
 */
export const nameColumns = { clientName: clients.name, serviceName: services.name, staffName: staff.name };

/**
 * The rows of a table whose every row is a client's (a message, a waitlist entry), selected with
 * `fields` and the names, their client joined in; the caller joins the service and the staff member.
 */
export function selectClientRows<T extends SQLiteTable & { clientId: SQLiteColumn }, F extends SelectedFields>(store: Store, table: T, fields: F) {
  return store.db
    .select({ ...fields, ...nameColumns })
    .from(table)
    .innerJoin(clients, eq(clients.id, table.clientId));
}
