import type { EntityType } from '../src-shared/entities';
import type { ActivitySubject } from '../src-main/core/activity/activitySubjects';
import { nounOf, wordingOf } from '../src-shared/registry';
import { formatLocalDateTime, localClockOf, localDateOf } from '../src-shared/time';
import { blockLines } from './blockHistoryWording';
import { changesOf, exceptionsOf, nounOfOp, whoOf, type Lookup } from './format';
import { recordLine } from './recordHistoryWording';

/**
 * One row of the shop's activity as a sentence that names the client, the service and the time:
 * "Sam moved Aisha Patel's Kids cut from 15:15 to 11:45 with Priya". The verb comes from the op's
 * declaration in the registry (`wording.verb`, or `wording.sentence` when "<verb> <record>" reads
 * wrong), so an op declared later reads sensibly without a line here.
 */

/** The record an event is about as it is now (the activity query's `subject`). */
export type Subject = ActivitySubject;

export interface ActivityEvent {
  id: string;
  type: string;
  entityType: EntityType;
  actorStaffId: string | null;
  actorName: string | null;
  undoesEventType: string | null;
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  subject: Subject;
}

export interface ActivityContext {
  meId: string | null;
  /** Ids of clients, services and staff the page mentions → their names. */
  names: Readonly<Record<string, string>>;
  lookup: Lookup;
  /** Today in the shop's zone (YYYY-MM-DD): a time on another day says its date. */
  today: string;
}

const opOf = (type: string) => type.split('.')[1] ?? type;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
/** "9,500": the activity's sentences are English. */
const counted = new Intl.NumberFormat('en-GB');

/** "15:15" today, "Tue 1 Dec 2026, 15:15" on another day. */
export function pointInTime(instant: number, context: Pick<ActivityContext, 'lookup' | 'today'>): string {
  const zone = context.lookup.zone;
  return localDateOf(instant, zone) === context.today ? localClockOf(instant, zone) : formatLocalDateTime(instant, zone);
}

/** "at 15:15" today, "on Tue 1 Dec 2026, 15:15" on another day. */
function atTime(instant: number, context: ActivityContext): string {
  return `${localDateOf(instant, context.lookup.zone) === context.today ? 'at' : 'on'} ${pointInTime(instant, context)}`;
}

function nameOf(id: string | undefined, context: ActivityContext): string | undefined {
  if (id === undefined) return undefined;
  return context.names[id] ?? context.lookup.staff.get(id) ?? context.lookup.services.get(id);
}

/** The booking as it was when the event happened, as far as the event and the row tell. */
function bookingOf(event: ActivityEvent) {
  const field = (key: 'clientId' | 'serviceId' | 'staffId') => str(event.before[key]) ?? str(event.after[key]) ?? event.subject[key];
  return {
    clientId: field('clientId'),
    serviceId: field('serviceId'),
    staffBefore: field('staffId'),
    staffAfter: str(event.after.staffId) ?? field('staffId'),
    startsBefore: num(event.before.startsAt) ?? num(event.after.startsAt) ?? event.subject.startsAt,
    startsAfter: num(event.after.startsAt) ?? num(event.before.startsAt) ?? event.subject.startsAt,
  };
}

/** "Aisha Patel's Kids cut" — the client and the service, whatever is known of them. */
function whoseService(booking: ReturnType<typeof bookingOf>, context: ActivityContext): string {
  const client = nameOf(booking.clientId, context);
  const service = nameOf(booking.serviceId, context) ?? 'appointment';
  return client === undefined ? `an appointment (${service})` : `${client}'s ${service}`;
}

