import { z } from 'zod';
import { idSchema, type AnyRow } from '../entities';
import { idempotencyKeySchema, reasonSchema } from './fields';
import type { PlanContext } from './planning';

/**
 * How an operation is declared, once: its args, what a caller sends for it, whether it needs a
 * reason, how its event is worded and how it plans the next row. Everything else (the command
 * schemas, the desk router, the renderer's calls, the activity log's words) is derived from it.
 */

type Shape = z.core.$ZodLooseShape;
/** Args are a strict object: a field an op does not know is refused, never ignored. */
export type ArgsSchema<S extends Shape = Shape> = z.ZodObject<S, z.core.$strict>;
export type ArgsOf<S extends Shape> = z.output<ArgsSchema<S>>;

const createBase = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.optional(),
  /** A caller may choose the new record's id (so it can refer to it before the answer arrives). */
  id: idSchema.optional(),
});
const changeBase = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.optional(),
  id: idSchema,
  expectedVersion: z.int().min(1),
});
const requiredReason = { reason: reasonSchema.min(1, { message: 'is required' }) };

// Generic over the shape itself (not the schema): `args.shape` of a schema-typed parameter would
// widen to any field, and every caller's input type with it.
/** What a caller sends to create: the args flattened beside the idempotency key and an optional id. */
export const createInput = <S extends Shape>(args: ArgsSchema<S>) => createBase.extend(args.shape);
/** What a caller sends to change a record: the args beside its id and the version it saw. */
export const changeInput = <S extends Shape>(args: ArgsSchema<S>) => changeBase.extend(args.shape);
const reasonRequiredInput = <S extends Shape>(args: ArgsSchema<S>) => changeInput(args).extend(requiredReason);
export type CreateInput<S extends Shape> = ReturnType<typeof createInput<S>>;
export type ChangeInput<S extends Shape> = ReturnType<typeof changeInput<S>>;
export type ReasonRequiredInput<S extends Shape> = ReturnType<typeof reasonRequiredInput<S>>;

/** How an op's event reads to a person. */
export interface OpWording {
  /** What the activity log calls such an event: "Appointment moved". */
  label: string;
  /** What the person did, as in "You moved the appointment": "moved". */
  verb: string;
  /** What the change is called once undone, as in "Maya undid the move": "move". */
  name: string;
  /** The verb says it all on the record's own history ("You cancelled"); elsewhere "cancelled an appointment". */
  alone?: boolean;
  /**
   * The activity log's sentence when "<verb> <the record>" reads wrong: `{record}` stands for the
   * record in words ("marked {record} as a no-show"). Most ops need none.
   */
  sentence?: string;
  /**
   * The sender does this by itself (in the name of the person who made the message, so the rules
   * need no new actor, docs/architecture.md §17): the history says "CareDesk", not that person.
   */
  automatic?: boolean;
}

interface OpCommon<S extends Shape, I extends z.ZodType> {
  args: ArgsSchema<S>;
  /** What a caller (the renderer, through the desk router) sends. */
  input: I;
  /** The person must say why; the reason is stored on the event. */
  reasonRequired: boolean;
  wording: OpWording;
  /** Who may run this op when it is not who may change its kind of record (see ChangedBy). */
  changedBy?: ChangedBy;
  /** The client may run it themself, through their confirmation link (docs/architecture.md §20). */
  byClient?: true;
  /**
   * The change erases the client's personal details from every stored copy (docs/architecture.md
   * §28): the rulebook tells each store to scrub them in the same transaction, and it is never undone.
   */
  erasure?: true;
}

/** An op that brings a record into existence (no expected version). */
export interface CreateOp<Row extends AnyRow, S extends Shape, I extends z.ZodType> extends OpCommon<S, I> {
  kind: 'create';
  plan(args: ArgsOf<S>, context: PlanContext): Row;
}

/** An op on an existing record, planned from its current row. */
export interface ChangeOp<Row extends AnyRow, S extends Shape, I extends z.ZodType> extends OpCommon<S, I> {
  kind: 'change';
  plan(row: Row, args: ArgsOf<S>, context: PlanContext): Row;
}

/** Any op of a kind of record, with its own args and input types forgotten (for dispatch by name). */
export type SomeOp<Row extends AnyRow = AnyRow> = CreateOp<Row, Shape, z.ZodType> | ChangeOp<Row, Shape, z.ZodType>;

