import type { JobBoard, JobView } from '../../src-main/core/progress/jobs';

/**
 * What a screen polling `jobs.get` would have seen: the job read every few milliseconds until it
 * ends, and `when(test, act)` acts (a cancel) the first time a reading passes the test.
 */
export function watchJob(board: JobBoard, id: string, when?: { test: (view: JobView) => boolean; act: () => void }) {
  const seen: JobView[] = [];
  let acted = false;
  const timer = setInterval(() => {
    const view = board.get(id);
    if (view === null) return;
    seen.push(view);
    if (when !== undefined && !acted && when.test(view)) {
      acted = true;
      when.act();
    }
  }, 2);
  return {
    seen,
    stop: () => clearInterval(timer),
    /** The phases in the order they were seen, each once. */
    phases: () => seen.map((view) => view.phase).filter((phase, i, all) => all[i - 1] !== phase),
  };
}
