import type { Appointment, Message, MessageChannel } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import type { Desk } from '../../../src-main/core/commands/execute';
import { createMessage } from '../../../src-main/core/messages/commands';

/** Messages for the sender's tests and benchmark, scheduled through the registered `message.create`. */

const addressFor = (channel: MessageChannel, n: number): string =>
  channel === 'email' ? `client${n}@example.com` : `+4477009${String(n % 100_000).padStart(5, '0')}`;

/** A test message (about no appointment) due now; `n` picks a distinct address. */
export function scheduleTestMessage(desk: Desk, clientId: string, channel: MessageChannel = 'sms', n = 0): Message {
  return createMessage(desk, { idempotencyKey: newId(), clientId, appointmentId: null, kind: 'test', channel, to: addressFor(channel, n) }).row as Message;
}

/** A reminder of the appointment, `offsetMinutes` before its start unless `dueAt` says otherwise. */
export function scheduleReminder(
  desk: Desk,
  appointment: Appointment,
  options: { channel?: MessageChannel; n?: number; offsetMinutes?: number; dueAt?: number } = {},
): Message {
  const channel = options.channel ?? 'sms';
  const offsetMinutes = options.offsetMinutes ?? 120;
  return createMessage(desk, {
    idempotencyKey: newId(),
    clientId: appointment.clientId,
    appointmentId: appointment.id,
    kind: 'reminder',
    channel,
    to: addressFor(channel, options.n ?? 0),
    reminderOffsetMinutes: offsetMinutes,
    dueAt: options.dueAt ?? appointment.startsAt - offsetMinutes * 60_000,
  }).row as Message;
}
