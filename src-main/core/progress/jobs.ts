import { z } from 'zod';
import { refuse } from '../../../src-shared/refuse';

/**
 * Long work and its progress (docs/architecture.md §24): a backup, a restore, an export, a paired
 * desk's first download of the shop, an import. Each is a job on the desk's one board: a name, a
 * phase (which the screens put in words), how much of how much is done, whether cancelling is safe
 * right now, and an AbortSignal the work listens to. The screens poll `jobs.get` while their call
 * runs and show `components/JobProgress.tsx`; Cancel is `jobs.cancel`.
 *
 * Cancelling is only ever offered while the work can still stop leaving everything as it was: the
 * work says where that ends (`job.pastReturn(phase)`), and a cancel asked for after it is refused in
 * words. Work that sees its signal aborted stops by throwing `JobCancelled` at its next step;
 * `runJob` turns that into `{ cancelled: true }`, which is a result, not a failure.
 */

export const jobNames = ['backup', 'restore', 'databaseExport', 'csvExport', 'firstDownload', 'import'] as const;
export type JobName = (typeof jobNames)[number];

/** What the work is doing now; each has its sentence in the `progress` catalogue. */
export const jobPhases = [
  'starting',
  'checking',
  'copying',
  'writingRows',
  'saving',
  'safetyBackup',
  'swapping',
  'downloading',
  'storing',
  'reading',
  'importing',
] as const;
export type JobPhase = (typeof jobPhases)[number];

