import { attentionList } from '../agents/status/attention';
import { AppError } from '../../src-shared/errors';
import { z } from 'zod';
import { commandInputs } from '../../src-shared/commandInputs';
import type { EntityType } from '../../src-shared/entities';
import {
  activityInputSchema,
  byIdInputSchema,
  clientSearchInputSchema,
  dayViewInputSchema,
  weekViewInputSchema,
  freeSlotsInputSchema,
  historyInputSchema,
  nextAvailableInputSchema,
  scheduleRangeInputSchema,
} from '../../src-shared/queries';
import { listBlocks, listTimeOff } from '../core/staff/scheduleQueries';
import { activityLog } from '../core/activity/activityLog';
import { deletedRecords, deletedRecordsInputSchema } from '../core/history/deletedRecords';
import { dayView } from '../core/appointments/dayView';
import { weekView } from '../core/appointments/weekView';
import {
  discardFailedIntent,
  listFailedIntents,
  recordFailedIntentInputSchema,
  recordFailedIntent,
  resolveRetriedIntent,
} from '../core/recovery/failedIntents';
import { freeSlots, nextAvailable } from '../core/appointments/freeSlots';
import { bookSeries, cancelFollowing, moveFollowing, seriesVisits } from '../core/appointments/series';
import { rebookInputSchema, rebookOffer } from '../core/appointments/rebook';
import { bookVisit, cancelVisit, moveVisit, undoVisitChange, visitBookings } from '../core/appointments/visits';
import { bookVisitInputSchema, cancelVisitInputSchema, moveVisitInputSchema, undoVisitInputSchema } from '../../src-shared/visitSegments';
import { bookSeriesInputSchema, cancelFollowingInputSchema, moveFollowingInputSchema } from '../../src-shared/recurrence';
import { idSchema } from '../../src-shared/entities';
import { clientVisits, searchClients } from '../core/clients/queries';
import { clientAlerts } from '../core/clients/alerts';
import { businessCommands } from '../core/commands/businessCommands';
import type { CommandResult, Desk } from '../core/commands/execute';
import { entityHistory } from '../core/history/entityHistory';
import { listServices } from '../core/services/queries';
import { freedTimeInputSchema, waitingList, waitlistFitting } from '../core/waitlist/queries';
import { seatWalkIn, seatWalkInInputSchema, walkInQueue } from '../core/walkIns/queue';
import { productHistory, productHistoryInputSchema, stockList } from '../core/stock/queries';
import { futureBookingsOfClient } from '../core/commands/recordsOfClient';
import { countStock, countStockInputSchema } from '../core/stock/count';
import { signInInputSchema } from '../core/session/deskSession';
import { getShopSettings } from '../core/settings/queries';
import { dismissProblem } from '../core/status/problems';
import { systemStatus } from '../agents/status/systemStatus';
import { recoveryRouter, syncRouter } from './syncRouter';
import { messageProvidersRouter, messagesQueries } from './messagesRouter';
import { formResponseQueries, formTemplateQueries } from './formsRouter';
import { listStaff } from '../core/staff/queries';
import { redactCommandResult } from '../core/staff/redact';
import { backupsRouter, exportsRouter, printRouter, supportRouter } from './shellRouter';
import { jobsRouter } from './jobsRouter';
import { reportsRouter } from './reportsRouter';
import { deskOf, procedure, router } from './trpc';
import { undoImport } from '../files/imports/commitImport';
import {
  beginUpload,
  beginUploadInputSchema,
  cancelImport,
  importProgress,
  jobInputSchema,
  previewImport,
  previewInputSchema,
  startImport,
  startImportInputSchema,
  uploadPiece,
  uploadPieceInputSchema,
} from '../files/imports/importJobs';

type Run = (desk: Desk, input: never) => CommandResult | Promise<CommandResult>;

