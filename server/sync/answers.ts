import { SETTINGS_ID, type EntityType } from '../../src-shared/entities';
import { rowKey, type Answers, type LoadedRow, type Questions, type SlotQuestion } from '../../src-shared/rulebook/questions';
import { LONGEST_BLOCK_MS } from '../../src-shared/slots';
import type { Outcome } from '../../src-shared/sync';
import type { Queryable } from '../db/connect';
import { messagesOfAppointment, overlappingHolders, readState, recordsOfClient, stockLevels, stockOfAppointment, timeOffDuring, type ReadState } from './store';

/**
 * The server's answers to the rulebook's questions (docs/architecture.md §2), read inside the
 * mutation's transaction. The server holds many shops: a row of another shop is answered as
 * foreign, never as this shop's. A batch of questions is one round trip (readState).
 */
export function answerFromServer(tx: Queryable, shopId: string, eventId: string) {
  return async (questions: Questions): Promise<Answers<Outcome>> => {
    // Asked alone, after the change is planned (the follow-ups of a change the server makes itself).
    if (questions.messagesOfAppointment !== undefined) {
      const { messagesOfAppointment: appointmentId, ...rest } = questions;
      const messages = await messagesOfAppointment(tx, shopId, appointmentId);
      const others = Object.keys(rest).length === 0 ? {} : await answerFromServer(tx, shopId, eventId)(rest);
      return { ...others, messagesOfAppointment: messages };
    }
    // Asked alone too, after the change is planned (its stock follow-ups, docs/architecture.md §25).
    if (questions.stockOfAppointment !== undefined || questions.stockLevels !== undefined) {
      const { stockOfAppointment: appointmentId, stockLevels: productIds, ...rest } = questions;
      const others = Object.keys(rest).length === 0 ? {} : await answerFromServer(tx, shopId, eventId)(rest);
      return {
        ...others,
        ...(appointmentId === undefined ? {} : { stockOfAppointment: isUuid(appointmentId) ? await stockOfAppointment(tx, shopId, appointmentId) : [] }),
        ...(productIds === undefined ? {} : { stockLevels: await stockLevels(tx, shopId, productIds.filter(isUuid)) }),
      };
    }
    // Asked alone too, after an erasure is planned (what it closes, docs/architecture.md §28).
    if (questions.recordsOfClient !== undefined) {
      const { recordsOfClient: clientId, ...rest } = questions;
      const others = Object.keys(rest).length === 0 ? {} : await answerFromServer(tx, shopId, eventId)(rest);
      return { ...others, recordsOfClient: await recordsOfClient(tx, shopId, isUuid(clientId) ? clientId : null) };
    }
    const ids = new Set<string>();
    for (const question of questions.rows ?? []) ids.add(question.id);
    if (questions.kindsOfId !== undefined) ids.add(questions.kindsOfId);
    const onlyTimes = ids.size === 0 && questions.keptAnswerFor === undefined && questions.event === undefined;
    if (onlyTimes && (questions.slotHolders !== undefined || questions.timeOff !== undefined)) {
      const answers: Answers<Outcome> = {};
      if (questions.slotHolders !== undefined) answers.slotHolders = await overlappingHolders(tx, shopId, questions.slotHolders);
      if (questions.timeOff !== undefined) answers.timeOff = await timeOffAround(tx, shopId, questions.timeOff);
      return answers;
    }
    const guess = prefetchable(questions.slotHolders);
    const state = await readState(tx, {
      shopId,
      idempotencyKey: questions.keptAnswerFor ?? '',
      ids: [...ids].filter(isUuid),
      eventId: questions.eventIdInUse ?? eventId,
      targetEventId: questions.event !== undefined && isUuid(questions.event) ? questions.event : null,
      slot: guess,
      timeOff: questions.timeOff !== undefined && isUuid(questions.timeOff.staffId) ? questions.timeOff : null,
    });
    const answers: Answers<Outcome> = {};
    if (questions.keptAnswerFor !== undefined) {
      answers.keptAnswer = state.idempotency === null ? null : { payloadHash: state.idempotency.payloadHash, answer: state.idempotency.outcome };
    }
    if (questions.rows !== undefined) {
      const rows = new Map<string, LoadedRow>();
      for (const { entityType, id } of questions.rows) rows.set(rowKey(entityType, id), rowOf(state, shopId, entityType, id));
      answers.rows = rows;
    }
    if (questions.kindsOfId !== undefined) {
      const id = questions.kindsOfId;
      answers.kindsOfId = {
        own: state.rows.filter((found) => found.shopId === shopId && found.data.id === id).map((found) => found.entityType),
        foreign: isForeign(state, shopId, id),
      };
    }
    if (questions.event !== undefined) {
      const target = state.target;
      answers.event =
        target === null
          ? null
          : { event: { ...target.event, at: Number(target.event.at) }, undone: state.targetUndone, foreign: target.shopId !== shopId };
    }
    if (questions.eventIdInUse !== undefined) answers.eventIdInUse = state.eventIdTaken;
    if (questions.activeOwnerIds === true) answers.activeOwnerIds = state.activeOwnerIds;
    if (questions.slotHolders !== undefined) {
      answers.slotHolders = guess === null ? await overlappingHolders(tx, shopId, questions.slotHolders) : state.slotHolders;
    }
    if (questions.timeOff !== undefined) answers.timeOff = state.timeOff;
    return answers;
  };
}

/** readState prefetches the holders of [start, start + longest block): enough for any window inside it. */
function prefetchable(question: SlotQuestion | undefined): { staffId: string; startsAt: number } | null {
  if (question === undefined || question.to - question.from > LONGEST_BLOCK_MS || !isUuid(question.staffId)) return null;
  return { staffId: question.staffId, startsAt: question.from };
}

function rowOf(state: ReadState, shopId: string, entityType: EntityType, id: string): LoadedRow {
  const own = state.rows.find((found) => found.shopId === shopId && found.entityType === entityType && found.data.id === id);
  return { row: own?.data ?? null, foreign: isForeign(state, shopId, id), lastEventId: own?.lastEventId ?? null };
}

/** The shop's settings share one well-known id; any other id held by another shop is not this shop's. */
function isForeign(state: ReadState, shopId: string, id: string): boolean {
  return id !== SETTINGS_ID && state.rows.some((found) => found.data.id === id && found.shopId !== shopId);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** A staff member's time off around a booking (none for an id that is not one). */
function timeOffAround(tx: Queryable, shopId: string, question: SlotQuestion) {
  return isUuid(question.staffId) ? timeOffDuring(tx, shopId, question) : Promise.resolve([]);
}
