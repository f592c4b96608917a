import { and, asc, eq, isNull } from 'drizzle-orm';
import { newId } from '../../../src-shared/ids';
import type { Store } from '../store/open';
import { systemProblems } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';
import { transact } from '../store/transaction';

/**
 * Problems that used to reach only a log (a failed daily backup, the shop server saying it is
 * degraded, an updater error, a file that could not be saved) become system checks, kept in the
 * store so they survive a reload and a restart. A problem stays until its condition clears (the
 * next backup succeeds, the server answers "ok", …) or a person dismisses it; a dismissed problem
 * stays dismissed while the same condition lasts, and a new one opens once it cleared and came back.
 */

export const problemKinds = ['backup', 'offsite-backup', 'server-health', 'update', 'file-save', 'messages'] as const;
export type ProblemKind = (typeof problemKinds)[number];

export interface ProblemReport {
  title: string;
  /** What happened and what it means for the shop, in a receptionist's words. */
  message: string;
  /** The one thing to do about it. */
  nextStep: string;
}

export type SystemProblem = typeof systemProblems.$inferSelect;

/**
 * Problems that could not be written because the store itself is failing: still shown (beside the
 * storage check that already says the store is Unsafe) until the process ends.
 */
const unsavedSlot = storeSlot('problems kept in memory', () => new Map<ProblemKind, SystemProblem>());
const unsaved = (store: Store) => store.state.peek(unsavedSlot);

function openRow(store: Store, kind: ProblemKind): SystemProblem | undefined {
  return store.db
    .select()
    .from(systemProblems)
    .where(and(eq(systemProblems.kind, kind), isNull(systemProblems.resolvedAt)))
    .get();
}

/** Opens the problem of this kind, or updates the open one (its words, when it last happened). */
export function reportProblem(store: Store, kind: ProblemKind, report: ProblemReport, now: number): void {
  try {
    transact(store, () => {
      const open = openRow(store, kind);
      if (open === undefined) {
        store.db
          .insert(systemProblems)
          .values({ id: newId(), kind, ...report, firstAt: now, lastAt: now, occurrences: 1 })
          .run();
      } else {
        store.db
          .update(systemProblems)
          .set({ ...report, lastAt: now, occurrences: open.occurrences + 1 })
          .where(eq(systemProblems.id, open.id))
          .run();
      }
    });
    unsaved(store)?.delete(kind);
  } catch {
    // The store refused even this: keep it in memory so the banner still says it (transact has
    // already marked a storage-layer failure Unsafe).
    const map = slotOf(store, unsavedSlot);
    const before = map.get(kind);
    map.set(kind, {
      id: before?.id ?? `unsaved-${kind}`,
      kind,
      ...report,
      firstAt: before?.firstAt ?? now,
      lastAt: now,
      occurrences: (before?.occurrences ?? 0) + 1,
      resolvedAt: null,
      dismissedAt: null,
      dismissedBy: null,
    });
  }
}

/** The condition cleared (the next backup succeeded, …): the problem is no longer shown. */
export function clearProblem(store: Store, kind: ProblemKind, now: number): void {
  unsaved(store)?.delete(kind);
  // Reading first keeps the usual case (nothing open) free of writes.
  if (openRow(store, kind) === undefined) return;
  transact(store, () => {
    store.db
      .update(systemProblems)
      .set({ resolvedAt: now })
      .where(and(eq(systemProblems.kind, kind), isNull(systemProblems.resolvedAt)))
      .run();
  });
}

/** A person has seen it and chose to hide it: recorded with who and when. */
export function dismissProblem(store: Store, id: string, by: string | null, now: number): boolean {
  for (const [kind, problem] of unsaved(store) ?? []) {
    if (problem.id === id) {
      unsaved(store)?.delete(kind);
      return true;
    }
  }
  return transact(store, () => {
    const result = store.db
      .update(systemProblems)
      .set({ dismissedAt: now, dismissedBy: by })
      .where(and(eq(systemProblems.id, id), isNull(systemProblems.resolvedAt), isNull(systemProblems.dismissedAt)))
      .run();
    return result.changes > 0;
  });
}

/** Every open problem nobody dismissed, oldest first. */
export function activeProblems(store: Store): SystemProblem[] {
  const stored = store.db
    .select()
    .from(systemProblems)
    .where(and(isNull(systemProblems.resolvedAt), isNull(systemProblems.dismissedAt)))
    .orderBy(asc(systemProblems.firstAt))
    .all();
  const kept = [...(unsaved(store)?.values() ?? [])].filter((problem) => !stored.some((row) => row.kind === problem.kind));
  return [...stored, ...kept];
}

/** Any open problem of this kind, dismissed or not (tests and the support report). */
export function problemOf(store: Store, kind: ProblemKind): SystemProblem | null {
  return openRow(store, kind) ?? unsaved(store)?.get(kind) ?? null;
}
