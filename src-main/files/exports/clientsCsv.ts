import type { Client } from '../../../src-shared/entities';
import type { Store } from '../../core/store/open';
import type { Job } from '../../core/progress/jobs';
import { clients } from '../../core/store/schema';
import { isNull, asc } from 'drizzle-orm';
import { csvTextInSteps, type CsvColumn } from './csv';

/**
 * The shop's clients as CSV, with the headers the importer recognises, so an export opens back in
 * the importer and round-trips (issue 15). Deleted clients are not exported.
 */
export const clientColumns: readonly CsvColumn<Client>[] = [
  { header: 'Name', value: (client) => client.name },
  { header: 'Phone', value: (client) => client.phone },
  { header: 'Email', value: (client) => client.email },
  { header: 'Notes', value: (client) => client.notes },
  { header: 'Allergies', value: (client) => client.allergies },
  { header: 'Patch test', value: (client) => client.patchTestOn },
  { header: 'Preferences', value: (client) => client.preferences },
];

export function clientsCsv(store: Store, job?: Job): Promise<string> {
  const rows = store.db.select().from(clients).where(isNull(clients.deletedAt)).orderBy(asc(clients.name), asc(clients.id)).all();
  return csvTextInSteps(clientColumns, rows as Client[], job);
}
