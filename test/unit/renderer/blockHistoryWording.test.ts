import { describe, expect, it } from 'vitest';
import { blockLines } from '../../../src-renderer/blockHistoryWording';
import { localTimeToInstant } from '../../../src-shared/time';

const zone = 'Europe/London';
const lookup = { staff: new Map([['sam', 'Sam Taylor'], ['luca', 'Luca Romano']]), services: new Map<string, string>(), zone };
const at = (date: string, time: string) => localTimeToInstant(date, time, zone);
let n = 0;
const event = (type: string, before: Record<string, unknown>, after: Record<string, unknown>, undoesEventType: string | null = null) => ({
  id: `e${(n += 1)}`,
  type,
  actorStaffId: 'sam',
  actorName: 'Sam Taylor',
  undoesEventType,
  before,
  after,
});

describe("a blocked time's history in words", () => {
  it('replays the changed fields, so every line says whose block it is and when', () => {
    const created = event('block.create', {}, { staffId: 'sam', kind: 'lunch', startsAt: at('2026-12-01', '12:00'), endsAt: at('2026-12-01', '13:00'), deletedAt: null });
    // Each event keeps only what it changed: the move has no kind or staff, the removal no times.
    const moved = event(
      'block.move',
      { startsAt: at('2026-12-01', '12:00'), endsAt: at('2026-12-01', '13:00') },
      { startsAt: at('2026-12-01', '14:00'), endsAt: at('2026-12-01', '15:00') },
    );
    const toLuca = event('block.move', { staffId: 'sam', startsAt: at('2026-12-01', '14:00'), endsAt: at('2026-12-01', '15:00') }, { staffId: 'luca', startsAt: at('2026-12-02', '09:00'), endsAt: at('2026-12-02', '10:00') });
    const removed = event('block.delete', { deletedAt: null }, { deletedAt: 1 });
    const back = event('block.undo', { deletedAt: 1 }, { deletedAt: null }, 'block.delete');
    const lines = blockLines([created, moved, toLuca, removed, back], 'sam', lookup);
    expect([...lines.values()].map((line) => line.headline)).toEqual([
      "You blocked Sam Taylor's lunch, Tuesday 1 December 2026, 12:00–13:00",
      "You moved Sam Taylor's lunch from 12:00–13:00 to 14:00–15:00",
      "You moved Sam Taylor's lunch from Tuesday 1 December 2026, 14:00–15:00 to Luca Romano, Wednesday 2 December 2026, 09:00–10:00",
      "You removed Luca Romano's lunch, Wednesday 2 December 2026, 09:00–10:00",
      "You undid the removal of Luca Romano's lunch: it is back, 09:00–10:00",
    ]);
    expect(lines.get(moved.id)?.what).toBe("moved Sam Taylor's lunch from 12:00–13:00 to 14:00–15:00");
  });

  it('calls an "other" block blocked time, and an unknown person a staff member', () => {
    const created = event('block.create', {}, { staffId: 'gone', kind: 'other', startsAt: at('2026-12-01', '12:00'), endsAt: at('2026-12-01', '12:30') });
    expect(blockLines([created], null, lookup).get(created.id)?.headline).toBe("Sam Taylor blocked time for a staff member, Tuesday 1 December 2026, 12:00–12:30");
  });
});
