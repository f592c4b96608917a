import { describe, expect, it } from 'vitest';
import { isTooLong, lengthLimitText, textLimits } from '../../../src-renderer/components/LengthLimit';
import { expiredToast, nextToast, type Toast } from '../../../src-renderer/state/desk';
import { undoLabelOf, undoneWording } from '../../../src-renderer/state/undoWording';

const now = 1_000_000;
const success = (id: string, message: string, ttl = 60_000) => ({ id, message, tone: 'success' as const, expiresAt: now + ttl });
const failure = (id: string, message: string, ttl = 15_000) => ({ id, message, tone: 'error' as const, expiresAt: now + ttl });

describe('one toast at a time', () => {
  it('the newest message replaces the one before, with its own Undo', () => {
    const first = nextToast(undefined, success('a', 'Moved Aisha Patel to 11:45'), now);
    const second = nextToast(first, { ...success('b', 'Notes saved: Aisha Patel'), undo: { group: 'appointment', id: 'x', version: 3, eventId: 'e' } }, now);
    expect(second).toMatchObject({ id: 'b', message: 'Notes saved: Aisha Patel', earlierFailures: [] });
    expect(second.undo?.eventId).toBe('e');
  });

  it('a failure nobody dismissed is never replaced silently: it stays beside the later message', () => {
    const failed = nextToast(undefined, failure('a', 'Not moved: Priya Shah is not working then.'), now);
    const later = nextToast(failed, success('b', 'Booked Zoë Smith at 10:00'), now + 1_000);
    expect(later.message).toBe('Booked Zoë Smith at 10:00');
    expect(later.earlierFailures.map((item) => item.message)).toEqual(['Not moved: Priya Shah is not working then.']);
    // …and keeps it through a third message, until it expires or is dismissed.
    const third = nextToast(later, success('c', 'Notes saved'), now + 2_000);
    expect(third.earlierFailures).toHaveLength(1);
    const afterSuccessExpired = expiredToast({ ...third, expiresAt: now + 3_000 }, now + 5_000);
    expect(afterSuccessExpired?.earlierFailures).toHaveLength(1);
    expect(expiredToast(third, now + 16_000)?.earlierFailures).toEqual([]);
    expect(expiredToast({ ...third, expiresAt: now + 3_000 }, now + 16_000)).toBeNull();
  });

  it('the same failure twice is shown once', () => {
    const failed = nextToast(undefined, failure('a', 'Not moved: closed'), now);
    const again = nextToast(failed, failure('b', 'Not moved: closed'), now);
    expect(again.earlierFailures).toEqual([]);
  });

  it('an expired failure is not carried', () => {
    const failed: Toast = { ...failure('a', 'Not moved'), earlierFailures: [] };
    expect(nextToast(failed, success('b', 'Saved'), now + 20_000).earlierFailures).toEqual([]);
  });
});

describe('undo wording', () => {
  it('never reads "Undone: Undone:"', () => {
    const label = undoLabelOf('Moved Aisha Patel to 11:45 with Priya Shah — confirmed.');
    expect(label).toBe('Moved Aisha Patel to 11:45 with Priya Shah');
    const undone = undoneWording(label);
    expect(undone).toBe('Undone: Moved Aisha Patel to 11:45 with Priya Shah');
    const redone = undoneWording(undoLabelOf(undone));
    expect(redone).toBe('Redone: Moved Aisha Patel to 11:45 with Priya Shah');
    expect(undoneWording(redone)).toBe(undone);
  });
});

describe('a note’s length limit while typing', () => {
  it('appears near the limit, says how much is too much, and counts as the rule counts (trimmed)', () => {
    expect(textLimits.notes).toBe(2000);
    expect(textLimits.reason).toBe(500);
    expect(lengthLimitText('x'.repeat(1000), 2000)).toBeNull();
    expect(lengthLimitText('x'.repeat(1950), 2000)).toBe('1,950 / 2,000');
    expect(lengthLimitText('x'.repeat(2050), 2000)).toBe('2,050 / 2,000 — 50 too many to save');
    expect(isTooLong(`${'x'.repeat(2000)}   `, 2000)).toBe(false);
    expect(isTooLong('x'.repeat(2001), 2000)).toBe(true);
  });
});
