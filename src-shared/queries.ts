import { z } from 'zod';
import { entityTypeSchema, idSchema, instantSchema, localDateSchema } from './entities';
import { text } from './text';

/** Inputs of the read-only procedures. Strict: an unknown field is a VALIDATION_ERROR. */

export const dayViewInputSchema = z.strictObject({
  date: localDateSchema,
  staffId: idSchema.optional(),
});

export const freeSlotsInputSchema = z.strictObject({
  date: localDateSchema,
  staffId: idSchema,
  serviceId: idSchema,
  stepMin: z.int().min(5).max(120).default(15),
  /** Ignore the appointment being moved when looking for room for it. */
  ignoreAppointmentId: idSchema.optional(),
  /** Only slots starting at or after this instant (e.g. now). */
  notBefore: instantSchema.optional(),
});

/** "Next available": the earliest free slots for a service, with anyone who performs it or one person. */
export const nextAvailableInputSchema = z.strictObject({
  serviceId: idSchema,
  /** Only this person; everyone who performs the service when absent. */
  staffId: idSchema.optional(),
  /** The first shop-local date to look at; today (from now) when absent or past. */
  date: localDateSchema.optional(),
  days: z.int().min(1).max(14).default(14),
  limit: z.int().min(1).max(50).default(6),
  stepMin: z.int().min(5).max(120).default(15),
  /** Ignore the appointment being moved when looking for room for it. */
  ignoreAppointmentId: idSchema.optional(),
});

export const historyInputSchema = z.strictObject({
  entityType: entityTypeSchema,
  entityId: idSchema,
});

export const activityInputSchema = z.strictObject({
  actorStaffId: idSchema.optional(),
  type: text(60, { trim: false, min: 1 }).optional(),
  entityType: entityTypeSchema.optional(),
  entityId: idSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  /** The seq of the last item of the previous page. */
  cursor: z.int().min(1).optional(),
  limit: z.int().min(1).max(200).default(50),
});

export const clientSearchInputSchema = z.strictObject({
  query: text(100, { trim: false }),
  limit: z.int().min(1).max(50).default(20),
  includeDeleted: z.boolean().default(false),
});

export const byIdInputSchema = z.strictObject({ id: idSchema });

export const syncStates = ['confirmed', 'pending', 'conflict', 'rejected', 'failed'] as const;
export type SyncState = (typeof syncStates)[number];

/** A week of the schedule: the Monday-to-Sunday week holding `date`; one staff member's or everyone's. */
export const weekViewInputSchema = z.strictObject({
  date: localDateSchema,
  staffId: idSchema.optional(),
});

/** Time off or blocked time meeting [from, to), of everyone or of one staff member. */
export const scheduleRangeInputSchema = z
  .strictObject({ from: instantSchema, to: instantSchema, staffId: idSchema.optional() })
  .refine((range) => range.to > range.from, { message: 'must be after the start of the period', path: ['to'] })
  .refine((range) => range.to - range.from <= 400 * 24 * 60 * 60_000, { message: 'must be at most 400 days after the start', path: ['to'] });
