import { fieldSayOf } from '../fieldNames';
import type { Command } from '../commands';
import type { Appointment, Client, DomainEvent, FormTemplate, Product, Service, Settings, Staff, TimeOff } from '../entities';
import { refuse } from '../refuse';
import { sayIn, type Say, type SayKey } from '../say';
import { clockMinutes, localWallClock, weekdayOf } from '../time';

/** What every op's planner may use besides its row and args, and the refusals they share. */

export interface Refs {
  service?: Service | null;
  staff?: Staff | null;
  client?: Client | null;
  /** The product a stock movement moves. */
  product?: Product | null;
  settings?: Settings | null;
  targetEvent?: DomainEvent | null;
  /** True when some event already undoes targetEvent. */
  targetUndone?: boolean;
  /** The staff rows a service's performedBy names (those the shop has). */
  performers?: Staff[];
  /** The booking's staff member's time off and extra hours around its time. */
  timeOff?: TimeOff[];
  /** A new form response's template and visit. */
  formTemplate?: FormTemplate | null;
  appointment?: Appointment | null;
}

/** The command being planned, the rows it refers to, and the instant that stamps the change. */
export interface PlanContext {
  command: Command;
  refs: Refs;
  now: number;
  /** The moment the person made the change (the desk's now; on the server the change's own time). */
  judgedAt: number;
  /** Who is making the change (null only while the shop has no owner, during set-up). */
  actorStaffId: string | null;
}

/**
 * A new record: the id its command names, version 1, made now, with its own fields. (Built as one
 * literal with the fields spread last: spreading the meta fields first and adding a dozen fields
 * after them cost a booking some 35 µs in V8.)
 */
export function newRecord<F extends object>({ command, now }: Pick<PlanContext, 'command' | 'now'>, fields: F) {
  return { id: command.entityId, version: 1, createdAt: now, updatedAt: now, deletedAt: null, ...fields };
}

/** A record removed (soft-deleted) takes no further change. */
export function refuseRemoved(key: SayKey) {
  return (current: { deletedAt: number | null } | null): void => {
    if (current !== null && current.deletedAt !== null) invalid(key);
  };
}

/** INVALID_TRANSITION in the catalogue's words. */
export function invalid(key: SayKey, params?: Say['params'], details?: Record<string, unknown>): never {
  throw refuse('INVALID_TRANSITION', key, params, details);
}

/** VALIDATION_ERROR: a field's problem, in the catalogue's words, after the field's name. */
export function fieldError(field: string, problem: SayKey, params?: Say['params']): never {
  // The field in words ("Service: this service is archived."); its key stays in the details for the form.
  const problemSay: Say = params === undefined ? { key: problem } : { key: problem, params };
  throw refuse(
    'VALIDATION_ERROR',
    'planning.fieldProblem',
    { name: fieldSayOf([field]) ?? { key: 'planning.checkDetails' }, problem: problemSay },
    { field, issues: [{ field, problem: sayIn(problemSay, 'en') }] },
  );
}

/** The args an update sets (an omitted field keeps its value; booking exceptions are not fields). */
export function definedOnly<T extends object>(args: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(args).filter(
      ([key, value]) => value !== undefined && key !== 'allowOutsideHours' && key !== 'allowOutsideSchedule',
    ),
  ) as Partial<T>;
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
  // A special opening day's own hours replace its weekday's (the finder reads them the same way: shopHoursOn).
  const special = settings.specialDays.length === 0 ? undefined : settings.specialDays.find((day) => day.date === from.date);
  return (special?.hours ?? settings.openingHours[weekdayOf(from.date)]).some(
    (interval) => from.minutes >= clockMinutes(interval.open) && to.minutes <= clockMinutes(interval.close),
  );
}

export function requireService(refs: Refs, serviceId: string): Service {
  const service = refs.service;
  if (!service || service.id !== serviceId)
    throw refuse('NOT_FOUND', 'planning.noService', undefined, { field: 'serviceId' });
  if (service.archived || service.deletedAt !== null) fieldError('serviceId', 'planning.serviceArchived');
  return service;
}

export function requireStaff(refs: Refs, staffId: string): Staff {
  const staff = refs.staff;
  if (!staff || staff.id !== staffId)
    throw refuse('NOT_FOUND', 'planning.noStaff', undefined, { field: 'staffId' });
  if (!staff.active || staff.deletedAt !== null) fieldError('staffId', 'planning.staffInactive', { name: staff.name });
  return staff;
}

export function requireClient(refs: Refs, clientId: string): Client {
  const client = refs.client;
  if (!client || client.id !== clientId)
    throw refuse('NOT_FOUND', 'planning.noClient', undefined, { field: 'clientId' });
  if (client.deletedAt !== null) fieldError('clientId', 'planning.clientDeleted', { name: client.name });
  return client;
}

/** The product a stock movement names: one the shop keeps and has not removed. */
export function requireProduct(refs: Refs, productId: string): Product {
  const product = refs.product;
  if (!product || product.id !== productId || product.deletedAt !== null)
    throw refuse('NOT_FOUND', 'planning.noProduct', undefined, { field: 'productId' });
  return product;
}

/**
 * VALIDATION_ERROR in the person's own words ("The time off ends before it starts."), naming the
 * field to correct in its details: for a rule across fields that no one field's schema can say.
 */
export function plainFieldError(field: string, key: SayKey, params?: Say['params']): never {
  const problem = sayIn(params === undefined ? { key } : { key, params }, 'en');
  throw refuse('VALIDATION_ERROR', key, params, { field, issues: [{ field, problem }] });
}

/** The staff member a time off or a block belongs to: one the shop has and has not removed. */
export function requireStaffMember(refs: Refs, staffId: string): Staff {
  const staff = refs.staff;
  if (!staff || staff.id !== staffId)
    throw refuse('NOT_FOUND', 'planning.noStaff', undefined, { field: 'staffId' });
  if (staff.deletedAt !== null) fieldError('staffId', 'planning.staffRemoved', { name: staff.name });
  return staff;
}
