import type { Block, BlockKind, Settings, TimeOff, WorkingHours } from '../../../src-shared/entities';
import { workingTimeOn, type Interval } from '../../../src-shared/schedule';
import { localDayRange } from '../../../src-shared/time';
import type { Store } from '../store/open';
import { listBlocks, listTimeOff } from '../staff/scheduleQueries';

/**
 * What the day view, the week view and the printed day draw behind a staff member's bookings:
 * when they work (from src-shared/schedule.ts, the one answer) and the time they blocked.
 */

/** One blocked stretch on a column, as the screens draw it. */
export interface ColumnBlock {
  id: string;
  kind: BlockKind;
  startsAt: number;
  endsAt: number;
  note: string;
}

/** The parts of a staff row the working time needs. */
export interface ScheduledStaff {
  id: string;
  workingHours: WorkingHours | null;
}

/** Time off (extra hours included) and blocks meeting [start, end), of everyone or of one staff member. */
export function exceptionsBetween(store: Store, start: number, end: number, staffId?: string): { timeOff: TimeOff[]; blocks: Block[] } {
  const range = { from: start, to: end, ...(staffId === undefined ? {} : { staffId }) };
  return { timeOff: listTimeOff(store, range), blocks: listBlocks(store, range) };
}

/** Each staff member's working time and blocks on one shop-local date. */
export function columnTimeOn(
  member: ScheduledStaff,
  settings: Settings,
  date: string,
  timeOff: readonly TimeOff[],
  blocks: readonly Block[],
): { working: Interval[]; blocks: ColumnBlock[] } {
  const day = localDayRange(date, settings.timeZone);
  return {
    working: workingTimeOn(member, settings, date, timeOff),
    blocks: blocks
      .filter((block) => block.staffId === member.id && block.deletedAt === null && block.startsAt < day.end && day.start < block.endsAt)
      .sort((a, b) => a.startsAt - b.startsAt)
      .map((block) => ({ id: block.id, kind: block.kind, startsAt: block.startsAt, endsAt: block.endsAt, note: block.note })),
  };
}
