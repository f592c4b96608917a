import type { Message } from '../src-shared/entities';
import { channelWordsIn, messageKindWordsIn, messageStatusWordsIn } from '../src-shared/statusWords';
import { formatLocalDateTime, localDateOf } from '../src-shared/time';
import { clock, history } from './format';
import { shownTable } from './i18n';

/**
 * A message in a receptionist's words (docs/architecture.md §21): what it is, how it goes, when,
 * and its state — never a status code. The drawer, the Messages screen and the Recovery Center
 * all read it from here, so a message reads the same wherever it shows.
 */

type Wordable = Pick<Message, 'kind' | 'channel' | 'to' | 'status' | 'reminderOffsetMinutes' | 'dueAt' | 'updatedAt' | 'retryAt' | 'lastError' | 'provider'>;

/** "2 days", "2 hours", "1 day 12 hours", "90 minutes". */
export function offsetWords(minutes: number): string {
  if (minutes % (24 * 60) === 0) return history('message.day', { count: minutes / (24 * 60) });
  if (minutes % 60 === 0) return history('message.hour', { count: minutes / 60 });
  if (minutes > 24 * 60) return history('message.daysAnd', { days: history('message.day', { count: Math.floor(minutes / (24 * 60)) }), rest: offsetWords(minutes % (24 * 60)) });
  return history('message.minute', { count: minutes });
}

/** "Confirmation", "Reminder 2 days before", "Rescheduled notice". */
export function messageWhat(message: Pick<Message, 'kind' | 'reminderOffsetMinutes'>): string {
  if (message.kind === 'reminder' && message.reminderOffsetMinutes !== null) return history('message.reminderBefore', { offset: offsetWords(message.reminderOffsetMinutes) });
  return messageKindWordsIn()[message.kind];
}

/** "E-mail", "Text": the channel in the language on screen. */
export const channelWords = shownTable(() => channelWordsIn());

/** "E-mail to ana@example.com", "Text to +447700900123"; a message skipped for want of an address says so. */
export function messageHow(message: Pick<Message, 'channel' | 'to'>): string {
  const channel = channelWordsIn()[message.channel];
  return message.to === '' ? history('message.noAddress', { channel }) : history('message.to', { channel, to: message.to });
}

/** "today 14:30" or the shop's date and time, on the shop's clock. */
export function when(instant: number, zone: string, now: number): string {
  return localDateOf(instant, zone) === localDateOf(now, zone) ? history('message.today', { time: clock(instant, zone) }) : formatLocalDateTime(instant, zone);
}

export type MessageTone = 'waiting' | 'done' | 'failed' | 'unsure' | 'off';

/** The state in words, its tone on screen, and — where one is needed — what to do or why. */
export function messageState(message: Wordable, zone: string, now: number): { label: string; tone: MessageTone; detail: string | null } {
  const label = messageStatusWordsIn()[message.status];
  switch (message.status) {
    case 'scheduled':
      return { label, tone: 'waiting', detail: history('message.goes', { when: when(message.dueAt, zone, now) }) };
    case 'sending':
      return { label, tone: 'waiting', detail: message.provider === null ? null : history('message.handedTo', { provider: message.provider }) };
    case 'sent': {
      const sent = when(message.updatedAt, zone, now);
      return { label, tone: 'done', detail: message.provider ? history('message.sentWhenBy', { when: sent, provider: message.provider }) : history('message.sentWhen', { when: sent }) };
    }
    case 'delivered':
      return { label, tone: 'done', detail: history('message.deliveredWhen', { when: when(message.updatedAt, zone, now) }) };
    case 'failed': {
      const reason = message.lastError ?? history('message.notTaken');
      return {
        label,
        tone: 'failed',
        detail: message.retryAt === null ? history('message.notRetried', { reason }) : history('message.retriedAt', { reason, when: when(message.retryAt, zone, now) }),
      };
    }
    case 'cancelled':
      return { label, tone: 'off', detail: null };
    case 'uncertain':
      return { label: history('message.uncertain'), tone: 'unsure', detail: history('message.uncertainDetail') };
    case 'missed':
      return { label, tone: 'failed', detail: history('message.missedDetail') };
    case 'skipped':
      return { label: history('message.skipped', { reason: message.lastError ?? history('message.skippedUnknown') }), tone: 'off', detail: null };
  }
}

/** What a person may do with a message, as its record allows (src-shared/registry/message.ts). */
export function messageActions(message: Pick<Message, 'status' | 'kind'>): { retry: boolean; cancel: boolean; resend: boolean } {
  const status = message.status;
  return {
    retry: status === 'failed' || status === 'uncertain',
    cancel: status === 'scheduled' || status === 'failed' || status === 'uncertain',
    resend: message.kind !== 'test' && (status === 'sent' || status === 'delivered' || status === 'cancelled' || status === 'missed'),
  };
}
