import Papa from 'papaparse';

/**
 * A client list as another tool exports it (Fresha's headers), for the importer's test and bench:
 * `good` new clients, `bad` rows each with one problem (no name, a bad e-mail, a number that is no
 * phone number, a date in the wrong format, a missing cell), and a duplicate of each given client
 * (found by its phone written another way, or its e-mail in capitals).
 */

export const IMPORT_HEADERS = ['First Name', 'Last Name', 'Mobile Number', 'Email', 'Notes', 'Patch Test Date'];

export interface ExistingClient {
  name: string;
  phone: string | null;
  email: string | null;
}

/** A UK mobile number unique to i, in its national form. */
export const mobileOf = (i: number) => `07${String(400_000_000 + i)}`;

export function clientImportRows(good: number, bad: number, duplicatesOf: readonly ExistingClient[]): string[][] {
  const rows: string[][] = [];
  const badRow = (i: number): string[] => {
    const row = [`Bad${i}`, 'Row', mobileOf(900_000 + i), `bad${i}@example.com`, '', ''];
    switch (i % 5) {
      case 0:
        return ['', '', ...row.slice(2)];
      case 1:
        return [...row.slice(0, 3), 'not-an-e-mail', ...row.slice(4)];
      case 2:
        return [...row.slice(0, 2), 'call me', ...row.slice(3)];
      case 3:
        return [...row.slice(0, 5), '31/12/2025'];
      default:
        return row.slice(0, 4);
    }
  };
  const total = good + bad + duplicatesOf.length;
  // Problems and duplicates spread through the file, each in a row of its own.
  const kinds: ('good' | number)[] = new Array<'good' | number>(total).fill('good');
  const place = (count: number, offset: number, kind: (j: number) => number) => {
    for (let j = 0; j < count; j += 1) {
      let at = (Math.floor((j * total) / count) + offset) % total;
      while (kinds[at] !== 'good') at = (at + 1) % total;
      kinds[at] = kind(j);
    }
  };
  place(bad, 1, (j) => -1 - j);
  place(duplicatesOf.length, 2, (j) => j);
  kinds.forEach((kind, i) => {
    if (kind === 'good') {
      rows.push([`Client${i}`, `Surname${i}`, mobileOf(i), `client${i}@example.com`, i % 7 === 0 ? 'Likes a quiet chair, "no chat"' : '', i % 11 === 0 ? '2026-03-01' : '']);
    } else if (kind < 0) rows.push(badRow(-1 - kind));
    else {
      const existing = duplicatesOf[kind]!;
      const byPhone = existing.phone !== null && kind % 2 === 0;
      rows.push(['Again', existing.name, byPhone ? `+44 ${existing.phone!.slice(1)}` : '', byPhone ? '' : (existing.email ?? '').toUpperCase(), 'From the other tool', '']);
    }
  });
  return rows;
}

export function clientImportCsv(good: number, bad: number, duplicatesOf: readonly ExistingClient[]): string {
  // Rows as arrays, header first: papaparse pads rows to the fields it is given, and a ragged row must stay ragged.
  return Papa.unparse([IMPORT_HEADERS, ...clientImportRows(good, bad, duplicatesOf)], { newline: '\r\n' });
}

/** Future appointments as Fresha exports them: a client (name, mobile, e-mail), service, team member, date, start time, duration, notes. */
export const APPOINTMENT_IMPORT_HEADERS = ['Client', 'Mobile Number', 'Email', 'Service Name', 'Team Member', 'Appointment Date', 'Start Time', 'Duration', 'Notes'];

export function appointmentImportCsv(rows: readonly string[][]): string {
  return Papa.unparse([APPOINTMENT_IMPORT_HEADERS, ...rows], { newline: '\r\n' });
}
