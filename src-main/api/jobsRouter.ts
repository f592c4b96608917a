import { z } from 'zod';
import { jobIdSchema, JobBoard, runJob, type Job, type JobOutcome, type JobSpec } from '../core/progress/jobs';
import { procedure, router, type DeskContext } from './trpc';
import { shellOf } from './shellServices';

/**
 * Long work on screen (docs/architecture.md §24). A screen picks a job id, starts the call with it
 * (`jobId` in the call's input) and polls `jobs.get` while the call runs; Cancel is `jobs.cancel`.
 * The call itself answers when the work ends: its result, `cancelled: true`, or its failure.
 */

/** The desk's board; a desk started without one (a test's own caller) gets a board nobody watches. */
export function jobBoardOf(ctx: DeskContext): JobBoard {
  return shellOf(ctx).jobs ?? new JobBoard({ now: ctx.now });
}

/** Runs a procedure's work as a job on the desk's board (see `runJob`). */
export function asJob<T>(ctx: DeskContext, spec: JobSpec, work: (job: Job) => Promise<T>): Promise<JobOutcome<T>> {
  return runJob(jobBoardOf(ctx), spec, work);
}

const byId = z.strictObject({ id: jobIdSchema });

export const jobsRouter = router({
  /** The job as it is now; null once it is long finished or was never started (yet). */
  get: procedure.input(byId).query(({ ctx, input }) => jobBoardOf(ctx).get(input.id)),
  /** Every job under way (a screen opened after the work began can still show it). */
  running: procedure.query(({ ctx }) => jobBoardOf(ctx).running()),
  /** Stops the work if that is still safe; refused in words once it is not. */
  cancel: procedure.input(byId).mutation(({ ctx, input }) => jobBoardOf(ctx).cancel(input.id)),
});
