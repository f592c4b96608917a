import { assertActorCanAct, authorizeCommand, type Actor } from '../authorization';
import { commandSchema, type Command } from '../commands';
import { SETTINGS_ID, type AnyRow, type Appointment, type DomainEvent, type EntityRows, type EntityType, type Service, type Staff, type TimeOff } from '../entities';
import { isAppError, parseOrThrow, toAppError, type AppError } from '../errors';
import { refuse } from '../refuse';
import { idempotencyKeyReusedError } from '../idempotency';
import { newId } from '../ids';
import { blocksSlot, occupiesSlot, planChange, requiredRefs, type RefIds, type Refs } from '../operations';
import { assertShopKeepsAnOwner, shopHasOwner } from '../owners';
import { erasesClient, versionChecked } from '../registry';
import { scrubFields } from '../erasure';
import { isClientViaLink } from '../clientActor';
import {
  blockedTimeError,
  blockOnBookingError,
  clashingBooking,
  heldFrom,
  LONGEST_BLOCK_MS,
  LONGEST_LEAD_MS,
  slotTakenError,
  type SlotHolder,
} from '../slots';
import { followUpCommands, messageFollowUps, sendsMessages } from '../messages/followUps';
import { erasureFollowUps } from '../erasureFollowUps';
import { movesStock, productsWanted, stockCommands, stockFollowUps } from '../stock/followUps';
import { rowKey, type Answers, type LoadedRow, type Questions, type RowQuestion, type SlotQuestion } from './questions';

/**
 * The rulebook (docs/architecture.md §2): every rule a change to the shop must pass, decided in
 * one place for the desk and the sync server. It is a generator that yields questions and
 * receives a store's answers, so the synchronous desk store and the asynchronous server store
 * drive the same code (decideNow / decideLater) and only load what it asks and store what it
 * decides.
 */

export interface ChangeRequest {
  /** The command as received; parsed here unless `commandParsed` says its schema already ran. */
  command: unknown;
  commandParsed?: boolean;
  /** The command's args are already the output of a schema checking all its op's args schema does (see planChange). */
  argsChecked?: boolean;
  actorStaffId: string | null;
  deviceId: string;
  /** The instant that stamps the change. */
  now: number;
  /** When the person made the change (judges "already passed"); defaults to now. */
  judgedAt?: number;
  /** What the idempotency key stands for (see payloadHash): the same key with another hash is refused. */
  payloadHash: string;
  /**
   * The record's id was made for this change, here and now (a random id the desk drew for a new
   * record, not one a caller sent): no record can hold it yet, so its kinds and its row are not asked.
   */
  entityIdIsNew?: true;
  /** The change's event id when the caller chose it (a desk's mutation); it must be new. */
  eventId?: string;
  /** The event the change was built on (sync): it must still be the record's latest. */
  baseEventId?: string | null;
  /**
   * The change comes from the client's confirmation link, served by the sync server: only then may
   * the actor be the client (CLIENT_VIA_LINK_ACTOR_ID); a change from a desk naming it is refused.
   */
  viaClientLink?: true;
  /**
   * Decide the messages the change causes (docs/architecture.md §17): true where the change is
   * made (the desk); false where it arrives already made, its follow-ups arriving as changes of
   * their own (the server applying a desk's mutations). A change the server made itself would say true.
   */
  runFollowUps: boolean;
}

export type Decision<A> =
  /** The same change was made before under this key: answer what it answered, change nothing. */
  | { kind: 'replay'; answer: A; command: Command }
  /**
   * The rules say no. `keyed`: the refusal is the key's final answer (a replay gets it again);
   * false when the key itself could not be trusted (unparseable command, key used for another change).
   */
  | { kind: 'refused'; error: AppError; current: AnyRow | null; keyed: boolean; command: Command | null }
  /**
   * Store the row and its event, then run the follow-ups (the messages it causes) in the same
   * transaction. `erasesClient`: the change erases that client, and the store scrubs every copy of
   * their details it holds in the same transaction (docs/architecture.md §28).
   */
  | { kind: 'change'; command: Command; row: AnyRow; created: boolean; event: DomainEvent; followUps: Command[]; erasesClient?: string };

type Rulebook<A> = Generator<Questions, Decision<A>, Answers<A>>;

