import { moneyCell } from '../../../src-shared/money';
import type { z } from 'zod';
import { visitTotalCents } from '../../../src-shared/entities';
import { appointmentStatusWords } from '../../../src-shared/statusWords';
import { localClockOf, localDateOf } from '../../../src-shared/time';
import type { Store } from '../../core/store/open';
import type { Job } from '../../core/progress/jobs';
import { csvTextInSteps, dayRangeInstants, type dayRangeSchema, type CsvColumn } from './csv';

interface BookingLine {
  startsAt: number;
  endsAt: number;
  clientName: string;
  clientPhone: string | null;
  serviceName: string;
  staffName: string;
  status: keyof typeof appointmentStatusWords;
  priceCents: number | null;
  discountCents: number | null;
  notes: string;
}

/** The bookings of a range of the shop's days (deleted ones are not), in the shop's time, as CSV. */
export function appointmentsCsv(store: Store, range: z.output<typeof dayRangeSchema>, job?: Job): Promise<string> {
  const { zone, from, to } = dayRangeInstants(store, range);
  const rows = store.sqlite
    .prepare(
      `SELECT a.starts_at AS startsAt, a.ends_at AS endsAt, c.name AS clientName, c.phone AS clientPhone, sv.name AS serviceName,
              st.name AS staffName, a.status, a.price_cents AS priceCents, a.discount_cents AS discountCents, a.notes
         FROM appointments a
         JOIN clients c ON c.id = a.client_id JOIN services sv ON sv.id = a.service_id JOIN staff st ON st.id = a.staff_id
        WHERE a.deleted_at IS NULL AND a.starts_at >= ? AND a.starts_at < ?
        ORDER BY a.starts_at, st.name, a.id`,
    )
    .all(from, to) as BookingLine[];
  const columns: CsvColumn<BookingLine>[] = [
    { header: 'Date', value: (line) => localDateOf(line.startsAt, zone) },
    { header: 'Start', value: (line) => localClockOf(line.startsAt, zone) },
    { header: 'End', value: (line) => localClockOf(line.endsAt, zone) },
    { header: 'Client', value: (line) => line.clientName },
    { header: 'Phone', value: (line) => line.clientPhone },
    { header: 'Service', value: (line) => line.serviceName },
    { header: 'Staff', value: (line) => line.staffName },
    { header: 'Status', value: (line) => appointmentStatusWords[line.status] },
    { header: 'Price', value: (line) => moneyCell(line.priceCents) },
    { header: 'Discount', value: (line) => moneyCell(line.discountCents) },
    { header: 'Paid', value: (line) => moneyCell(visitTotalCents(line)) },
    { header: 'Notes', value: (line) => line.notes },
  ];
  return csvTextInSteps(columns, rows, job);
}
