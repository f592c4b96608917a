import { z } from 'zod';
import { idSchema, instantSchema, MAX_MESSAGE_BODY, MAX_REMINDER_OFFSET_MIN, messageChannelSchema, messageKindSchema, type Message, type MessageStatus } from '../entities';
import type { SayKey } from '../say';
import { text } from '../text';
import { changeOp, createOp, declareEntity, type OpWording } from './declare';
import { none } from './fields';
import { invalid, newRecord, plainFieldError, requireClient } from './planning';

/**
 * Messages to clients (docs/architecture.md §17): confirmations, change notices and reminders,
 * created by the rulebook's follow-ups in the transaction of the change that causes them
 * (src-shared/messages/followUps.ts), and test messages a person sends. The sender moves each
 * through its statuses with the ops below, in the name of the person who created it (as the hold
 * clock does for holds, §16), so no new kind of actor is needed.
 */

const provider = text(100, { min: 1 });
const plainReason = text(2000, { min: 1 });
/** An E.164 number: a plus, the country code and the number, digits only. */
const e164 = /^\+[1-9]\d{6,14}$/;
const emailAddress = z.email();

/** The address must suit the channel: an e-mail address, or a phone number in E.164 form. */
function checkAddress(channel: Message['channel'], to: string): void {
  if (channel === 'email' && !emailAddress.safeParse(to).success) plainFieldError('to', 'message.notAnEmail', { to });
  if (channel === 'sms' && !e164.test(to))
    plainFieldError('to', 'message.notAPhone', { to });
}

/** Refuses an op unless the message is in one of these statuses. */
function requireStatus(row: Message, allowed: readonly MessageStatus[], refusal: SayKey): void {
  if (!allowed.includes(row.status)) invalid(refusal, undefined, { status: row.status });
}

/** A step that moves a message on from the statuses it may be in and changes nothing else. */
function statusStep(from: readonly MessageStatus[], to: MessageStatus, wording: OpWording, refusal: SayKey) {
  return changeOp({
    args: none,
    wording,
    plan: (row: Message): Message => {
      requireStatus(row, from, refusal);
      return { ...row, status: to };
    },
  });
}

const waiting = ['scheduled', 'failed'] as const;

/** Why a message cannot be cancelled any more, in the words of what happened to it (a desk's cancel may arrive after the server sent it). */
const cancelRefusal: Partial<Record<MessageStatus, SayKey>> = {
  sending: 'message.tooLate.sending',
  sent: 'message.tooLate.sent',
  delivered: 'message.tooLate.delivered',
  cancelled: 'message.tooLate.cancelled',
};

