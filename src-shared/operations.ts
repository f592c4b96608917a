import { AppError, parseOrThrow } from './errors';
import { argsSchemaFor, reasonRequiredOps, type Command } from './commands';
import {
  SETTINGS_ID,
  metaFields,
  type AnyRow,
  type Appointment,
  type Client,
  type DomainEvent,
  type EntityType,
  type Fields,
  type Service,
  type Settings,
  type Staff,
} from './entities';
import { clockMinutes, formatLocalDateTime, localClockOf, localDayRange, localWallClock, weekdayOf, MINUTE_MS } from './time';

/**
 * The pure planner: given a command, the entity's current row and the rows it refers to, it
 * returns the next row and the event that records the change, or throws an AppError. It does no
 * I/O, so the local store and the sync server apply exactly the same rules; each side then checks
 * the slot against its own storage (occupiesSlot) and writes row and event in one transaction.
 */

export interface Refs {
  service?: Service | null;
  staff?: Staff | null;
  client?: Client | null;
  settings?: Settings | null;
  targetEvent?: DomainEvent | null;
  /** True when some event already undoes targetEvent. */
  targetUndone?: boolean;
}

export interface RefIds {
  serviceId?: string;
  staffId?: string;
  clientId?: string;
  eventId?: string;
  settings: boolean;
}

export interface Plan {
  row: AnyRow;
  eventType: string;
  before: Fields;
  after: Fields;
  undoesEventId: string | null;
}

const noun: Record<EntityType, string> = {
  appointment: 'appointment',
  client: 'client',
  staff: 'staff member',
  service: 'service',
  settings: 'shop settings',
};

/**
 * Which referenced rows the planner needs, so the caller can load them (synchronously or not).
 * An undo restores the fields its target event changed, so the staff and service it checks are
 * the restored ones: pass the target event once it is loaded.
 */
export function requiredRefs(command: Command, current: AnyRow | null, targetEvent?: DomainEvent | null): RefIds {
  const args = command.args;
  const ids: RefIds = { settings: command.entityType === 'appointment' };
  if (command.op === 'undo') {
    ids.eventId = typeof args.eventId === 'string' ? args.eventId : undefined;
  }
  if (command.entityType === 'appointment') {
    const restored = command.op === 'undo' && targetEvent ? targetEvent.before : {};
    const appointment = current as Appointment | null;
    const pick = (key: 'serviceId' | 'staffId' | 'clientId') => {
      if (typeof args[key] === 'string') return args[key] as string;
      if (typeof restored[key] === 'string') return restored[key] as string;
      return appointment?.[key];
    };
    ids.serviceId = pick('serviceId');
    ids.staffId = pick('staffId');
    ids.clientId = pick('clientId');
  }
  return ids;
}

/** Booked, not deleted appointments hold their staff member's time. */
export function occupiesSlot(row: AnyRow, entityType: EntityType): row is Appointment {
  if (entityType !== 'appointment') return false;
  const appointment = row as Appointment;
  return appointment.status === 'booked' && appointment.deletedAt === null;
}