/**
 * How the rulebook batches its questions: a store that answers later (a round trip each) is asked
 * guesses up front, so the common case needs one batch; a store that answers at once is asked each
 * question only when it is exact (a booking's slot once its length is known: a guess reads every
 * booking of the person's next twenty hours). Either way the same rules judge the same rows.
 */
interface Batching {
  guessSlot: boolean;
}

/** Drive the rulebook with a store that answers at once (the desk's SQLite). */
export function decideNow<A>(request: ChangeRequest, answer: (questions: Questions) => Answers<A>): Decision<A> {
  const rulebook = decideChange<A>(request, { guessSlot: false });
  let step = rulebook.next();
  while (!step.done) step = rulebook.next(answer(step.value));
  return step.value;
}

/** Drive the rulebook with a store that answers later (the server's PostgreSQL). */
export async function decideLater<A>(request: ChangeRequest, answer: (questions: Questions) => Promise<Answers<A>>): Promise<Decision<A>> {
  const rulebook = decideChange<A>(request, { guessSlot: true });
  let step = rulebook.next();
  while (!step.done) step = rulebook.next(await answer(step.value));
  return step.value;
}

function forbidden(what: 'record' | 'change' | 'linked' | 'staff' | 'person'): never {
  throw refuse('FORBIDDEN', `rulebook.noSuch.${what}`);
}

/** A refusal the rules meant (typed, final): anything else is the store's trouble and propagates. */
function isRuleAnswer(error: unknown): error is AppError {
  return isAppError(error) && !error.retryable;
}

export function* decideChange<A>(request: ChangeRequest, batching: Batching): Rulebook<A> {
  let command: Command;
  try {
    command = request.commandParsed === true ? (request.command as Command) : parseOrThrow(commandSchema, request.command);
  } catch (error) {
    return { kind: 'refused', error: toAppError(error), current: null, keyed: false, command: null };
  }
  let current: AnyRow | null = null;
  try {
    return yield* decideParsed<A>(request, command, batching, (row) => {
      current = row;
    });
  } catch (error) {
    if (!isRuleAnswer(error)) throw error;
    const reused = error.code === 'IDEMPOTENCY_KEY_REUSED';
    return { kind: 'refused', error, current, keyed: !reused, command };
  }
}