function appointmentSentence(event: ActivityEvent, context: ActivityContext): string {
  const booking = bookingOf(event);
  const whose = whoseService(booking, context);
  const staffBefore = nameOf(booking.staffBefore, context);
  const staffAfter = nameOf(booking.staffAfter, context);
  const withStaff = (name: string | undefined) => (name === undefined ? '' : ` with ${name}`);
  const record = `${whose}${booking.startsAfter === undefined ? '' : ` ${atTime(booking.startsAfter, context)}`}${withStaff(staffAfter)}`;
  const op = opOf(event.type);
  const because = event.reason ? ` — reason: ${event.reason}` : '';
  // Whatever op moved the booking (a reschedule today, others later), the sentence says from where to where.
  const timeMoved = booking.startsBefore !== undefined && booking.startsAfter !== undefined && booking.startsBefore !== booking.startsAfter;
  const staffMoved = booking.staffBefore !== booking.staffAfter && staffBefore !== undefined && staffAfter !== undefined;

  if (op === 'undo') {
    const undone = event.undoesEventType;
    if (undone === null) return `undid a change to ${record}`;
    if ((timeMoved || staffMoved) && booking.startsAfter !== undefined)
      return `undid the ${nounOfOp(undone)} of ${whose}: back ${atTime(booking.startsAfter, context)}${withStaff(staffAfter)}`;
    return `undid the ${nounOfOp(undone)} of ${record}`;
  }
  if (op !== 'create' && (timeMoved || staffMoved)) {
    const verb = wordingOf(event.type)?.verb ?? 'moved';
    const staffPart = staffMoved ? `from ${staffBefore} to ${staffAfter}` : withStaff(staffAfter).trim();
    const spaced = staffPart === '' ? '' : ` ${staffPart}`;
    if (timeMoved)
      return `${verb} ${whose} from ${pointInTime(booking.startsBefore as number, context)} to ${pointInTime(booking.startsAfter as number, context)}${staffMoved ? `, ${staffPart}` : spaced}${because}`;
    return `${verb} ${whose}${booking.startsAfter === undefined ? '' : ` ${atTime(booking.startsAfter, context)}`}${spaced}${because}`;
  }
  const wording = wordingOf(event.type);
  // A booking made as a hold (pencilled in for a client who will call back) says so, and until when.
  const heldUntil = op === 'create' && event.after.status === 'held' ? num(event.after.holdExpiresAt) : undefined;
  if (heldUntil !== undefined) return `pencilled in ${record}, held until ${pointInTime(heldUntil, context)}`;
  const template = wording?.sentence ?? `${wording?.verb ?? `${op === 'create' ? 'added' : 'changed'}`} {record}`;
  const serviceAfter = str(event.after.serviceId);
  const nowService =
    serviceAfter !== undefined && str(event.before.serviceId) !== undefined && serviceAfter !== event.before.serviceId
      ? ` to ${nameOf(serviceAfter, context) ?? 'another service'}`
      : '';
  return `${template.replace('{record}', record)}${nowService}${because}`;
}

const timeOffWords: Record<string, string> = { holiday: 'holiday', sick: 'sick leave', training: 'training', personal: 'time away' };

function timeOffSentence(event: ActivityEvent, context: ActivityContext): string {
  const staffId = str(event.after.staffId) ?? str(event.before.staffId) ?? event.subject.staffId;
  const kind = str(event.after.kind) ?? str(event.before.kind) ?? event.subject.kind ?? '';
  const starts = num(event.after.startsAt) ?? num(event.before.startsAt) ?? event.subject.startsAt;
  const ends = num(event.after.endsAt) ?? num(event.before.endsAt) ?? event.subject.endsAt;
  const whose = `${nameOf(staffId, context) ?? 'a staff member'}'s ${timeOffWords[kind] ?? 'time off'}`;
  const when = starts !== undefined && ends !== undefined ? `, ${pointInTime(starts, context)} to ${pointInTime(ends, context)}` : '';
  if (opOf(event.type) === 'undo') return `undid the ${nounOfOp(event.undoesEventType ?? '')} of ${whose}${when}`;
  return `${wordingOf(event.type)?.verb ?? 'changed'} ${whose}${when}`;
}

