import { z } from 'zod';
import { DEFAULT_LOCALE, localeSettingsSchema } from './locale/settings';
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

export const entityTypes = [
  'appointment',
  'client',
  'staff',
  'service',
  'settings',
  'timeOff',
  'block',
  'waitlist',
  'walkIn',
  'message',
  'product',
  'stockMovement',
  'formTemplate',
  'formResponse',
  'importBatch',
] as const;
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

/**
 * A visit's lifecycle (docs/architecture.md §2a): booked → arrived (checked in) → in_service →
 * completed; cancelled and no_show leave it before arrival. "Late" is not a status: it is a booked
 * visit whose start has passed, read from the one clock on screen. `held` is a time pencilled in
 * for a client who will call back: it holds the time until it is confirmed (booked), released, or
 * runs out (docs/architecture.md §16).
 */
export const appointmentStatuses = ['booked', 'cancelled', 'no_show', 'arrived', 'in_service', 'completed', 'held'] as const;
export const appointmentStatusSchema = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;
/** The statuses whose booking holds its staff member's time: a client in the chair or done still used it. */
export const timeHoldingStatuses = ['booked', 'arrived', 'in_service', 'completed', 'held'] as const satisfies readonly AppointmentStatus[];
/** The same, as an SQL list for the stores' queries: `'booked', 'arrived', …`. */
export const timeHoldingStatusList = timeHoldingStatuses.map((status) => `'${status}'`).join(', ');
export const holdsTime = (status: AppointmentStatus): boolean => (timeHoldingStatuses as readonly string[]).includes(status);
/** Largest amount a checkout records (£1,000,000 in pence): keeps sums far inside safe integers. */
export const MAX_AMOUNT_CENTS = 100_000_000;
const amountCents = z.int().min(0).max(MAX_AMOUNT_CENTS);

/** The most retail lines one checkout may sell. */
export const MAX_RETAIL_LINES = 50;

/**
 * A retail product sold at a checkout (docs/architecture.md §25): how many and the price charged
 * for each. The checkout carries them, so the sale and the visit are one change.
 */
export const retailLineSchema = z.strictObject({
  productId: idSchema,
  quantity: z.int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(1000, { message: 'must be at most 1,000' }),
  priceCents: amountCents,
});
export type RetailLine = z.infer<typeof retailLineSchema>;

/** How a client confirms an appointment: through their link (the client acting) or by phone (recorded at the desk). */
export const clientConfirmationChannels = ['link', 'phone'] as const;

export const appointmentSchema = z.object({
  ...rowMeta,
  clientId: idSchema,
  staffId: idSchema,
  serviceId: idSchema,
  startsAt: instantSchema,
  endsAt: instantSchema,
  /**
   * Start of the time the staff member is busy: startsAt less the service's buffer before it at
   * booking time. Rows written before buffers-before existed read their start.
   */
  blockStartsAt: instantSchema.optional(),
  /** End of the time the staff member is busy: endsAt plus the service's buffer at booking time. */
  blockEndsAt: instantSchema,
  status: appointmentStatusSchema,
  notes: text(2000, { trim: false }),
  cancelReason: text(2000, { trim: false }).nullable(),
  outsideHours: z.boolean(),
  /** Booked outside the staff member's working hours or in their time off, by the person's explicit choice. */
  outsideSchedule: z.boolean().default(false),
  /**
   * The start had already passed when the booking was placed at this time: a visit recorded after
   * it happened, by the person's explicit choice. Rows written before this field existed read false.
   */
  recordedAfterStart: z.boolean().default(false),
  /** The repeating series this visit belongs to (every N weeks), or null for a one-off booking. */
  seriesId: idSchema.nullable().default(null),
  /** The visit this booking is one service of (a cut, then a colour, then a blow-dry), or null for a single service. */
  visitId: idSchema.nullable().default(null),
  /** When the client was checked in (rows from before the visit lifecycle read null, as every field below). */
  /** When a hold (status held) runs out by itself; null for every other booking. */
  holdExpiresAt: instantSchema.nullable().default(null),
  arrivedAt: instantSchema.nullable().default(null),
  /** When the service began (the client sat in the chair). */
  serviceStartedAt: instantSchema.nullable().default(null),
  /** When the client was checked out. */
  completedAt: instantSchema.nullable().default(null),
  /** The price charged at checkout, before the discount. */
  priceCents: amountCents.nullable().default(null),
  discountCents: amountCents.nullable().default(null),
  checkoutNote: text(2000, { trim: false }).nullable().default(null),
  /** The retail sold at checkout; its `sold` movements follow it (rows from before read none). */
  retail: z.array(retailLineSchema).max(MAX_RETAIL_LINES).default([]),
  /**
   * When the client confirmed they are coming, and how: through the link in their reminder, or by
   * phone as the receptionist recorded it (docs/architecture.md §20). Whether the booking is safely
   * recorded is its sync state, a separate fact (§6). Rows from before read null.
   */
  clientConfirmedAt: instantSchema.nullable().default(null),
  clientConfirmedVia: z.enum(clientConfirmationChannels).nullable().default(null),
});
export type Appointment = z.infer<typeof appointmentSchema>;


