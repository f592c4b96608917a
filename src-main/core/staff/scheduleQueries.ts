import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { Block, TimeOff } from '../../../src-shared/entities';
import type { scheduleRangeInputSchema } from '../../../src-shared/queries';
import type { Store } from '../store/open';
import { blocks, timeOff } from '../store/schema';

type Range = z.output<typeof scheduleRangeInputSchema>;

/** The time off (and extra hours) not removed that meets [from, to), earliest first. */
export function listTimeOff(store: Store, range: Range): TimeOff[] {
  return store.db
    .select()
    .from(timeOff)
    .where(
      and(
        isNull(timeOff.deletedAt),
        lt(timeOff.startsAt, range.to),
        gt(timeOff.endsAt, range.from),
        range.staffId === undefined ? undefined : eq(timeOff.staffId, range.staffId),
      ),
    )
    .orderBy(asc(timeOff.startsAt))
    .all();
}

/** The blocked time not removed that meets [from, to), earliest first. */
export function listBlocks(store: Store, range: Range): Block[] {
  return store.db
    .select()
    .from(blocks)
    .where(
      and(
        isNull(blocks.deletedAt),
        lt(blocks.startsAt, range.to),
        gt(blocks.endsAt, range.from),
        range.staffId === undefined ? undefined : eq(blocks.staffId, range.staffId),
      ),
    )
    .orderBy(asc(blocks.startsAt))
    .all();
}
