import { z } from 'zod';
import {
  clockTimeSchema,
  entityTypeSchema,
  idSchema,
  instantSchema,
  localDateSchema,
  openingHoursSchema,
  paperSizes,
  staffRoleSchema,
  timeZoneSchema,
  type EntityType,
} from './entities';
import { fieldKeySchema, text } from './text';
import { LATEST_INSTANT, MINUTE_MS, supportedYears } from './time';

/**
 * The commands that change entities. Each op has an args schema; the pure planner in
 * operations.ts turns (current row, args) into the next row and its event, the same way on the
 * local store and on the sync server.
 */

const name = text(200, { min: 1 });
const phone = z
  .string()
  .trim()
  .regex(/^[+\d][\d\s().-]{2,30}$/, { message: 'must be a phone number' })
  .nullable();
const email = z.email({ message: 'must be an e-mail address' }).max(254).nullable();
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #3366ff' });
/** A PIN is only ever accepted at the edge and hashed before anything stores or sends it. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, { message: 'must be 4 to 8 digits' });
const pinHash = z.string().min(1).max(300).nullable();
export const MAX_DURATION_MIN = 720;
export const MAX_BUFFER_MIN = 240;
const durationMin = z.int().min(5).max(MAX_DURATION_MIN);
const bufferAfterMin = z.int().min(0).max(MAX_BUFFER_MIN);
/** A booking's start leaves room for the longest booking and buffer to end inside the supported years. */
export const startsAtSchema = instantSchema.max(LATEST_INSTANT - (MAX_DURATION_MIN + MAX_BUFFER_MIN) * MINUTE_MS, {
  message: `must be ${supportedYears}`,
});
const priceCents = z.int().min(0).max(100_000_000).nullable();
const allowOutsideHours = z.boolean().optional();
/** The person chose to record a booking whose start has already passed (a visit that already happened). */
const allowPast = z.boolean().optional();
const none = z.strictObject({});

const atLeastOne = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: 'must change at least one field',
  });

export const opSchemas = {
  appointment: {
    create: z.strictObject({
      clientId: idSchema,
      staffId: idSchema,
      serviceId: idSchema,
      startsAt: startsAtSchema,
      notes: text(2000).optional(),
      allowOutsideHours,
      allowPast,
    }),
    reschedule: z
      .strictObject({ startsAt: startsAtSchema.optional(), staffId: idSchema.optional(), allowOutsideHours, allowPast })
      .refine((value) => value.startsAt !== undefined || value.staffId !== undefined, {
        message: 'is needed unless a new staff member is chosen',
        path: ['startsAt'],
      }),
    changeService: z.strictObject({ serviceId: idSchema, allowOutsideHours }),
    updateNotes: z.strictObject({ notes: text(2000) }),
    cancel: none,
    restore: z.strictObject({ allowOutsideHours, allowPast }),
    markNoShow: none,
    clearNoShow: none,
    delete: none,
    undelete: none,
  },
  client: {
    create: z.strictObject({ name, phone: phone.optional(), email: email.optional(), notes: text(2000).optional() }),
    update: atLeastOne(
      z.strictObject({ name: name.optional(), phone: phone.optional(), email: email.optional(), notes: text(2000).optional() }),
    ),
    delete: none,
    restore: none,
  },
  staff: {
    create: z.strictObject({ name, colour, role: staffRoleSchema, pinHash: pinHash.optional() }),
    update: atLeastOne(
      z.strictObject({ name: name.optional(), colour: colour.optional(), role: staffRoleSchema.optional(), pinHash: pinHash.optional() }),
    ),
    deactivate: none,
    reactivate: none,
  },
  service: {
    create: z.strictObject({ name, durationMin, bufferAfterMin: bufferAfterMin.optional(), priceCents: priceCents.optional() }),
    update: atLeastOne(
      z.strictObject({
        name: name.optional(),
        durationMin: durationMin.optional(),
        bufferAfterMin: bufferAfterMin.optional(),
        priceCents: priceCents.optional(),
      }),
    ),
    archive: none,
    unarchive: none,
  },
  settings: {
    create: z.strictObject({
      shopName: name,
      timeZone: timeZoneSchema,
      openingHours: openingHoursSchema,
      closedDates: z.array(localDateSchema).max(1000).optional(),
      paperSize: z.enum(paperSizes).optional(),
    }),
    update: atLeastOne(
      z.strictObject({
        shopName: name.optional(),
        timeZone: timeZoneSchema.optional(),
        openingHours: openingHoursSchema.optional(),
        closedDates: z.array(localDateSchema).max(1000).optional(),
        paperSize: z.enum(paperSizes).optional(),
      }),
    ),
  },
} as const;

/** Undo works on any entity's event; it is an op of its own so that sync carries it like any other. */
export const undoArgsSchema = z.strictObject({ eventId: idSchema, allowPast });

export type OpSchemas = typeof opSchemas;
export type OpName<E extends EntityType> = keyof OpSchemas[E] & string;
export type OpArgs<E extends EntityType, O extends OpName<E>> = z.infer<OpSchemas[E][O] & z.ZodType>;

/** Ops that bring an entity into existence (no expectedVersion). */
export const creatingOps: ReadonlySet<string> = new Set(['create']);

/** Ops that need a reason from the person (it is stored on the event). */
export const reasonRequiredOps: ReadonlySet<string> = new Set(['appointment.cancel']);

export const idempotencyKeySchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(128)
  .regex(/^[A-Za-z0-9_:.-]+$/, { message: 'may use letters, digits and _:.- only' });
export const reasonSchema = text(500);

/** A command in the form the store and the sync protocol both use. */
export const commandSchema = z.strictObject({
  entityType: entityTypeSchema,
  op: text(40, { trim: false, min: 1 }),
  entityId: idSchema,
  expectedVersion: z.int().min(1).nullable(),
  idempotencyKey: idempotencyKeySchema,
  reason: reasonSchema.nullable(),
  args: z.record(fieldKeySchema, z.unknown()),
});
export type Command = z.infer<typeof commandSchema>;

/** The args schema for an (entity, op) pair, or undefined when there is no such op. */
export function argsSchemaFor(entityType: EntityType, op: string): z.ZodType | undefined {
  if (op === 'undo') return undoArgsSchema;
  const ops = opSchemas[entityType] as Record<string, z.ZodType>;
  return Object.prototype.hasOwnProperty.call(ops, op) ? ops[op] : undefined;
}

export { clockTimeSchema };
