import type { Block, BlockKind, Settings, TimeOff, WorkingHours } from '../../../src-shared/entities';
import { workingTimeOn, type Interval } from '../../../src-shared/schedule';
import { localDayRange } from '../../../src-shared/time';

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
  /** The version a move or removal from the day view sends back. */
  version: number;
}

/** Time off meeting the day, with its kind, so the shaded off time can say "Holiday" rather than only "Not working". */
export interface ColumnTimeOff {
  kind: Exclude<TimeOff['kind'], 'extra_hours'>;
  startsAt: number;
  endsAt: number;
}

/** The parts of a staff row the working time needs. */
export interface ScheduledStaff {
  id: string;
  workingHours: WorkingHours | null;
}

/** Each staff member's working time and blocks on one shop-local date. */
export function columnTimeOn(
  member: ScheduledStaff,
  settings: Settings,
  date: string,
  timeOff: readonly TimeOff[],
  blocks: readonly Block[],
): { working: Interval[]; blocks: ColumnBlock[]; timeOff: ColumnTimeOff[] } {
  const day = localDayRange(date, settings.timeZone);
  return {
    working: workingTimeOn(member, settings, date, timeOff),
    blocks: blocks
      .filter((block) => block.staffId === member.id && block.deletedAt === null && block.startsAt < day.end && day.start < block.endsAt)
      .sort((a, b) => a.startsAt - b.startsAt)
      .map((block) => ({ id: block.id, kind: block.kind, startsAt: block.startsAt, endsAt: block.endsAt, note: block.note, version: block.version })),
    // Extra hours add working time; only the kinds that take it away label the shading.
    timeOff: timeOff
      .filter((entry) => entry.staffId === member.id && entry.deletedAt === null && entry.startsAt < day.end && day.start < entry.endsAt)
      .flatMap((entry) => (entry.kind === 'extra_hours' ? [] : [{ kind: entry.kind, startsAt: entry.startsAt, endsAt: entry.endsAt }]))
      .sort((a, b) => a.startsAt - b.startsAt),
  };
}
