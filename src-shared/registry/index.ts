import type { z } from 'zod';
import { entityTypes, type AnyRow, type EntityRows, type EntityType, type Fields } from '../entities';
import { appointment } from './appointment';
import { client } from './client';
import type { ChangedBy, EntityDeclaration, OpWording, SomeOp } from './declare';
import { block } from './block';
import { timeOff } from './timeOff';
import type { PlanContext } from './planning';
import { service } from './service';
import { settings } from './settings';
import { staff } from './staff';
import { undo } from './undo';
import { waitlist } from './waitlist';
import { walkIn } from './walkIn';
import { message } from './message';
import { product } from './product';
import { stockMovement } from './stockMovement';
import { formResponse } from './formResponse';
import { formTemplate } from './formTemplate';
import { importBatch } from './importBatch';
import { kindWordsOf, opWordsOf, shownLanguage, undoWordsOf } from './wording';
import type { Language } from '../i18n';

/**
 * The one registry of operations (docs/architecture.md §2): every kind of record and its ops,
 * declared once in this folder. The command schemas, the callers' input schemas, who may change
 * what, the desk router's command procedures, the renderer's calls and the events' wording are
 * all derived from it, so adding an op (or a kind of record) is done here and nowhere else.
 */
export const registry = { appointment, client, staff, service, settings, timeOff, block, waitlist, walkIn, message, product, stockMovement, formTemplate, formResponse, importBatch } satisfies {
  [E in EntityType]: EntityDeclaration<EntityRows[E], Record<string, SomeOp<EntityRows[E]>>>;
};

export type Registry = typeof registry;
export type EntityOps<E extends EntityType> = Registry[E]['ops'];
/** The ops declared for a kind of record (undo, common to all, is not among them). */
export type OpName<E extends EntityType> = keyof EntityOps<E> & string;
/** What a caller sends for each op of a kind of record, undo included. */
export type InputsOf<E extends EntityType> = { [O in OpName<E>]: InputOfOp<EntityOps<E>[O]> } & {
  undo: typeof undo.input;
};
export type ArgsSchemasOf<E extends EntityType> = { [O in OpName<E>]: ArgsOfOp<EntityOps<E>[O]> };
type InputOfOp<T> = T extends { input: infer I extends z.ZodType } ? I : never;
type ArgsOfOp<T> = T extends { args: infer A extends z.ZodType } ? A : never;

/** A kind of record with its ops' own types forgotten, to dispatch on names known only at run time. */
type SomeEntity = EntityDeclaration<AnyRow, Record<string, SomeOp>>;
const declarationOf = (entityType: EntityType): SomeEntity => registry[entityType];

/** The declared op of that name on that kind of record, if there is one. */
export function declaredOp(entityType: EntityType, op: string): SomeOp | undefined {
  const ops = declarationOf(entityType).ops;
  return Object.hasOwn(ops, op) ? ops[op] : undefined;
}

/** Every declared (kind, op) pair, in declaration order; undo is not declared per kind. */
export function declaredOps(): { entityType: EntityType; op: string; declaration: SomeOp }[] {
  return entityTypes.flatMap((entityType) =>
    Object.entries(declarationOf(entityType).ops).map(([op, declaration]) => ({ entityType, op, declaration })),
  );
}

/** "staff member": how messages name a record of this kind, in the language on screen unless told. */
export const nounOf = (entityType: EntityType, language: Language = shownLanguage()): string => kindWordsOf(entityType, language).noun;

/**
 * The row a declared op makes of the current one, by its own planner, after the rule its kind of
 * record sets for every op. planChange (operations.ts) has already refused an unknown op and a
 * change to a missing record, parsed `args` with the op's schema, and owns the version, the stamps
 * and the event.
 */
export function planDeclaredOp(
  command: { entityType: EntityType; op: string },
  current: AnyRow | null,
  args: Fields,
  context: PlanContext,
): AnyRow {
  const op = declaredOp(command.entityType, command.op);
  if (op === undefined || (op.kind !== 'create' && current === null)) {
    throw new Error(`planDeclaredOp: ${command.entityType}.${command.op} reached the planner without planChange's checks`);
  }
  declarationOf(command.entityType).check?.(current, command.op, context);
  return op.kind === 'create' ? op.plan(args, context) : op.plan(current as AnyRow, args, context);
}

/**
 * Object.fromEntries forgets which key holds which type; the mapped types above say it, and this
 * is the one place the registry's derived objects are built from entries.
 */
