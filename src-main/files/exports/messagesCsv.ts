import type { z } from 'zod';
import { channelWords, messageKindWords, messageStatusWords } from '../../../src-shared/statusWords';
import { localClockOf, localDateOf } from '../../../src-shared/time';
import type { Message } from '../../../src-shared/entities';
import type { Store } from '../../core/store/open';
import type { Job } from '../../core/progress/jobs';
import { csvTextInSteps, dayRangeInstants, type dayRangeSchema, type CsvColumn } from './csv';

interface MessageLine {
  dueAt: number;
  updatedAt: number;
  kind: Message['kind'];
  channel: Message['channel'];
  to: string;
  status: Message['status'];
  reminderOffsetMinutes: number | null;
  provider: string | null;
  lastError: string | null;
  clientName: string;
  startsAt: number | null;
  serviceName: string | null;
  staffName: string | null;
}

/**
 * The messages due in a range of the shop's days, as CSV (issue 15): what went to whom, how, for which
 * visit and with what outcome — the shop's record of what its clients were told. Bodies stay out: the
 * file is for counting and checking, and a body repeats the visit the row already names.
 */
export function messagesCsv(store: Store, range: z.output<typeof dayRangeSchema>, job?: Job): Promise<string> {
  const { zone, from, to } = dayRangeInstants(store, range);
  const rows = store.sqlite
    .prepare(
      `SELECT m.due_at AS dueAt, m.updated_at AS updatedAt, m.kind, m.channel, m."to" AS "to", m.status,
              m.reminder_offset_minutes AS reminderOffsetMinutes, m.provider, m.last_error AS lastError,
              c.name AS clientName, a.starts_at AS startsAt, sv.name AS serviceName, st.name AS staffName
         FROM messages m
         JOIN clients c ON c.id = m.client_id
         LEFT JOIN appointments a ON a.id = m.appointment_id
         LEFT JOIN services sv ON sv.id = a.service_id
         LEFT JOIN staff st ON st.id = a.staff_id
        WHERE m.due_at >= ? AND m.due_at < ?
        ORDER BY m.due_at, c.name, a.starts_at, m.id`,
    )
    .all(from, to) as MessageLine[];
  const when = (instant: number | null) => (instant === null ? null : `${localDateOf(instant, zone)} ${localClockOf(instant, zone)}`);
  const columns: CsvColumn<MessageLine>[] = [
    { header: 'Due', value: (line) => when(line.dueAt) },
    { header: 'Client', value: (line) => line.clientName },
    { header: 'Message', value: (line) => messageKindWords[line.kind] },
    { header: 'Reminder (hours before)', value: (line) => (line.reminderOffsetMinutes === null ? null : String(line.reminderOffsetMinutes / 60)) },
    { header: 'By', value: (line) => channelWords[line.channel] },
    { header: 'To', value: (line) => line.to },
    { header: 'Status', value: (line) => messageStatusWords[line.status] },
    { header: 'Last change', value: (line) => when(line.updatedAt) },
    { header: 'Provider', value: (line) => line.provider },
    { header: 'Reason', value: (line) => line.lastError },
    { header: 'Visit', value: (line) => when(line.startsAt) },
    { header: 'Service', value: (line) => line.serviceName },
    { header: 'Staff', value: (line) => line.staffName },
  ];
  return csvTextInSteps(columns, rows, job);
}
