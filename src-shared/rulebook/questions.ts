import type { AnyRow, DomainEvent, EntityType, Message, StockMovement, TimeOff } from '../entities';
import type { RecordsOfClient } from '../erasureFollowUps';
import type { ProductLevel } from '../stock/followUps';
import type { SlotHolder } from '../slots';

export type { SlotHolder };

/**
 * What the rulebook asks a store, and what the store answers (docs/architecture.md §2). The
 * questions are plain data so a store can answer them its own way: the desk reads SQLite
 * synchronously, the server reads PostgreSQL in one round trip per batch. A store answers what it
 * holds and decides nothing: every verdict on the answers is the rulebook's.
 */

export interface RowQuestion {
  entityType: EntityType;
  id: string;
}

export interface Questions {
  /** The answer kept under this idempotency key, if any. */
  keptAnswerFor?: string;
  /** Rows by kind and id (the record itself, the person acting, the rows it refers to). */
  rows?: RowQuestion[];
  /** The kinds of record this shop holds under this id, whatever the kind asked for. */
  kindsOfId?: string;
  /** An event by id (the one an undo names). */
  event?: string;
  /** Is this event id already used (a change's id must be new)? */
  eventIdInUse?: string;
  /** The ids of the shop's active owners. */
  activeOwnerIds?: true;
  /** Booked appointments and blocked time of a staff member that may hold any of [from, to). */
  slotHolders?: SlotQuestion;
  /** A staff member's time off and extra hours, not removed, that meet [from, to). */
  timeOff?: SlotQuestion;
  /** The messages of this appointment (what its follow-ups move or cancel, docs/architecture.md §17). */
  messagesOfAppointment?: string;
  /** The stock movements of this appointment, not removed (what it has used so far, docs/architecture.md §25). */
  stockOfAppointment?: string;
  /** These products (not removed) with their stock levels: the sum of their movements. */
  stockLevels?: string[];
  /** A client's records that may still have a future (what erasing them closes, docs/architecture.md §28). */
  recordsOfClient?: string;
}

export interface SlotQuestion {
  staffId: string;
  from: number;
  to: number;
}

/** A row as a store holds it. `foreign`: the id belongs to another shop (the server serves many). */
export interface LoadedRow {
  row: AnyRow | null;
  foreign: boolean;
  /** The id of the row's latest event, where the store keeps it (what a mutation's base event must name). */
  lastEventId?: string | null;
}

export interface LoadedEvent {
  event: DomainEvent;
  /** True when some event already undoes this one. */
  undone: boolean;
  foreign: boolean;
}

export interface KeptAnswer<A> {
  payloadHash: string;
  answer: A;
}

export interface Answers<A> {
  keptAnswer?: KeptAnswer<A> | null;
  /** Keyed by rowKey(entityType, id). */
  rows?: ReadonlyMap<string, LoadedRow>;
  kindsOfId?: { own: EntityType[]; foreign: boolean };
  event?: LoadedEvent | null;
  eventIdInUse?: boolean;
  activeOwnerIds?: readonly string[];
  slotHolders?: SlotHolder[];
  timeOff?: TimeOff[];
  messagesOfAppointment?: Message[];
  stockOfAppointment?: StockMovement[];
  stockLevels?: ProductLevel[];
  recordsOfClient?: RecordsOfClient;
}

export function rowKey(entityType: EntityType, id: string): string {
  return `${entityType}:${id}`;
}
