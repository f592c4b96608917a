import type { DayAppointment } from './api/types';
import type { Intent } from './state/desk';
import { entityTypes } from '../src-shared/entities';
import { recordFieldNamesIn } from '../src-shared/fieldNames';
import { appointmentStatusWordsIn } from '../src-shared/statusWords';
import { eventLabelsIn, kindWordsOf, wordingOf } from '../src-shared/registry';
import { formatLocalDateTime, localDateOf, MINUTE_MS } from '../src-shared/time';
import { shownFormat } from '../src-shared/locale/format';
import { screenT, shownTable, tShown } from './i18n';
import { tIn } from '../src-shared/i18n';
import { formatMoney } from './screens/settings/money';

export type Tone = 'confirmed' | 'pending' | 'conflict' | 'failed' | 'cancelled' | 'noshow';

/**
 * The honest state badge (docs/architecture.md §6). "Confirmed" only for what this desk's store (standalone)
 * or the shop's server (paired) acknowledged; anything in flight or waiting says so.
 */
export interface Badge {
  label: string;
  tone: Tone;
  /** The badge in the catalogue's own English, the same in every language: `data-state` for support and tests. */
  state: string;
}
type BadgeKey = 'saving' | 'failed' | 'pendingNotBooked' | 'pending' | 'conflict' | 'cancelled' | 'noShow' | 'held' | 'confirmed' | 'ghostFailed' | 'ghostSaving';
const stateNames = tIn('en', 'format');
function badge(key: BadgeKey, tone: Tone): Badge {
  return { label: tShown('format')(`badge.${key}`), tone, state: stateNames(`badge.${key}`) };
}

export function badgeOf(appointment: DayAppointment, intent?: Intent, onServer?: boolean): Badge {
  if (intent?.status === 'saving') return badge('saving', 'pending');
  if (intent?.status === 'failed') return badge('failed', 'failed');
  switch (appointment.syncState) {
    case 'pending': {
      // The shop's server does not have this booking at all yet (sync.entityStates' onServer);
      // while that is unknown, a first version is assumed new.
      const notOnServer = onServer === undefined ? appointment.version === 1 : !onServer;
      return notOnServer && appointment.status === 'booked'
        ? badge('pendingNotBooked', 'pending')
        : badge('pending', 'pending');
    }
    case 'conflict':
      return badge('conflict', 'conflict');
    case 'rejected':
    case 'failed':
      return badge('failed', 'failed');
    case 'confirmed':
      break;
  }
  if (appointment.status === 'cancelled') return badge('cancelled', 'cancelled');
  if (appointment.status === 'no_show') return badge('noShow', 'noshow');
  if (appointment.status === 'held') return badge('held', 'pending');
  return badge('confirmed', 'confirmed');
}

export function ghostBadge(intent: Intent): Badge {
  return intent.status === 'failed' ? badge('ghostFailed', 'failed') : badge('ghostSaving', 'pending');
}

/** An instant's time on the shop's clock, 12- or 24-hour as it chose (src-shared/locale/format.ts). */
export const clock = (instant: number, zone: string): string => shownFormat().clock(instant, zone);
export const dateTime = formatLocalDateTime;

export function timeRange(startsAt: number, endsAt: number, zone: string): string {
  return shownFormat().timeRange(startsAt, endsAt, zone);
}

/** How events read comes from the op that made them (src-shared/registry/); the same for every screen. */
export const history = screenT('history');
const opOf = (type: string) => type.split('.')[1] ?? type;

/**
 * Who made a change, as the history names them: "You" for the person at the desk. Spanish says
 * "Sam Taylor (tú)": its sentences' verbs are in the third person ("cambió"), which "tú" cannot be
 * the subject of, and "usted" is not how the desk speaks to a receptionist.
 */
export function whoOf(event: { type?: string; actorStaffId: string | null; actorName: string | null }, meId: string | null): string {
  // The sender's own steps are CareDesk's, whoever's name the rules recorded them in.
  if (event.type !== undefined && wordingOf(event.type)?.automatic === true) return 'CareDesk';
  if (event.actorStaffId !== null && event.actorStaffId === meId) return history('who.you', { name: event.actorName ?? '' }).trim();
  return event.actorName ?? history('who.setUp');
}