function* decideParsed<A>(request: ChangeRequest, command: Command, batching: Batching, seen: (current: AnyRow | null) => void): Rulebook<A> {
  const { entityType, entityId, op } = command;
  const argIds = requiredRefs(command, null);
  const ownRow = !(request.entityIdIsNew === true && op === 'create');
  const undoTarget = op === 'undo' && typeof command.args.eventId === 'string' ? command.args.eventId : undefined;
  const first = yield {
    keptAnswerFor: command.idempotencyKey,
    rows: rowQuestions(command, argIds, isClientViaLink(request.actorStaffId) ? null : request.actorStaffId, ownRow),
    ...(op === 'create' && ownRow ? { kindsOfId: entityId } : {}),
    ...(undoTarget === undefined ? {} : { event: undoTarget }),
    ...(request.eventId === undefined ? {} : { eventIdInUse: request.eventId }),
    activeOwnerIds: true,
    ...(batching.guessSlot ? slotGuess(command) : {}),
    ...timeOffGuess(command),
  };

  // Idempotency: the key answers its first answer, and only for the same change.
  const kept = first.keptAnswer ?? null;
  if (kept !== null) {
    if (kept.payloadHash === request.payloadHash) return { kind: 'replay', answer: kept.answer, command };
    throw idempotencyKeyReusedError(command.idempotencyKey);
  }

  // Every id a change names belongs to the shop that sends it.
  const rows = first.rows ?? new Map<string, LoadedRow>();
  const loaded = (type: EntityType, id: string | undefined): LoadedRow | undefined => (id === undefined ? undefined : rows.get(rowKey(type, id)));
  if (loaded(entityType, entityId)?.foreign === true) forbidden('record');
  const named = [loaded('client', argIds.clientId), loaded('service', argIds.serviceId), loaded('staff', argIds.staffId), loaded('product', argIds.productId)];
  for (const performer of argIds.performerIds ?? []) named.push(loaded('staff', performer));
  named.push(loaded('formTemplate', argIds.formTemplateId), loaded('appointment', argIds.appointmentId));
  if (named.some((row) => row?.foreign === true)) {
    forbidden('linked');
  }
  const current = loaded(entityType, entityId)?.row ?? null;
  seen(current);
  // An id names one kind of record: a new client cannot take a booking's id.
  if (first.kindsOfId !== undefined) {
    if (first.kindsOfId.foreign) forbidden('record');
    if (current === null && first.kindsOfId.own.some((kind) => kind !== entityType) && entityId !== SETTINGS_ID) {
      throw refuse('VALIDATION_ERROR', 'rulebook.otherKind', undefined, { field: 'entityId' });
    }
  }

  const actor = isClientViaLink(request.actorStaffId)
    ? clientActor(request)
    : actorOf(request.actorStaffId, request.actorStaffId === null ? undefined : loaded('staff', request.actorStaffId));
  const activeOwnerIds = first.activeOwnerIds ?? [];
  authorizeCommand(command, actor, shopHasOwner(activeOwnerIds));

  if (first.eventIdInUse === true) {
    throw refuse('VALIDATION_ERROR', 'rulebook.eventIdUsed', undefined, { field: 'eventId' });
  }
  const target = first.event ?? null;
  if (target?.foreign === true) forbidden('change');
  assertBuiltOnLatest(request, command, current, loaded(entityType, entityId));

  // The record may name rows the first questions could not guess (an appointment's staff, or the
  // ones an undo brings back).
  const refIds = requiredRefs(command, current, target?.event ?? null);
  const missing = rowQuestions(command, refIds, null, ownRow).filter((question) => !rows.has(rowKey(question.entityType, question.id)));
  // The person's time off around the booking (asked with the first questions when the command says where it goes).
  const awayWindow = timeOffWindow(command, refIds, current, target?.event ?? null);
  const guessedAway = timeOffGuess(command).timeOff;
  const awayKnown = awayWindow === null || (first.timeOff !== undefined && guessedAway !== undefined && covers(guessedAway, awayWindow));
  let allRows = rows;
  let timeOff: TimeOff[] = awayWindow === null ? [] : (first.timeOff ?? []);
  if (missing.length > 0 || !awayKnown) {
    const more = yield {
      ...(missing.length > 0 ? { rows: missing } : {}),
      ...(awayKnown || awayWindow === null ? {} : { timeOff: awayWindow }),
    };
    allRows = new Map([...rows, ...(more.rows ?? new Map<string, LoadedRow>())]);
    if (!awayKnown) timeOff = more.timeOff ?? [];
  }
  const ref = <E extends EntityType>(type: E, id: string | undefined): EntityRows[E] | null => {
    const found = id === undefined ? undefined : allRows.get(rowKey(type, id));
    if (found?.foreign === true) forbidden('linked');
    return (found?.row as EntityRows[E] | null | undefined) ?? null;
  };
  const refs: Refs = {
    service: ref('service', refIds.serviceId),
    staff: ref('staff', refIds.staffId),
    client: ref('client', refIds.clientId),
    ...(refIds.productId === undefined ? {} : { product: ref('product', refIds.productId) }),
    settings: refIds.settings ? ref('settings', SETTINGS_ID) : null,
    targetEvent: target?.event ?? null,
    targetUndone: target?.undone ?? false,
    ...(refIds.performerIds === undefined
      ? {}
      : { performers: refIds.performerIds.flatMap((id) => ref('staff', id) ?? []) }),
    ...(refIds.formTemplateId === undefined ? {} : { formTemplate: ref('formTemplate', refIds.formTemplateId) }),
    ...(refIds.appointmentId === undefined ? {} : { appointment: ref('appointment', refIds.appointmentId) }),
    timeOff,
  };

  const plan = planChange(command, current, refs, request.now, request.judgedAt ?? request.now, request.argsChecked === true, request.actorStaffId);
  if (entityType === 'staff') assertShopKeepsAnOwner(current as Staff | null, plan.row as Staff, activeOwnerIds);
  if (occupiesSlot(plan.row, entityType)) {
    const holders = coveredBy(first.slotHolders, slotQuestionFor(command), plan.row) ?? (yield { slotHolders: slotWindow(plan.row) }).slotHolders ?? [];
    const clash = clashingBooking(holders, plan.row);
    if (clash !== undefined) throw clash.block === true ? blockedTimeError(clash.id) : slotTakenError(clash.id);
  }
  if (blocksSlot(plan.row, entityType)) {
    const { staffId, startsAt, endsAt } = plan.row;
    const holders = (yield { slotHolders: { staffId, from: startsAt, to: endsAt } }).slotHolders ?? [];
    // Blocked time may not cover a booking; two blocks may overlap (a meeting over lunch).
    const booking = holders.find((holder) => holder.block !== true && holder.startsAt < endsAt && startsAt < holder.blockEndsAt);
    if (booking !== undefined) throw blockOnBookingError(booking.id);
  }

  const erasure = erasesClient(entityType, op);
  const event: DomainEvent = {
    id: request.eventId ?? newId(),
    entityType,
    entityId,
    type: plan.eventType,
    version: plan.row.version,
    actorStaffId: request.actorStaffId,
    deviceId: request.deviceId,
    at: request.now,
    reason: command.reason,
    // The erasure's own event says which fields were erased, never what they held.
    before: erasure ? scrubFields(entityType, plan.before) : plan.before,
    after: plan.after,
    undoesEventId: plan.undoesEventId,
  };
  let followUps: Command[] = [];
  if (request.runFollowUps && entityType === 'appointment' && sendsMessages(refs.settings)) {
    const messages = (yield { messagesOfAppointment: entityId }).messagesOfAppointment ?? [];
    const after = plan.row as Appointment;
    const decided = messageFollowUps({ before: current as Appointment | null, after, client: refs.client ?? null, settings: refs.settings ?? null, messages, now: request.now });
    followUps = followUpCommands(decided, { eventId: event.id });
  }
  if (request.runFollowUps && entityType === 'appointment') {
    followUps = [...(yield* stockMoves(command, current as Appointment | null, plan.row as Appointment, refs.service ?? null, event.id)), ...followUps];
  }
  // An erased client's future closes with them: bookings to come, unsent messages, the waitlist (§28).
  if (request.runFollowUps && erasure) {
    const records = (yield { recordsOfClient: entityId }).recordsOfClient ?? { bookings: [], messages: [], waitlist: [], walkIns: [] };
    followUps = erasureFollowUps(records, request.judgedAt ?? request.now, { eventId: event.id });
  }
  return { kind: 'change', command, row: plan.row, created: current === null, event, followUps, ...(erasure ? { erasesClient: entityId } : {}) };
}

