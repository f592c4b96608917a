import { describe, expect, it } from 'vitest';
import { JobBoard, runJob } from '../../../src-main/core/progress/jobs';
import { refusal } from '../../support/refusal';

const board = () => new JobBoard({ now: () => 1_000 });

describe('the job board', () => {
  it('shows a job’s phase and progress, and its end', async () => {
    const jobs = board();
    const outcome = await runJob(jobs, { id: '8f1f5d4e-8a0c-4c73-9b7a-1a2b3c4d5e6f', name: 'csvExport' }, async (job) => {
      job.phase('writingRows', 10);
      await job.step(4);
      expect(jobs.get(job.id)).toMatchObject({ name: 'csvExport', phase: 'writingRows', done: 4, total: 10, state: 'running', cancellable: true });
      expect(jobs.running().map((view) => view.id)).toEqual([job.id]);
      return 'made';
    });
    expect(outcome).toEqual({ cancelled: false, value: 'made' });
    expect(jobs.get('8f1f5d4e-8a0c-4c73-9b7a-1a2b3c4d5e6f')).toMatchObject({ state: 'done', cancellable: false, endedAt: 1_000 });
    expect(jobs.running()).toEqual([]);
  });

  it('a cancel stops the work at its next step and is a result, not a failure', async () => {
    const jobs = board();
    let reached = 0;
    const outcome = await runJob(jobs, { name: 'backup' }, async (job) => {
      for (let i = 1; i <= 100; i += 1) {
        if (i === 3) jobs.cancel(job.id);
        await job.step(i, 100);
        reached = i;
      }
    });
    expect(outcome).toEqual({ cancelled: true });
    expect(reached).toBe(2);
    expect(jobs.running()).toEqual([]);
  });

  it('past its point of no return a job refuses a cancel in words; a cancel asked before it stops the work there', async () => {
    const jobs = board();
    const refused = await runJob(jobs, { name: 'restore' }, async (job) => {
      job.pastReturn('swapping');
      const error = refusal(() => jobs.cancel(job.id));
      expect(error.code).toBe('INVALID_TRANSITION');
      expect(error.message).toBe('This can no longer be stopped safely; it will finish in a moment.');
      return 'swapped';
    });
    expect(refused).toEqual({ cancelled: false, value: 'swapped' });

    const stopped = await runJob(jobs, { name: 'restore' }, async (job) => {
      jobs.cancel(job.id);
      job.pastReturn('swapping');
      return 'swapped';
    });
    expect(stopped).toEqual({ cancelled: true });
  });

  it('a failure is the work’s own error, and the job says it failed', async () => {
    const jobs = board();
    const id = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
    await expect(runJob(jobs, { id, name: 'import' }, () => Promise.reject(new Error('disk gone')))).rejects.toThrow('disk gone');
    expect(jobs.get(id)?.state).toBe('failed');
    expect(refusal(() => jobs.cancel(id)).code).toBe('NOT_FOUND');
  });
});
