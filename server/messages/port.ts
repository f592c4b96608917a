import type { Command } from '../../src-shared/commands';
import type { Message } from '../../src-shared/entities';
import { AppError } from '../../src-shared/errors';
import type { DueMessage, MessagePort, SenderOp, SenderOps } from '../../src-messaging/port';
import type { Database } from '../db/connect';
import { creatorOf, originate, type OriginContext } from '../sync/originate';

/**
 * The sync server's answer to the dispatcher's port for one shop (docs/architecture.md §20): it
 * reads what falls due from `entity_rows` (the (status, due_at) index of migration 0005) and runs
 * each step as a change the server originates (server/sync/originate.ts), through the one rulebook,
 * in the name of the person who created the message (as the desk's sender does, §18).
 */

export interface ServerPortOptions {
  db: Database;
  shopId: string;
  now: () => number;
  shopQueue?: OriginContext['shopQueue'];
}

export function serverMessagePort(options: ServerPortOptions): MessagePort<Message> {
  const { db, shopId } = options;
  const creators = new Map<string, string>();

  /** Who created the message: its first event's actor. */
  const actorFor = async (messageId: string): Promise<string> => {
    const known = creators.get(messageId);
    if (known !== undefined) return known;
    const actor = await creatorOf(db, shopId, messageId);
    if (actor === null) throw new AppError('FORBIDDEN', 'Nobody who may still act created this message, so the server will not send it.', { id: messageId });
    creators.set(messageId, actor);
    return actor;
  };

  return {
    async due(at, limit): Promise<DueMessage<Message>[]> {
      const found = await db.query<{ data: Message; starts_at: string | number | null }>(
        `SELECT m.data, (a.data ->> 'startsAt')::bigint AS starts_at
           FROM entity_rows m
           LEFT JOIN entity_rows a ON a.shop_id = m.shop_id AND a.entity_type = 'appointment' AND a.id = (m.data ->> 'appointmentId')::uuid
          WHERE m.shop_id = $1 AND m.entity_type = 'message' AND m.deleted_at IS NULL
            AND ((m.status = 'scheduled' AND m.due_at <= $2)
              OR (m.status = 'failed' AND (m.data ->> 'retryAt')::bigint <= $2))
          ORDER BY m.due_at
          LIMIT $3`,
        [shopId, at, limit],
        'cd_messages_due',
      );
      return found.rows.map((row) => ({ message: row.data, appointmentStartsAt: row.starts_at === null ? null : Number(row.starts_at) }));
    },
    async sending(): Promise<Message[]> {
      const found = await db.query<{ data: Message }>(
        `SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'message' AND status = 'sending' AND deleted_at IS NULL`,
        [shopId],
        'cd_messages_sending',
      );
      return found.rows.map((row) => row.data);
    },
    async run<Op extends SenderOp>(message: Message, op: Op, args: SenderOps[Op]): Promise<Message> {
      const command: Command = {
        entityType: 'message',
        op,
        entityId: message.id,
        expectedVersion: message.version,
        idempotencyKey: `server-sender:${message.id}:${message.version}:${op}`,
        reason: null,
        args: args as Record<string, unknown>,
      };
      const context: OriginContext = { db, shopId, now: options.now(), ...(options.shopQueue === undefined ? {} : { shopQueue: options.shopQueue }) };
      const { row } = await originate(context, { command, actorStaffId: await actorFor(message.id) });
      return row as Message;
    },
  };
}

/** The shops with messages to look at now: due, failed and due again, or left sending — and providers to send them with. */
export async function shopsWithMessagesDue(db: Database, at: number): Promise<string[]> {
  const found = await db.query<{ shop_id: string }>(
    `SELECT DISTINCT m.shop_id FROM entity_rows m JOIN message_providers p ON p.shop_id = m.shop_id
      WHERE m.entity_type = 'message' AND m.deleted_at IS NULL
        AND (m.status = 'sending' OR (m.status = 'scheduled' AND m.due_at <= $1) OR (m.status = 'failed' AND (m.data ->> 'retryAt')::bigint <= $1))`,
    [at],
    'cd_shops_messages_due',
  );
  return found.rows.map((row) => row.shop_id);
}
