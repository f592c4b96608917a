import type { Store } from '../store/open';
import type { KeptVisits } from './keptVisits';

export interface ServiceFigure {
  serviceId: string;
  name: string;
  /** Kept visits (booked, arrived, in the chair or done) starting in the range. */
  visits: number;
  /** What the completed ones brought in. */
  cents: number;
}

/** The services most visited (`kept`: per service) in the range, most first (takings, then the name, break a tie), at most `limit`. */
export function topServices(store: Store, kept: readonly KeptVisits[], limit = 10): ServiceFigure[] {
  const names = new Map(
    (store.sqlite.prepare(`SELECT id, name FROM services`).all() as { id: string; name: string }[]).map((row) => [row.id, row.name]),
  );
  return kept
    .map((row) => ({ serviceId: row.subjectId, name: names.get(row.subjectId) ?? '', visits: row.visits, cents: row.cents }))
    .sort((a, b) => b.visits - a.visits || b.cents - a.cents || a.name.localeCompare(b.name))
    .slice(0, limit);
}
