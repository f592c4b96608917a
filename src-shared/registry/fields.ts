import { z } from 'zod';
import { idSchema, instantSchema } from '../entities';
import { text } from '../text';
import { LATEST_INSTANT, MINUTE_MS, supportedYears } from '../time';

/** The field schemas the operations' args are made of, shared so one field means one rule everywhere. */

export const name = text(200, { min: 1 });
export const notes = text(2000);
export const phone = z
  .string()
  .trim()
  .regex(/^[+\d][\d\s().-]{2,30}$/, { message: 'must be a phone number' })
  .nullable();
export const email = z.email({ message: 'must be an e-mail address' }).max(254).nullable();
export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #3366ff' });
/** A PIN is only ever accepted at the edge and hashed before anything stores or sends it. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, { message: 'must be 4 to 8 digits' });
export const pinHash = z.string().min(1).max(300).nullable();
export const MAX_DURATION_MIN = 720;
export const MAX_BUFFER_MIN = 240;
export const durationMin = z.int().min(5).max(MAX_DURATION_MIN);
export const bufferAfterMin = z.int().min(0).max(MAX_BUFFER_MIN);
/** A booking's start leaves room for the longest booking and buffer to end inside the supported years. */
export const startsAtSchema = instantSchema.max(LATEST_INSTANT - (MAX_DURATION_MIN + MAX_BUFFER_MIN) * MINUTE_MS, {
  message: `must be ${supportedYears}`,
});
export const priceCents = z.int().min(0).max(100_000_000).nullable();
export const allowOutsideHours = z.boolean().optional();
/** The person chose to book outside the staff member's working time (or in their time off). */
export const allowOutsideSchedule = z.boolean().optional();
/** The person chose to record a booking whose start has already passed (a visit that already happened). */
export const allowPast = z.boolean().optional();
/** The person chose to book though a product the visit uses is out of stock; the shortage is recorded (docs/architecture.md §25). */
export const allowShortage = z.boolean().optional();
/** What a new booking names: who, with whom, for what, when, and the exceptions the person chose. */
export const newBookingFields = {
  clientId: idSchema,
  staffId: idSchema,
  serviceId: idSchema,
  startsAt: startsAtSchema,
  notes: notes.optional(),
  allowOutsideHours,
  allowOutsideSchedule,
};
/** The args of an op that needs nothing but the record it acts on. */
export const none = z.strictObject({});

export const atLeastOne = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: 'must change at least one field',
  });

export const idempotencyKeySchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(128)
  .regex(/^[A-Za-z0-9_:.-]+$/, { message: 'may use letters, digits and _:.- only' });
export const reasonSchema = text(500);