export const jobStates = ['running', 'done', 'cancelled', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export interface JobView {
  id: string;
  name: JobName;
  phase: JobPhase;
  done: number;
  /** null while the work does not know yet how much there is. */
  total: number | null;
  /** Whether Cancel is safe now; false once the work is past its point of no return. */
  cancellable: boolean;
  cancelRequested: boolean;
  state: JobState;
  startedAt: number;
  endedAt: number | null;
}

/** A job id the screen chooses before it calls, so it can watch the job while the call runs. */
export const jobIdSchema = z.uuid();
export const withJobId = { jobId: jobIdSchema.optional() };

/** Thrown by work that saw its job cancelled; `runJob` answers it as `{ cancelled: true }`. */
export class JobCancelled extends Error {
  constructor() {
    super('The work was cancelled.');
    this.name = 'JobCancelled';
  }
}

export function isCancelled(error: unknown): error is JobCancelled {
  return error instanceof JobCancelled;
}

export interface JobSpec {
  /** The screen's id for it (see `jobIdSchema`); a new one when none is given. */
  id?: string | undefined;
  name: JobName;
  phase?: JobPhase;
  /** Whether the work may be cancelled from its start (default true). */
  cancellable?: boolean;
}

/** The work's side of a job. */
export class Job {
  readonly id: string;
  readonly #view: JobView;
  readonly #controller = new AbortController();
  readonly #paceMs: number;

  constructor(view: JobView, paceMs: number) {
    this.id = view.id;
    this.#view = view;
    this.#paceMs = paceMs;
  }

  /** Aborted once a person cancels while cancelling is safe. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** How far the work is; `total` stays as it was when not given. */
  report(done: number, total?: number | null): void {
    this.#view.done = done;
    if (total !== undefined) this.#view.total = total;
  }

  /** A new phase, counted from zero. */
  phase(phase: JobPhase, total: number | null = null): void {
    this.#view.phase = phase;
    this.#view.done = 0;
    this.#view.total = total;
  }

  /** Throws `JobCancelled` if a person cancelled. */
  throwIfCancelled(): void {
    if (this.#controller.signal.aborted) throw new JobCancelled();
  }

  /**
   * Reports progress, lets the desk answer other calls (the screen's polls among them) and stops
   * here if cancelled. Long synchronous work calls it between pieces.
   */
  async step(done: number, total?: number | null): Promise<void> {
    this.report(done, total);
    await new Promise<void>((resolve) => (this.#paceMs > 0 ? setTimeout(resolve, this.#paceMs) : setImmediate(resolve)));
    this.throwIfCancelled();
  }

  /** Test hook pace (`CAREDESK_TEST_JOB_PACE_MS`): how long each step waits; 0 in the app. */
  get paceMs(): number {
    return this.#paceMs;
  }

  /**
   * From here on the work cannot stop without leaving things half done (a restore swapping the
   * database in, a first download storing the shop): a cancel already asked for stops it here, and
   * any later one is refused.
   */
  pastReturn(phase: JobPhase, total: number | null = null): void {
    this.throwIfCancelled();
    this.#view.cancellable = false;
    this.phase(phase, total);
  }

  /** The board's side: a person asked to cancel. */
  cancel(): void {
    this.#view.cancelRequested = true;
    this.#controller.abort(new JobCancelled());
  }

  get view(): JobView {
    return this.#view;
  }
}

export interface JobBoardOptions {
  now: () => number;
  /** Test hook: each step waits this long, so a test can watch (and photograph) a job under way. */
  paceMs?: number;
  /** How long a finished job can still be read (the screen's last poll). */
  keepMs?: number;
}

/** The desk's jobs: started by the work, read and cancelled by the screens. One per desk (`startDesk`). */
export class JobBoard {
  readonly #jobs = new Map<string, Job>();
  readonly #now: () => number;
  #paceMs: number;
  readonly #keepMs: number;

  constructor(options: JobBoardOptions) {
    this.#now = options.now;
    this.#paceMs = options.paceMs ?? 0;
    this.#keepMs = options.keepMs ?? 5 * 60_000;
  }

  /** Test hook (browser mode's `/__test/jobs`): jobs started from now on step this slowly. */
  pace(ms: number): void {
    this.#paceMs = Math.max(0, ms);
  }

  start(spec: JobSpec): Job {
    this.#forgetOld();
    const id = spec.id ?? crypto.randomUUID();
    const existing = this.#jobs.get(id);
    if (existing !== undefined && existing.view.state === 'running') {
      throw refuse('INVALID_TRANSITION', 'work.underWay', undefined, { jobId: id });
    }
    const job = new Job(
      {
        id,
        name: spec.name,
        phase: spec.phase ?? 'starting',
        done: 0,
        total: null,
        cancellable: spec.cancellable ?? true,
        cancelRequested: false,
        state: 'running',
        startedAt: this.#now(),
        endedAt: null,
      },
      this.#paceMs,
    );
    this.#jobs.set(id, job);
    return job;
  }

  end(job: Job, state: Exclude<JobState, 'running'>): void {
    job.view.state = state;
    job.view.cancellable = false;
    job.view.endedAt = this.#now();
  }

  /** A copy of the job as it is now, or null when there is none by that id (or it ended long ago). */
  get(id: string): JobView | null {
    const job = this.#jobs.get(id);
    return job === undefined ? null : { ...job.view };
  }

  /** The jobs under way, oldest first. */
  running(): JobView[] {
    return [...this.#jobs.values()].filter((job) => job.view.state === 'running').map((job) => ({ ...job.view }));
  }

  /** A person's Cancel: refused in words when the work is past the point where stopping is safe. */
  cancel(id: string): JobView {
    const job = this.#jobs.get(id);
    if (job === undefined || job.view.state !== 'running') {
      throw refuse('NOT_FOUND', 'work.finished', undefined, { jobId: id });
    }
    if (!job.view.cancellable) {
      throw refuse('INVALID_TRANSITION', 'work.cannotStop', undefined, { jobId: id });
    }
    job.cancel();
    return { ...job.view };
  }

  #forgetOld(): void {
    const before = this.#now() - this.#keepMs;
    for (const [id, job] of this.#jobs) if (job.view.endedAt !== null && job.view.endedAt < before) this.#jobs.delete(id);
  }
}

export type JobOutcome<T> = { cancelled: false; value: T } | { cancelled: true };

/** Runs `work` as a job on the board: its end is recorded, and a cancel is a result rather than a failure. */
export async function runJob<T>(board: JobBoard, spec: JobSpec, work: (job: Job) => Promise<T>): Promise<JobOutcome<T>> {
  const job = board.start(spec);
  try {
    const value = await work(job);
    board.end(job, 'done');
    return { cancelled: false, value };
  } catch (error) {
    if (isCancelled(error)) {
      board.end(job, 'cancelled');
      return { cancelled: true };
    }
    board.end(job, 'failed');
    throw error;
  }
}

/** Work run without a screen watching (the daily backup, tests): a job nobody can see or cancel. */
export function unwatchedJob(name: JobName): Job {
  return new JobBoard({ now: () => 0 }).start({ name });
}