/** A mutation procedure for a business command: the input schema validates, the command runs. */
function command<S extends z.ZodType>(schema: S, run: Run & { alreadyParsed?: Run }) {
  // The procedure parsed the input with the command's own schema: do not parse it twice.
  const execute = run.alreadyParsed ?? run;
  // What the screen gets back never carries a PIN hash (see staff/redact.ts).
  return procedure.input(schema).mutation(async ({ ctx, input }) => {
    const desk = deskOf(ctx);
    const result = redactCommandResult(await execute(desk, input as never));
    // A retry of a change that failed before (same key) is saved now: it no longer waits in the Recovery Center.
    const key = (input as { idempotencyKey?: unknown }).idempotencyKey;
    if (typeof key === 'string') {
      try {
        resolveRetriedIntent(ctx.store, key, desk.actor.staffId, ctx.now());
      } catch {
        // The change itself is saved; answering that matters more than tidying the list.
      }
    }
    return result;
  });
}

type Inputs = typeof commandInputs;
/** The command procedures of one kind of record: one per op in the registry, typed by its own input schema. */
type CommandProcedures<E extends EntityType> = {
  [O in keyof Inputs[E] & string]: Inputs[E][O] extends infer S extends z.ZodType ? ReturnType<typeof command<S>> : never;
};

/** Every op the registry declares for a kind of record (src-shared/registry/), as a mutation. */
function commandProcedures<E extends EntityType>(entityType: E): CommandProcedures<E>;
function commandProcedures(entityType: EntityType): Record<string, unknown> {
  const runs: Record<string, Run & { alreadyParsed?: Run }> = businessCommands[entityType];
  return Object.fromEntries(
    Object.entries(commandInputs[entityType]).map(([op, schema]) => {
      const run = runs[op];
      if (run === undefined) throw new Error(`No business command for ${entityType}.${op}`);
      return [op, command(schema, run)];
    }),
  );
}

