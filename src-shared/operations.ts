import { parseOrThrow } from './errors';
import { refuse } from './refuse';
import type { Say, SayKey } from './say';
import { argsSchemaFor, reasonRequiredOps, type Command } from './commands';
import { holdsTime, metaFields, type AnyRow, type Appointment, type AppointmentStatus, type Block, type DomainEvent, type EntityType, type Fields, type FormResponse } from './entities';
import { planDeclaredOp, versionChecked } from './registry';
import { durationFor, outsideSchedule } from './registry/bookingSchedule';
import { refuseSignedForm } from './registry/formResponse';
import { fieldError, requireStaff, withinOpeningHours, type Refs } from './registry/planning';
import { localDayRange, localWallClock, MINUTE_MS } from './time';

/**
 * The pure planner: given a command, the entity's current row and the rows it refers to, it
 * returns the next row and the event that records the change, or throws an AppError. It does no
 * I/O, so the local store and the sync server apply exactly the same rules; each side then checks
 * the slot against its own storage (occupiesSlot) and writes row and event in one transaction.
 */

export type { Refs };

export interface RefIds {
  serviceId?: string;
  staffId?: string;
  clientId?: string;
  productId?: string;
  eventId?: string;
  settings: boolean;
  /** The staff members a service's new performedBy names. */
  performerIds?: string[];
  /** The intake form a new form response is filled from, and the visit it is for (docs/architecture.md §27). */
  formTemplateId?: string;
  appointmentId?: string;
}

export interface Plan {
  row: AnyRow;
  eventType: string;
  before: Fields;
  after: Fields;
  undoesEventId: string | null;
}

type RefKey = 'serviceId' | 'staffId' | 'clientId' | 'productId';

/** The rows each kind of record names by id, which its planner checks (the client exists, the person works here …). */
const namedRows: Partial<Record<EntityType, readonly RefKey[]>> = {
  appointment: ['serviceId', 'staffId', 'clientId'],
  timeOff: ['staffId'],
  block: ['staffId'],
  waitlist: ['serviceId', 'staffId', 'clientId'],
  walkIn: ['serviceId', 'staffId', 'clientId'],
  message: ['clientId'],
  stockMovement: ['productId'],
  formResponse: ['clientId'],
};

/**
 * Which referenced rows the planner needs, so the caller can load them (synchronously or not).
 * An undo restores the fields its target event changed, so the staff and service it checks are
 * the restored ones: pass the target event once it is loaded.
 */
export function requiredRefs(command: Command, current: AnyRow | null, targetEvent?: DomainEvent | null): RefIds {
  const args = command.args;
  // A client's phone number is read for the shop's country (docs/architecture.md §17).
  const ids: RefIds = { settings: command.entityType === 'appointment' || command.entityType === 'client' };
  if (command.op === 'undo') {
    ids.eventId = typeof args.eventId === 'string' ? args.eventId : undefined;
  }
  const keys = namedRows[command.entityType];
  if (keys !== undefined) {
    // An undo checks the rows the fields it restores name; any other change, its args' or the record's own.
    const restored = command.op === 'undo' && targetEvent ? targetEvent.before : {};
    const record = current as Partial<Record<RefKey, string | null>> | null;
    for (const key of keys) {
      if (typeof args[key] === 'string') ids[key] = args[key] as string;
      else if (typeof restored[key] === 'string') ids[key] = restored[key] as string;
      else ids[key] = record?.[key] ?? undefined;
    }
  }
  if (command.entityType === 'service' && command.op === 'setSkills' && Array.isArray(args.performedBy)) {
    ids.performerIds = [
      ...new Set(
        (args.performedBy as unknown[]).flatMap((skill) => {
          const staffId = typeof skill === 'object' && skill !== null ? (skill as { staffId?: unknown }).staffId : undefined;
          return typeof staffId === 'string' ? [staffId] : [];
        }),
      ),
    ];
  }
  if (command.entityType === 'formResponse' && command.op === 'create') {
    if (typeof args.templateId === 'string') ids.formTemplateId = args.templateId;
    if (typeof args.appointmentId === 'string') ids.appointmentId = args.appointmentId;
  }
  return ids;
}

/** Not deleted appointments of a time-holding status (booked, arrived, in the chair, done) hold their staff member's time. */
export function occupiesSlot(row: AnyRow, entityType: EntityType): row is Appointment {
  if (entityType !== 'appointment') return false;
  const appointment = row as Appointment;
  return holdsTime(appointment.status) && appointment.deletedAt === null;
}

/** Blocked time not removed holds its staff member's time too (no booking may meet it). */
export function blocksSlot(row: AnyRow, entityType: EntityType): row is Block {
  return entityType === 'block' && row.deletedAt === null;
}

const metaKeys: ReadonlySet<string> = new Set(metaFields);