function byEntity<T>(pick: (entityType: EntityType) => unknown): T;
function byEntity(pick: (entityType: EntityType) => unknown): Record<string, unknown> {
  return Object.fromEntries(entityTypes.map((entityType) => [entityType, pick(entityType)]));
}
function opsMapped(entityType: EntityType, pick: (op: SomeOp) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(declarationOf(entityType).ops).map(([name, op]) => [name, pick(op)]));
}

/** Each op's args schema, by kind of record. */
export const argsSchemas = byEntity<{ [E in EntityType]: ArgsSchemasOf<E> }>((entityType) =>
  opsMapped(entityType, (op) => op.args),
);

/** What a caller sends for each op, by kind of record; undo is there for every kind. */
export const callerInputs = byEntity<{ [E in EntityType]: InputsOf<E> }>((entityType) => ({
  ...opsMapped(entityType, (op) => op.input),
  undo: undo.input,
}));

export const undoArgsSchema = undo.args;

/** What a caller sends for that op (undo included), if the kind of record has it. */
export function callerInputOf(entityType: EntityType, op: string): z.ZodType | undefined {
  return op === 'undo' ? undo.input : declaredOp(entityType, op)?.input;
}
/** "entity.op" of the ops whose event must carry the person's reason. */
export const reasonRequiredTypes: ReadonlySet<string> = new Set(
  declaredOps()
    .filter(({ declaration }) => declaration.reasonRequired)
    .map(({ entityType, op }) => `${entityType}.${op}`),
);

/** The names of the ops that bring a record into existence. */
export const creatingOpNames: ReadonlySet<string> = new Set(
  declaredOps()
    .filter(({ declaration }) => declaration.kind === 'create')
    .map(({ op }) => op),
);

/** Who may run an op: the op's own say where it has one, else its kind of record's. */
export function changedByOf(entityType: EntityType, op: string): ChangedBy {
  return declaredOp(entityType, op)?.changedBy ?? registry[entityType].changedBy;
}

/** The client may run this op themself, through their confirmation link (docs/architecture.md §20). */
export function byClientOf(entityType: EntityType, op: string): boolean {
  return declaredOp(entityType, op)?.byClient === true;
}

/** Does this op erase a client's personal details (docs/architecture.md §28)? */
export function erasesClient(entityType: EntityType, op: string): boolean {
  return declaredOp(entityType, op)?.erasure === true;
}

/**
 * Must the change be built on the record's latest version (else VERSION_CONFLICT)? Not for a kind
 * judged on its status (see EntityDeclaration.judgedBy), whose op rules decide; an undo always is.
 */
export function versionChecked(entityType: EntityType, op: string): boolean {
  return op === 'undo' || declarationOf(entityType).judgedBy !== 'status';
}

/** The kinds of record only the shop owner may change. */
export const ownerOnlyTypes: ReadonlySet<EntityType> = new Set(
  entityTypes.filter((entityType) => registry[entityType].changedBy === 'owner'),
);

/**
 * How an event of this type ("appointment.cancel") reads, undo included, in the language on screen
 * unless told (the registry catalogue); undefined for a type no op makes.
 */
export function wordingOf(type: string, language: Language = shownLanguage()): (OpWording & { entityType: EntityType }) | undefined {
  const [entityType, op] = type.split('.');
  const kind = entityTypes.find((candidate) => candidate === entityType);
  if (kind === undefined || op === undefined) return undefined;
  if (op === 'undo') return { ...undoWordsOf(kind, language), entityType: kind };
  const declaration = declaredOp(kind, op);
  return declaration === undefined ? undefined : { ...declaration.wording, ...opWordsOf(kind, op, language), entityType: kind };
}

/** The activity log's label of every event type in a language, in declaration order (each kind's undo last). */
export function eventLabelsIn(language: Language = shownLanguage()): Readonly<Record<string, string>> {
  return Object.fromEntries(
    entityTypes.flatMap((entityType) =>
      [...Object.keys(declarationOf(entityType).ops), 'undo'].map((op) => {
        const type = `${entityType}.${op}`;
        return [type, wordingOf(type, language)?.label ?? type];
      }),
    ),
  );
}

/** The English labels (files written for the shop's records keep the English the tests read). */
export const eventLabels: Readonly<Record<string, string>> = eventLabelsIn('en');

export { kindWordsOf, shownLanguage } from './wording';
export type { ChangedBy, OpWording, SomeOp } from './declare';
export type { PlanContext, Refs } from './planning';