interface CreateSpec<Row extends AnyRow, S extends Shape> {
  args: ArgsSchema<S>;
  wording: OpWording;
  changedBy?: ChangedBy;
  byClient?: true;
  plan(args: ArgsOf<S>, context: PlanContext): Row;
}
interface ChangeSpec<Row extends AnyRow, S extends Shape> {
  args: ArgsSchema<S>;
  wording: OpWording;
  changedBy?: ChangedBy;
  byClient?: true;
  erasure?: true;
  plan(row: Row, args: ArgsOf<S>, context: PlanContext): Row;
}

/** A create op; its caller input is its args beside the idempotency key (or `input` reshapes that). */
// The overload with `input` comes first: a lambda's parameters are typed by the first overload tried.
export function createOp<Row extends AnyRow, S extends Shape, I extends z.ZodType>(
  spec: CreateSpec<Row, S> & { input(base: CreateInput<S>): I },
): CreateOp<Row, S, I>;
export function createOp<Row extends AnyRow, S extends Shape>(
  spec: CreateSpec<Row, S>,
): CreateOp<Row, S, CreateInput<S>>;
export function createOp(
  spec: CreateSpec<AnyRow, Shape> & { input?(base: CreateInput<Shape>): z.ZodType },
): CreateOp<AnyRow, Shape, z.ZodType> {
  const base = createInput(spec.args);
  return {
    kind: 'create',
    args: spec.args,
    input: spec.input ? spec.input(base) : base,
    reasonRequired: false,
    wording: spec.wording,
    ...(spec.changedBy === undefined ? {} : { changedBy: spec.changedBy }),
    ...(spec.byClient === undefined ? {} : { byClient: spec.byClient }),
    plan: spec.plan,
  };
}

/** A change op; `reasonRequired` makes the caller's reason required, `input` reshapes the caller input. */
export function changeOp<Row extends AnyRow, S extends Shape, I extends z.ZodType>(
  spec: ChangeSpec<Row, S> & { input(base: ChangeInput<S>): I },
): ChangeOp<Row, S, I>;
export function changeOp<Row extends AnyRow, S extends Shape>(
  spec: ChangeSpec<Row, S> & { reasonRequired: true },
): ChangeOp<Row, S, ReasonRequiredInput<S>>;
export function changeOp<Row extends AnyRow, S extends Shape>(
  spec: ChangeSpec<Row, S>,
): ChangeOp<Row, S, ChangeInput<S>>;
export function changeOp(
  spec: ChangeSpec<AnyRow, Shape> & { reasonRequired?: true; input?(base: ChangeInput<Shape>): z.ZodType },
): ChangeOp<AnyRow, Shape, z.ZodType> {
  const base = spec.reasonRequired ? reasonRequiredInput(spec.args) : changeInput(spec.args);
  return {
    kind: 'change',
    args: spec.args,
    input: spec.input ? spec.input(base) : base,
    reasonRequired: spec.reasonRequired === true,
    wording: spec.wording,
    ...(spec.changedBy === undefined ? {} : { changedBy: spec.changedBy }),
    ...(spec.byClient === undefined ? {} : { byClient: spec.byClient }),
    ...(spec.erasure === undefined ? {} : { erasure: spec.erasure }),
    plan: spec.plan,
  };
}

/**
 * Who may change a kind of record: only the shop owner, or anyone signed in at the desk. An op may
 * say otherwise: `self` is the staff member the record is, for themself only (changing one's own PIN).
 */
export type ChangedBy = 'owner' | 'anyone' | 'self';

/**
 * One kind of record: who may change it, the rule every op of it obeys, and its ops. How the kind
 * is named ("staff member", "a staff member", "Staff") is the registry catalogue's, in each
 * language (`kinds`, read by kindWordsOf).
 */
export interface EntityDeclaration<Row extends AnyRow, Ops extends Record<string, SomeOp<Row>>> {
  changedBy: ChangedBy;
  /**
   * 'status': a change is judged on the record's status alone, not on the version it was built on
   * (no VERSION_CONFLICT): the sync server's sender and the desks move messages at the same time,
   * and each op's own status rule says whether it still applies (docs/architecture.md §20).
   */
  judgedBy?: 'status';
  /** Refuses any op (before its own planner) that no op of this kind may do, e.g. change a removed record. */
  check?(current: Row | null, op: string, context: PlanContext): void;
  ops: Ops;
}

/** Declares a kind of record, keeping its ops' precise types for everything derived from it. */
export function declareEntity<Row extends AnyRow, Ops extends Record<string, SomeOp<Row>>>(
  declaration: EntityDeclaration<Row, Ops>,
): EntityDeclaration<Row, Ops> {
  return declaration;
}
