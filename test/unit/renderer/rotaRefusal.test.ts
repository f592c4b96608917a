import { describe, expect, it } from 'vitest';
import { rotaPlaceOf } from '../../../src-renderer/screens/settings/WorkingHours';
import { AppError } from '../../../src-shared/errors';
import { checkedWorkingHours } from '../../../src-shared/registry/hours';
import { weekdays, type Weekday } from '../../../src-shared/time';

type Week = Record<Weekday, { open: string; close: string }[]>;
const week = (day?: Weekday, shifts: { open: string; close: string }[] = []): Week =>
  Object.fromEntries(weekdays.map((each) => [each, each === day ? shifts : [{ open: '09:00', close: '17:00' }]])) as Week;

/** The refusal the planner gives for a rota, as the screen receives it. */
function refusalOf(weeks: Week[]) {
  try {
    checkedWorkingHours({ weeks, weekAStartsOn: '2026-11-02' });
  } catch (caught) {
    if (caught instanceof AppError) return caught.say ?? null;
    throw caught;
  }
  throw new Error('the rota was not refused');
}

describe('a rota refusal beside its day', () => {
  const overlapping = [
    { open: '09:00', close: '13:00' },
    { open: '12:00', close: '18:00' },
  ];

  it('is placed by the day and week the refusal is about, not by its words', () => {
    expect(rotaPlaceOf(refusalOf([week(), week('tue', overlapping)]))).toEqual({ day: 'tue', week: 1 });
    expect(rotaPlaceOf(refusalOf([week('thu', [{ open: '17:00', close: '15:00' }]), week()]))).toEqual({ day: 'thu', week: 0 });
    expect(rotaPlaceOf(refusalOf([week('mon', overlapping)]))).toEqual({ day: 'mon', week: 0 });
  });

  it('places nowhere a refusal about no day', () => {
    expect(rotaPlaceOf(null)).toBeNull();
    expect(rotaPlaceOf({ key: 'hours.weekAMonday', params: { date: { date: '2026-11-03' } } })).toBeNull();
  });
});
