import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { refuse } from '../../../src-shared/refuse';
import { newId } from '../../../src-shared/ids';
import type { Store } from '../store/open';
import { failedIntents } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';
import { transact } from '../store/transaction';

/**
 * Changes a person asked for that could not be saved (the store or a write lock refused them, not
 * the business rules), kept in the main process — not only in the window — until a retry saves
 * them or a person discards them.
 *
 * When the store cannot write even this record (the same failure that refused the change), it goes
 * to a side file beside the database instead: JSON lines, replaced as a whole through a temporary
 * file, fsync and rename, so a crash leaves either the old or the new list, never half a line. The
 * next time the store writes again the side file is moved into the table in one transaction and
 * removed; until then the Recovery Center lists both.
 */

export const recordFailedIntentInputSchema = z.strictObject({
  idempotencyKey: z.string().min(1).max(200),
  /** The command procedure, e.g. "appointments.create" (only business commands are ever kept and retried). */
  procedure: z.string().regex(/^(appointments|clients|staff|services|settings)\.[a-zA-Z]+$/).max(60),
  input: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= 64_000, 'The change is too large to keep.'),
  label: z.string().min(1).max(500),
  /** The error envelope as the window saw it (its own wording when CareDesk did not answer). */
  error: z.object({
    code: z.string().max(60),
    message: z.string().max(2000),
    retryable: z.boolean(),
    requestId: z.string().max(200),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type RecordFailedIntentInput = z.infer<typeof recordFailedIntentInputSchema>;

export type FailedIntent = typeof failedIntents.$inferSelect;

export const SIDE_FILE_NAME = 'failed-intents.jsonl';

export function sideFileOf(store: Store): string {
  return join(dirname(store.file), SIDE_FILE_NAME);
}

function readSideFile(store: Store): FailedIntent[] {
  const file = sideFileOf(store);
  if (!existsSync(file)) return [];
  const rows: FailedIntent[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line) as FailedIntent);
    } catch {
      // A line that does not parse is skipped rather than hiding every other record.
    }
  }
  return rows;
}