/** A waitlist entry or a walk-in: "Wendy Wait (Haircut)", by the client's name (or the walk-in's own) and the service. */
function waitingSentence(event: ActivityEvent, context: ActivityContext): string {
  const field = (key: 'clientId' | 'serviceId') => str(event.after[key]) ?? str(event.before[key]) ?? event.subject[key];
  const person = nameOf(field('clientId'), context) ?? event.subject.name ?? str(event.after.name) ?? `a ${nounOf(event.entityType)}`;
  const service = nameOf(field('serviceId'), context);
  const record = service === undefined ? person : `${person} (${service})`;
  if (opOf(event.type) === 'undo') return `undid the ${nounOfOp(event.undoesEventType ?? '')} of ${record}`;
  const wording = wordingOf(event.type);
  return (wording?.sentence ?? `${wording?.verb ?? 'changed'} {record}`).replace('{record}', record);
}

function lookupOf(context: ActivityContext): Lookup {
  return {
    zone: context.lookup.zone,
    staff: new Map([...context.lookup.staff, ...Object.entries(context.names)]),
    services: new Map([...context.lookup.services, ...Object.entries(context.names)]),
  };
}

/** What the event did, without who did it. */
export function activityWhat(event: ActivityEvent, context: ActivityContext): string {
  const lookup = lookupOf(context);
  switch (event.entityType) {
    case 'appointment':
      return appointmentSentence(event, context);
    case 'timeOff':
      return timeOffSentence(event, context);
    case 'waitlist':
    case 'walkIn':
      return waitingSentence(event, context);
    case 'importBatch': {
      // "imported 9,500 clients from clients.csv": the file's one entry (docs/architecture.md §29).
      const file = str(event.after.fileName) ?? str(event.before.fileName) ?? event.subject.name ?? 'a file';
      if (opOf(event.type) === 'undo') return `undid the import of clients from ${file}`;
      const added = num(event.after.added) ?? 0;
      return `imported ${counted.format(added)} client${added === 1 ? '' : 's'} from ${file}`;
    }
    case 'block': {
      const line = blockLines([event], context.meId, lookup, { ...event.subject }).get(event.id);
      return line?.what ?? `changed ${nounOf('block')}`;
    }
    default: {
      const name = event.subject.name ?? str(event.after.name) ?? str(event.before.name) ?? `a ${nounOf(event.entityType)}`;
      return recordLine(event, context.meId, name, lookup).what;
    }
  }
}

/** The whole row: "Sam moved Aisha Patel's Kids cut from 15:15 to 11:45 with Priya". */
export function activitySentence(event: ActivityEvent, context: ActivityContext): string {
  return `${whoOf(event, context.meId)} ${activityWhat(event, context)}`;
}

// What an appointment's sentence already says; its other changes (the notes) are listed beside it.
const saidBySentence = new Set(['startsAt', 'staffId', 'serviceId', 'clientId', 'status', 'cancelReason']);

/**
 * The lines beside the sentence: an appointment's other changes ("Notes: — → Bring the chart")
 * and the exceptions it was booked with; a record's several changed fields one by one.
 */
export function activityDetails(event: ActivityEvent, context: ActivityContext): string[] {
  const lookup = lookupOf(context);
  if (event.entityType === 'appointment') {
    const changes = changesOf(event.before, event.after, lookup, opOf(event.type) === 'create').filter((change) => !saidBySentence.has(change.key));
    return [...changes.map((change) => `${change.field}: ${change.before} → ${change.after}`), ...(opOf(event.type) === 'undo' ? [] : exceptionsOf(event.after))];
  }
  if (event.entityType === 'block' || event.entityType === 'timeOff') return [];
  const name = event.subject.name ?? str(event.after.name) ?? str(event.before.name) ?? `a ${nounOf(event.entityType)}`;
  return recordLine(event, context.meId, name, lookup).details;
}
