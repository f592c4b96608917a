import type { Command } from '../commands';
import { smsAddress } from '../contacts';
import { messageChannels, type Appointment, type Client, type Message, type MessageChannel, type MessageKind, type Settings } from '../entities';
import { newId } from '../ids';
import { shopCountry } from '../peopleSearch';
import { sayIn } from '../say';
import { reminderDueAt } from './dueTimes';

/**
 * The messages a change to an appointment causes (docs/architecture.md §17), decided from the
 * appointment before and after, its client (consent and contacts), the shop's message settings and
 * the appointment's messages so far. Pure: the rulebook returns these with its decision and each
 * store runs them as commands of their own in the change's transaction.
 *
 * - A booking (a new one, a hold confirmed, a cancelled or removed one brought back): a
 *   confirmation and the reminders, by every channel the shop sends by.
 * - A move (another time or another staff member): a "rescheduled" notice; the pending reminders
 *   move to the new time (or are cancelled where the new time has passed) and any missing ones
 *   are made.
 * - A cancel or removal: a "cancelled" notice; the pending reminders are cancelled. Any other way
 *   out of `booked` (checked in, no-show) cancels the pending reminders without a notice.
 * - A newer notice cancels an older one not yet sent; no notice is sent about an appointment
 *   whose start has passed, and no reminder whose time has passed. Holds get nothing until confirmed.
 * - A channel the client has not agreed to, or has no address for, gets a `skipped` message that
 *   says why, so the appointment can say so (each reminder of a booking once, however often it moves).
 */

export interface FollowUpInput {
  before: Appointment | null;
  after: Appointment;
  client: Client | null;
  settings: Settings | null;
  /** The appointment's messages so far. */
  messages: readonly Message[];
  now: number;
}

export type MessageFollowUp =
  | { op: 'create'; args: MessageCreateArgs }
  | { op: 'cancel'; message: Message; reason: string }
  | { op: 'reschedule'; message: Message; args: { dueAt: number; to: string } };

export interface MessageCreateArgs {
  clientId: string;
  appointmentId: string;
  kind: MessageKind;
  channel: MessageChannel;
  to: string;
  reminderOffsetMinutes: number | null;
  dueAt: number;
  skippedBecause?: string;
}

/** Whether the follow-ups of this change need the appointment's messages: only when the shop sends by some channel. */
export function sendsMessages(settings: Settings | null | undefined): boolean {
  return settings != null && (settings.messages.channels.email || settings.messages.channels.sms);
}

const isBooked = (appointment: Appointment | null): boolean =>
  appointment !== null && appointment.deletedAt === null && appointment.status === 'booked';
/** Waiting to go, so it can still be moved or cancelled by a follow-up (an uncertain one waits for a person). */
const isPending = (message: Message): boolean => message.status === 'scheduled' || message.status === 'failed';

/** The address a channel reaches the client at, or why the client cannot be sent to by it (in the shop's language: the reason is kept and shown as written). */
function reach(client: Client, channel: MessageChannel, settings: Settings): { to: string } | { skippedBecause: string } {
  const because = (key: SkippedKey, phone?: string) => ({
    skippedBecause: sayIn({ key: `messageSkipped.${key}`, params: { name: client.name, ...(phone === undefined ? {} : { phone }) } }, settings.locale.language),
  });
  if (channel === 'email') {
    if (!client.consent.email.given) return because('noEmailConsent');
    if (client.email === null || client.email === '') return because('noEmail');
    return { to: client.email };
  }
  if (!client.consent.sms.given) return because('noSmsConsent');
  if (client.phone === null || client.phone === '') return because('noPhone');
  const to = smsAddress(client.phone, shopCountry(settings.timeZone));
  return to === null ? because('cannotText', client.phone) : { to };
}
type SkippedKey = 'noEmailConsent' | 'noEmail' | 'noSmsConsent' | 'noPhone' | 'cannotText';

/** Which notice a change calls for, if any. */
function noticeOf(before: Appointment | null, after: Appointment): MessageKind | null {
  const was = isBooked(before);
  const is = isBooked(after);
  if (!was && is) {
    // Brought into being, confirmed or brought back; a check-in undone is not a new booking.
    const new_ = before === null || before.status === 'held' || before.status === 'cancelled' || before.deletedAt !== null;
    return new_ ? 'confirmation' : null;
  }
  if (was && is && before !== null) return before.startsAt !== after.startsAt || before.staffId !== after.staffId ? 'rescheduled' : null;
  if (was && !is) return after.status === 'cancelled' || after.deletedAt !== null ? 'cancelled' : null;
  return null;
}

const noticeReason: Record<string, string> = {
  confirmation: 'The appointment was booked again.',
  rescheduled: 'The appointment moved.',
  cancelled: 'The appointment was cancelled.',
};

