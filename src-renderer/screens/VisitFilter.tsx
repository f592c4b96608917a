import type { ParseKeys } from 'i18next';
import { create } from 'zustand';
import type { VisitFilter } from '../../src-shared/visit';
import { useT } from '../i18n';

/** The day view's "All / Waiting / In the chair / Done" (src-shared/visit.ts decides who is in which). */
export const useVisitFilter = create<{ filter: VisitFilter; setFilter(filter: VisitFilter): void }>((set) => ({
  filter: 'all',
  setFilter: (filter) => set({ filter }),
}));

const choices: { filter: VisitFilter; label: ParseKeys<'day'>; title: ParseKeys<'day'> }[] = [
  { filter: 'all', label: 'all', title: 'everyAppointmentOfTheDay' },
  { filter: 'waiting', label: 'waiting', title: 'checkedInNotYetIn' },
  { filter: 'in_service', label: 'inTheChair', title: 'beingServedNow' },
  { filter: 'done', label: 'done', title: 'checkedOut' },
];

export function VisitFilterControl() {
  const { t } = useT('day');
  const filter = useVisitFilter((state) => state.filter);
  const setFilter = useVisitFilter((state) => state.setFilter);
  return (
    <div className="segmented" role="group" aria-label={t('visits')} data-testid="visit-filter">
      {choices.map((choice) => (
        <button
          key={choice.filter}
          type="button"
          className="button"
          title={t(choice.title)}
          aria-pressed={filter === choice.filter}
          onClick={() => setFilter(choice.filter)}
        >
          {t(choice.label)}
        </button>
      ))}
    </div>
  );
}