/** What an operation is called when it is undone ("the cancellation", "the archiving"). */
export function nounOfOp(type: string): string {
  return wordingOf(type)?.name ?? history('describe.aChangeName');
}

/** "You cancelled", "Maya undid the cancellation", "Set-up created the service". */
export function describeEvent(
  event: { type: string; entityType: string; actorStaffId: string | null; actorName: string | null; undoesEventType?: string | null; after?: Record<string, unknown> },
  meId: string | null,
  withEntity = false,
): string {
  return history('sentence', { who: whoOf(event, meId), what: describeChange(event, withEntity) });
}

/** What an event did, without who did it: "cancelled", "undid the cancellation", "added the service". */
export function describeChange(
  event: { type: string; entityType: string; undoesEventType?: string | null; after?: Record<string, unknown> },
  withEntity = false,
): string {
  const kind = entityTypes.find((candidate) => candidate === event.entityType);
  const words = kind === undefined ? { theNoun: event.entityType, aNoun: event.entityType } : kindWordsOf(kind);
  const named = withEntity && kind !== undefined;
  if (opOf(event.type) === 'undo') {
    if (event.undoesEventType) {
      const name = nounOfOp(event.undoesEventType);
      return named ? history('undo.theOf', { name, what: words.aNoun }) : history('undo.the', { name });
    }
    return named ? history('undo.aChangeTo', { what: words.aNoun }) : history('undo.aChange');
  }
  // A booking made as a hold: pencilled in, not booked.
  if (opOf(event.type) === 'create' && event.after?.status === 'held') return history('describe.pencilledIn', { theNoun: words.theNoun });
  const wording = wordingOf(event.type);
  if (wording === undefined) return history('describe.opTheNoun', { op: opOf(event.type), theNoun: words.theNoun });
  if (wording.alone === true) return named ? history('describe.verbANoun', { verb: wording.verb, aNoun: words.aNoun }) : wording.verb;
  return history('describe.verbTheNoun', { verb: wording.verb, theNoun: words.theNoun });
}

/** The activity log's name of every kind of event ("Appointment booked"), from the registry, in the language on screen. */
export const eventTypeLabels: Readonly<Record<string, string>> = shownTable(() => eventLabelsIn());

/** Plain names of record fields, for history and for the Recovery Center's side-by-side view. */
export const fieldLabels = shownTable(() => recordFieldNamesIn());

// deletedAt: the verb says it ("deleted", "brought back"); "Deleted: — → yes" says nothing.
const hidden = new Set(['deletedAt', 'endsAt', 'blockStartsAt', 'blockEndsAt', 'outsideHours', 'outsideSchedule', 'recordedAfterStart', 'pinHash', 'createdAt', 'updatedAt', 'version', 'id', 'closedDates']);

/** A visit's status in words, wherever it is shown (history, the Recovery Center, a client's visits) or written (exports). */
export const visitStatusLabels: Readonly<Record<string, string>> = shownTable(() => appointmentStatusWordsIn());
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
  if (field === 'deletedAt') return history('value.yes');
  if (field === 'staffId') return lookup.staff.get(String(value)) ?? history('value.anotherStaff');
  if (field === 'serviceId') return lookup.services.get(String(value)) ?? history('value.anotherService');
  if (field === 'clientId') return history('value.client');
  if (field === 'status') return visitStatusLabels[String(value)] ?? String(value);
  if ((field === 'priceCents' || field === 'discountCents') && typeof value === 'number') return formatMoney(value);
  if (typeof value === 'boolean') return value ? history('value.yes') : history('value.no');
  if (typeof value === 'object') return history('value.changed');
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
  if (after.outsideHours === true) exceptions.push(history('exceptions.outsideHours'));
  if (after.recordedAfterStart === true) exceptions.push(history('exceptions.recordedAfterStart'));
  if (after.outsideSchedule === true) exceptions.push(history('exceptions.outsideSchedule'));
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
