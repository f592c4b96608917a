import type { DayAppointment } from './api/types';
import type { Intent } from './state/desk';
import { entityTypes } from '../src-shared/entities';
import { recordFieldNames } from '../src-shared/fieldNames';
import { appointmentStatusWords } from '../src-shared/statusWords';
import { eventLabels, nounOf, registry, wordingOf } from '../src-shared/registry';
import { formatLocalDateTime, localDateOf, MINUTE_MS } from '../src-shared/time';
import { shownFormat } from '../src-shared/locale/format';
import { tShown } from './i18n';
import { formatMoney } from './screens/settings/money';

export type Tone = 'confirmed' | 'pending' | 'conflict' | 'failed' | 'cancelled' | 'noshow';

/**
 * The honest state badge (docs/architecture.md §6). "Confirmed" only for what this desk's store (standalone)
 * or the shop's server (paired) acknowledged; anything in flight or waiting says so.
 */
export function badgeOf(appointment: DayAppointment, intent?: Intent, onServer?: boolean): { label: string; tone: Tone } {
  const t = tShown('format');
  if (intent?.status === 'saving') return { label: t('badge.saving'), tone: 'pending' };
  if (intent?.status === 'failed') return { label: t('badge.failed'), tone: 'failed' };
  switch (appointment.syncState) {
    case 'pending': {
      // The shop's server does not have this booking at all yet (sync.entityStates' onServer);
      // while that is unknown, a first version is assumed new.
      const notOnServer = onServer === undefined ? appointment.version === 1 : !onServer;
      return notOnServer && appointment.status === 'booked'
        ? { label: t('badge.pendingNotBooked'), tone: 'pending' }
        : { label: t('badge.pending'), tone: 'pending' };
    }
    case 'conflict':
      return { label: t('badge.conflict'), tone: 'conflict' };
    case 'rejected':
    case 'failed':
      return { label: t('badge.failed'), tone: 'failed' };
    case 'confirmed':
      break;
  }
  if (appointment.status === 'cancelled') return { label: t('badge.cancelled'), tone: 'cancelled' };
  if (appointment.status === 'no_show') return { label: t('badge.noShow'), tone: 'noshow' };
  if (appointment.status === 'held') return { label: t('badge.held'), tone: 'pending' };
  return { label: t('badge.confirmed'), tone: 'confirmed' };
}

export function ghostBadge(intent: Intent): { label: string; tone: Tone } {
  const t = tShown('format');
  return intent.status === 'failed' ? { label: t('badge.ghostFailed'), tone: 'failed' } : { label: t('badge.ghostSaving'), tone: 'pending' };
}

/** An instant's time on the shop's clock, 12- or 24-hour as it chose (src-shared/locale/format.ts). */
export const clock = (instant: number, zone: string): string => shownFormat().clock(instant, zone);
export const dateTime = formatLocalDateTime;

export function timeRange(startsAt: number, endsAt: number, zone: string): string {
  return shownFormat().timeRange(startsAt, endsAt, zone);
}

/** How events read comes from the op that made them (src-shared/registry/); the same for every screen. */
const opOf = (type: string) => type.split('.')[1] ?? type;

/** Who made a change, as the history names them: "You" for the person at the desk. */
export function whoOf(event: { type?: string; actorStaffId: string | null; actorName: string | null }, meId: string | null): string {
  // The sender's own steps are CareDesk's, whoever's name the rules recorded them in.
  if (event.type !== undefined && wordingOf(event.type)?.automatic === true) return 'CareDesk';
  return event.actorStaffId !== null && event.actorStaffId === meId ? 'You' : (event.actorName ?? 'Shop set-up');
}

/** What an operation is called when it is undone ("the cancellation", "the archiving"). */
export function nounOfOp(type: string): string {
  return wordingOf(type)?.name ?? 'change';
}

/** "You cancelled", "Maya undid the cancellation", "Set-up created the service". */
export function describeEvent(
  event: { type: string; entityType: string; actorStaffId: string | null; actorName: string | null; undoesEventType?: string | null; after?: Record<string, unknown> },
  meId: string | null,
  withEntity = false,
): string {
  return `${whoOf(event, meId)} ${describeChange(event, withEntity)}`;
}

