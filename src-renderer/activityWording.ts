import type { EntityType } from '../src-shared/entities';
import type { ActivitySubject } from '../src-main/core/activity/activitySubjects';
import { kindWordsOf, wordingOf } from '../src-shared/registry';
import { shownFormat } from '../src-shared/locale/format';
import { formatLocalDateTime, localDateOf } from '../src-shared/time';
import { blockLines } from './blockHistoryWording';
import { changesOf, clock, exceptionsOf, history, nounOfOp, whoOf, type Lookup } from './format';
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

/** "15:15" today, "Tue 1 Dec 2026, 15:15" on another day. */
export function pointInTime(instant: number, context: Pick<ActivityContext, 'lookup' | 'today'>): string {
  const zone = context.lookup.zone;
  return localDateOf(instant, zone) === context.today ? clock(instant, zone) : formatLocalDateTime(instant, zone);
}

/** "at 15:15" today, "on Tue 1 Dec 2026, 15:15" on another day. */
function atTime(instant: number, context: ActivityContext): string {
  const time = pointInTime(instant, context);
  return localDateOf(instant, context.lookup.zone) === context.today ? history('activity.at', { time }) : history('activity.on', { time });
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
  const service = nameOf(booking.serviceId, context) ?? history('activity.appointment');
  return client === undefined ? history('activity.anAppointmentOf', { service }) : history('activity.whose', { owner: client, thing: service });
}

function appointmentSentence(event: ActivityEvent, context: ActivityContext): string {
  const booking = bookingOf(event);
  const whose = whoseService(booking, context);
  const staffBefore = nameOf(booking.staffBefore, context);
  const staffAfter = nameOf(booking.staffAfter, context);
  // The optional parts of a sentence carry their own leading words and spaces (the catalogue's " with {{name}}").
  const withStaff = (name: string | undefined) => (name === undefined ? '' : history('activity.withStaff', { name }));
  const atAfter = booking.startsAfter === undefined ? '' : history('activity.inText', { at: atTime(booking.startsAfter, context) });
  const record = history('activity.record', { whose, at: atAfter, staff: withStaff(staffAfter) });
  const op = opOf(event.type);
  const because = event.reason ? history('activity.because', { reason: event.reason }) : '';
  // Whatever op moved the booking (a reschedule today, others later), the sentence says from where to where.
  const timeMoved = booking.startsBefore !== undefined && booking.startsAfter !== undefined && booking.startsBefore !== booking.startsAfter;
  const staffMoved = booking.staffBefore !== booking.staffAfter && staffBefore !== undefined && staffAfter !== undefined;

  if (op === 'undo') {
    const undone = event.undoesEventType;
    if (undone === null) return history('undo.aChangeTo', { what: record });
    if ((timeMoved || staffMoved) && booking.startsAfter !== undefined)
      return history('undo.back', { name: nounOfOp(undone), whose, at: atTime(booking.startsAfter, context), staff: withStaff(staffAfter) });
    return history('undo.theOf', { name: nounOfOp(undone), what: record });
  }
  if (op !== 'create' && (timeMoved || staffMoved)) {
    const verb = wordingOf(event.type)?.verb ?? history('activity.verbMoved');
    const staffFromTo = staffMoved ? { from: staffBefore, to: staffAfter } : undefined;
    if (timeMoved)
      return history('activity.movedFromTo', {
        verb,
        whose,
        from: pointInTime(booking.startsBefore as number, context),
        to: pointInTime(booking.startsAfter as number, context),
        staff: staffFromTo === undefined ? withStaff(staffAfter) : history('activity.staffFromToAfterTime', staffFromTo),
        because,
      });
    return history('activity.moved', { verb, whose, at: atAfter, staff: staffFromTo === undefined ? withStaff(staffAfter) : history('activity.staffFromTo', staffFromTo), because });
  }
  const wording = wordingOf(event.type);
  // A booking made as a hold (pencilled in for a client who will call back) says so, and until when.
  const heldUntil = op === 'create' && event.after.status === 'held' ? num(event.after.holdExpiresAt) : undefined;
  if (heldUntil !== undefined) return history('activity.held', { record, until: pointInTime(heldUntil, context) });
  const serviceAfter = str(event.after.serviceId);
  const nowService =
    serviceAfter !== undefined && str(event.before.serviceId) !== undefined && serviceAfter !== event.before.serviceId
      ? history('activity.nowService', { service: nameOf(serviceAfter, context) ?? history('value.anotherService') })
      : '';
  const fallbackVerb = op === 'create' ? history('activity.added') : history('activity.changed');
  return history('activity.withReason', { sentence: recordSentence(wording, fallbackVerb, record), nowService, because });
}

