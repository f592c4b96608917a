import type { Command } from '../../src-shared/commands';
import type { AnyRow } from '../../src-shared/entities';
import { AppError } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import { payloadHash } from '../../src-shared/payloadHash';
import { decideLater, type Decision } from '../../src-shared/rulebook/decide';
import type { Outcome } from '../../src-shared/sync';
import type { Database, Queryable } from '../db/connect';
import { answerFromServer } from './answers';
import type { KeyedSerializer } from './shop-queue';
import { lockedState, lockStatement, writeChange } from './store';

/**
 * Changes the sync server itself makes (docs/architecture.md §20): the sender's steps of a message
 * and what a client does through their confirmation link. Each goes through the one rulebook
 * (`decideLater`) as a pushed mutation does (push.ts), under the shop's lock, and is stored the same
 * way — row, event, the shop's change counter, an outcome — so desks pull it like any other change.
 *
 * Its origin is the shop's own server device: one reserved row in `devices` per shop (no token can
 * ever match its token hash), which numbers the server's changes as a desk's mutations are numbered
 * and names the server as the device of their events. Who acted is the request's `actorStaffId`.
 */

const serverTokenHash = (shopId: string) => `server:${shopId}`;
/** Each database's known server devices by shop (a test may open several databases). */
const knownDevices = new WeakMap<Queryable, Map<string, string>>();

/** The shop's server device, made the first time the server changes something for that shop. */
export async function serverDeviceOf(db: Queryable, shopId: string, now: number): Promise<string> {
  const ofDb = knownDevices.get(db) ?? new Map<string, string>();
  knownDevices.set(db, ofDb);
  const known = ofDb.get(shopId);
  if (known !== undefined) return known;
  // The token hash is not a sha256 in hex, so no presented token ever authenticates as it.
  await db.query(
    `INSERT INTO devices (id, shop_id, name, token_hash, created_at) VALUES ($1, $2, 'The shop''s sync server', $3, $4)
     ON CONFLICT (token_hash) DO NOTHING`,
    [newId(), shopId, serverTokenHash(shopId), now],
  );
  const found = await db.query<{ id: string }>('SELECT id FROM devices WHERE token_hash = $1', [serverTokenHash(shopId)]);
  const id = found.rows[0]?.id;
  if (id === undefined) throw new AppError('INTERNAL_ERROR', "The server could not record its own changes for this shop.");
  ofDb.set(shopId, id);
  return id;
}

/** Who made a record: the actor of its first event (null when nobody was signed in, or no such record). */
export async function creatorOf(db: Queryable, shopId: string, entityId: string): Promise<string | null> {
  const found = await db.query<{ actor_staff_id: string | null }>(
    'SELECT actor_staff_id FROM events WHERE shop_id = $1 AND entity_id = $2 ORDER BY change_id LIMIT 1',
    [shopId, entityId],
    'cd_record_creator',
  );
  return found.rows[0]?.actor_staff_id ?? null;
}

export interface OriginContext {
  db: Database;
  shopId: string;
  now: number;
  /** One transaction per shop at a time from this server, shared with sync.push. */
  shopQueue?: KeyedSerializer;
}

export interface OriginatedChange {
  command: Command;
  /** Who acts: the message's creator (the sender), or the client through their link. */
  actorStaffId: string | null;
  viaClientLink?: true;
  /**
   * Run the change's follow-ups (the messages it causes, §17) in this transaction, each a change of
   * its own in the name of `followUpsBy` — a staff member: the client acts only in their own ops.
   */
  followUpsBy?: string;
}

/**
 * Decides and stores one change the server makes; answers the row after it. A refusal is thrown
 * (an AppError in the rules' words) and nothing is stored. The same idempotency key with the same
 * change answers its first answer, so a repeated step or a second click changes nothing.
 */
export async function originate(ctx: OriginContext, change: OriginatedChange): Promise<{ row: AnyRow; replayed: boolean }> {
  const { db, shopId, now } = ctx;
  const deviceId = await serverDeviceOf(db, shopId, now);
  const run = () =>
    db.transaction(
      async (tx, lockRows) => {
        const locked = lockedState(lockRows);
        if (locked === null) throw new AppError('INTERNAL_ERROR', "The server's own record of its changes is missing.");
        const eventId = newId();
        const hash = payloadHash(change.command);
        const decision = await decideLater(
          {
            command: change.command,
            actorStaffId: change.actorStaffId,
            deviceId,
            now,
            payloadHash: hash,
            eventId,
            ...(change.viaClientLink === undefined ? {} : { viaClientLink: change.viaClientLink }),
            runFollowUps: change.followUpsBy !== undefined,
          },
          answerFromServer(tx, shopId, eventId),
        );
        if (decision.kind === 'refused') throw decision.error;
        if (decision.kind === 'replay') return { row: replayedRow(decision.answer), replayed: true };
        let next = { mutationId: locked.lastMutationId + 1, changeId: locked.changeCounter + 1 };
        await store(tx as Queryable, { shopId, deviceId, now, hash, decision, ...next });
        for (const followUp of decision.followUps) {
          const followUpEvent = newId();
          const followUpHash = payloadHash(followUp);
          const caused = await decideLater(
            { command: followUp, actorStaffId: change.followUpsBy ?? null, deviceId, now, payloadHash: followUpHash, eventId: followUpEvent, runFollowUps: false },
            answerFromServer(tx, shopId, followUpEvent),
          );
          // A message the change causes is part of it: a refusal undoes the whole change (as on the desk).
          if (caused.kind === 'refused') throw caused.error;
          if (caused.kind !== 'change') continue;
          next = { mutationId: next.mutationId + 1, changeId: next.changeId + 1 };
          await store(tx as Queryable, { shopId, deviceId, now, hash: followUpHash, decision: caused, ...next });
        }
        return { row: decision.row, replayed: false };
      },
      { first: lockStatement(shopId, deviceId) },
    );
  return ctx.shopQueue === undefined ? run() : ctx.shopQueue.run(shopId, run);
}

/** Row, event, counter, outcome and idempotency record of one decided change, as push.ts stores a mutation's. */
async function store(
  tx: Queryable,
  write: { shopId: string; deviceId: string; now: number; hash: string; decision: Extract<Decision<Outcome>, { kind: 'change' }>; mutationId: number; changeId: number },
): Promise<void> {
  const { decision, mutationId, changeId } = write;
  const outcome: Outcome = { mutationId, status: 'applied', row: decision.row as unknown as Record<string, unknown>, changeId, error: null };
  await writeChange(tx, {
    shopId: write.shopId,
    deviceId: write.deviceId,
    mutationId,
    idempotencyKey: decision.command.idempotencyKey,
    payloadHash: write.hash,
    mutationHash: write.hash,
    outcome,
    skipIdempotency: false,
    now: write.now,
    changeId,
    entityType: decision.command.entityType,
    row: decision.row,
    event: decision.event,
    clientTime: write.now,
  });
}

function replayedRow(answer: Outcome): AnyRow {
  if (answer.row === null) throw new AppError('INTERNAL_ERROR', 'The server lost the answer to an earlier change.');
  return answer.row as unknown as AnyRow;
}
