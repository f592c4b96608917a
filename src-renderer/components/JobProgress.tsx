import { skipToken, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, trpc } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import type { Outputs } from '../api/types';
import { useT } from '../i18n';
import { ErrorNotice } from './ErrorNotice';

/**
 * Long work on screen (docs/architecture.md §24): a bar, what the work is doing in words, and Cancel
 * while stopping is safe. `useJob().track(work)` gives the call a job id and watches that job until
 * the call answers; the call says itself whether it finished or was cancelled.
 */

export type JobView = NonNullable<Outputs['jobs']['get']>;

const POLL_MS = 250;

export function useJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelError, setCancelError] = useState<Envelope | null>(null);
  const watched = useQuery(
    trpc.jobs.get.queryOptions(jobId === null ? skipToken : { id: jobId }, { refetchInterval: POLL_MS, staleTime: 0, retry: 0 }),
  );
  /** Runs `work` with a new job id and shows its job until it answers. */
  const track = async <T,>(work: (jobId: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    setCancelError(null);
    setJobId(id);
    try {
      return await work(id);
    } finally {
      setJobId(null);
    }
  };
  const cancel = () => {
    if (jobId === null) return;
    client.jobs.cancel.mutate({ id: jobId }).then(
      () => void watched.refetch(),
      (error: unknown) => setCancelError(envelopeOf(error)),
    );
  };
  const job = jobId === null ? null : (watched.data ?? null);
  return { track, job, cancel, cancelError, dismissCancelError: () => setCancelError(null) };
}

export function JobProgress(props: { watch: ReturnType<typeof useJob> }) {
  const { t } = useT('progress');
  const { job, cancel, cancelError, dismissCancelError } = props.watch;
  if (job === null || job.state !== 'running') return null;
  const percent = job.total === null || job.total === 0 ? null : Math.min(100, Math.floor((job.done * 100) / job.total));
  const words =
    job.total === null
      ? t(`uncounted.${job.phase}`, { done: job.done })
      : t(`counted.${job.phase}`, { done: job.done, total: job.total, percent: percent ?? 0 });
  return (
    <div className="job-progress" data-testid="job-progress">
      {/* Without a value the bar is indeterminate: the work has not said how much there is yet. */}
      <progress aria-label={t(`names.${job.name}`)} max={100} {...(percent === null ? {} : { value: percent })} />
      <p aria-live="polite" className="job-progress-words">
        {words}
      </p>
      {job.cancellable ? (
        <button type="button" className="button small" disabled={job.cancelRequested} onClick={cancel}>
          {job.cancelRequested ? t('stopping') : t('cancel')}
        </button>
      ) : (
        <p className="muted">{t('cannotStop')}</p>
      )}
      <ErrorNotice error={cancelError} onDismiss={dismissCancelError} />
    </div>
  );
}