/** The op's own sentence ("marked {record} as a no-show") or "<verb> <record>", with the record put in. */
function recordSentence(wording: { verb: string; sentence?: string } | undefined, fallbackVerb: string, record: string): string {
  const template = wording?.sentence ?? history('activity.verbRecord', { verb: wording?.verb ?? fallbackVerb });
  return template.replace('{record}', record);
}

const timeOffKinds = ['holiday', 'sick', 'training', 'personal'] as const;
const isTimeOffKind = (kind: string): kind is (typeof timeOffKinds)[number] => timeOffKinds.some((known) => known === kind);

function timeOffSentence(event: ActivityEvent, context: ActivityContext): string {
  const staffId = str(event.after.staffId) ?? str(event.before.staffId) ?? event.subject.staffId;
  const kind = str(event.after.kind) ?? str(event.before.kind) ?? event.subject.kind ?? '';
  const starts = num(event.after.startsAt) ?? num(event.before.startsAt) ?? event.subject.startsAt;
  const ends = num(event.after.endsAt) ?? num(event.before.endsAt) ?? event.subject.endsAt;
  const thing = isTimeOffKind(kind) ? history(`activity.timeOffKind.${kind}`) : history('activity.timeOffKind.other');
  const whose = history('activity.whose', { owner: nameOf(staffId, context) ?? history('activity.aStaffMember'), thing });
  const when = starts !== undefined && ends !== undefined ? history('activity.timeOffWhen', { from: pointInTime(starts, context), to: pointInTime(ends, context) }) : '';
  if (opOf(event.type) === 'undo') return history('undo.timeOff', { name: nounOfOp(event.undoesEventType ?? ''), whose, when });
  return history('activity.timeOff', { verb: wordingOf(event.type)?.verb ?? history('activity.changed'), whose, when });
}

/** A waitlist entry or a walk-in: "Wendy Wait (Haircut)", by the client's name (or the walk-in's own) and the service. */
function waitingSentence(event: ActivityEvent, context: ActivityContext): string {
  const field = (key: 'clientId' | 'serviceId') => str(event.after[key]) ?? str(event.before[key]) ?? event.subject[key];
  const person = nameOf(field('clientId'), context) ?? event.subject.name ?? str(event.after.name) ?? kindWordsOf(event.entityType).aNoun;
  const service = nameOf(field('serviceId'), context);
  const record = service === undefined ? person : history('activity.waiting', { person, service });
  if (opOf(event.type) === 'undo') return history('undo.theOf', { name: nounOfOp(event.undoesEventType ?? ''), what: record });
  return recordSentence(wordingOf(event.type), history('activity.changed'), record);
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
      const file = str(event.after.fileName) ?? str(event.before.fileName) ?? event.subject.name ?? history('activity.aFile');
      // An undo's event keeps only what it changed: the file's kind is the batch's own.
      const ofAppointments = (str(event.after.kind) ?? event.subject.kind) === 'appointments';
      if (opOf(event.type) === 'undo') return history(ofAppointments ? 'undo.importOfAppointments' : 'undo.importOf', { file });
      const added = num(event.after.added) ?? 0;
      return history(ofAppointments ? 'activity.importedAppointments' : 'activity.imported', { count: added, number: shownFormat().number(added), file });
    }
    case 'block': {
      const line = blockLines([event], context.meId, lookup, { ...event.subject }).get(event.id);
      return line?.what ?? history('activity.changedThing', { what: kindWordsOf('block').theNoun });
    }
    default: {
      const name = event.subject.name ?? str(event.after.name) ?? str(event.before.name) ?? kindWordsOf(event.entityType).aNoun;
      return recordLine(event, context.meId, name, lookup).what;
    }
  }
}

/** The whole row: "Sam moved Aisha Patel's Kids cut from 15:15 to 11:45 with Priya". */
export function activitySentence(event: ActivityEvent, context: ActivityContext): string {
  return history('sentence', { who: whoOf(event, context.meId), what: activityWhat(event, context) });
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
    return [...changes.map((change) => history('change', change)), ...(opOf(event.type) === 'undo' ? [] : exceptionsOf(event.after))];
  }
  if (event.entityType === 'block' || event.entityType === 'timeOff') return [];
  const name = event.subject.name ?? str(event.after.name) ?? str(event.before.name) ?? kindWordsOf(event.entityType).aNoun;
  return recordLine(event, context.meId, name, lookup).details;
}