function writeSideFile(store: Store, rows: readonly FailedIntent[]): void {
  const file = sideFileOf(store);
  const temp = `${file}.${process.pid}.partial`;
  const handle = openSync(temp, 'w', 0o600);
  try {
    writeSync(handle, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(temp, file);
}

function byKey(store: Store, key: string): FailedIntent | undefined {
  return store.db.select().from(failedIntents).where(eq(failedIntents.idempotencyKey, key)).get();
}

/** Moves what the side file holds into the table, then removes the file. Quiet when the store still fails. */
function absorbSideFile(store: Store): void {
  const kept = readSideFile(store);
  if (kept.length === 0) return;
  try {
    transact(store, () => {
      for (const row of kept) {
        if (byKey(store, row.idempotencyKey) === undefined) store.db.insert(failedIntents).values(row).run();
      }
    });
    rmSync(sideFileOf(store), { force: true });
  } catch {
    // Still failing: the side file stays the record.
  }
}

/**
 * Whether this store may hold an open failed change: null until someone asks, false once a look
 * found none. Every saved command asks (was it the retry of a kept change?), and this spares the
 * ordinary command, when nothing is kept, a query and a look for the side file.
 */
const anyOpen = storeSlot('failed changes may be open', () => ({ known: null as boolean | null }));

function mayHaveOpenIntents(store: Store): boolean {
  const memo = slotOf(store, anyOpen);
  if (memo.known === null) {
    const stored = store.db.select({ id: failedIntents.id }).from(failedIntents).where(isNull(failedIntents.resolvedAt)).limit(1).get();
    memo.known = stored !== undefined || existsSync(sideFileOf(store));
  }
  return memo.known;
}

/** A failed change was kept, resolved or discarded: look again next time. */
function forgetWhetherAnyOpen(store: Store, open: boolean | null): void {
  slotOf(store, anyOpen).known = open;
}

/** Records (or, for the same key, updates) a change that could not be saved. */
export function recordFailedIntent(
  store: Store,
  input: RecordFailedIntentInput,
  actorStaffId: string | null,
  now: number,
): { id: string; kept: 'store' | 'sideFile' } {
  const fresh: FailedIntent = {
    id: newId(),
    idempotencyKey: input.idempotencyKey,
    procedure: input.procedure,
    input: input.input,
    label: input.label,
    error: input.error,
    actorStaffId,
    failedAt: now,
    lastFailedAt: now,
    attempts: 1,
    resolution: null,
    resolvedAt: null,
    resolvedBy: null,
  };
  try {
    const id = transact(store, () => {
      const existing = byKey(store, input.idempotencyKey);
      if (existing === undefined) {
        store.db.insert(failedIntents).values(fresh).run();
        return fresh.id;
      }
      // The same change failed again (a retry): still open, whatever it was before.
      store.db
        .update(failedIntents)
        .set({ error: input.error, lastFailedAt: now, attempts: existing.attempts + 1, resolution: null, resolvedAt: null, resolvedBy: null })
        .where(eq(failedIntents.id, existing.id))
        .run();
      return existing.id;
    });
    forgetWhetherAnyOpen(store, true);
    return { id, kept: 'store' };
  } catch {
    const rows = readSideFile(store);
    const existing = rows.find((row) => row.idempotencyKey === input.idempotencyKey);
    if (existing) Object.assign(existing, { error: input.error, lastFailedAt: now, attempts: existing.attempts + 1 });
    else rows.push(fresh);
    try {
      writeSideFile(store, rows);
    } catch (error) {
      throw refuse('DB_TRANSACTION_FAILED', 'recovery.noteNotKept', undefined, undefined, error);
    }
    forgetWhetherAnyOpen(store, true);
    return { id: existing?.id ?? fresh.id, kept: 'sideFile' };
  }
}

/** Every failed change nobody has resolved yet, oldest first (the table and the side file). */
export function listFailedIntents(store: Store): FailedIntent[] {
  absorbSideFile(store);
  const stored = store.db
    .select()
    .from(failedIntents)
    .where(isNull(failedIntents.resolvedAt))
    .orderBy(asc(failedIntents.failedAt))
    .all();
  const pending = readSideFile(store).filter((row) => row.resolvedAt === null && !stored.some((s) => s.idempotencyKey === row.idempotencyKey));
  return [...stored, ...pending];
}

/**
 * A command with this key has now been saved: the failed change it retried is resolved. Reading
 * first keeps every ordinary command free of an extra write.
 */
export function resolveRetriedIntent(store: Store, idempotencyKey: string, by: string | null, now: number): void {
  if (!mayHaveOpenIntents(store)) return;
  forgetWhetherAnyOpen(store, null);
  const open = store.db
    .select({ id: failedIntents.id })
    .from(failedIntents)
    .where(and(eq(failedIntents.idempotencyKey, idempotencyKey), isNull(failedIntents.resolvedAt)))
    .get();
  if (open !== undefined) {
    transact(store, () => {
      store.db
        .update(failedIntents)
        .set({ resolution: 'retried', resolvedAt: now, resolvedBy: by })
        .where(eq(failedIntents.id, open.id))
        .run();
    });
    return;
  }
  const rows = readSideFile(store);
  const kept = rows.find((row) => row.idempotencyKey === idempotencyKey && row.resolvedAt === null);
  if (kept) {
    Object.assign(kept, { resolution: 'retried', resolvedAt: now, resolvedBy: by });
    writeSideFile(store, rows);
  }
}

/** A person gave the change up: it stays in the table, marked with who discarded it and when. */
export function discardFailedIntent(store: Store, id: string, by: string | null, now: number): void {
  forgetWhetherAnyOpen(store, null);
  absorbSideFile(store);
  const rows = readSideFile(store);
  const kept = rows.find((row) => row.id === id && row.resolvedAt === null);
  if (kept) {
    // The store still refuses writes (absorbing failed): record the decision where the change is.
    Object.assign(kept, { resolution: 'discarded', resolvedAt: now, resolvedBy: by });
    writeSideFile(store, rows);
    return;
  }
  const done = transact(store, () =>
    store.db
      .update(failedIntents)
      .set({ resolution: 'discarded', resolvedAt: now, resolvedBy: by })
      .where(and(eq(failedIntents.id, id), isNull(failedIntents.resolvedAt)))
      .run(),
  );
  if (done.changes === 0) throw refuse('NOT_FOUND', 'recovery.noLongerWaiting');
}