/**
 * The stock the change uses, returns or sells (docs/architecture.md §25), asked only when the service
 * uses products, the service changed or the checkout sells retail; a use there is not enough for is refused (OUT_OF_STOCK) unless
 * the person chose to book anyway.
 */
function* stockMoves<A>(command: Command, before: Appointment | null, after: Appointment, service: Service | null, eventId: string): Generator<Questions, Command[], Answers<A>> {
  if (!movesStock(before, after, service)) return [];
  const wanted = productsWanted(after, service);
  const answers = yield { stockOfAppointment: after.id, ...(wanted.length > 0 ? { stockLevels: wanted } : {}) };
  const followUps = stockFollowUps({
    after,
    service,
    movements: answers.stockOfAppointment ?? [],
    stock: answers.stockLevels ?? [],
    allowShortage: command.args.allowShortage === true,
  });
  return stockCommands(followUps, { eventId, appointmentId: after.id });
}

function rowQuestions(command: Command, ids: RefIds, actorStaffId: string | null, ownRow: boolean): RowQuestion[] {
  const questions: RowQuestion[] = ownRow ? [{ entityType: command.entityType, id: command.entityId }] : [];
  const add = (entityType: EntityType, id: string | undefined) => {
    if (id !== undefined && !questions.some((question) => question.entityType === entityType && question.id === id)) {
      questions.push({ entityType, id });
    }
  };
  add('staff', actorStaffId ?? undefined);
  add('client', ids.clientId);
  add('service', ids.serviceId);
  add('staff', ids.staffId);
  add('product', ids.productId);
  if (ids.settings) add('settings', SETTINGS_ID);
  for (const id of ids.performerIds ?? []) add('staff', id);
  add('formTemplate', ids.formTemplateId);
  add('appointment', ids.appointmentId);
  return questions;
}

/**
 * The person acting, as the shop's records know them: a change made in the name of someone who
 * is not a staff member of this shop, or is no longer active, is refused (it may have waited
 * offline on a machine since).
 */