export const appRouter = router({
  appointments: router({
    day: procedure.input(dayViewInputSchema).query(({ ctx, input }) => dayView(ctx.store, input)),
    week: procedure.input(weekViewInputSchema).query(({ ctx, input }) => weekView(ctx.store, input)),
    freeSlots: procedure.input(freeSlotsInputSchema).query(({ ctx, input }) => freeSlots(ctx.store, input, ctx.now())),
    nextAvailable: procedure.input(nextAvailableInputSchema).query(({ ctx, input }) => nextAvailable(ctx.store, input, ctx.now())),
    history: procedure
      .input(byIdInputSchema)
      .query(({ ctx, input }) => entityHistory(ctx.store, { entityType: 'appointment', entityId: input.id })),
    ...commandProcedures('appointment'),
    // Repeating bookings: each visit goes through the registered op (src-main/core/appointments/series.ts).
    bookSeries: procedure.input(bookSeriesInputSchema).mutation(({ ctx, input }) => bookSeries(deskOf(ctx), input)),
    cancelFollowing: procedure
      .input(cancelFollowingInputSchema)
      .mutation(({ ctx, input }) => cancelFollowing(deskOf(ctx), input)),
    moveFollowing: procedure.input(moveFollowingInputSchema).mutation(({ ctx, input }) => moveFollowing(deskOf(ctx), input)),
    // Visits of several services: each service through the registered ops, the visit in one transaction (core/appointments/visits.ts).
    bookVisit: procedure.input(bookVisitInputSchema).mutation(({ ctx, input }) => bookVisit(deskOf(ctx), input)),
    moveVisit: procedure.input(moveVisitInputSchema).mutation(({ ctx, input }) => moveVisit(deskOf(ctx), input)),
    cancelVisit: procedure.input(cancelVisitInputSchema).mutation(({ ctx, input }) => cancelVisit(deskOf(ctx), input)),
    undoVisit: procedure.input(undoVisitInputSchema).mutation(({ ctx, input }) => undoVisitChange(deskOf(ctx), input)),
    visit: procedure.input(z.strictObject({ visitId: idSchema })).query(({ ctx, input }) => visitBookings(ctx.store, input.visitId)),
    rebookOffer: procedure.input(rebookInputSchema).query(({ ctx, input }) => rebookOffer(ctx.store, input, ctx.now())),
    series: procedure
      .input(z.strictObject({ seriesId: idSchema }))
      .query(({ ctx, input }) => seriesVisits(ctx, input.seriesId)),
  }),
  clients: router({
    search: procedure.input(clientSearchInputSchema).query(({ ctx, input }) => searchClients(ctx.store, input)),
    visits: procedure.input(byIdInputSchema).query(({ ctx, input }) => clientVisits(ctx.store, input.id, ctx.now())),
    alerts: procedure.input(byIdInputSchema).query(({ ctx, input }) => clientAlerts(ctx.store, input.id)),
    /** What erasing the client now would cancel: the erase dialog says it first (§28). */
    futureBookings: procedure.input(byIdInputSchema).query(({ ctx, input }) => futureBookingsOfClient(ctx.store, input.id, ctx.now())),
    ...commandProcedures('client'),
  }),
  // Importing clients from another tool's CSV (files/imports/, docs/architecture.md §29).
  imports: router({
    beginUpload: procedure.input(beginUploadInputSchema).mutation(({ ctx, input }) => beginUpload(ctx.store, input, ctx.now())),
    uploadPiece: procedure.input(uploadPieceInputSchema).mutation(({ ctx, input }) => uploadPiece(ctx.store, input)),
    preview: procedure.input(previewInputSchema).mutation(({ ctx, input }) => previewImport(deskOf(ctx), input)),
    start: procedure.input(startImportInputSchema).mutation(({ ctx, input }) => startImport(deskOf(ctx), input)),
    progress: procedure.input(jobInputSchema).query(({ ctx, input }) => importProgress(ctx.store, input.jobId)),
    cancel: procedure.input(jobInputSchema).mutation(({ ctx, input }) => cancelImport(ctx.store, input.jobId)),
    ...commandProcedures('importBatch'),
    // Undoing an import undoes every client change it made with it, in one transaction.
    undo: command(commandInputs.importBatch.undo, undoImport),
  }),
  staff: router({
    list: procedure.query(({ ctx }) => listStaff(ctx.store)),
    ...commandProcedures('staff'),
  }),
  services: router({
    list: procedure.query(({ ctx }) => listServices(ctx.store)),
    ...commandProcedures('service'),
  }),
  settings: router({
    get: procedure.query(({ ctx }) => getShopSettings(ctx.store)),
    ...commandProcedures('settings'),
  }),
  timeOff: router({
    list: procedure.input(scheduleRangeInputSchema).query(({ ctx, input }) => listTimeOff(ctx.store, input)),
    ...commandProcedures('timeOff'),
  }),
  blocks: router({
    list: procedure.input(scheduleRangeInputSchema).query(({ ctx, input }) => listBlocks(ctx.store, input)),
    ...commandProcedures('block'),
  }),
  waitlist: router({
    list: procedure.query(({ ctx }) => waitingList(ctx.store, ctx.now())),
    fitting: procedure.input(freedTimeInputSchema).query(({ ctx, input }) => waitlistFitting(ctx.store, input, ctx.now())),
    ...commandProcedures('waitlist'),
  }),
  walkIns: router({
    queue: procedure.query(({ ctx }) => walkInQueue(ctx.store, ctx.now())),
    seatNextFree: procedure.input(seatWalkInInputSchema).mutation(({ ctx, input }) => seatWalkIn(deskOf(ctx), input)),
    ...commandProcedures('walkIn'),
  }),
  products: router({
    ...commandProcedures('product'),
  }),
  /** The stock ledger (docs/architecture.md §25): levels, a product's movements, a count, retail sold. */
  stock: router({
    list: procedure.query(({ ctx }) => stockList(ctx.store)),
    history: procedure.input(productHistoryInputSchema).query(({ ctx, input }) => productHistory(ctx.store, input)),
    count: procedure.input(countStockInputSchema).mutation(({ ctx, input }) => countStock(deskOf(ctx), input)),
    ...commandProcedures('stockMovement'),
  }),
  messages: router({
    ...messagesQueries,
    ...commandProcedures('message'),
    providers: messageProvidersRouter,
  }),
  formTemplates: router({
    ...formTemplateQueries,
    ...commandProcedures('formTemplate'),
  }),
  formResponses: router({
    ...formResponseQueries,
    ...commandProcedures('formResponse'),
  }),
  history: router({
    ofEntity: procedure.input(historyInputSchema).query(({ ctx, input }) => entityHistory(ctx.store, input)),
    /** The owner's view of deleted clients and bookings, with who deleted them; each comes back through its own kind's op. */
    deleted: procedure.input(deletedRecordsInputSchema).query(({ ctx, input }) => {
      if (deskOf(ctx).actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the shop owner can see deleted clients and bookings.');
      return deletedRecords(ctx.store, input);
    }),
  }),
  activity: router({
    list: procedure.input(activityInputSchema).query(({ ctx, input }) => activityLog(ctx.store, input)),
  }),
  sync: syncRouter,
  recovery: recoveryRouter,
  status: router({
    /** The always-visible system status (Standalone / Unsafe for now; the sync agent extends it). */
    get: procedure.query(({ ctx }) => systemStatus(ctx.store, ctx.now())),
    /** Everything that needs a person, most urgent first (docs/architecture.md §23); the banner shows the first. */
    attention: procedure.query(({ ctx }) => attentionList(ctx.store, ctx.now())),
    /** A person has seen a problem check and hides it; recorded with who and when. */
    dismissProblem: procedure.input(z.strictObject({ id: z.string().min(1).max(100) })).mutation(({ ctx, input }) => {
      const dismissed = dismissProblem(ctx.store, input.id, deskOf(ctx).actor.staffId, ctx.now());
      return { dismissed };
    }),
  }),
  /** Changes that could not be saved, kept by the main process until retried or discarded. */
  failedIntents: router({
    list: procedure.query(({ ctx }) => listFailedIntents(ctx.store)),
    record: procedure
      .input(recordFailedIntentInputSchema)
      .mutation(({ ctx, input }) => recordFailedIntent(ctx.store, input, ctx.session.refresh(ctx.store).staffId, ctx.now())),
    discard: procedure.input(z.strictObject({ id: z.string().min(1).max(100) })).mutation(({ ctx, input }) => {
      discardFailedIntent(ctx.store, input.id, deskOf(ctx).actor.staffId, ctx.now());
      return { discarded: true };
    }),
  }),
  session: router({
    current: procedure.query(({ ctx }) => {
      const actor = ctx.session.refresh(ctx.store);
      const settings = getShopSettings(ctx.store);
      const staff = listStaff(ctx.store);
      return {
        actor,
        deviceId: ctx.store.deviceId,
        needsSetup: settings === null || !staff.some((member) => member.role === 'owner' && member.active),
      };
    }),
    signIn: procedure.input(signInInputSchema).mutation(({ ctx, input }) => ctx.session.signIn(ctx.store, input)),
    signOut: procedure.input(z.strictObject({}).optional()).mutation(({ ctx }) => {
      ctx.session.signOut();
      return ctx.session.actor;
    }),
  }),
  // Issue 6: printing, the support report and backups (src-main/api/shellRouter.ts).
  print: printRouter,
  support: supportRouter,
  backups: backupsRouter,
  exports: exportsRouter,
  // Long work's progress and cancel (docs/architecture.md §24).
  jobs: jobsRouter,
  // Issue 14: the owner's numbers (src-main/api/reportsRouter.ts).
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;