/** What the client paid: the price charged less the discount; null before checkout. */
export function visitTotalCents(visit: Pick<Appointment, 'priceCents' | 'discountCents'>): number | null {
  return visit.priceCents === null ? null : visit.priceCents - (visit.discountCents ?? 0);
}

/** What a message is about (docs/architecture.md §17). `test`: sent by a person from the settings, about no appointment. */
export const messageKinds = ['confirmation', 'rescheduled', 'cancelled', 'reminder', 'test'] as const;
export const messageKindSchema = z.enum(messageKinds);
export type MessageKind = z.infer<typeof messageKindSchema>;
export const messageChannels = ['email', 'sms'] as const;
export const messageChannelSchema = z.enum(messageChannels);
export type MessageChannel = z.infer<typeof messageChannelSchema>;
/**
 * scheduled → sending → sent → delivered, or failed (retried at retryAt, or final), cancelled,
 * uncertain (the sender died between the provider's answer and the record: a person checks),
 * missed (a standalone desk was closed when it fell due and the appointment has since started),
 * skipped (never sent: no consent or no contact for the channel; lastError says why).
 */
/** A client's answer about one channel, with who recorded it and when (null: never asked). */
export const channelConsentSchema = z.strictObject({
  given: z.boolean(),
  at: instantSchema.nullable(),
  by: idSchema.nullable(),
});
export type ChannelConsent = z.infer<typeof channelConsentSchema>;
const notAsked: ChannelConsent = { given: false, at: null, by: null };
/** Whether the client agreed to messages by e-mail and by text (docs/architecture.md §17). */
export const consentSchema = z.strictObject({ email: channelConsentSchema, sms: channelConsentSchema });
export type Consent = z.infer<typeof consentSchema>;
export const NO_CONSENT: Consent = { email: notAsked, sms: notAsked };

export const clientSchema = z.object({
  ...rowMeta,
  name: text(200, { trim: false }),
  phone: text(40, { trim: false }).nullable(),
  email: text(254, { trim: false }).nullable(),
  notes: text(2000, { trim: false }),
  /** What the client reacts to ("Allergic to ammonia dyes"): shown wherever the client is booked. Rows from before alerts read ''. */
  allergies: text(500, { trim: false }).default(''),
  /** The shop-local date of the client's last patch test (skin test before a colour); null: none recorded. */
  patchTestOn: localDateSchema.nullable().default(null),
  /** How the client likes to be looked after ("Quiet chair, no small talk"). */
  preferences: text(500, { trim: false }).default(''),
  /** Per channel: agreed to messages or not, recorded with who and when. Rows from before messages read not asked. */
  consent: consentSchema.default(NO_CONSENT),
  /** When the client's personal details were erased (docs/architecture.md §28); null: never. Rows from before read null. */
  erasedAt: instantSchema.nullable().default(null),
});
export type Client = z.infer<typeof clientSchema>;

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

/**
 * A staff member's working hours: one week, or two that alternate (a fortnightly rota, week A and
 * week B). `weekAStartsOn` is a Monday of week A, from which any date's week of the rota is counted.
 */
