import { z } from 'zod';
import type { Store } from '../store/open';

/**
 * Deleted records (issue 15): nothing is ever hard-deleted (docs/architecture.md §3), so a deleted
 * client or booking is still a row with `deletedAt`. The owner sees them here with who deleted them
 * and when — read from the event that set `deletedAt` (a deletion, or an undone creation) — and
 * brings them back with the kind's own op (`client.restore`, `appointment.undelete`), an event like any other.
 */

export const deletedRecordsInputSchema = z.strictObject({
  kind: z.enum(['client', 'appointment']),
  limit: z.int().min(1).max(200).default(50),
  offset: z.int().min(0).default(0),
});

interface Deletion {
  deletedAt: number;
  deletedBy: string | null;
  deletedByName: string | null;
  reason: string | null;
}

export type DeletedClient = Deletion & { id: string; version: number; name: string; phone: string | null; email: string | null };
export type DeletedAppointment = Deletion & {
  id: string;
  version: number;
  clientName: string;
  serviceName: string;
  staffName: string;
  startsAt: number;
  endsAt: number;
};

/** Who deleted the record and why: from its latest event that left `deletedAt` set (a deletion, or an undone creation). */
function deletionColumns(kind: 'client' | 'appointment'): string {
  const deletion = (column: string) => `(SELECT e.${column} FROM events e
     WHERE e.entity_type = '${kind}' AND e.entity_id = r.id AND json_extract(e.after, '$.deletedAt') IS NOT NULL
     ORDER BY e.seq DESC LIMIT 1)`;
  return `${deletion('actor_staff_id')} AS deletedBy, (SELECT s.name FROM staff s WHERE s.id = ${deletion('actor_staff_id')}) AS deletedByName,
    ${deletion('reason')} AS reason`;
}

export function deletedRecords(store: Store, input: z.output<typeof deletedRecordsInputSchema>): { total: number; rows: (DeletedClient | DeletedAppointment)[] } {
  const table = input.kind === 'client' ? 'clients' : 'appointments';
  const { total } = store.sqlite.prepare(`SELECT count(*) AS total FROM ${table} WHERE deleted_at IS NOT NULL`).get() as { total: number };
  const who = deletionColumns(input.kind);
  const rows =
    input.kind === 'client'
      ? store.sqlite
          .prepare(
            `SELECT r.id, r.version, r.name, r.phone, r.email, r.deleted_at AS deletedAt, ${who}
               FROM clients r
              WHERE r.deleted_at IS NOT NULL ORDER BY r.deleted_at DESC, r.id LIMIT ? OFFSET ?`,
          )
          .all(input.limit, input.offset)
      : store.sqlite
          .prepare(
            `SELECT r.id, r.version, c.name AS clientName, sv.name AS serviceName, st.name AS staffName,
                    r.starts_at AS startsAt, r.ends_at AS endsAt, r.deleted_at AS deletedAt, ${who}
               FROM appointments r
               JOIN clients c ON c.id = r.client_id JOIN services sv ON sv.id = r.service_id JOIN staff st ON st.id = r.staff_id
              WHERE r.deleted_at IS NOT NULL ORDER BY r.deleted_at DESC, r.id LIMIT ? OFFSET ?`,
          )
          .all(input.limit, input.offset);
  return { total, rows: rows as (DeletedClient | DeletedAppointment)[] };
}
