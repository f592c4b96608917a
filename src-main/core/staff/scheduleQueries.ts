import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Block, TimeOff } from '../../../src-shared/entities';
import type { scheduleRangeInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { blocks, timeOff } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';

type Range = z.output<typeof scheduleRangeInputSchema>;

/**
 * Time off and blocked time not removed that meet [start, end), of everyone or of one staff
 * member, earliest first. Prepared once per store: the day and week views ask on every change, and
 * building the statement each time cost more than SQLite takes to answer it.
 */
function prepare(store: Store) {
  const meets = <T extends typeof timeOff | typeof blocks>(table: T, oneStaff: boolean) =>
    store.db
      .select()
      .from(table)
      .where(
        and(
          isNull(table.deletedAt),
          lt(table.startsAt, sql.placeholder('end')),
          gt(table.endsAt, sql.placeholder('start')),
          oneStaff ? eq(table.staffId, sql.placeholder('staffId')) : undefined,
        ),
      )
      .orderBy(asc(table.startsAt))
      .prepare();
  return {
    timeOff: meets(timeOff, false),
    timeOffOf: meets(timeOff, true),
    blocks: meets(blocks, false),
    blocksOf: meets(blocks, true),
  };
}

const prepared = storeSlot('schedule exception queries', prepare);

export function timeOffBetween(store: Store, start: number, end: number, staffId?: string): TimeOff[] {
  const statements = slotOf(store, prepared);
  return (staffId === undefined ? statements.timeOff.all({ start, end }) : statements.timeOffOf.all({ start, end, staffId })) as TimeOff[];
}

export function blocksBetween(store: Store, start: number, end: number, staffId?: string): Block[] {
  const statements = slotOf(store, prepared);
  return (staffId === undefined ? statements.blocks.all({ start, end }) : statements.blocksOf.all({ start, end, staffId })) as Block[];
}

/** Time off (extra hours included) and blocks meeting [start, end), of everyone or of one staff member. */
export function exceptionsBetween(store: Store, start: number, end: number, staffId?: string): { timeOff: TimeOff[]; blocks: Block[] } {
  return { timeOff: timeOffBetween(store, start, end, staffId), blocks: blocksBetween(store, start, end, staffId) };
}

/** timeOff.list: the time off (and extra hours) that meets [from, to), earliest first. */
export function listTimeOff(store: Store, range: Range): TimeOff[] {
  return timeOffBetween(store, range.from, range.to, range.staffId);
}

/** blocks.list: the blocked time that meets [from, to), earliest first. */
export function listBlocks(store: Store, range: Range): Block[] {
  return blocksBetween(store, range.from, range.to, range.staffId);
}
