import { z } from 'zod';

/**
 * The attention list (docs/architecture.md §23): everything across the product that needs a person,
 * in one order, each with its one next step. The order is the design's (DESIGN.md §9): failures —
 * storage (writes locked), sync, messages, then the rest (changes not saved, backups, disk space,
 * updates) — → conflicts → overdue forms → low stock → waitlist matches. Within a kind, the oldest first.
 */
export const attentionKinds = [
  'storage',
  'sync',
  'messages',
  'failure',
  'conflict',
  'overdue-form',
  'low-stock',
  'waitlist-match',
] as const;
export type AttentionKind = (typeof attentionKinds)[number];

/** Where the next step leads: a screen of the desk, and the record to open there when there is one. */
export const attentionStepSchema = z.strictObject({
  label: z.string(),
  screen: z.string(),
  recordId: z.string().optional(),
  /** The shop-local day to show the record on (a booking's drawer opens on its day). */
  date: z.string().optional(),
});

export const attentionItemSchema = z.strictObject({
  kind: z.enum(attentionKinds),
  /** Stable across polls, so the screen keeps its place and a dismissed item stays dismissed. */
  key: z.string(),
  title: z.string(),
  detail: z.string(),
  nextStep: attentionStepSchema,
  /** When it began, for the order within its kind (older first); undefined sorts last. */
  since: z.number().optional(),
});
export type AttentionItem = z.infer<typeof attentionItemSchema>;

const rank: Record<AttentionKind, number> = Object.fromEntries(attentionKinds.map((kind, index) => [kind, index])) as Record<
  AttentionKind,
  number
>;

/** The one order of the attention list; stable for items of the same kind and age. */
export function byPriority(items: readonly AttentionItem[]): AttentionItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        rank[a.item.kind] - rank[b.item.kind] ||
        (a.item.since ?? Number.MAX_SAFE_INTEGER) - (b.item.since ?? Number.MAX_SAFE_INTEGER) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}