export const message = declareEntity({
  changedBy: 'anyone',
  // The sync server sends while desks may cancel or move: each op's status rule decides (§20).
  judgedBy: 'status',
  ops: {
    create: createOp({
      args: z
        .strictObject({
          clientId: idSchema,
          appointmentId: idSchema.nullable(),
          kind: messageKindSchema,
          channel: messageChannelSchema,
          to: text(254),
          reminderOffsetMinutes: z.int().min(0).max(MAX_REMINDER_OFFSET_MIN).nullable().optional(),
          /** When it should go; omitted: now (a notice, a test message). */
          dueAt: instantSchema.optional(),
          /** Why it will not be sent (no consent, no contact): the message is made `skipped` with this reason. */
          skippedBecause: plainReason.optional(),
        })
        .refine((args) => (args.kind === 'test') === (args.appointmentId === null), {
          message: 'a test message is about no appointment; every other message is about one',
          path: ['appointmentId'],
        })
        .refine((args) => (args.kind === 'reminder') === (args.reminderOffsetMinutes != null), {
          message: 'a reminder says how long before the appointment it goes; other messages do not',
          path: ['reminderOffsetMinutes'],
        }),
      wording: { label: 'Message scheduled', verb: 'scheduled', name: 'scheduling', sentence: 'scheduled {record}' },
      plan: (args, context): Message => {
        requireClient(context.refs, args.clientId);
        const skipped = args.skippedBecause !== undefined;
        if (!skipped) checkAddress(args.channel, args.to);
        return newRecord(context, {
          clientId: args.clientId,
          appointmentId: args.appointmentId,
          kind: args.kind,
          channel: args.channel,
          to: args.to,
          reminderOffsetMinutes: args.reminderOffsetMinutes ?? null,
          dueAt: args.dueAt ?? context.now,
          status: skipped ? ('skipped' as const) : ('scheduled' as const),
          attempts: 0,
          retryAt: null,
          provider: null,
          providerMessageId: null,
          lastError: args.skippedBecause ?? null,
          subject: null,
          body: null,
        });
      },
    }),
    reschedule: changeOp({
      args: z.strictObject({ dueAt: instantSchema, to: text(254).optional() }),
      wording: { label: 'Message moved', verb: 'moved', name: 'move', sentence: 'moved {record}' },
      plan: (row: Message, args) => {
        requireStatus(row, waiting, 'message.status.moveWaiting');
        const to = args.to ?? row.to;
        checkAddress(row.channel, to);
        return { ...row, dueAt: args.dueAt, to, status: 'scheduled' as const, retryAt: null };
      },
    }),
    cancel: changeOp({
      args: none,
      wording: { label: 'Message cancelled', verb: 'cancelled', name: 'cancellation', sentence: 'cancelled {record}' },
      plan: (row: Message) => {
        const late = cancelRefusal[row.status];
        // Too late to call back: refused in plain words, with nothing for a person to decide (§20).
        if (late !== undefined) invalid(late, undefined, { status: row.status, nothingToDecide: true });
        requireStatus(row, [...waiting, 'uncertain'], 'message.status.cancelNotSent');
        return { ...row, status: 'cancelled' as const, retryAt: null };
      },
    }),
    startSending: changeOp({
      args: z.strictObject({ provider, subject: text(500).nullable(), body: text(MAX_MESSAGE_BODY, { min: 1 }) }),
      wording: { label: 'Message sending', verb: 'started sending', name: 'sending', sentence: 'started sending {record}', automatic: true },
      plan: (row: Message, args, { now }) => {
        requireStatus(row, waiting, 'message.status.sendWaiting');
        if (row.status === 'failed' && (row.retryAt === null || row.retryAt > now))
          invalid('message.notDueYet', undefined, { status: row.status, retryAt: row.retryAt });
        return { ...row, status: 'sending' as const, attempts: row.attempts + 1, provider: args.provider, subject: args.subject, body: args.body, retryAt: null };
      },
    }),
    recordSent: changeOp({
      args: z.strictObject({ provider, providerMessageId: text(300).nullable() }),
      wording: { label: 'Message sent', verb: 'sent', name: 'sending', sentence: 'sent {record}', automatic: true },
      plan: (row: Message, args) => {
        requireStatus(row, ['sending'], 'message.status.sentWhileSending');
        return { ...row, status: 'sent' as const, provider: args.provider, providerMessageId: args.providerMessageId, lastError: null };
      },
    }),
    recordDelivered: statusStep(
      ['sent'],
      'delivered',
      { label: 'Message delivered', verb: 'recorded the delivery of', name: 'delivery', sentence: 'recorded that {record} was delivered', automatic: true },
      'message.status.deliveredWhenSent',
    ),
    recordFailure: changeOp({
      args: z
        .strictObject({ provider, error: plainReason, final: z.boolean(), retryAt: instantSchema.nullable() })
        .refine((args) => args.final === (args.retryAt === null), {
          message: 'a final failure is not tried again; any other failure says when it will be',
          path: ['retryAt'],
        }),
      wording: { label: 'Message failed', verb: 'recorded the failure of', name: 'failure', sentence: 'recorded that {record} failed', automatic: true },
      plan: (row: Message, args) => {
        requireStatus(row, ['sending'], 'message.status.failWhileSending');
        return { ...row, status: 'failed' as const, provider: args.provider, lastError: args.error, retryAt: args.retryAt };
      },
    }),
    markUncertain: changeOp({
      args: z.strictObject({ error: plainReason }),
      wording: { label: 'Message uncertain', verb: 'marked as uncertain', name: 'uncertainty', sentence: 'marked {record} as uncertain', automatic: true },
      plan: (row: Message, args) => {
        requireStatus(row, ['sending'], 'message.status.uncertainWhileSending');
        return { ...row, status: 'uncertain' as const, lastError: args.error };
      },
    }),
    markMissed: statusStep(
      ['scheduled'],
      'missed',
      { label: 'Message missed', verb: 'marked as missed', name: 'miss', sentence: 'marked {record} as missed', automatic: true },
      'message.status.missedWaiting',
    ),
    retry: changeOp({
      args: none,
      wording: { label: 'Message retried', verb: 'retried', name: 'retry', sentence: 'retried {record}' },
      plan: (row: Message, _args, { now }) => {
        requireStatus(row, ['failed', 'uncertain'], 'message.status.retryFailed');
        return { ...row, status: 'scheduled' as const, dueAt: now, retryAt: null };
      },
    }),
  },
});