export function domainFields(row: AnyRow | null): Fields {
  if (row === null) return {};
  // Copied field by field rather than spread and deleted from: an object fields were deleted from
  // is slow to read and to stringify, and every event's after-values are stringified.
  // (Keys, not entries: one [key, value] pair allocated per field, every command.)
  const fields: Fields = {};
  const record = row as unknown as Fields;
  for (const key of Object.keys(record)) if (!metaKeys.has(key)) fields[key] = record[key];
  return fields;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** before/after hold only the fields that changed; a create's before is empty. */
export function diffFields(before: AnyRow | null, after: AnyRow): { before: Fields; after: Fields } {
  const old = domainFields(before);
  const next = domainFields(after);
  if (before === null) return { before: {}, after: next };
  const changedBefore: Fields = {};
  const changedAfter: Fields = {};
  for (const key of Object.keys(next)) {
    if (!sameValue(old[key], next[key])) {
      changedBefore[key] = old[key];
      changedAfter[key] = next[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

/** Whether a booking sits inside the shop's hours is the appointment planner's rule; it is asked here too. */
export { withinOpeningHours, localDayRange };

/** Undo puts back the fields the target event changed; undoing a create soft-deletes the entity. */
function planUndo(command: Command, current: AnyRow, refs: Refs, now: number): { row: AnyRow; undoes: DomainEvent } {
  const target = refs.targetEvent;
  if (!target || target.entityId !== command.entityId || target.entityType !== command.entityType) {
    throw refuse('NOT_FOUND', 'operations.notInHistory', undefined, { field: 'eventId' });
  }
  if (refs.targetUndone === true) {
    throw refuse('ALREADY_UNDONE', 'operations.alreadyUndone', undefined, { eventId: target.id });
  }
  // An erasure is final (docs/architecture.md §28): nothing of an erased record is undone, the erasure least of all.
  if (typeof (current as { erasedAt?: unknown }).erasedAt === 'number') {
    throw refuse('UNDO_NOT_ALLOWED', 'operations.erased', undefined, { eventId: target.id });
  }
  const fields = domainFields(current);
  const changedSince = Object.keys(target.after).filter((key) => !sameValue(fields[key], target.after[key]));
  if (changedSince.length > 0) {
    throw refuse('UNDO_NOT_ALLOWED', 'operations.changedSince', undefined, { eventId: target.id, fields: changedSince });
  }
  // A create is undone by a soft delete. (Not "an empty before": a change that changed nothing has
  // an empty before too, and undoing it must change nothing, not delete the record.)
  const undoesCreate = target.type === `${target.entityType}.create`;
  const restored: Fields = undoesCreate ? { deletedAt: now } : target.before;
  return { row: { ...current, ...restored } as AnyRow, undoes: target };
}

/**
 * Does this change place a booking at its start (a new booking, a new start, or a cancelled one
 * brought back)? Only then is "has the start already passed?" asked: a change of staff, service or
 * notes of an appointment under way, a no-show cleared or a deleted record brought back are not
 * new bookings of a time.
 */
function placesBooking(current: Appointment | null, next: Appointment): boolean {
  if ((next.status !== 'booked' && next.status !== 'held') || next.deletedAt !== null) return false;
  return current === null || current.startsAt !== next.startsAt || current.status === 'cancelled';
}

/** A kind of record as a refusal names it: its noun, and with its article (the Spanish needs the gender). */
function kindWords(entityType: EntityType): Record<'noun' | 'aNoun' | 'theNoun', Say> {
  const of = (form: 'noun' | 'aNoun' | 'theNoun'): Say => ({ key: `registry:kinds.${entityType}.${form}` as SayKey });
  return { noun: of('noun'), aNoun: of('aNoun'), theNoun: of('theNoun') };
}

/**
 * A booking placed at a start that has already passed needs the person's explicit "record it
 * anyway", and the row says so (recordedAfterStart), so the event's after-values audit it.
 * Judged to the minute, so a chip for the current minute is still bookable.
 */
function checkStartNotPassed(current: Appointment | null, next: Appointment, args: Fields, refs: Refs, judgedAt: number): Appointment {
  if (!placesBooking(current, next)) return next;
  const passed = next.startsAt < Math.floor(judgedAt / MINUTE_MS) * MINUTE_MS;
  if (passed && args.allowPast !== true) {
    const zone = refs.settings?.timeZone ?? 'UTC';
    const sameDay = localWallClock(next.startsAt, zone).date === localWallClock(judgedAt, zone).date;
    const when = { at: next.startsAt, zone, as: sameDay ? 'clock' : 'dateTime' } as const;
    throw refuse('START_IN_PAST', 'operations.startPassed', { when }, { field: 'startsAt', startsAt: next.startsAt });
  }
  return next.recordedAfterStart === passed ? next : { ...next, recordedAfterStart: passed };
}

/**
 * Plan a command against the current row; throws AppError when the rules say no. `now` stamps
 * the change; `judgedAt` is the moment the person made it, against which "already passed" is
 * judged (the sync server passes the desk's time of the change, so an intent that was valid
 * when made offline stays valid when it arrives later). It defaults to `now`. `argsChecked`: the
 * args are the output of a schema that checks everything the op's args schema checks (the desk's
 * caller input), so they are not parsed again.
 */
export function planChange(
  command: Command,
  current: AnyRow | null,
  refs: Refs,
  now: number,
  judgedAt: number = now,
  argsChecked = false,
  actorStaffId: string | null = null,
): Plan {
  const schema = argsSchemaFor(command.entityType, command.op);
  if (schema === undefined) fieldError('op', 'operations.notAnAction', { op: command.op, ...kindWords(command.entityType) });
  const args = (argsChecked ? command.args : parseOrThrow(schema, command.args)) as Fields;
  if (reasonRequiredOps.has(`${command.entityType}.${command.op}`) && !command.reason) {
    fieldError('reason', 'operations.reasonRequired');
  }

  if (command.op === 'create') {
    if (current !== null) {
      throw refuse('VERSION_CONFLICT', 'operations.exists', kindWords(command.entityType), { current });
    }
    if (command.expectedVersion !== null) fieldError('expectedVersion', 'operations.noVersionYet');
  } else {
    if (current === null) throw refuse('NOT_FOUND', 'operations.notFound', kindWords(command.entityType), { field: 'id' });
    if (command.expectedVersion === null) fieldError('expectedVersion', 'operations.versionRequired');
    if (command.expectedVersion !== current.version && versionChecked(command.entityType, command.op)) {
      throw refuse('VERSION_CONFLICT', 'operations.changedFirst', kindWords(command.entityType), { current, expectedVersion: command.expectedVersion });
    }
  }

  let next: AnyRow;
  let undoesEventId: string | null = null;
  let eventType: string = command.op;
  if (command.op === 'undo') {
    // A signed form is kept as signed: not even an undo opens it again.
    if (command.entityType === 'formResponse') refuseSignedForm(current as FormResponse);
    const undo = planUndo(command, current as AnyRow, refs, now);
    next = undo.row;
    undoesEventId = undo.undoes.id;
    if (command.entityType === 'appointment') {
      next = revalidateAppointment(next as Appointment, refs);
      next = checkStartNotPassed(current as Appointment, next as Appointment, args, refs, judgedAt);
    }
  } else {
    next = planDeclaredOp(command, current, args, { command, refs, now, judgedAt, actorStaffId });
    if (command.entityType === 'appointment') {
      next = checkStartNotPassed(current as Appointment | null, next as Appointment, args, refs, judgedAt);
    }
    eventType = command.op;
  }

  if (current !== null) next = { ...next, version: current.version + 1, updatedAt: now };
  const diff = diffFields(current, next);
  return { row: next, eventType: `${command.entityType}.${eventType}`, before: diff.before, after: diff.after, undoesEventId };
}

/** The fields whose return places a booking anew: an undo putting any of them back re-checks the booking's time. */
const placingFields = ['startsAt', 'staffId', 'serviceId', 'status', 'deletedAt'] as const;

/**
 * Does undoing an event with these before/after values place the booking anew? A visit's steps
 * (check-in, start, checkout) only move it between stages that all hold its time, so undoing one
 * places nothing: a client whose check-in is undone is not re-judged against a changed rota.
 */
export function placesAnew(before: Fields, after: Fields): boolean {
  return placingFields.some((field) => {
    if (!Object.hasOwn(before, field)) return false;
    if (field !== 'status') return true;
    return !(holdsTime(before.status as AppointmentStatus) && holdsTime(after.status as AppointmentStatus));
  });
}

/**
 * An undo that brings a booking back (or puts it back at another time, person or service) must
 * still respect the staff member, who does the service and their schedule (its slot is checked by
 * the rulebook). A booking that was an exception to the schedule stays one; one that was not is
 * refused where the person no longer works.
 */
function revalidateAppointment(row: Appointment, refs: Refs): Appointment {
  if ((row.status !== 'booked' && row.status !== 'held') || row.deletedAt !== null) return row;
  const staff = requireStaff(refs, row.staffId);
  if (!placesAnew(refs.targetEvent?.before ?? {}, refs.targetEvent?.after ?? {})) return row;
  const service = refs.service ?? null;
  if (service !== null && service.id === row.serviceId) durationFor(service, staff);
  if (refs.settings) outsideSchedule(row, staff, refs.settings, refs.timeOff ?? [], row.outsideSchedule);
  return row;
}
