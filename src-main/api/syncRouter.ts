import { on } from 'node:events';
import { z } from 'zod';
import { startsAtSchema } from '../../src-shared/commands';
import { entityTypeSchema, idSchema, type EntityType } from '../../src-shared/entities';
import type { ErrorEnvelope } from '../../src-shared/errors';
import { text } from '../../src-shared/text';
import { inShopLanguage, shopLanguage } from '../core/settings/shopLanguage';
import { tokenStorageWarning } from '../agents/sync/secrets';
import { deskOf, procedure, router } from './trpc';
import {
  applyMyChange,
  cancelBooking,
  discardPending,
  keepServerVersion,
  listRecovery,
  moveBooking,
  recoveryItem,
  retryAll,
  slotOptions,
  type RecoveryItem,
} from '../core/recovery/recovery';
import type { SyncEvent } from '../agents/sync/agent';
import { syncAgentFor } from '../agents/sync/registry';
import { entitySyncStates } from '../core/outbox/syncState';
import { readProgress } from '../agents/sync/meta';
import { recoveryNames } from '../core/recovery/describe';
import { loadRow } from '../core/store/rows';
import type { Store } from '../core/store/open';
import { serverRowOf } from '../core/outbox/shadow';
import { withJobId } from '../core/progress/jobs';
import { asJob } from './jobsRouter';

/**
 * The desk router's `sync` and `recovery` procedures. Every Recovery Center action is a write
 * made by the signed-in person; after it the agent syncs soon and the screens are told.
 */

const refSchema = z.strictObject({ entityType: entityTypeSchema, entityId: idSchema });

export const syncRouter = router({
  /** Pairing, connection and queue summary for the settings screen and the pending tray. */
  state: procedure.query(({ ctx }) => {
    const agent = syncAgentFor(ctx.store);
    const pairing = agent.pairing();
    const weakness = agent.tokenStorageWeakness();
    return {
      paired: pairing !== null,
      serverUrl: pairing?.serverUrl ?? null,
      shopId: pairing?.shopId ?? null,
      deviceId: pairing?.deviceId ?? null,
      deviceName: pairing?.deviceName ?? null,
      pairedAt: pairing?.pairedAt ?? null,
      /** The server's self-signed certificate confirmed at pairing, if any. */
      certificateFingerprint: pairing?.certificate?.fingerprint256 ?? null,
      insecureHttp: pairing?.insecureHttp === true,
      /** Why this machine cannot really protect the device key (Settings → Sync says so), or null. */
      tokenStorageWarning: weakness === null ? null : tokenStorageWarning(weakness, shopLanguage(ctx.store)),
      cursor: pairing === null ? null : readProgress(ctx.store).cursor,
      connection: { ...agent.connection },
      oldestPendingAt: agent.oldestPendingAt(),
    };
  }),
  pair: procedure
    .input(
      z.strictObject({
        serverUrl: text(500, { min: 1 }),
        code: text(64, { min: 6 }),
        deviceName: text(100, { min: 1 }),
        allowInsecureHttp: z.boolean().optional(),
        trustCertificate: z.string().trim().regex(/^[0-9A-Fa-f: ]{64,110}$/).optional(),
        allowWeakTokenStorage: z.boolean().optional(),
        ...withJobId,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { jobId, ...request } = input;
      // The first download can be cancelled until the shop is stored; nothing is written before (§24).
      const paired = await asJob(ctx, { id: jobId, name: 'firstDownload' }, (job) => syncAgentFor(ctx.store).pair(request, job));
      return paired.cancelled ? { cancelled: true as const } : { cancelled: false as const, ...paired.value };
    }),
  unpair: procedure
    .input(z.strictObject({ force: z.boolean().optional() }).optional())
    .mutation(({ ctx, input }) =>
      syncAgentFor(ctx.store).unpair({ force: input?.force ?? false, actorStaffId: deskOf(ctx).actor.staffId }),
    ),
  syncNow: procedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => syncAgentFor(ctx.store).syncNow()),
  /** Per-record sync state (and whether the shop has the record at all: "Pending sync (not booked)"). */
  entityStates: procedure
    .input(z.strictObject({ entityType: entityTypeSchema, ids: z.array(idSchema).max(1000) }))
    .query(({ ctx, input }) =>
      Object.fromEntries(entitySyncStates(ctx.store, input.entityType as EntityType, input.ids)),
    ),
  /** Live updates: pulled changes, answers to pushes, recovery actions and status changes. */
  changes: procedure.subscription(async function* ({ ctx, signal }) {
    const agent = syncAgentFor(ctx.store);
    for await (const [event] of on(agent.events, 'change', { signal })) {
      yield event as SyncEvent;
    }
  }),
});

