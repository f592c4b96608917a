import { z } from 'zod';
import { fieldKeySchema, text } from './text';
import {
  EARLIEST_INSTANT,
  isSupportedDate,
  isValidLocalDate,
  isValidTimeZone,
  LATEST_INSTANT,
  supportedYears,
  weekdays,
} from './time';

/**
 * Entity rows as every side sees them: the local store, the sync server and the renderer.
 * Instants are UTC epoch milliseconds. `version` counts the entity's events.
 */

export const entityTypes = ['appointment', 'client', 'staff', 'service', 'settings'] as const;
export const entityTypeSchema = z.enum(entityTypes);
export type EntityType = z.infer<typeof entityTypeSchema>;

export const idSchema = z.uuid({ message: 'must be an id' });
/** Every instant, stored or sent: inside the years every store and calendar computation handles. */
export const instantSchema = z
  .int({ message: 'must be a point in time' })
  .min(EARLIEST_INSTANT, { message: `must be ${supportedYears}` })
  .max(LATEST_INSTANT, { message: `must be ${supportedYears}` });
export const localDateSchema = z
  .string()
  .refine(isValidLocalDate, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isSupportedDate, { message: `must be ${supportedYears}` });
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time as HH:mm' });
export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'must be a time zone such as Europe/London' });

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
  notes: text(2000, { trim: false }),
  cancelReason: text(2000, { trim: false }).nullable(),
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
  name: text(200, { trim: false }),
  phone: text(40, { trim: false }).nullable(),
  email: text(254, { trim: false }).nullable(),
  notes: text(2000, { trim: false }),
});
export type Client = z.infer<typeof clientSchema>;

export const staffRoles = ['owner', 'staff'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffSchema = z.object({
  ...rowMeta,
  name: text(200, { trim: false }),
  colour: text(7, { trim: false }),
  role: staffRoleSchema,
  /** scrypt hash of the PIN, never the PIN. */
  pinHash: text(300, { trim: false }).nullable(),
  active: z.boolean(),
});
export type Staff = z.infer<typeof staffSchema>;

export const serviceSchema = z.object({
  ...rowMeta,
  name: text(200, { trim: false }),
  durationMin: z.int(),
  bufferAfterMin: z.int(),
  priceCents: z.int().nullable(),
  archived: z.boolean(),
});
export type Service = z.infer<typeof serviceSchema>;

export const openingIntervalSchema = z
  .strictObject({ open: clockTimeSchema, close: clockTimeSchema })
  .refine((interval) => interval.open < interval.close, { message: 'must be after the opening time', path: ['close'] });
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
  shopName: text(200, { trim: false }),
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
  type: text(60, { trim: false }),
  /** The entity's version after this event. */
  version: z.int().min(1),
  actorStaffId: idSchema.nullable(),
  deviceId: text(100, { trim: false }),
  at: instantSchema,
  reason: text(2000, { trim: false }).nullable(),
  before: z.record(fieldKeySchema, z.unknown()),
  after: z.record(fieldKeySchema, z.unknown()),
  undoesEventId: idSchema.nullable(),
});
export type DomainEvent = z.infer<typeof eventSchema>;
