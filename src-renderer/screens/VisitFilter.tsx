import { create } from 'zustand';
import type { VisitFilter } from '../../src-shared/visit';

/** The day view's "All / Waiting / In the chair / Done" (src-shared/visit.ts decides who is in which). */
export const useVisitFilter = create<{ filter: VisitFilter; setFilter(filter: VisitFilter): void }>((set) => ({
  filter: 'all',
  setFilter: (filter) => set({ filter }),
}));

const choices: { filter: VisitFilter; label: string; title: string }[] = [
  { filter: 'all', label: 'All', title: 'Every appointment of the day' },
  { filter: 'waiting', label: 'Waiting', title: 'Checked in, not yet in the chair' },
  { filter: 'in_service', label: 'In the chair', title: 'Being served now' },
  { filter: 'done', label: 'Done', title: 'Checked out' },
];

export function VisitFilterControl() {
  const filter = useVisitFilter((state) => state.filter);
  const setFilter = useVisitFilter((state) => state.setFilter);
  return (
    <div className="segmented" role="group" aria-label="Visits" data-testid="visit-filter">
      {choices.map((choice) => (
        <button
          key={choice.filter}
          type="button"
          className="button"
          title={choice.title}
          aria-pressed={filter === choice.filter}
          onClick={() => setFilter(choice.filter)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
