import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_SETTINGS, type MessageSettings } from '../../../src-shared/entities';
import { offsetBefore, outOfQuietHours, reminderDueAt } from '../../../src-shared/messages/dueTimes';
import { localTimeToInstant } from '../../../src-shared/time';

const ZONE = 'Europe/London';
const at = (date: string, time: string) => localTimeToInstant(date, time, ZONE);
const quiet = (from: string, to: string): MessageSettings => ({ ...DEFAULT_MESSAGE_SETTINGS, quietHours: { from, to } });

describe('when a reminder goes (docs/architecture.md §17)', () => {
  it('counts whole days on the shop’s calendar and other offsets in real minutes', () => {
    // Sunday 29 March 2026: the clocks go forward at 01:00 in London.
    expect(offsetBefore(at('2026-03-29', '10:00'), 1440, ZONE)).toBe(at('2026-03-28', '10:00'));
    expect(at('2026-03-29', '10:00') - at('2026-03-28', '10:00')).toBe(23 * 3_600_000);
    expect(offsetBefore(at('2026-03-29', '10:00'), 720, ZONE)).toBe(at('2026-03-29', '10:00') - 12 * 3_600_000);
  });

  it('moves a text message out of quiet hours across midnight: to their end, or to their start when the end is too late', () => {
    const settings = quiet('21:00', '08:00');
    const start = at('2026-06-05', '11:00');
    expect(outOfQuietHours(at('2026-06-04', '23:30'), start, 'sms', settings, ZONE)).toBe(at('2026-06-05', '08:00'));
    expect(outOfQuietHours(at('2026-06-05', '06:30'), start, 'sms', settings, ZONE)).toBe(at('2026-06-05', '08:00'));
    // Exactly at either edge it may go.
    expect(outOfQuietHours(at('2026-06-04', '21:00'), start, 'sms', settings, ZONE)).toBe(at('2026-06-04', '21:00'));
    expect(outOfQuietHours(at('2026-06-05', '08:00'), start, 'sms', settings, ZONE)).toBe(at('2026-06-05', '08:00'));
    // An 08:00 appointment's two-hour reminder (06:00): the quiet hours end at its start, so it goes at 21:00 the evening before.
    expect(reminderDueAt(at('2026-06-05', '08:00'), 120, 'sms', settings, ZONE)).toBe(at('2026-06-04', '21:00'));
    // E-mail is never held back.
    expect(reminderDueAt(at('2026-06-05', '08:00'), 120, 'email', settings, ZONE)).toBe(at('2026-06-05', '06:00'));
  });

  it('handles quiet hours inside one day, and none', () => {
    const lunch = quiet('12:00', '14:00');
    expect(outOfQuietHours(at('2026-06-05', '13:00'), at('2026-06-05', '18:00'), 'sms', lunch, ZONE)).toBe(at('2026-06-05', '14:00'));
    expect(outOfQuietHours(at('2026-06-05', '13:00'), at('2026-06-05', '14:00'), 'sms', lunch, ZONE)).toBe(at('2026-06-05', '12:00'));
    expect(outOfQuietHours(at('2026-06-05', '03:00'), at('2026-06-05', '18:00'), 'sms', { ...DEFAULT_MESSAGE_SETTINGS, quietHours: null }, ZONE)).toBe(
      at('2026-06-05', '03:00'),
    );
  });
});