export const workingHoursSchema = z.strictObject({
  weeks: z.array(openingHoursSchema).min(1).max(2),
  weekAStartsOn: localDateSchema,
});
export type WorkingHours = z.infer<typeof workingHoursSchema>;

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
  /** When the person works; null: whenever the shop is open (how every shop starts). */
  workingHours: workingHoursSchema.nullable().default(null),
});
export type Staff = z.infer<typeof staffSchema>;

/** A staff member who performs a service, with their own duration or price where it differs. */
export const skillSchema = z.strictObject({
  staffId: idSchema,
  durationMin: z.int().nullable(),
  priceCents: z.int().nullable(),
});
export type Skill = z.infer<typeof skillSchema>;

/** How many of a product one visit of a service uses (a colour uses one tube), docs/architecture.md §25. */
export const productUseSchema = z.strictObject({
  productId: idSchema,
  quantity: z.int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(100, { message: 'must be 100 or fewer' }),
});
export type ProductUse = z.infer<typeof productUseSchema>;
/** How many intake forms one service may ask for. */
export const MAX_FORMS_PER_SERVICE = 10;

export const serviceSchema = z.object({
  ...rowMeta,
  name: text(200, { trim: false }),
  category: text(80, { trim: false }).nullable().default(null),
  colour: text(7, { trim: false }).nullable().default(null),
  durationMin: z.int(),
  bufferBeforeMin: z.int().default(0),
  bufferAfterMin: z.int(),
  priceCents: z.int().nullable(),
  archived: z.boolean(),
  /** Who performs it; null: every active staff member (how every shop starts). */
  performedBy: z.array(skillSchema).nullable().default(null),
  /** A colour service: the client needs a recent patch test (the shop's rule in settings). */
  needsPatchTest: z.boolean().default(false),
  /** The products one visit uses, taken from stock when it is booked and returned when it is cancelled. */
  products: z.array(productUseSchema).default([]),
  /** The intake forms a visit for this service needs signed (docs/architecture.md §27); rows from before read none. */
  formTemplateIds: z.array(idSchema).max(MAX_FORMS_PER_SERVICE).default([]),
});
export type Service = z.infer<typeof serviceSchema>;


export const paperSizes = ['A4', 'Letter'] as const;

/** The shop's one settings row has a fixed id so every machine of the shop names the same row. */
export const SETTINGS_ID = '00000000-0000-4000-8000-000000000001';

/** One message's text: a subject (e-mail only) and a body, with {placeholders} (src-shared/messages/templates.ts). */
export const messageTemplateSchema = z.strictObject({ subject: text(200, { trim: false }).optional(), body: text(2000, { trim: false }) });
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;
/** The shop's own texts where it changed the defaults: by kind, then channel. */
export const messageTemplatesSchema = z.strictObject(
  Object.fromEntries(messageKinds.map((kind) => [kind, z.strictObject({ email: messageTemplateSchema.optional(), sms: messageTemplateSchema.optional() }).optional()])) as Record<
    MessageKind,
    z.ZodOptional<z.ZodObject<{ email: z.ZodOptional<typeof messageTemplateSchema>; sms: z.ZodOptional<typeof messageTemplateSchema> }, z.core.$strict>>
  >,
);
export type MessageTemplates = z.infer<typeof messageTemplatesSchema>;
/** Longest reminder offset: a week before the appointment. */
export const MAX_REMINDER_OFFSET_MIN = 7 * 24 * 60;

/** How the shop messages its clients (docs/architecture.md §17). */
export const messageSettingsSchema = z.strictObject({
  /** Reminders go this many minutes before the start (2880 = 48 hours). */
  reminderOffsetsMinutes: z.array(z.int().min(15).max(MAX_REMINDER_OFFSET_MIN)).max(4),
  /** The channels the shop sends by; none until it turns one on (it needs a provider first). */
  channels: z.strictObject({ email: z.boolean(), sms: z.boolean() }),
  /** No text message goes between these shop-local times (a reminder due then goes at their end). */
  quietHours: z.strictObject({ from: clockTimeSchema, to: clockTimeSchema }).nullable(),
  /** The number clients call to change a booking ({shopPhone}). */
  shopPhone: text(40, { trim: false }),
  templates: messageTemplatesSchema,
});
export type MessageSettings = z.infer<typeof messageSettingsSchema>;
export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  reminderOffsetsMinutes: [2880, 120],
  channels: { email: false, sms: false },
  quietHours: { from: '21:00', to: '08:00' },
  shopPhone: '',
  templates: {},
};

