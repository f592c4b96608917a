import { z } from 'zod';
import { isValidLocalDate, isValidTimeZone, weekdays } from './time';

/**
 * Entity rows as every side sees them: the local store, the sync server and the renderer.
 * Instants are UTC epoch milliseconds. `version` counts the entity's events.
 */

export const entityTypes = ['appointment', 'client', 'staff', 'service', 'settings'] as const;
export const entityTypeSchema = z.enum(entityTypes);
export type EntityType = z.infer<typeof entityTypeSchema>;

export const idSchema = z.uuid({ message: 'must be an id' });
export const instantSchema = z.int().min(0).max(8_640_000_000_000_000);
export const localDateSchema = z.string().refine(isValidLocalDate, { message: 'must be a date as YYYY-MM-DD' });
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time as HH:mm' });
export const timeZoneSchema = z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone' });

/** Fields every entity row carries; history folds into all of them. */
const rowMeta = {
  id: idSchema,
  version: z.int().min(1),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  deletedAt: instantSchema.nullable(),
};
export const metaFields = ['id', 'version', 'createdAt', 'updatedAt'] as const;

export const appointmentStatuses = ['booked', 'cancelled', 'no_show'] as const;
export const appointmentStatusSchema = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const appointmentSchema = z.object({
  ...rowMeta,
  clientId: idSchema,
  staffId: idSchema,
  serviceId: idSchema,
  startsAt: instantSchema,
  endsAt: instantSchema,
  /** End of the time the staff member is busy: endsAt plus the service's buffer at booking time. */
  blockEndsAt: instantSchema,
  status: appointmentStatusSchema,
  notes: z.string(),
  cancelReason: z.string().nullable(),
  outsideHours: z.boolean(),
  /**
   * The start had already passed when the booking was placed at this time: a visit recorded after
   * it happened, by the person's explicit choice. Rows written before this field existed read false.
   */
  recordedAfterStart: z.boolean().default(false),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const clientSchema = z.object({
  ...rowMeta,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string(),
});
export type Client = z.infer<typeof clientSchema>;

export const staffRoles = ['owner', 'staff'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffSchema = z.object({
  ...rowMeta,
  name: z.string(),
  colour: z.string(),
  role: staffRoleSchema,
  /** scrypt hash of the PIN, never the PIN. */
  pinHash: z.string().nullable(),
  active: z.boolean(),
});
export type Staff = z.infer<typeof staffSchema>;

export const serviceSchema = z.object({
  ...rowMeta,
  name: z.string(),
  durationMin: z.int(),
  bufferAfterMin: z.int(),
  priceCents: z.int().nullable(),
  archived: z.boolean(),
});
export type Service = z.infer<typeof serviceSchema>;

export const openingIntervalSchema = z
  .strictObject({ open: clockTimeSchema, close: clockTimeSchema })
  .refine((interval) => interval.open < interval.close, { message: 'must open before it closes', path: ['close'] });
export const openingHoursSchema = z.strictObject(
  Object.fromEntries(weekdays.map((day) => [day, z.array(openingIntervalSchema).max(4)])) as Record<
    (typeof weekdays)[number],
    z.ZodArray<typeof openingIntervalSchema>
  >,
);
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const paperSizes = ['A4', 'Letter'] as const;

/** The shop's one settings row has a fixed id so every machine of the shop names the same row. */
export const SETTINGS_ID = '00000000-0000-4000-8000-000000000001';

export const settingsSchema = z.object({
  ...rowMeta,
  shopName: z.string(),
  timeZone: timeZoneSchema,
  openingHours: openingHoursSchema,
  closedDates: z.array(localDateSchema),
  paperSize: z.enum(paperSizes),
});
export type Settings = z.infer<typeof settingsSchema>;

export const rowSchemas = {
  appointment: appointmentSchema,
  client: clientSchema,
  staff: staffSchema,
  service: serviceSchema,
  settings: settingsSchema,
} as const;

export interface EntityRows {
  appointment: Appointment;
  client: Client;
  staff: Staff;
  service: Service;
  settings: Settings;
}
export type AnyRow = EntityRows[EntityType];

/** The domain fields of a row: what events carry in before/after. */
export type Fields = Record<string, unknown>;

export const eventSchema = z.object({
  id: idSchema,
  entityType: entityTypeSchema,
  entityId: idSchema,
  type: z.string(),
  /** The entity's version after this event. */
  version: z.int().min(1),
  actorStaffId: idSchema.nullable(),
  deviceId: z.string(),
  at: instantSchema,
  reason: z.string().nullable(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  undoesEventId: idSchema.nullable(),
});
export type DomainEvent = z.infer<typeof eventSchema>;