export function domainFields(row: AnyRow | null): Fields {
  if (row === null) return {};
  const fields: Fields = { ...row };
  for (const key of metaFields) delete fields[key];
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

function invalid(message: string, details?: Record<string, unknown>): never {
  throw new AppError('INVALID_TRANSITION', message, details);
}

function fieldError(field: string, problem: string): never {
  throw new AppError('VALIDATION_ERROR', `Please check "${field}": ${problem}.`, {
    field,
    issues: [{ field, problem }],
  });
}

/**
 * Is [start, end) inside one opening interval of the shop-local day it starts on? Compared on the
 * shop's wall clock, so "open 09:00–18:00" means what the sign on the door says on DST days too.
 */
export function withinOpeningHours(start: number, end: number, settings: Settings): boolean {
  const from = localWallClock(start, settings.timeZone);
  if (settings.closedDates.includes(from.date)) return false;
  const to = localWallClock(end, settings.timeZone);
  if (to.date !== from.date) return false;
  return settings.openingHours[weekdayOf(from.date)].some(
    (interval) => from.minutes >= clockMinutes(interval.open) && to.minutes <= clockMinutes(interval.close),
  );
}

export { localDayRange };

function requireService(refs: Refs, serviceId: string): Service {
  const service = refs.service;
  if (!service || service.id !== serviceId) throw new AppError('NOT_FOUND', 'That service does not exist.', { field: 'serviceId' });
  if (service.archived || service.deletedAt !== null) fieldError('serviceId', 'this service is archived');
  return service;
}

function requireStaff(refs: Refs, staffId: string): Staff {
  const staff = refs.staff;
  if (!staff || staff.id !== staffId) throw new AppError('NOT_FOUND', 'That staff member does not exist.', { field: 'staffId' });
  if (!staff.active || staff.deletedAt !== null) fieldError('staffId', `${staff.name} is not active`);
  return staff;
}

function requireClient(refs: Refs, clientId: string): Client {
  const client = refs.client;
  if (!client || client.id !== clientId) throw new AppError('NOT_FOUND', 'That client does not exist.', { field: 'clientId' });
  if (client.deletedAt !== null) fieldError('clientId', `${client.name} was deleted; restore the client first`);
  return client;
}

/** Times, staff and service of an appointment, re-derived and checked against the shop's hours. */
function scheduleAppointment(
  draft: Appointment,
  refs: Refs,
  allowOutsideHours: boolean | undefined,
): Appointment {
  const service = requireService(refs, draft.serviceId);
  requireStaff(refs, draft.staffId);
  const endsAt = draft.startsAt + service.durationMin * MINUTE_MS;
  const blockEndsAt = endsAt + service.bufferAfterMin * MINUTE_MS;
  const settings = refs.settings ?? null;
  const inside = settings === null || withinOpeningHours(draft.startsAt, endsAt, settings);
  if (!inside && allowOutsideHours !== true) {
    throw new AppError(
      'OUTSIDE_OPENING_HOURS',
      'That time is outside the shop\'s opening hours. Choose another time, or book it anyway as an exception.',
      { field: 'startsAt' },
    );
  }
  return { ...draft, endsAt, blockEndsAt, outsideHours: !inside };
}

function planAppointment(op: string, current: Appointment | null, args: Fields, command: Command, refs: Refs, now: number): Appointment {
  if (op === 'create') {
    requireClient(refs, args.clientId as string);
    const draft: Appointment = {
      id: command.entityId,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      clientId: args.clientId as string,
      staffId: args.staffId as string,
      serviceId: args.serviceId as string,
      startsAt: args.startsAt as number,
      endsAt: 0,
      blockEndsAt: 0,
      status: 'booked',
      notes: (args.notes as string | undefined) ?? '',
      cancelReason: null,
      outsideHours: false,
      recordedAfterStart: false,
    };
    return scheduleAppointment(draft, refs, args.allowOutsideHours as boolean | undefined);
  }
  const row = current as Appointment;
  if (row.deletedAt !== null && op !== 'undelete') invalid('This appointment was deleted. Undelete it first.');
  const allow = args.allowOutsideHours as boolean | undefined;
  switch (op) {
    case 'reschedule': {
      if (row.status !== 'booked') invalid('Only a booked appointment can be moved.', { status: row.status });
      const moved = {
        ...row,
        startsAt: (args.startsAt as number | undefined) ?? row.startsAt,
        staffId: (args.staffId as string | undefined) ?? row.staffId,
      };
      return scheduleAppointment(moved, refs, allow);
    }
    case 'changeService':
      if (row.status !== 'booked') invalid('Only a booked appointment can change service.', { status: row.status });
      return scheduleAppointment({ ...row, serviceId: args.serviceId as string }, refs, allow);
    case 'updateNotes':
      return { ...row, notes: args.notes as string };
    case 'cancel':
      if (row.status !== 'booked') invalid('Only a booked appointment can be cancelled.', { status: row.status });
      return { ...row, status: 'cancelled', cancelReason: command.reason };
    case 'restore':
      if (row.status !== 'cancelled') invalid('Only a cancelled appointment can be restored.', { status: row.status });
      return scheduleAppointment({ ...row, status: 'booked', cancelReason: null }, refs, allow ?? row.outsideHours);
    case 'markNoShow':
      if (row.status !== 'booked') invalid('Only a booked appointment can be marked as a no-show.', { status: row.status });
      if (row.startsAt > now) invalid('An appointment can be marked as a no-show only once its time has come.');
      return { ...row, status: 'no_show' };
    case 'clearNoShow':
      if (row.status !== 'no_show') invalid('This appointment is not marked as a no-show.', { status: row.status });
      return { ...row, status: 'booked' };
    case 'delete':
      return { ...row, deletedAt: now };
    case 'undelete':
      if (row.deletedAt === null) invalid('This appointment is not deleted.');
      return { ...row, deletedAt: null };
    default:
      return invalid(`Unknown appointment action "${op}".`);
  }
}

function planClient(op: string, current: Client | null, args: Fields, command: Command, now: number): Client {
  if (op === 'create') {
    return {
      id: command.entityId,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      name: args.name as string,
      phone: (args.phone as string | null | undefined) ?? null,
      email: (args.email as string | null | undefined) ?? null,
      notes: (args.notes as string | undefined) ?? '',
    };
  }
  const row = current as Client;
  switch (op) {
    case 'update':
      if (row.deletedAt !== null) invalid('This client was deleted. Restore the client first.');
      return { ...row, ...definedOnly(args) } as Client;
    case 'delete':
      if (row.deletedAt !== null) invalid('This client is already deleted.');
      return { ...row, deletedAt: now };
    case 'restore':
      if (row.deletedAt === null) invalid('This client is not deleted.');
      return { ...row, deletedAt: null };
    default:
      return invalid(`Unknown client action "${op}".`);
  }
}

function planStaff(op: string, current: Staff | null, args: Fields, command: Command, now: number): Staff {
  if (op === 'create') {
    return {
      id: command.entityId,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      name: args.name as string,
      colour: args.colour as string,
      role: args.role as Staff['role'],
      pinHash: (args.pinHash as string | null | undefined) ?? null,
      active: true,
    };
  }
  const row = current as Staff;
  if (row.deletedAt !== null) invalid('This staff member was removed.');
  switch (op) {
    case 'update':
      return { ...row, ...definedOnly(args) } as Staff;
    case 'deactivate':
      if (!row.active) invalid(`${row.name} is already inactive.`);
      return { ...row, active: false };
    case 'reactivate':
      if (row.active) invalid(`${row.name} is already active.`);
      return { ...row, active: true };
    default:
      return invalid(`Unknown staff action "${op}".`);
  }
}

function planService(op: string, current: Service | null, args: Fields, command: Command, now: number): Service {
  if (op === 'create') {
    return {
      id: command.entityId,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      name: args.name as string,
      durationMin: args.durationMin as number,
      bufferAfterMin: (args.bufferAfterMin as number | undefined) ?? 0,
      priceCents: (args.priceCents as number | null | undefined) ?? null,
      archived: false,
    };
  }
  const row = current as Service;
  if (row.deletedAt !== null) invalid('This service was removed.');
  switch (op) {
    case 'update':
      return { ...row, ...definedOnly(args) } as Service;
    case 'archive':
      if (row.archived) invalid(`${row.name} is already archived.`);
      return { ...row, archived: true };
    case 'unarchive':
      if (!row.archived) invalid(`${row.name} is not archived.`);
      return { ...row, archived: false };
    default:
      return invalid(`Unknown service action "${op}".`);
  }
}

function planSettings(op: string, current: Settings | null, args: Fields, command: Command, now: number): Settings {
  if (command.entityId !== SETTINGS_ID) fieldError('id', 'the shop has one settings row');
  if (op === 'create') {
    return {
      id: SETTINGS_ID,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      shopName: args.shopName as string,
      timeZone: args.timeZone as string,
      openingHours: args.openingHours as Settings['openingHours'],
      closedDates: [...new Set((args.closedDates as string[] | undefined) ?? [])].sort(),
      paperSize: (args.paperSize as Settings['paperSize'] | undefined) ?? 'A4',
    };
  }
  if (op !== 'update') invalid(`Unknown settings action "${op}".`);
  const next = { ...(current as Settings), ...definedOnly(args) } as Settings;
  if (args.closedDates !== undefined) next.closedDates = [...new Set(next.closedDates)].sort();
  return next;
}

function definedOnly(args: Fields): Fields {
  return Object.fromEntries(Object.entries(args).filter(([key, value]) => value !== undefined && key !== 'allowOutsideHours'));
}

/** Undo puts back the fields the target event changed; undoing a create soft-deletes the entity. */
function planUndo(command: Command, current: AnyRow, refs: Refs, now: number): { row: AnyRow; undoes: DomainEvent } {
  const target = refs.targetEvent;
  if (!target || target.entityId !== command.entityId || target.entityType !== command.entityType) {
    throw new AppError('NOT_FOUND', 'That change is not in this record\'s history.', { field: 'eventId' });
  }
  if (refs.targetUndone === true) {
    throw new AppError('ALREADY_UNDONE', 'That change has already been undone (perhaps on another desk).', {
      eventId: target.id,
    });
  }
  const fields = domainFields(current);
  const changedSince = Object.keys(target.after).filter((key) => !sameValue(fields[key], target.after[key]));
  if (changedSince.length > 0) {
    throw new AppError('UNDO_NOT_ALLOWED', 'This change cannot be undone because the record was changed again since. Undo the later change first.', {
      eventId: target.id,
      fields: changedSince,
    });
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
  if (next.status !== 'booked' || next.deletedAt !== null) return false;
  return current === null || current.startsAt !== next.startsAt || current.status === 'cancelled';
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
    const when = sameDay ? localClockOf(next.startsAt, zone) : formatLocalDateTime(next.startsAt, zone);
    throw new AppError(
      'START_IN_PAST',
      `${when} has already passed. To record a visit that already happened, choose “Record it anyway”.`,
      { field: 'startsAt', startsAt: next.startsAt },
    );
  }
  return { ...next, recordedAfterStart: passed };
}

/**
 * Plan a command against the current row; throws AppError when the rules say no. `now` stamps
 * the change; `judgedAt` is the moment the person made it, against which "already passed" is
 * judged (the sync server passes the desk's time of the change, so an intent that was valid
 * when made offline stays valid when it arrives later). It defaults to `now`.
 */
export function planChange(command: Command, current: AnyRow | null, refs: Refs, now: number, judgedAt: number = now): Plan {
  const schema = argsSchemaFor(command.entityType, command.op);
  if (schema === undefined) fieldError('op', `"${command.op}" is not an action on ${noun[command.entityType]}`);
  const args = parseOrThrow(schema, command.args) as Fields;
  if (reasonRequiredOps.has(`${command.entityType}.${command.op}`) && !command.reason) {
    fieldError('reason', 'a reason is required');
  }

  if (command.op === 'create') {
    if (current !== null) {
      throw new AppError('VERSION_CONFLICT', `This ${noun[command.entityType]} already exists.`, { current });
    }
    if (command.expectedVersion !== null) fieldError('expectedVersion', 'a new record has no version yet');
  } else {
    if (current === null) throw new AppError('NOT_FOUND', `That ${noun[command.entityType]} does not exist.`, { field: 'id' });
    if (command.expectedVersion === null) fieldError('expectedVersion', 'is required to change an existing record');
    if (command.expectedVersion !== current.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `Someone else changed this ${noun[command.entityType]} first. Review the latest version and try again.`,
        { current, expectedVersion: command.expectedVersion },
      );
    }
  }

  let next: AnyRow;
  let undoesEventId: string | null = null;
  let eventType: string = command.op;
  if (command.op === 'undo') {
    const undo = planUndo(command, current as AnyRow, refs, now);
    next = undo.row;
    undoesEventId = undo.undoes.id;
    if (command.entityType === 'appointment') {
      next = revalidateAppointment(next as Appointment, refs);
      next = checkStartNotPassed(current as Appointment, next as Appointment, args, refs, judgedAt);
    }
  } else {
    switch (command.entityType) {
      case 'appointment':
        next = planAppointment(command.op, current as Appointment | null, args, command, refs, now);
        next = checkStartNotPassed(current as Appointment | null, next, args, refs, judgedAt);
        break;
      case 'client':
        next = planClient(command.op, current as Client | null, args, command, now);
        break;
      case 'staff':
        next = planStaff(command.op, current as Staff | null, args, command, now);
        break;
      case 'service':
        next = planService(command.op, current as Service | null, args, command, now);
        break;
      case 'settings':
        next = planSettings(command.op, current as Settings | null, args, command, now);
        break;
    }
    eventType = command.op;
  }

  if (current !== null) next = { ...next, version: current.version + 1, updatedAt: now };
  const diff = diffFields(current, next);
  return { row: next, eventType: `${command.entityType}.${eventType}`, before: diff.before, after: diff.after, undoesEventId };
}

/** An undo that brings a booking back must still respect staff and service (its slot is checked by the caller). */
function revalidateAppointment(row: Appointment, refs: Refs): Appointment {
  if (row.status !== 'booked' || row.deletedAt !== null) return row;
  requireStaff(refs, row.staffId);
  return row;
}