/** What an event did, without who did it: "cancelled", "undid the cancellation", "added the service". */
export function describeChange(
  event: { type: string; entityType: string; undoesEventType?: string | null; after?: Record<string, unknown> },
  withEntity = false,
): string {
  const kind = entityTypes.find((candidate) => candidate === event.entityType);
  const noun = kind === undefined ? event.entityType : nounOf(kind);
  if (opOf(event.type) === 'undo') {
    if (event.undoesEventType) return `undid the ${nounOfOp(event.undoesEventType)}${withEntity && kind !== undefined ? ` of ${registry[kind].aNoun}` : ''}`;
    return `undid a change${withEntity && kind !== undefined ? ` to ${registry[kind].aNoun}` : ''}`;
  }
  // A booking made as a hold: pencilled in, not booked.
  if (opOf(event.type) === 'create' && event.after?.status === 'held') return `pencilled in the ${noun}`;
  const wording = wordingOf(event.type);
  if (wording === undefined) return `${opOf(event.type)} the ${noun}`;
  if (wording.alone === true) return withEntity && kind !== undefined ? `${wording.verb} ${registry[kind].aNoun}` : wording.verb;
  return `${wording.verb} the ${noun}`;
}

/** The activity log's name of every kind of event ("Appointment booked"), from the registry. */
export const eventTypeLabels: Readonly<Record<string, string>> = eventLabels;

/** Plain names of record fields, for history and for the Recovery Center's side-by-side view. */
export const fieldLabels = recordFieldNames;

// deletedAt: the verb says it ("deleted", "brought back"); "Deleted: — → yes" says nothing.
const hidden = new Set(['deletedAt', 'endsAt', 'blockStartsAt', 'blockEndsAt', 'outsideHours', 'outsideSchedule', 'recordedAfterStart', 'pinHash', 'createdAt', 'updatedAt', 'version', 'id', 'closedDates']);

/** A visit's status in words, wherever it is shown (history, the Recovery Center, a client's visits) or written (exports). */
export const visitStatusLabels: Readonly<Record<string, string>> = appointmentStatusWords;
/** The visit's own moments (check-in, start, checkout): read as the shop's date and time. */
export const visitInstantFields: ReadonlySet<string> = new Set(['startsAt', 'arrivedAt', 'serviceStartedAt', 'completedAt', 'holdExpiresAt']);

export interface Lookup {
  staff: Map<string, string>;
  services: Map<string, string>;
  zone: string;
}

function show(field: string, value: unknown, lookup: Lookup): string {
  if (value === null || value === undefined || value === '') return '—';
  if (visitInstantFields.has(field) && typeof value === 'number') return formatLocalDateTime(value, lookup.zone);
  if (field === 'deletedAt') return 'yes';
  if (field === 'staffId') return lookup.staff.get(String(value)) ?? 'another staff member';
  if (field === 'serviceId') return lookup.services.get(String(value)) ?? 'another service';
  if (field === 'clientId') return 'client';
  if (field === 'status') return visitStatusLabels[String(value)] ?? String(value);
  if ((field === 'priceCents' || field === 'discountCents') && typeof value === 'number') return formatMoney(value);
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
  return localDateOf(startsAt, zone) === localDateOf(now, zone) ? clock(startsAt, zone) : formatLocalDateTime(startsAt, zone);
}

/** Exceptions a person chose that an event records, in words (shown beside its changes). */
export function exceptionsOf(after: Record<string, unknown>): string[] {
  const exceptions: string[] = [];
  if (after.outsideHours === true) exceptions.push("Booked outside the shop's opening hours, as an exception");
  if (after.recordedAfterStart === true) exceptions.push('Recorded after its start time had passed (a visit that already happened)');
  if (after.outsideSchedule === true) exceptions.push("Booked outside the staff member's working time, as an exception");
  return exceptions;
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
