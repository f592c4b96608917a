import type { DayAppointment } from './api/types';
import type { Intent } from './state/desk';
import { recordFieldNames } from '../src-shared/fieldNames';
import { formatLocalDateTime, localClockOf, localDateOf, MINUTE_MS } from '../src-shared/time';

export type Tone = 'confirmed' | 'pending' | 'conflict' | 'failed' | 'cancelled' | 'noshow';

/**
 * The honest state badge (docs/architecture.md §6). "Confirmed" only for what this desk's store (standalone)
 * or the shop's server (paired) acknowledged; anything in flight or waiting says so.
 */
export function badgeOf(appointment: DayAppointment, intent?: Intent, onServer?: boolean): { label: string; tone: Tone } {
  if (intent?.status === 'saving') return { label: 'Saving…', tone: 'pending' };
  if (intent?.status === 'failed') return { label: 'Failed — retry', tone: 'failed' };
  switch (appointment.syncState) {
    case 'pending': {
      // The shop's server does not have this booking at all yet (sync.entityStates' onServer);
      // while that is unknown, a first version is assumed new.
      const notOnServer = onServer === undefined ? appointment.version === 1 : !onServer;
      return notOnServer && appointment.status === 'booked'
        ? { label: 'Pending sync (not booked)', tone: 'pending' }
        : { label: 'Pending sync', tone: 'pending' };
    }
    case 'conflict':
      return { label: 'Conflict — review', tone: 'conflict' };
    case 'rejected':
    case 'failed':
      return { label: 'Failed — retry', tone: 'failed' };
    case 'confirmed':
      break;
  }
  if (appointment.status === 'cancelled') return { label: 'Cancelled', tone: 'cancelled' };
  if (appointment.status === 'no_show') return { label: 'No-show', tone: 'noshow' };
  return { label: 'Confirmed', tone: 'confirmed' };
}

export function ghostBadge(intent: Intent): { label: string; tone: Tone } {
  return intent.status === 'failed'
    ? { label: 'Failed — retry (not booked)', tone: 'failed' }
    : { label: 'Saving… (not booked yet)', tone: 'pending' };
}

export const clock = localClockOf;
export const dateTime = formatLocalDateTime;

export function timeRange(startsAt: number, endsAt: number, zone: string): string {
  return `${localClockOf(startsAt, zone)}–${localClockOf(endsAt, zone)}`;
}

const verbs: Record<string, string> = {
  create: 'created',
  reschedule: 'moved',
  changeService: 'changed the service of',
  updateNotes: 'edited the notes of',
  cancel: 'cancelled',
  restore: 'restored',
  markNoShow: 'marked as no-show',
  clearNoShow: 'cleared the no-show of',
  delete: 'deleted',
  undelete: 'brought back',
  update: 'updated',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  archive: 'archived',
  unarchive: 'unarchived',
};

const nouns: Record<string, string> = {
  create: 'creation',
  reschedule: 'move',
  changeService: 'service change',
  updateNotes: 'notes change',
  cancel: 'cancellation',
  restore: 'restore',
  markNoShow: 'no-show',
  clearNoShow: 'cleared no-show',
  delete: 'deletion',
  undelete: 'undelete',
  update: 'update',
  deactivate: 'deactivation',
  reactivate: 'reactivation',
  archive: 'archiving',
  unarchive: 'unarchiving',
  undo: 'undo',
};

const entityNouns: Record<string, string> = {
  appointment: 'appointment',
  client: 'client',
  staff: 'staff member',
  service: 'service',
  settings: 'shop settings',
};

const opOf = (type: string) => type.split('.')[1] ?? type;

/** Who made a change, as the history names them: "You" for the person at the desk. */
export function whoOf(event: { actorStaffId: string | null; actorName: string | null }, meId: string | null): string {
  return event.actorStaffId !== null && event.actorStaffId === meId ? 'You' : (event.actorName ?? 'Shop set-up');
}

/** What an operation is called when it is undone ("the cancellation", "the archiving"). */
export function nounOfOp(type: string): string {
  return nouns[opOf(type)] ?? 'change';
}

/** "You cancelled", "Maya undid the cancellation", "Set-up created the service". */
export function describeEvent(
  event: { type: string; entityType: string; actorStaffId: string | null; actorName: string | null; undoesEventType?: string | null },
  meId: string | null,
  withEntity = false,
): string {
  return `${whoOf(event, meId)} ${describeChange(event, withEntity)}`;
}