function actorOf(staffId: string | null, loaded: LoadedRow | undefined): Actor {
  if (staffId === null) return { staffId: null, role: null };
  if (loaded === undefined || loaded.foreign || loaded.row === null) forbidden('staff');
  const member = loaded.row as Staff;
  assertActorCanAct(member);
  return { staffId, role: member.role };
}

/** The client through their link: only the sync server's link route acts as them (docs/architecture.md §20). */
function clientActor(request: ChangeRequest): Actor {
  if (request.viaClientLink !== true) forbidden('person');
  return { staffId: null, role: null, client: true };
}

/**
 * The version says how many changes a record has had; the base event says which. A change built
 * on a machine's own unacknowledged change must not land on another machine's change that happens
 * to carry the same version number.
 */
function assertBuiltOnLatest(request: ChangeRequest, command: Command, current: AnyRow | null, loaded: LoadedRow | undefined): void {
  const baseEventId = request.baseEventId ?? null;
  if (current === null || baseEventId === null || !versionChecked(command.entityType, command.op)) return;
  if ((loaded?.lastEventId ?? null) !== baseEventId) {
    throw refuse('VERSION_CONFLICT', 'rulebook.changedFirst', undefined, {
      current,
      expectedVersion: command.expectedVersion,
      baseEventId,
    });
  }
}

/** Where a booking will probably sit, read with the first questions so a store can answer in one go. */
function slotQuestionFor(command: Command): SlotQuestion | null {
  if (command.entityType !== 'appointment') return null;
  const { staffId, startsAt } = command.args;
  if (typeof staffId !== 'string' || typeof startsAt !== 'number') return null;
  const from = startsAt - LONGEST_LEAD_MS;
  return { staffId, from, to: from + LONGEST_BLOCK_MS };
}

function slotGuess(command: Command): Pick<Questions, 'slotHolders'> {
  const question = slotQuestionFor(command);
  return question === null ? {} : { slotHolders: question };
}

function slotWindow(row: Appointment): SlotQuestion {
  return { staffId: row.staffId, from: heldFrom(row), to: row.blockEndsAt };
}

/** The guessed holders when the guess covers the booking's whole held time, else null (ask again). */
function coveredBy(holders: SlotHolder[] | undefined, guess: SlotQuestion | null, row: AnyRow): SlotHolder[] | null {
  const booking = row as Appointment;
  if (holders === undefined || guess === null) return null;
  if (guess.staffId !== booking.staffId || guess.from > heldFrom(booking) || guess.to < booking.blockEndsAt) return null;
  return holders;
}

/** The ops that place a booking and so ask whether the person works then. */
const schedulingOps: ReadonlySet<string> = new Set(['create', 'reschedule', 'changeService', 'restore', 'undo', 'undelete', 'clearNoShow']);
/** Time off around a booking's start: its whole shop-local day in any zone, and a booking of up to a day. */
const AWAY_MARGIN_MS = 2 * 24 * 60 * 60_000;

function awayAround(staffId: string, startsAt: number): SlotQuestion {
  return { staffId, from: startsAt - AWAY_MARGIN_MS, to: startsAt + AWAY_MARGIN_MS };
}

/** The time off the first questions can ask for: where the command itself says the booking goes. */
function timeOffGuess(command: Command): Pick<Questions, 'timeOff'> {
  if (command.entityType !== 'appointment' || !schedulingOps.has(command.op)) return {};
  const { staffId, startsAt } = command.args;
  if (typeof staffId !== 'string' || typeof startsAt !== 'number') return {};
  return { timeOff: awayAround(staffId, startsAt) };
}

/** Where the booking will be once planned (from the command, what an undo restores, or the record). */
function timeOffWindow(command: Command, refIds: RefIds, current: AnyRow | null, target: DomainEvent | null): SlotQuestion | null {
  if (command.entityType !== 'appointment' || !schedulingOps.has(command.op) || refIds.staffId === undefined) return null;
  const restored = command.op === 'undo' && target !== null ? target.before : {};
  const startsAt =
    typeof command.args.startsAt === 'number'
      ? command.args.startsAt
      : typeof restored.startsAt === 'number'
        ? restored.startsAt
        : (current as Appointment | null)?.startsAt;
  return startsAt === undefined ? null : awayAround(refIds.staffId, startsAt);
}

function covers(guess: SlotQuestion, wanted: SlotQuestion): boolean {
  return guess.staffId === wanted.staffId && guess.from <= wanted.from && guess.to >= wanted.to;
}
