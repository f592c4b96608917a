import type { AppointmentStatus, Message, MessageStatus } from './entities';

type MessageKind = Message['kind'];
type MessageChannel = Message['channel'];

/** A visit's status in words, wherever it is shown or written (screens, history, exports). */
export const appointmentStatusWords: Readonly<Record<AppointmentStatus, string>> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  arrived: 'Arrived',
  in_service: 'In the chair',
  completed: 'Done',
  held: 'Held',
};

/** What a message is, in words (screens, exports). */
export const messageKindWords: Readonly<Record<MessageKind, string>> = {
  confirmation: 'Confirmation',
  rescheduled: 'Rescheduled notice',
  cancelled: 'Cancellation notice',
  reminder: 'Reminder',
  test: 'Test message',
};

export const channelWords: Readonly<Record<MessageChannel, string>> = { email: 'E-mail', sms: 'Text' };

/** A message's state in a word or two, for a file (the screens say more, with the next step). */
export const messageStatusWords: Readonly<Record<MessageStatus, string>> = {
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
  uncertain: 'Not sure it was sent',
  missed: 'Missed',
  skipped: 'Not sent',
};
