import type { Actor } from '../../../src-shared/authorization';
import type { Command } from '../../../src-shared/commands';
import type { DomainEvent, EntityRows, EntityType } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import { payloadHash } from '../../../src-shared/payloadHash';
import { decideNow } from '../../../src-shared/rulebook/decide';
import type { Store } from '../store/open';
import { saveRow } from '../store/rows';
import { transact } from '../store/transaction';
import { assertWritesAllowed } from '../store/writeLock';
import { writeOutboxIfPaired } from '../outbox/outbox';
import { compactAfterErasure, scrubClientOnDesk } from '../store/erasure';
import { answerFromDesk } from './answers';
import { answerOf, insertEventWithAnswer } from './idempotency';

/** Who is acting, from where, at what time: the router context of a command. */
export interface Desk {
  store: Store;
  actor: Actor;
  now: () => number;
}

export interface CommandResult<E extends EntityType = EntityType> {
  row: EntityRows[E];
  event: DomainEvent;
}

/**
 * Run one command on the desk: the rulebook (src-shared/rulebook) decides, reading the store
 * through answerFromDesk; this adapter stores what it decided — the row, its event, its outbox row
 * (when paired) and the key's record — in one IMMEDIATE transaction (docs/architecture.md §2).
 * `requestHash` is what the idempotency key stands for; by default the command itself.
 */
export function executeCommand(desk: Desk, input: unknown, requestHash?: string): CommandResult {
  const result = execute(desk, input, false, requestHash === undefined ? {} : { requestHash });
  compactAfterErasure(desk.store);
  return result;
}

/** What the caller of executeParsedCommand already knows about its command. */
export interface ParsedCommandFacts {
  /** What the idempotency key stands for (by default the command itself). */
  requestHash?: string;
  /** The input's schema also checked everything the op's args schema does (see planChange). */
  argsChecked?: boolean;
  /** The record's id was drawn here for this new record, not sent by a caller (see ChangeRequest). */
  entityIdIsNew?: boolean;
}

/** executeCommand for a command built from an input its schema has already validated. */
export function executeParsedCommand(desk: Desk, command: Command, facts: ParsedCommandFacts = {}): CommandResult {
  const result = execute(desk, command, true, facts);
  compactAfterErasure(desk.store);
  return result;
}

function execute(desk: Desk, command: unknown, commandParsed: boolean, facts: ParsedCommandFacts): CommandResult {
  const { store } = desk;
  return transact(store, () => {
    const now = desk.now();
    const hash = facts.requestHash ?? payloadHash(command);
    const decision = decideNow(
      {
        command,
        commandParsed,
        argsChecked: facts.argsChecked === true,
        ...(facts.entityIdIsNew === true ? { entityIdIsNew: true as const } : {}),
        actorStaffId: desk.actor.staffId,
        deviceId: store.deviceId,
        now,
        payloadHash: hash,
        runFollowUps: true,
      },
      (questions) => answerFromDesk(store, questions),
    );
    if (decision.kind === 'replay') return answerOf(store, decision.answer) as CommandResult;
    // A locked desk answers replays (they change nothing) and refuses everything else first.
    assertDeskWritable(store);
    if (decision.kind === 'refused') throw decision.error;
    store.faults.beforeRowWrite?.();
    saveRow(store, decision.command.entityType, decision.row, decision.created);
    store.faults.beforeEventInsert?.();
    insertEventWithAnswer(store, decision.event, decision.command.idempotencyKey, hash, decision.row);
    writeOutboxIfPaired(store, decision.command, decision.event);
    // An erasure scrubs every other copy of the client's details in this same transaction (§28).
    if (decision.erasesClient !== undefined) scrubClientOnDesk(store, decision.erasesClient, now);
    // The messages the change causes, each through this same pipeline (its own event and outbox
    // row) inside this transaction: a nested transaction is a savepoint (docs/architecture.md §17).
    for (const followUp of decision.followUps) execute(desk, followUp, true, {});
    const result: CommandResult = { row: decision.row, event: decision.event };
    return result;
  });
}

function assertDeskWritable(store: Store): void {
  if (store.storageFailure !== null) {
    throw new AppError(
      'WRITES_LOCKED',
      'Bookings are locked because the database reported a storage problem. You can still read, print and export; open the Recovery Center.',
    );
  }
  assertWritesAllowed(store);
}