export function messageFollowUps(input: FollowUpInput): MessageFollowUp[] {
  const { before, after, client, settings, now } = input;
  if (settings === null || client === null || !sendsMessages(settings)) return [];
  // Nothing goes to an erased client again; the erasure itself cancelled what was waiting (§28).
  if (typeof client.erasedAt === 'number') return [];
  const was = isBooked(before);
  const is = isBooked(after);
  if (!was && !is) return [];
  const notice = noticeOf(before, after);
  // A change that keeps the booking where it was (notes, service) leaves its messages as they are.
  if (was && is && notice === null) return [];

  const channels = messageChannels.filter((channel) => settings.messages.channels[channel]);
  const reached = new Map(channels.map((channel) => [channel, reach(client, channel, settings)]));
  const mine = input.messages.filter((message) => message.appointmentId === after.id);
  const followUps: MessageFollowUp[] = [];
  const base = { clientId: after.clientId, appointmentId: after.id };
  const create = (kind: MessageKind, channel: MessageChannel, dueAt: number, reminderOffsetMinutes: number | null) => {
    const how = reached.get(channel) ?? { skippedBecause: sayIn({ key: 'messageSkipped.channelOff' }, settings.locale.language) };
    const to = 'to' in how ? how.to : '';
    const skipped = 'skippedBecause' in how ? { skippedBecause: how.skippedBecause } : {};
    followUps.push({ op: 'create', args: { ...base, kind, channel, to, reminderOffsetMinutes, dueAt, ...skipped } });
  };

  if (notice !== null) {
    for (const older of mine.filter((message) => message.kind !== 'reminder' && isPending(message)))
      followUps.push({ op: 'cancel', message: older, reason: noticeReason[notice] ?? 'A newer notice replaces it.' });
    if (after.startsAt > now) for (const channel of channels) create(notice, channel, now, null);
  }

  // The reminders the appointment should have now, by channel and offset.
  const wanted = is
    ? channels.flatMap((channel) =>
        settings.messages.reminderOffsetsMinutes.flatMap((offset) => {
          const dueAt = reminderDueAt(after.startsAt, offset, channel, settings.messages, settings.timeZone);
          return dueAt > now ? [{ channel, offset, dueAt }] : [];
        }),
      )
    : [];
  const handled = new Set<string>();
  const slot = (channel: MessageChannel, offset: number | null) => `${channel}:${offset ?? ''}`;
  for (const reminder of mine.filter((message) => message.kind === 'reminder' && isPending(message))) {
    const want = wanted.find((candidate) => candidate.channel === reminder.channel && candidate.offset === reminder.reminderOffsetMinutes);
    const how = reached.get(reminder.channel);
    if (want === undefined || how === undefined || !('to' in how) || handled.has(slot(want.channel, want.offset))) {
      followUps.push({ op: 'cancel', message: reminder, reason: is ? 'The appointment moved.' : 'The appointment is no longer booked.' });
      continue;
    }
    handled.add(slot(want.channel, want.offset));
    if (reminder.dueAt !== want.dueAt || reminder.to !== how.to || reminder.status !== 'scheduled')
      followUps.push({ op: 'reschedule', message: reminder, args: { dueAt: want.dueAt, to: how.to } });
  }
  const skippedBefore = new Set(
    mine.filter((message) => message.kind === 'reminder' && message.status === 'skipped').map((message) => slot(message.channel, message.reminderOffsetMinutes)),
  );
  for (const want of wanted) {
    const key = slot(want.channel, want.offset);
    if (handled.has(key)) continue;
    const how = reached.get(want.channel);
    if (how !== undefined && 'skippedBecause' in how && skippedBefore.has(key)) continue;
    create('reminder', want.channel, want.dueAt, want.offset);
  }
  return followUps;
}

/**
 * The follow-ups as commands of their own, each keyed by the change that caused it (so a replay
 * of that change never makes them twice: it answers its first answer and runs nothing).
 */
export function followUpCommands(followUps: readonly MessageFollowUp[], causedBy: { eventId: string }): Command[] {
  return followUps.map((followUp, index) => {
    const idempotencyKey = `msg:${causedBy.eventId}:${index}`;
    if (followUp.op === 'create') {
      return { entityType: 'message', op: 'create', entityId: newId(), expectedVersion: null, idempotencyKey, reason: null, args: { ...followUp.args } };
    }
    const { message } = followUp;
    const common = { entityType: 'message' as const, entityId: message.id, expectedVersion: message.version, idempotencyKey };
    return followUp.op === 'cancel'
      ? { ...common, op: 'cancel', reason: followUp.reason, args: {} }
      : { ...common, op: 'reschedule', reason: null, args: { ...followUp.args } };
  });
}
