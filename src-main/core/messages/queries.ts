import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, type Message, type MessageStatus } from '../../../src-shared/entities';
import { selectClientRows } from '../store/namedRows';
import type { Store } from '../store/open';
import { appointments, messages, services, staff } from '../store/schema';

/**
 * The screens' reads of messages (docs/architecture.md §21): an appointment's messages (its
 * drawer), the Messages screen's tabs, and what needs a person (the banner, the Recovery Center).
 * Each message comes with the names a receptionist reads — the client, the service, the staff
 * member, the appointment's start — in one statement, never a query per row.
 */

/** The Messages screen's tabs and the statuses each lists. */
export const messageTabs = {
  due: ['scheduled', 'sending'],
  sent: ['sent', 'delivered'],
  failed: ['failed', 'missed'],
  notSure: ['uncertain'],
} as const satisfies Record<string, readonly MessageStatus[]>;
export type MessageTab = keyof typeof messageTabs;

export const messageListInputSchema = z.strictObject({
  tab: z.enum(Object.keys(messageTabs) as [MessageTab, ...MessageTab[]]),
  limit: z.int().min(1).max(500).default(200),
});

/** What needs a person: failed (final or waiting to be tried again), not sure it was sent, missed. */
export const needsAttention = ['failed', 'uncertain', 'missed'] as const satisfies readonly MessageStatus[];

function withNames(store: Store) {
  return selectClientRows(store, messages, { message: messages, startsAt: appointments.startsAt })
    .leftJoin(appointments, eq(appointments.id, messages.appointmentId))
    .leftJoin(services, eq(services.id, appointments.serviceId))
    .leftJoin(staff, eq(staff.id, appointments.staffId));
}

type Named = { message: Message; clientName: string; serviceName: string | null; staffName: string | null; startsAt: number | null };

function shaped(rows: Named[]) {
  return rows.map(({ message, clientName, serviceName, staffName, startsAt }) => ({
    ...message,
    clientName,
    appointment: startsAt === null ? null : { serviceName, staffName, startsAt },
  }));
}
export type NamedMessage = ReturnType<typeof shaped>[number];

/** A booking's messages, in the order they go (or went). */
export function appointmentMessages(store: Store, appointmentId: string): NamedMessage[] {
  const rows = withNames(store)
    .where(and(eq(messages.appointmentId, appointmentId), isNull(messages.deletedAt)))
    .orderBy(asc(messages.dueAt), asc(messages.createdAt))
    .all() as Named[];
  return shaped(rows);
}

/** One tab of the Messages screen: what is due soonest first, everything else newest first. */
export function messageList(store: Store, input: z.output<typeof messageListInputSchema>): NamedMessage[] {
  const order = input.tab === 'due' ? asc(messages.dueAt) : desc(messages.updatedAt);
  const rows = withNames(store)
    .where(and(inArray(messages.status, [...messageTabs[input.tab]]), isNull(messages.deletedAt)))
    .orderBy(order)
    .limit(input.limit)
    .all() as Named[];
  return shaped(rows);
}

/** How many messages of each status that needs a person there are (the badge, the banner, the Recovery Center). */
export function messageAttentionCounts(store: Store): Record<(typeof needsAttention)[number], number> {
  const rows = store.db
    .select({ status: messages.status, count: sql<number>`count(*)` })
    .from(messages)
    .where(and(inArray(messages.status, [...needsAttention]), isNull(messages.deletedAt)))
    .groupBy(messages.status)
    .all();
  const counts = { failed: 0, uncertain: 0, missed: 0 };
  for (const row of rows) counts[row.status as keyof typeof counts] = row.count;
  return counts;
}

export const appointmentMessagesInputSchema = z.strictObject({ appointmentId: idSchema });
