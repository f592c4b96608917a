import type { HistoryEntry } from './api/types';
import { formatLocalDate, localDateOf } from '../src-shared/time';
import { history, nounOfOp, timeRange, whoOf, type Lookup } from './format';
import { shownTable } from './i18n';
import type { RecordLine } from './recordHistoryWording';

/**
 * One line of a blocked time's history, with whose it is and when: "You moved Sam Taylor's lunch
 * from 12:00–13:00 to 14:00–15:00". The general record wording names no times, and a block is
 * nothing but a time.
 */

type Entry = Pick<HistoryEntry, 'id' | 'type' | 'actorStaffId' | 'actorName' | 'undoesEventType' | 'before' | 'after'>;

/** What the kind is called in a sentence ("Sam Taylor's lunch", "Sam Taylor's blocked time"). */
export const blockPhrases: Readonly<Record<string, string>> = shownTable(() => ({
  lunch: history('block.kind.lunch'),
  meeting: history('block.kind.meeting'),
  cleaning: history('block.kind.cleaning'),
  other: history('block.kind.other'),
}));

interface Shape {
  staffId?: unknown;
  kind?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
}

function personOf(row: Shape, lookup: Lookup): string {
  return (typeof row.staffId === 'string' ? lookup.staff.get(row.staffId) : undefined) ?? history('activity.aStaffMember');
}

function whose(row: Shape, lookup: Lookup): string {
  return history('activity.whose', { owner: personOf(row, lookup), thing: blockPhrases[String(row.kind)] ?? history('block.kind.other') });
}

function when(row: Shape, lookup: Lookup, withDate: boolean): string {
  if (typeof row.startsAt !== 'number' || typeof row.endsAt !== 'number') return '';
  const range = timeRange(row.startsAt, row.endsAt, lookup.zone);
  return withDate ? history('block.dateRange', { date: formatLocalDate(localDateOf(row.startsAt, lookup.zone)), range }) : range;
}

function sameDay(a: Shape, b: Shape, lookup: Lookup): boolean {
  return typeof a.startsAt === 'number' && typeof b.startsAt === 'number' && localDateOf(a.startsAt, lookup.zone) === localDateOf(b.startsAt, lookup.zone);
}

/** "from 12:00–13:00 to 14:00–15:00", naming the day or the person only when they changed. */
function fromTo(before: Shape, after: Shape, lookup: Lookup): string {
  const otherDay = !sameDay(before, after, lookup);
  const otherPerson = before.staffId !== after.staffId && typeof after.staffId === 'string';
  const at = when(after, lookup, otherDay);
  const to = otherPerson ? history('block.toPerson', { name: lookup.staff.get(after.staffId as string) ?? history('value.anotherStaff'), when: at }) : at;
  return history('block.fromTo', { from: when(before, lookup, otherDay), to });
}

/**
 * Every line of one block's history (oldest first in, by event id out). An event keeps only the
 * fields it changed, so the whole block before and after each one is found by replaying them.
 */
export function blockLines(entries: readonly Entry[], meId: string | null, lookup: Lookup, known: Shape = {}): Map<string, RecordLine> {
  const lines = new Map<string, RecordLine>();
  // `known`: what is known of the block besides the events (the activity log shows one event at a time).
  let state: Shape = known;
  for (const entry of entries) {
    const before = { ...state, ...(entry.before as Shape) };
    const after = { ...before, ...(entry.after as Shape) };
    lines.set(entry.id, blockLine(entry, before, after, meId, lookup));
    state = after;
  }
  return lines;
}

function blockLine(entry: Entry, before: Shape, after: Shape, meId: string | null, lookup: Lookup): RecordLine {
  const who = whoOf(entry, meId);
  const op = entry.type.split('.')[1] ?? entry.type;
  const line = (what: string): RecordLine => ({ headline: history('sentence', { who, what }), what, details: [] });
  switch (op) {
    case 'create':
      // "blocked Sam Taylor's lunch", but "blocked time for Sam Taylor" rather than "blocked Sam Taylor's blocked time".
      return line(
        after.kind === 'other'
          ? history('block.createdOther', { person: personOf(after, lookup), when: when(after, lookup, true) })
          : history('block.created', { whose: whose(after, lookup), when: when(after, lookup, true) }),
      );
    case 'move':
      return line(history('block.moved', { whose: whose(before, lookup), fromTo: fromTo(before, after, lookup) }));
    case 'delete':
      return line(history('block.removed', { whose: whose(before, lookup), when: when(before, lookup, true) }));
    case 'undo': {
      const undone = entry.undoesEventType ?? '';
      const name = nounOfOp(undone);
      if (undone.endsWith('.move')) return line(history('undo.blockBack', { name, whose: whose(after, lookup), when: when(after, lookup, !sameDay(before, after, lookup)) }));
      if (undone.endsWith('.delete')) return line(history('undo.blockReturned', { name, whose: whose(after, lookup), when: when(after, lookup, false) }));
      return line(history('undo.blockOther', { name, whose: whose(before, lookup), when: when(before, lookup, false) }));
    }
    default:
      return line(history('activity.changedThing', { what: whose(after, lookup) }));
  }
}
