import { and, eq, gte, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { CountryCode } from 'libphonenumber-js';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { AnyImportMapping } from '../../../src-shared/importMapping';
import type { Settings } from '../../../src-shared/entities';
import { formatterOf, type ShopFormat } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';
import { sayIn, type SayKey, type SayParam } from '../../../src-shared/say';
import { shopHoursOn } from '../../../src-shared/schedule';
import { localTimeToInstant } from '../../../src-shared/time';
import type { Desk } from '../../core/commands/execute';
import { getShopSettings } from '../../core/settings/queries';
import { appointments, clients, services, staff } from '../../core/store/schema';
import { transact } from '../../core/store/transaction';
import { batchedChanges } from './batchedChanges';
import { newChange, type ImportChange } from './commitImport';
import type { CsvCells } from './decodeCsv';
import { clientsHere, readRow, rowArgs, type DuplicateRow, type RowProblem } from './planImport';

/**
 * What importing future appointments would do, row by row (docs/architecture.md §29). Each row
 * names a client (found by phone or e-mail, else by name, else added), a service and a staff
 * member by name, and a date and start time written as the shop writes them. Each booking is then
 * judged by the rulebook exactly as it would be booked — no overlap, inside opening hours, not in
 * the past — in a transaction that is rolled back: a row it refuses is a problem row with the
 * rulebook's own reason, and the import makes only the rows it accepted, all together.
 */

export interface AppointmentPlan {
  rows: number;
  problems: RowProblem[];
  /** In file order: a new client's creation before its first booking. */
  changes: ImportChange[];
  bookings: number;
  newClients: number;
  /** Rows already here (the same client, service, staff member and time): a re-import adds nothing. */
  duplicates: DuplicateRow[];
  skipped: number;
}

/** Thrown to roll the check back once every booking was judged. */
class CheckDone extends AppError {
  constructor() {
    super('VALIDATION_ERROR', 'Checked only: nothing was imported.');
  }
}

const folded = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** "14:30", "9:05", "2:30 PM", "2pm", "14.30" → 'HH:mm'; null when it is no time of day. */
export function readClockTime(typed: string): string | null {
  const text = typed.trim().toLowerCase().replace(/\./g, ':').replace(/\s+/g, ' ');
  const match = /^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([ap])?\.?m?\.?$/.exec(text);
  if (match === null) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3];
  if (half === undefined && match[2] === undefined) return null;
  if (half !== undefined) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "45", "45 min", "1h 30m", "1:30" → minutes; null when it is no length of time. */
export function readDuration(typed: string): number | null {
  const text = typed.trim().toLowerCase();
  const minutesOnly = /^(\d{1,4})\s*(m|min|mins|minutes?)?$/.exec(text);
  if (minutesOnly !== null) return Number(minutesOnly[1]);
  const hoursAndMinutes = /^(\d{1,2})\s*(?:h|hr|hrs|hours?|:)\s*(?:(\d{1,2})\s*(?:m|min|mins|minutes?)?)?$/.exec(text);
  return hoursAndMinutes === null ? null : Number(hoursAndMinutes[1]) * 60 + Number(hoursAndMinutes[2] ?? '0');
}

/** A row that reads well, waiting for the rulebook's judgement. */
interface Candidate {
  row: number;
  /** The client's name. */
  name: string;
  service: string;
  staff: string;
  date: string;
  startsAt: number;
  newClient: ImportChange | null;
  booking: ImportChange;
}

/** A sentence of the `errors` catalogue in the shop's language and formats. */
type SayOf = (key: SayKey, params?: Readonly<Record<string, SayParam>>) => string;

/**
 * The rulebook's refusal of a row, in the words of an import: the booking form's "choose another
 * time" means nothing to a file, so a taken time names the booking that holds it (a row of this
 * file or one already here) and a time outside the hours says what the hours were that day.
 */
function refusalOfRow(
  error: AppError,
  candidate: Candidate,
  context: { store: Desk['store']; zone: string; format: ShopFormat; say: SayOf; settings: Settings | null; byBooking: ReadonlyMap<string, Candidate> },
): string {
  const { format, zone, say } = context;
  const when = say('imports.when', { date: format.longDate(candidate.date), time: format.clock(candidate.startsAt, zone) });
  const holderId = error.details?.conflictingAppointmentId;
  if (error.code === 'SLOT_TAKEN' && typeof holderId === 'string') {
    const inFile = context.byBooking.get(holderId);
    if (inFile !== undefined)
      return say('imports.takenInFile', { staff: candidate.staff, when, row: inFile.row, client: inFile.name, service: inFile.service, time: format.clock(inFile.startsAt, zone) });
    const holder = context.store.db
      .select({ client: clients.name, service: services.name, startsAt: appointments.startsAt })
      .from(appointments)
      .innerJoin(clients, eq(clients.id, appointments.clientId))
      .innerJoin(services, eq(services.id, appointments.serviceId))
      .where(eq(appointments.id, holderId))
      .get();
    if (holder !== undefined) return say('imports.taken', { staff: candidate.staff, when, client: holder.client, service: holder.service, time: format.clock(holder.startsAt, zone) });
  }
  if (error.code === 'OUTSIDE_OPENING_HOURS' && context.settings !== null) {
    const hours = shopHoursOn(context.settings, candidate.date);
    if (hours.length === 0) return say('imports.closed', { date: format.longDate(candidate.date) });
    const open = hours.map((interval) => format.timeRange(interval.start, interval.end, zone)).join(', ');
    return say('imports.outsideHours', { service: candidate.service, time: format.clock(candidate.startsAt, zone), date: format.longDate(candidate.date), hours: open });
  }
  return error.say === undefined ? error.message : say(error.say.key, error.say.params);
}

/** Every row's fate: read and matched (yielding between steps, for progress), then judged by the rulebook at once. */
export function* planAppointmentSteps(desk: Desk, cells: CsvCells, mapping: AnyImportMapping, country: CountryCode): Generator<number, AppointmentPlan> {
  const { store } = desk;
  const now = desk.now();
  const settings = getShopSettings(store);
  const zone = settings?.timeZone ?? 'UTC';
  const format = formatterOf(settings?.locale ?? DEFAULT_LOCALE);
  // A row's reason is read on the shop's screen: in the shop's language.
  const language = settings?.locale.language ?? DEFAULT_LOCALE.language;
  const say: SayOf = (key, params) => sayIn(params === undefined ? { key } : { key, params }, language, format);
  const example = format.date(DateTime.fromMillis(now, { zone }).toISODate() ?? '2026-11-30');
  const directory = clientsHere(store, country);
  const byName = <R extends { id: string; name: string }>(rows: R[]) => {
    const found = new Map<string, R>();
    for (const row of rows) if (!found.has(folded(row.name))) found.set(folded(row.name), row);
    return found;
  };
  const servicesByName = byName(store.db.select({ id: services.id, name: services.name }).from(services).where(isNull(services.deletedAt)).all());
  const staffByName = byName(
    store.db.select({ id: staff.id, name: staff.name, active: staff.active }).from(staff).where(isNull(staff.deletedAt)).all().filter((member) => member.active),
  );
  const bookingKey = (clientId: string, serviceId: string, staffId: string, startsAt: number) => `${clientId}|${serviceId}|${staffId}|${startsAt}`;
  const booked = new Set(
    store.db
      .select({ clientId: appointments.clientId, serviceId: appointments.serviceId, staffId: appointments.staffId, startsAt: appointments.startsAt })
      .from(appointments)
      .where(and(isNull(appointments.deletedAt), gte(appointments.startsAt, now)))
      .all()
      .map((row) => bookingKey(row.clientId, row.serviceId, row.staffId, row.startsAt)),
  );

  const plan: AppointmentPlan = { rows: cells.rows.length, problems: [], changes: [], bookings: 0, newClients: 0, duplicates: [], skipped: 0 };
  /** Rows that read well, each with the client it adds (if it is the client's first row) and its booking. */
  const candidates: Candidate[] = [];
  /** A client added by this file, by the id of the command that adds them: the command goes with the first row that is booked. */
  const addedClients = new Map<string, ImportChange>();

  // The client's own columns, read exactly as a client import reads them.
  const clientMapping = mapping.map((field) => (field === 'name' || field === 'firstName' || field === 'lastName' || field === 'phone' || field === 'email' ? field : null));
  const planRow = (cellsOfRow: string[], index: number): void => {
    const row = index + 2;
    const problem = (reason: string) => void plan.problems.push({ row, reason });
    const values = rowArgs(cellsOfRow, mapping);
    const { service: serviceName, staff: staffName, date: dateText, startTime, duration, notes } = values;
    const reading = readRow(cells, cellsOfRow, index, clientMapping, country, language);
    if ('problem' in reading) return problem(reading.problem);
    if (serviceName === undefined) return problem(say('imports.noService'));
    if (staffName === undefined) return problem(say('imports.noStaff'));
    if (dateText === undefined) return problem(say('imports.noDate'));
    if (startTime === undefined) return problem(say('imports.noStartTime'));
    const service = servicesByName.get(folded(serviceName));
    if (service === undefined) return problem(say('imports.unknownService', { name: serviceName }));
    const member = staffByName.get(folded(staffName));
    if (member === undefined) return problem(say('imports.unknownStaff', { name: staffName }));
    const date = format.parseDate(dateText);
    if (date === null) return problem(say('imports.badDate', { date: dateText, example }));
    const time = readClockTime(startTime);
    if (time === null) return problem(say('imports.badTime', { time: startTime }));
    if (duration !== undefined && readDuration(duration) === null) return problem(say('imports.badDuration', { duration }));
    const startsAt = localTimeToInstant(date, time, zone);
    if (startsAt < now) return problem(say('imports.passed', { when: format.dateTime(startsAt, zone) }));

    // The client: found by phone or e-mail, else by name; added when nowhere here.
    const { details } = reading;
    const match = details.phone != null || details.email != null ? directory.match(details) : null;
    const known = match?.known ?? directory.named(details.name);
    let clientId: string;
    let newClient: ImportChange | null;
    if (known !== null && known.id !== null) {
      clientId = known.id;
      newClient = addedClients.get(known.id) ?? null;
    } else {
      newClient = newChange('client', `row:${row}:client`, reading.args, true);
      clientId = newClient.command.entityId;
      addedClients.set(clientId, newClient);
      directory.add({ id: clientId, version: 1, name: details.name, details });
    }
    const key = bookingKey(clientId, service.id, member.id, startsAt);
    const name = known?.name ?? details.name;
    if (booked.has(key)) {
      plan.skipped += 1;
      return void plan.duplicates.push({ row, name, matches: say('imports.alreadyBooked', { name, service: service.name, date: format.longDate(date), time: format.clockOf(time), staff: member.name }), matchedBy: 'details', outcome: 'skipped' });
    }
    booked.add(key);
    const args = { clientId, staffId: member.id, serviceId: service.id, startsAt, ...(notes === undefined ? {} : { notes }) };
    candidates.push({ row, name, service: service.name, staff: member.name, date, startsAt, newClient, booking: newChange('appointment', `row:${row}`, args, false) });
  };
  for (const [index, cellsOfRow] of cells.rows.entries()) {
    planRow(cellsOfRow, index);
    if ((index + 1) % 200 === 0) yield index + 1;
  }

  // Judged by the rulebook as bookings made one after another, then all rolled back.
  const byBooking = new Map(candidates.map((candidate) => [candidate.booking.command.entityId, candidate]));
  const created = new Set<string>();
  try {
    transact(store, () => {
      const change = batchedChanges(desk, { hash: 'import check', keysAreNew: true });
      for (const candidate of candidates) {
        const client = candidate.newClient !== null && !created.has(candidate.newClient.command.entityId) ? candidate.newClient : null;
        try {
          transact(store, () => {
            if (client !== null) change(client.command, { argsChecked: client.argsChecked });
            change(candidate.booking.command, { argsChecked: false });
          });
        } catch (error) {
          if (!isAppError(error) || error.retryable) throw error;
          plan.problems.push({ row: candidate.row, reason: refusalOfRow(error, candidate, { store, zone, format, say, settings, byBooking }) });
          continue;
        }
        if (client !== null) {
          created.add(client.command.entityId);
          plan.changes.push(client);
          plan.newClients += 1;
        }
        plan.changes.push(candidate.booking);
        plan.bookings += 1;
      }
      throw new CheckDone();
    });
  } catch (error) {
    if (!(error instanceof CheckDone)) throw error;
  }
  plan.problems.sort((a, b) => a.row - b.row);
  return plan;
}

/** planAppointmentSteps at once (the preview). */
export function planAppointments(desk: Desk, cells: CsvCells, mapping: AnyImportMapping, country: CountryCode): AppointmentPlan {
  const steps = planAppointmentSteps(desk, cells, mapping, country);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