/** What an event did, without who did it: "cancelled", "undid the cancellation", "added the service". */
export function describeChange(event: { type: string; entityType: string; undoesEventType?: string | null }, withEntity = false): string {
  const op = opOf(event.type);
  const noun = entityNouns[event.entityType] ?? event.entityType;
  if (op === 'undo') {
    const undone = event.undoesEventType ? `the ${nouns[opOf(event.undoesEventType)] ?? 'change'}` : 'a change';
    return `undid ${undone}${withEntity ? ` (${noun})` : ''}`;
  }
  if (op === 'create') return `${event.entityType === 'appointment' ? 'booked' : 'added'} the ${noun}`;
  const verb = verbs[op] ?? op;
  if (event.entityType === 'appointment' && (op === 'cancel' || op === 'restore' || op === 'markNoShow')) {
    return withEntity ? `${verb} an appointment` : verb;
  }
  return `${verb} the ${noun}`;
}

export const eventTypeLabels: Record<string, string> = {
  'appointment.create': 'Appointment booked',
  'appointment.reschedule': 'Appointment moved',
  'appointment.changeService': 'Service changed',
  'appointment.updateNotes': 'Notes edited',
  'appointment.cancel': 'Appointment cancelled',
  'appointment.restore': 'Appointment restored',
  'appointment.markNoShow': 'Marked no-show',
  'appointment.clearNoShow': 'No-show cleared',
  'appointment.undo': 'Appointment change undone',
  'client.create': 'Client added',
  'client.update': 'Client updated',
  'client.undo': 'Client change undone',
  'staff.create': 'Staff added',
  'staff.update': 'Staff updated',
  'staff.deactivate': 'Staff deactivated',
  'staff.reactivate': 'Staff reactivated',
  'service.create': 'Service added',
  'service.update': 'Service updated',
  'service.archive': 'Service archived',
  'settings.create': 'Shop set up',
  'settings.update': 'Settings changed',
};

/** Plain names of record fields, for history and for the Recovery Center's side-by-side view. */
export const fieldLabels = recordFieldNames;

const hidden = new Set(['endsAt', 'blockEndsAt', 'outsideHours', 'recordedAfterStart', 'pinHash', 'createdAt', 'updatedAt', 'version', 'id', 'closedDates']);

const statusLabels: Record<string, string> = { booked: 'Booked', cancelled: 'Cancelled', no_show: 'No-show' };

export interface Lookup {
  staff: Map<string, string>;
  services: Map<string, string>;
  zone: string;
}

function show(field: string, value: unknown, lookup: Lookup): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'startsAt' && typeof value === 'number') return formatLocalDateTime(value, lookup.zone);
  if (field === 'deletedAt') return 'yes';
  if (field === 'staffId') return lookup.staff.get(String(value)) ?? 'another staff member';
  if (field === 'serviceId') return lookup.services.get(String(value)) ?? 'another service';
  if (field === 'clientId') return 'client';
  if (field === 'status') return statusLabels[String(value)] ?? String(value);
  if (field === 'priceCents' && typeof value === 'number') return (value / 100).toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return 'changed';
  return String(value);
}

/**
 * "10:00" today or "Mon 1 Jun 2026, 10:00" when a start has already passed (judged to the minute,
 * as the booking rule judges it), else null.
 */
export function passedStartLabel(startsAt: number, now: number, zone: string): string | null {
  if (startsAt >= Math.floor(now / MINUTE_MS) * MINUTE_MS) return null;
  return localDateOf(startsAt, zone) === localDateOf(now, zone) ? localClockOf(startsAt, zone) : formatLocalDateTime(startsAt, zone);
}

/** Exceptions a person chose that an event records, in words (shown beside its changes). */
export function exceptionsOf(after: Record<string, unknown>): string[] {
  return after.recordedAfterStart === true ? ['Recorded after its start time had passed (a visit that already happened)'] : [];
}

/** before → after lines of an event, in words. */
export function changesOf(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  lookup: Lookup,
  isCreate: boolean,
): { key: string; field: string; before: string; after: string }[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !hidden.has(key) && key in fieldLabels);
  if (isCreate) return [];
  return keys.map((key) => ({
    key,
    field: fieldLabels[key] ?? key,
    before: show(key, before[key], lookup),
    after: show(key, after[key], lookup),
  }));
}
