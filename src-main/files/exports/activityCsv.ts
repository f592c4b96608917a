import type { z } from 'zod';
import { eventLabels, wordingOf } from '../../../src-shared/registry';
import { localClockOf, localDateOf } from '../../../src-shared/time';
import type { Store } from '../../core/store/open';
import type { Job } from '../../core/progress/jobs';
import { csvTextInSteps, dayRangeInstants, type dayRangeSchema, type CsvColumn } from './csv';

interface ActivityLine {
  at: number;
  type: string;
  actorName: string | null;
  reason: string | null;
  clientName: string | null;
  serviceName: string | null;
  staffName: string | null;
  startsAt: number | null;
  undone: number;
}

/**
 * The shop's activity over a range of its days as CSV, oldest first: when, who, what (the op's
 * label from the registry), the client, service, staff and time it was about, the reason, and
 * whether it was undone later. PIN hashes and other secrets are never in it: only names and labels.
 */
export function activityCsv(store: Store, range: z.output<typeof dayRangeSchema>, job?: Job): Promise<string> {
  const { zone, from, to } = dayRangeInstants(store, range);
  // The record each event is about, as it is now: a booking names its client, service, staff and time.
  const rows = store.sqlite
    .prepare(
      `SELECT e.at, e.type, actor.name AS actorName, e.reason,
              coalesce(c.name, cw.name, cl.name) AS clientName, coalesce(sv.name, svw.name) AS serviceName,
              coalesce(st.name, sto.name) AS staffName, a.starts_at AS startsAt,
              EXISTS (SELECT 1 FROM events u WHERE u.undoes_event_id = e.id) AS undone
         FROM events e
         LEFT JOIN staff actor ON actor.id = e.actor_staff_id
         LEFT JOIN appointments a ON e.entity_type = 'appointment' AND a.id = e.entity_id
         LEFT JOIN clients c ON c.id = a.client_id
         LEFT JOIN services sv ON sv.id = a.service_id
         LEFT JOIN staff st ON st.id = a.staff_id
         LEFT JOIN clients cl ON e.entity_type = 'client' AND cl.id = e.entity_id
         LEFT JOIN waitlist w ON e.entity_type = 'waitlist' AND w.id = e.entity_id
         LEFT JOIN clients cw ON cw.id = w.client_id
         LEFT JOIN services svw ON svw.id = w.service_id
         LEFT JOIN staff sto ON e.entity_type = 'staff' AND sto.id = e.entity_id
        WHERE e.at >= ? AND e.at < ?
        ORDER BY e.seq`,
    )
    .all(from, to) as ActivityLine[];
  const columns: CsvColumn<ActivityLine>[] = [
    { header: 'Date', value: (line) => localDateOf(line.at, zone) },
    { header: 'Time', value: (line) => localClockOf(line.at, zone) },
    { header: 'Who', value: (line) => (wordingOf(line.type)?.automatic === true ? 'CareDesk' : line.actorName) },
    { header: 'What', value: (line) => eventLabels[line.type] ?? line.type },
    { header: 'Client', value: (line) => line.clientName },
    { header: 'Service', value: (line) => line.serviceName },
    { header: 'Staff', value: (line) => line.staffName },
    { header: 'Appointment', value: (line) => (line.startsAt === null ? null : `${localDateOf(line.startsAt, zone)} ${localClockOf(line.startsAt, zone)}`) },
    { header: 'Reason', value: (line) => line.reason },
    { header: 'Undone later', value: (line) => (line.undone === 1 ? 'yes' : '') },
  ];
  return csvTextInSteps(columns, rows, job);
}
