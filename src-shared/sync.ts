import { z } from 'zod';
import { commandSchema } from './commands';
import { errorEnvelopeSchema } from './errors';
import { entityTypeSchema, eventSchema, idSchema, instantSchema } from './entities';
import { fieldKeySchema, text } from './text';

/**
 * The sync protocol (docs/architecture.md §5), shared by the server and the desktop agent. Every object is
 * strict: unknown fields are refused.
 */

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PUSH_BYTES = 1024 * 1024;
export const MAX_PULL_LIMIT = 1000;

/** One outbox row on the wire: the device's next mutation id, the command and who made it. */
export const mutationSchema = z.strictObject({
  mutationId: z.int().min(1),
  /** The id of the event the change creates; the same id on every machine, so undo can name it. */
  eventId: idSchema,
  command: commandSchema,
  /**
   * The id of the entity's latest event this change was made on (null for a create). Versions
   * alone cannot tell a machine's own unacknowledged chain from another machine's change, event
   * ids can: a change built on an event the server does not have as latest is a VERSION_CONFLICT.
   */
  baseEventId: idSchema.nullable().optional(),
  actorStaffId: idSchema.nullable(),
  /** When the person made the change on their machine. */
  clientTime: instantSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushInputSchema = z.strictObject({
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushInput = z.infer<typeof pushInputSchema>;

/**
 * A push as the server receives it. The envelope of each mutation is the protocol's; its command
 * is judged by the rulebook like any other change, so one change the rules refuse (a NUL in a
 * reason, an action the server does not know) gets its own final rejection instead of refusing the
 * changes around it, and the desk's queue moves on.
 */
export const receivedMutationSchema = mutationSchema.extend({ command: z.record(z.string().max(200), z.unknown()) });
export type ReceivedMutation = z.infer<typeof receivedMutationSchema>;
export const receivedPushSchema = z.strictObject({
  mutations: z.array(receivedMutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type ReceivedPush = z.infer<typeof receivedPushSchema>;

export const outcomeStatuses = ['applied', 'conflict', 'rejected'] as const;

/** Final and stored: a replay of the same mutation id returns exactly this. */
export const outcomeSchema = z.strictObject({
  mutationId: z.int().min(1),
  status: z.enum(outcomeStatuses),
  /** applied: the row after the change; conflict/rejected: the server's current row, if any. */
  row: z.record(fieldKeySchema, z.unknown()).nullable(),
  /** The shop change counter of the applied change. */
  changeId: z.int().nullable(),
  error: errorEnvelopeSchema.nullable(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const pushOutputSchema = z.strictObject({
  outcomes: z.array(outcomeSchema),
  lastMutationId: z.int().min(0),
});
export type PushOutput = z.infer<typeof pushOutputSchema>;

export const pullInputSchema = z.strictObject({
  cursor: z.int().min(0),
  limit: z.int().min(1).max(MAX_PULL_LIMIT).default(500),
});
export type PullInput = z.infer<typeof pullInputSchema>;

export const changeSchema = z.strictObject({
  changeId: z.int().min(1),
  entityType: entityTypeSchema,
  entityId: idSchema,
  row: z.record(fieldKeySchema, z.unknown()),
  event: eventSchema,
});
export type Change = z.infer<typeof changeSchema>;

export const pullOutputSchema = z.strictObject({
  changes: z.array(changeSchema),
  cursor: z.int().min(0),
  hasMore: z.boolean(),
  lastMutationId: z.int().min(0),
  /** The shop's newest change (its change counter): how far a first download has to go. Older servers leave it out. */
  latestChangeId: z.int().min(0).optional(),
});
export type PullOutput = z.infer<typeof pullOutputSchema>;

export const pairInputSchema = z.strictObject({
  code: text(64, { min: 6 }),
  deviceName: text(100, { min: 1 }),
});
export type PairInput = z.infer<typeof pairInputSchema>;

export const pairOutputSchema = z.strictObject({
  shopId: idSchema,
  deviceId: idSchema,
  token: z.string(),
});
export type PairOutput = z.infer<typeof pairOutputSchema>;

export const healthOutputSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  database: z.boolean(),
  schemaCurrent: z.boolean(),
  serverTime: instantSchema,
  version: z.string(),
});
export type HealthOutput = z.infer<typeof healthOutputSchema>;