/**
 * A refusal kept with a change (the server's, or this desk's) is shown in the shop's language,
 * as a thrown one is: the words it was kept with, said again as the screen reads it.
 */
function sayingErrors<T extends { error: ErrorEnvelope | null }>(store: Store, change: T): T {
  return change.error === null ? change : { ...change, error: inShopLanguage(store, change.error) };
}

function itemInShopLanguage(store: Store, item: RecoveryItem): RecoveryItem {
  return { ...sayingErrors(store, item), changes: item.changes.map((change) => sayingErrors(store, change)) };
}

export const recoveryRouter = router({
  /** The Recovery Center's list, with the names the screen needs to explain each item in words. */
  list: procedure.query(({ ctx }) => {
    const listed = listRecovery(ctx.store);
    return {
      ...listed,
      items: listed.items.map((item) => ({
        ...itemInShopLanguage(ctx.store, item),
        names: recoveryNames(ctx.store, item.entityType, [item.localRow, item.serverRow]),
      })),
      pending: {
        ...listed.pending,
        rows: listed.pending.rows.map((row) => {
          const local = loadRow(ctx.store, row.entityType, row.entityId);
          return {
            ...sayingErrors(ctx.store, row),
            names: recoveryNames(ctx.store, row.entityType, [local]),
            localRow: local,
            onServer: serverRowOf(ctx.store, row.entityType, row.entityId) !== null,
          };
        }),
      },
    };
  }),
  item: procedure.input(refSchema).query(({ ctx, input }) => {
    const item = recoveryItem(ctx.store, input);
    return item === null ? null : itemInShopLanguage(ctx.store, item);
  }),
  slotOptions: procedure.input(refSchema).query(({ ctx, input }) => slotOptions(ctx.store, input, ctx.now())),
  retryAll: procedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => {
    const count = retryAll(ctx.store, ctx.now());
    syncAgentFor(ctx.store).recoveryChanged([]);
    return { count };
  }),
  keepServer: procedure.input(refSchema).mutation(({ ctx, input }) => {
    keepServerVersion(deskOf(ctx), input);
    syncAgentFor(ctx.store).recoveryChanged([input]);
    return { ok: true };
  }),
  applyMine: procedure.input(refSchema).mutation(({ ctx, input }) => {
    const result = applyMyChange(deskOf(ctx), input);
    syncAgentFor(ctx.store).recoveryChanged([input, { entityType: input.entityType, entityId: result.entityId }]);
    return result;
  }),
  moveBooking: procedure
    .input(refSchema.extend({ startsAt: startsAtSchema, staffId: idSchema.optional() }))
    .mutation(({ ctx, input }) => {
      const { startsAt, staffId, ...ref } = input;
      const result = moveBooking(deskOf(ctx), ref, { startsAt, ...(staffId === undefined ? {} : { staffId }) });
      syncAgentFor(ctx.store).recoveryChanged([ref, { entityType: 'appointment', entityId: result.entityId }]);
      return result;
    }),
  cancelBooking: procedure
    .input(refSchema.extend({ reason: text(500, { min: 1 }).optional() }))
    .mutation(({ ctx, input }) => {
      const { reason, ...ref } = input;
      cancelBooking(deskOf(ctx), ref, reason);
      syncAgentFor(ctx.store).recoveryChanged([ref]);
      return { ok: true };
    }),
  discard: procedure.input(refSchema).mutation(({ ctx, input }) => {
    discardPending(deskOf(ctx), input);
    syncAgentFor(ctx.store).recoveryChanged([input]);
    return { ok: true };
  }),
});
