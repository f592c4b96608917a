import { and, asc, eq, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { senderActorId } from '../../../src-shared/messages/senderActor';
import { statements } from '../../core/store/statements';
import type { Actor } from '../../../src-shared/authorization';
import type { Message } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import type { MessagePort, SenderOp, SenderOps } from '../../../src-messaging/port';
import { businessCommands } from '../../core/commands/businessCommands';
import type { Desk } from '../../core/commands/execute';
import type { Store } from '../../core/store/open';
import { transact } from '../../core/store/transaction';
import { loadRow } from '../../core/store/rows';
import { appointments, messages } from '../../core/store/schema';
import { creationEventOf } from '../../core/store/creationEvent';

/**
 * The desk's answer to the dispatcher's port (docs/architecture.md §18): its reads are two short
 * statements on the `messages` table's (status, due_at) index, and each step is the message's
 * registered op run through the desk's own command path — one IMMEDIATE transaction with
 * synchronous=FULL, so `startSending` is on disk before any provider is called. The steps are
 * taken in the name of the person who created the message (as the hold clock does, §16).
 */
export function deskMessagePort(
  store: Store,
  now: () => number,
): MessagePort<Message> & { run: (...args: Parameters<MessagePort<Message>['run']>) => Promise<Message> } {
  const creators = new Map<string, Actor>();

  /** The sender acts in the name of the message's creator, or the owner once they have left (senderActorId). */
  const actorFor = (message: Message): Actor => {
    const known = creators.get(message.id);
    if (known !== undefined) return known;
    const made = creationEventOf(store, 'message', message.id);
    const creator = made?.actorStaffId == null ? null : loadRow(store, 'staff', made.actorStaffId);
    const actorId = senderActorId(
      creator === null ? null : { id: creator.id, mayAct: creator.active && creator.deletedAt === null },
      statements(store).activeOwnerIds(),
    );
    const member = actorId === null ? null : loadRow(store, 'staff', actorId);
    if (member === null)
      throw new AppError('FORBIDDEN', 'Nobody who may still act created this message, so CareDesk will not send it.', {
        id: message.id,
      });
    const actor: Actor = { staffId: member.id, role: member.role };
    creators.set(message.id, actor);
    return actor;
  };

  const commands = businessCommands.message;
  const commits = groupCommits(store);
  return {
    due(at, limit) {
      const rows = store.db
        .select({ message: messages, startsAt: appointments.startsAt })
        .from(messages)
        .leftJoin(appointments, eq(appointments.id, messages.appointmentId))
        .where(
          and(
            isNull(messages.deletedAt),
            or(
              and(eq(messages.status, 'scheduled'), lte(messages.dueAt, at)),
              and(eq(messages.status, 'failed'), isNotNull(messages.retryAt), lte(messages.retryAt, at)),
            ),
          ),
        )
        .orderBy(asc(messages.dueAt))
        .limit(limit)
        .all();
      return rows.map((row) => ({ message: row.message as Message, appointmentStartsAt: row.startsAt ?? null }));
    },
    sending() {
      return store.db
        .select()
        .from(messages)
        .where(and(eq(messages.status, 'sending'), isNull(messages.deletedAt)))
        .all() as Message[];
    },
    run<Op extends SenderOp>(message: Message, op: Op, args: SenderOps[Op]): Promise<Message> {
      const desk: Desk = { store, actor: actorFor(message), now };
      const input = {
        idempotencyKey: `message-sender:${message.id}:${message.version}:${op}`,
        id: message.id,
        expectedVersion: message.version,
        ...args,
      };
      // Each op's command checks its own args with the registry's schema; the port's types already match them.
      const command = commands[op] as (desk: Desk, input: unknown) => { row: unknown };
      return commits.add(() => command(desk, input).row as Message);
    },
  };
}

/**
 * Group commit. Every step must be on disk before the dispatcher goes on (synchronous=FULL: one
 * flush per commit), and SQLite blocks the event loop for each flush, so steps asked for while
 * one commit runs share the next: each in its own savepoint (the one transaction helper nests,
 * docs/architecture.md §15), so a refused step undoes only itself, and every promise answers only
 * once the transaction holding its step has committed.
 */
function groupCommits(store: Store) {
  let queue: { work: () => Message; resolve: (row: Message) => void; reject: (error: unknown) => void }[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    const outcomes: ({ ok: true; row: Message } | { ok: false; error: unknown })[] = [];
    try {
      transact(store, () => {
        for (const step of batch) {
          try {
            outcomes.push({ ok: true, row: transact(store, step.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const step of batch) step.reject(error);
      return;
    }
    batch.forEach((step, index) => {
      const outcome = outcomes[index] as (typeof outcomes)[number];
      if (outcome.ok) step.resolve(outcome.row);
      else step.reject(outcome.error);
    });
  };
  return {
    add: (work: () => Message) =>
      new Promise<Message>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ work, resolve, reject });
      }),
  };
}