export const settingsSchema = z.object({
  ...rowMeta,
  shopName: text(200, { trim: false }),
  timeZone: timeZoneSchema,
  openingHours: openingHoursSchema,
  closedDates: z.array(localDateSchema),
  /** Days the shop opens other hours than its week says (a late Christmas opening). */
  specialDays: z.array(z.strictObject({ date: localDateSchema, hours: z.array(openingIntervalSchema).max(4) })).default([]),
  paperSize: z.enum(paperSizes),
  /** How many months old a patch test may be for a service that needs one; null: the shop has no such rule. */
  patchTestMaxAgeMonths: z.int().min(1).max(60).nullable().default(null),
  /** Confirmations, notices and reminders: offsets, channels, quiet hours, the shop's phone, its own texts. */
  messages: messageSettingsSchema.default(DEFAULT_MESSAGE_SETTINGS),
  /** Language, date pattern, 12- or 24-hour clock, first day of the week and currency (docs/architecture.md §22). */
  locale: localeSettingsSchema.default(DEFAULT_LOCALE),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Why a staff member is away, or `extra_hours`: time they work beyond their usual hours. */
export const timeOffKinds = ['holiday', 'sick', 'training', 'personal', 'extra_hours'] as const;
export const timeOffKindSchema = z.enum(timeOffKinds);
export type TimeOffKind = z.infer<typeof timeOffKindSchema>;

/** A stretch [startsAt, endsAt) of one staff member's time, of some kind, with a note. */
const staffTimeRow = <K extends z.ZodEnum>(kind: K) =>
  z.object({ ...rowMeta, staffId: idSchema, kind, startsAt: instantSchema, endsAt: instantSchema, note: text(500, { trim: false }) });

/** A date exception to a staff member's hours: away for [startsAt, endsAt), or (extra_hours) working then. */
export const timeOffSchema = staffTimeRow(timeOffKindSchema);
export type TimeOff = z.infer<typeof timeOffSchema>;

export const blockKinds = ['lunch', 'meeting', 'cleaning', 'other'] as const;
export const blockKindSchema = z.enum(blockKinds);
export type BlockKind = z.infer<typeof blockKindSchema>;

/** Time blocked on a staff member's column (lunch, a meeting): no booking may meet it. */
export const blockSchema = staffTimeRow(blockKindSchema);
export type Block = z.infer<typeof blockSchema>;

/** A client waiting for a service in a window of days and times: `booked` once a time was found. */
export const waitlistStatuses = ['waiting', 'booked'] as const;
export const waitlistStatusSchema = z.enum(waitlistStatuses);

export const waitlistEntrySchema = z.object({
  ...rowMeta,
  clientId: idSchema,
  serviceId: idSchema,
  /** The staff member the client wants; null: anyone who does the service. */
  staffId: idSchema.nullable(),
  /** The shop-local days [fromDate, toDate] and, on each, the times [fromTime, toTime] the client can come. */
  fromDate: localDateSchema,
  toDate: localDateSchema,
  fromTime: clockTimeSchema,
  toTime: clockTimeSchema,
  note: text(500, { trim: false }),
  status: waitlistStatusSchema,
  /** The booking made from this entry. */
  appointmentId: idSchema.nullable(),
});
export type WaitlistEntry = z.infer<typeof waitlistEntrySchema>;

/** A client who came in without a booking: waiting, then seated (booked into the next free time) or left unserved. */
export const walkInStatuses = ['waiting', 'seated', 'left'] as const;
export const walkInStatusSchema = z.enum(walkInStatuses);

export const walkInSchema = z.object({
  ...rowMeta,
  /** The client's record, once there is one; a first-time walk-in may give a name only. */
  clientId: idSchema.nullable(),
  name: text(200, { trim: false }),
  serviceId: idSchema,
  /** Who they would like; null: the next free person who does the service. */
  staffId: idSchema.nullable(),
  arrivedAt: instantSchema,
  status: walkInStatusSchema,
  /** The booking they were seated into. */
  appointmentId: idSchema.nullable(),
  note: text(500, { trim: false }),
});
export type WalkIn = z.infer<typeof walkInSchema>;

export const messageStatuses = ['scheduled', 'sending', 'sent', 'delivered', 'failed', 'cancelled', 'uncertain', 'missed', 'skipped'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;
/** Longest rendered body kept (an e-mail's plain text); an SMS is held to two segments by its template. */
export const MAX_MESSAGE_BODY = 10_000;

/** A confirmation, change notice, reminder or test message to a client (docs/architecture.md §17). */
export const messageSchema = z.object({
  ...rowMeta,
  clientId: idSchema,
  /** The appointment it is about; null for a test message. */
  appointmentId: idSchema.nullable(),
  kind: messageKindSchema,
  channel: messageChannelSchema,
  /** The address when it was scheduled: an e-mail address or an E.164 phone number ('' when skipped for want of one). */
  to: text(254, { trim: false }),
  /** For reminders: how long before the appointment's start (2880 = 48 hours). */
  reminderOffsetMinutes: z.int().min(0).nullable(),
  /** When it should go (ms UTC). */
  dueAt: instantSchema,
  status: messageStatusSchema,
  attempts: z.int().min(0),
  /** A failed message that will be tried again at this instant; null: final, or not failed. */
  retryAt: instantSchema.nullable(),
  provider: text(100, { trim: false }).nullable(),
  providerMessageId: text(300, { trim: false }).nullable(),
  /** In plain words: the provider's reason, or why it was skipped. */
  lastError: text(2000, { trim: false }).nullable(),
  /** The text as rendered when sending began, so history shows exactly what went. */
  subject: text(500, { trim: false }).nullable(),
  body: text(MAX_MESSAGE_BODY, { trim: false }).nullable(),
});
export type Message = z.infer<typeof messageSchema>;

/** Retail: sold to clients at checkout; back-bar: used by the shop's services (docs/architecture.md §25). */
export const productKinds = ['retail', 'backBar'] as const;
export const productKindSchema = z.enum(productKinds);
export type ProductKind = z.infer<typeof productKindSchema>;

/** A product the shop keeps in stock. Its level is never stored: it is the sum of its movements. */
export const productSchema = z.object({
  ...rowMeta,
  name: text(200, { trim: false }),
  kind: productKindSchema,
  /** What one of it is called ("tube", "bottle"). */
  unit: text(40, { trim: false }),
  supplier: text(200, { trim: false }),
  costCents: z.int().min(0).nullable(),
  priceCents: z.int().min(0).nullable(),
  /** At or under this level the product is low on stock. */
  lowStockAt: z.int().min(0),
});
export type Product = z.infer<typeof productSchema>;

/**
 * Why stock moved: received from a supplier, sold at checkout, used by a service (and returned
 * when the visit is cancelled), or adjusted after a count.
 */
export const stockMovementKinds = ['received', 'sold', 'used', 'returned', 'counted'] as const;
export const stockMovementKindSchema = z.enum(stockMovementKinds);
export type StockMovementKind = z.infer<typeof stockMovementKindSchema>;

/** One line of a product's stock ledger: append-only, the level is the sum of `quantity`. */
export const stockMovementSchema = z.object({
  ...rowMeta,
  productId: idSchema,
  kind: stockMovementKindSchema,
  /** Signed change to the level: + into stock (received, returned), − out (sold, used). */
  quantity: z.int(),
  /** The visit that used, returned or sold it. */
  appointmentId: idSchema.nullable(),
  /** A count: the number counted on the shelf (quantity is counted less the level then). */
  counted: z.int().min(0).nullable(),
  /** Used though there were not enough: how many short, booked anyway by the person's choice. */
  shortBy: z.int().min(0),
  note: text(500, { trim: false }),
  /** Sold: the price charged for each unit (a sale undone carries the price it takes back); null otherwise. */
  priceCents: z.int().min(0).nullable().default(null),
});
export type StockMovement = z.infer<typeof stockMovementSchema>;
/**
 * Intake forms (docs/architecture.md §27). A template is the owner's list of questions; a service
 * names the templates its visits need. A response is one client's answers for one visit, with the
 * questions copied from the template when it was started, so a signed form reads as it was signed
 * whatever the template becomes. Every form ends with the client's typed-name signature.
 */
export const MAX_FORM_FIELDS = 50;
export const MAX_FORM_CHOICES = 20;
export const formFieldKinds = ['text', 'yesNo', 'choice', 'date'] as const;
export const formFieldKindSchema = z.enum(formFieldKinds);
export type FormFieldKind = z.infer<typeof formFieldKindSchema>;

export const formFieldSchema = z.object({
  /** Stable within its template: answers are keyed by it. */
  key: z.string().regex(/^[a-z0-9-]{1,40}$/u, { message: 'must be a short key' }),
  label: text(300, { min: 1 }),
  kind: formFieldKindSchema,
  required: z.boolean(),
  /** The options of a choice; empty for any other kind. */
  choices: z.array(text(100, { min: 1 })).max(MAX_FORM_CHOICES),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const formTemplateSchema = z.object({
  ...rowMeta,
  name: text(200, { trim: false }),
  fields: z.array(formFieldSchema).max(MAX_FORM_FIELDS),
  archived: z.boolean(),
});
export type FormTemplate = z.infer<typeof formTemplateSchema>;

/** An answer: text, a date (YYYY-MM-DD) or a choice as text; yes/no as a boolean. */
export const formAnswerSchema = z.union([text(2000, { trim: false }), z.boolean()]);
export const formAnswersSchema = z.record(z.string().max(40), formAnswerSchema);
export type FormAnswers = z.infer<typeof formAnswersSchema>;
export const formResponseStatuses = ['open', 'signed'] as const;

export const formResponseSchema = z.object({
  ...rowMeta,
  templateId: idSchema,
  clientId: idSchema,
  /** The visit it was filled for. */
  appointmentId: idSchema,
  /** The template's name and questions when the form was started. */
  templateName: text(200, { trim: false }),
  fields: z.array(formFieldSchema).max(MAX_FORM_FIELDS),
  answers: formAnswersSchema,
  status: z.enum(formResponseStatuses),
  /** The name the client typed to sign, and when: once signed, nothing of it changes. */
  signedName: text(200, { trim: false }).nullable(),
  signedAt: instantSchema.nullable(),
});
export type FormResponse = z.infer<typeof formResponseSchema>;
/**
 * One import of clients from another tool's CSV file (docs/architecture.md §29): one history entry
 * for the whole file. Its clients' own changes carry keys naming the batch, and undoing the batch
 * undoes them with it.
 */
export const importKinds = ['clients', 'appointments'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importBatchSchema = z.object({
  ...rowMeta,
  fileName: text(200, { trim: false }),
  /** What the file held (an import from before appointments could be imported held clients). */
  kind: z.enum(importKinds).default('clients'),
  /** New clients (or bookings, for appointments) the import added. */
  added: z.int().min(0),
  /** Clients already here that the file's rows filled in. */
  merged: z.int().min(0),
  /** Rows left out: duplicates skipped and rows already imported. */
  skipped: z.int().min(0),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const rowSchemas = {
  appointment: appointmentSchema,
  client: clientSchema,
  staff: staffSchema,
  service: serviceSchema,
  settings: settingsSchema,
  timeOff: timeOffSchema,
  block: blockSchema,
  waitlist: waitlistEntrySchema,
  walkIn: walkInSchema,
  message: messageSchema,
  product: productSchema,
  stockMovement: stockMovementSchema,
  formTemplate: formTemplateSchema,
  formResponse: formResponseSchema,
  importBatch: importBatchSchema,
} as const;

export interface EntityRows {
  appointment: Appointment;
  client: Client;
  staff: Staff;
  service: Service;
  settings: Settings;
  timeOff: TimeOff;
  block: Block;
  waitlist: WaitlistEntry;
  walkIn: WalkIn;
  message: Message;
  product: Product;
  stockMovement: StockMovement;
  formTemplate: FormTemplate;
  formResponse: FormResponse;
  importBatch: ImportBatch;
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
