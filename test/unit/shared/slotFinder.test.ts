import { describe, expect, it } from 'vitest';
import { type OpeningHours, type Settings, type TimeOff, type WorkingHours } from '../../../src-shared/entities';
import { findFreeSlots, freeAt, type BusyHolder, type FinderService, type FinderStaff, type FindSlotsInput } from '../../../src-shared/slotFinder';
import { settingsRow } from '../../support/settingsRow';
import { addDays, localClockOf, localDateOf, localTimeToInstant, weekdays } from '../../../src-shared/time';

/** The finder on its own: every test passes its own `now`, never the machine's. */

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
type Day = (typeof weekdays)[number];

function week(days: Partial<Record<Day, [string, string][]>>): OpeningHours {
  return Object.fromEntries(weekdays.map((day) => [day, (days[day] ?? []).map(([open, close]) => ({ open, close }))])) as OpeningHours;
}
const everyDay = (open: string, close: string) => week(Object.fromEntries(weekdays.map((day) => [day, [[open, close]]])));

function shop(zone: string, openingHours: OpeningHours = everyDay('08:00', '20:00'), extra: Partial<Settings> = {}): Settings {
  return settingsRow(zone, openingHours, extra);
}

const ids = { priya: 'a0000000-0000-4000-8000-000000000001', sam: 'a0000000-0000-4000-8000-000000000002', jo: 'a0000000-0000-4000-8000-000000000003' };
function person(id: string, workingHours: WorkingHours | null = null, extra: Partial<FinderStaff> = {}): FinderStaff {
  return { id, active: true, deletedAt: null, workingHours, ...extra };
}
const service = (extra: Partial<FinderService> = {}): FinderService => ({ durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0, performedBy: null, ...extra });

/** Priya: Tue–Sat 9–13 and 14–18 (a split shift), from a Monday. */
const splitShift: WorkingHours = {
  weeks: [week(Object.fromEntries((['tue', 'wed', 'thu', 'fri', 'sat'] as const).map((day) => [day, [['09:00', '13:00'], ['14:00', '18:00']]])))],
  weekAStartsOn: '2026-11-30',
};

function timeOff(staffId: string, kind: TimeOff['kind'], startsAt: number, endsAt: number): TimeOff {
  return { id: `t-${startsAt}`, version: 1, createdAt: 0, updatedAt: 0, deletedAt: null, staffId, kind, startsAt, endsAt, note: '' };
}

function find(input: Partial<FindSlotsInput> & Pick<FindSlotsInput, 'settings' | 'staff'>) {
  return findFreeSlots({
    service: service(),
    timeOff: [],
    busy: [],
    from: input.now ?? 0,
    to: Number.MAX_SAFE_INTEGER,
    stepMin: 15,
    now: 0,
    limit: 1000,
    ...input,
  });
}

/** "YYYY-MM-DD HH:mm" on the shop's clock, for readable expectations. */
const wall = (zone: string) => (instant: number) => `${localDateOf(instant, zone)} ${localClockOf(instant, zone)}`;
const at = (date: string, time: string, zone = LONDON) => localTimeToInstant(date, time, zone);

describe('the slot finder', () => {
  it('offers a split shift Tue–Sat 9–13 and 14–18: never 13:00–14:00, never Monday, never her holiday week', () => {
    const settings = shop(LONDON, week({ mon: [['08:00', '20:00']], tue: [['08:00', '20:00']], wed: [['08:00', '20:00']], thu: [['08:00', '20:00']], fri: [['08:00', '20:00']], sat: [['08:00', '20:00']] }));
    const holiday = timeOff(ids.priya, 'holiday', at('2026-12-07', '00:00'), at('2026-12-14', '00:00'));
    const now = at('2026-11-30', '07:00');
    const slots = find({ settings, staff: [person(ids.priya, splitShift)], timeOff: [holiday], now, to: at('2026-12-21', '00:00') });
    const times = slots.map((slot) => wall(LONDON)(slot.startsAt));

    const tuesday = times.filter((time) => time.startsWith('2026-12-01'));
    expect(tuesday).toEqual([
      ...['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45', '12:00'],
      ...['14:00', '14:15', '14:30', '14:45', '15:00', '15:15', '15:30', '15:45', '16:00', '16:15', '16:30', '16:45', '17:00'],
    ].map((time) => `2026-12-01 ${time}`));
    // No service time meets 13:00–14:00 on any day.
    for (const slot of slots) {
      const lunchStart = at(localDateOf(slot.startsAt, LONDON), '13:00');
      expect(slot.endsAt <= lunchStart || slot.startsAt >= lunchStart + 60 * 60_000).toBe(true);
    }
    const dates = new Set(times.map((time) => time.slice(0, 10)));
    expect([...dates]).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18', '2026-12-19']);
  });

  it('adds extra hours to the day they fall on, inside the shop hours only', () => {
    const settings = shop(LONDON, week({ mon: [['09:00', '12:00']], tue: [['08:00', '20:00']] }));
    const extra = timeOff(ids.priya, 'extra_hours', at('2026-11-30', '10:00'), at('2026-11-30', '13:00'));
    const slots = find({ settings, staff: [person(ids.priya, splitShift)], timeOff: [extra], now: at('2026-11-30', '07:00'), to: at('2026-12-01', '00:00') });
    expect(slots.map((slot) => wall(LONDON)(slot.startsAt))).toEqual(['2026-11-30 10:00', '2026-11-30 10:15', '2026-11-30 10:30', '2026-11-30 10:45', '2026-11-30 11:00']);
  });

  it('keeps the whole held block, buffers before and after included, clear of bookings and blocked time', () => {
    const settings = shop(LONDON, everyDay('09:00', '13:00'));
    const day = '2026-12-01';
    const busy: BusyHolder[] = [
      { id: 'booking', staffId: ids.priya, startsAt: at(day, '10:00'), blockEndsAt: at(day, '11:00') },
      { id: 'lunch-block', staffId: ids.priya, startsAt: at(day, '12:30'), blockEndsAt: at(day, '13:00') },
    ];
    const slots = find({
      settings,
      staff: [person(ids.priya)],
      service: service({ durationMin: 30, bufferBeforeMin: 10, bufferAfterMin: 15 }),
      busy,
      now: at(day, '07:00'),
      to: at(day, '23:00'),
    });
    // [s − 10, s + 45) must miss [10:00, 11:00) and [12:30, 13:00) (11:45's block ends as the block starts);
    // the service itself only needs working time.
    expect(slots.map((slot) => localClockOf(slot.startsAt, LONDON))).toEqual(['09:00', '09:15', '11:15', '11:30', '11:45']);
    expect(slots[0]?.endsAt).toBe(at(day, '09:30'));
  });

  it('frees the time of the booking being moved', () => {
    const settings = shop(LONDON, everyDay('09:00', '11:00'));
    const day = '2026-12-01';
    const busy: BusyHolder[] = [{ id: 'moving', staffId: ids.priya, startsAt: at(day, '09:00'), blockEndsAt: at(day, '10:00') }];
    const base = { settings, staff: [person(ids.priya)], busy, now: at(day, '07:00'), to: at(day, '23:00'), stepMin: 60 };
    expect(find(base).map((slot) => localClockOf(slot.startsAt, LONDON))).toEqual(['10:00']);
    expect(find({ ...base, ignoreId: 'moving' }).map((slot) => localClockOf(slot.startsAt, LONDON))).toEqual(['09:00', '10:00']);
  });

  it('follows an A/B rota: week A Mondays, week B Tuesdays', () => {
    const rota: WorkingHours = { weeks: [week({ mon: [['09:00', '10:00']] }), week({ tue: [['09:00', '10:00']] })], weekAStartsOn: '2026-11-30' };
    const slots = find({ settings: shop(LONDON), staff: [person(ids.priya, rota)], now: at('2026-11-30', '07:00'), to: at('2026-12-28', '00:00'), stepMin: 60 });
    expect(slots.map((slot) => wall(LONDON)(slot.startsAt))).toEqual(['2026-11-30 09:00', '2026-12-08 09:00', '2026-12-14 09:00', '2026-12-22 09:00']);
  });

  it('offers nothing that starts before now, to the minute', () => {
    const settings = shop(LONDON, everyDay('09:00', '12:00'));
    const day = '2026-12-01';
    const base = { settings, staff: [person(ids.priya)], to: at(day, '23:00'), limit: 2 };
    expect(find({ ...base, now: at(day, '10:07') + 30_000 }).map((slot) => localClockOf(slot.startsAt, LONDON))).toEqual(['10:15', '10:30']);
    expect(find({ ...base, now: at(day, '10:15') + 59_999 }).map((slot) => localClockOf(slot.startsAt, LONDON))).toEqual(['10:15', '10:30']);
  });

  it('finds the next available with anyone among qualified, active staff only, with their own durations', () => {
    const settings = shop(LONDON, everyDay('09:00', '18:00'));
    const day = '2026-12-01';
    const colour = service({
      durationMin: 60,
      performedBy: [
        { staffId: ids.sam, durationMin: null, priceCents: null },
        { staffId: ids.jo, durationMin: 45, priceCents: null },
        { staffId: 'a0000000-0000-4000-8000-000000000009', durationMin: null, priceCents: null },
      ],
    });
    const staff = [
      person(ids.priya), // free all day, but does not do the service
      person(ids.sam),
      person(ids.jo),
      person('a0000000-0000-4000-8000-000000000009', null, { active: false }),
    ];
    const busy: BusyHolder[] = [
      { id: 's1', staffId: ids.sam, startsAt: at(day, '09:00'), blockEndsAt: at(day, '10:30') },
      { id: 'j1', staffId: ids.jo, startsAt: at(day, '09:00'), blockEndsAt: at(day, '11:00') },
    ];
    const slots = find({ settings, staff, service: colour, busy, now: at(day, '08:00'), to: at(addDays(day, 14), '00:00'), limit: 6, stepMin: 30 });
    expect(slots.map((slot) => [slot.staffId === ids.sam ? 'Sam' : 'Jo', localClockOf(slot.startsAt, LONDON), localClockOf(slot.endsAt, LONDON)])).toEqual([
      ['Sam', '10:30', '11:30'],
      ['Sam', '11:00', '12:00'],
      ['Jo', '11:00', '11:45'],
      ['Sam', '11:30', '12:30'],
      ['Jo', '11:30', '12:15'],
      ['Sam', '12:00', '13:00'],
    ]);
  });

  it('goes on to later days when today is full, and stops at the end of the window', () => {
    const settings = shop(LONDON, everyDay('09:00', '10:00'));
    const busy: BusyHolder[] = [{ id: 'b', staffId: ids.priya, startsAt: at('2026-12-01', '09:00'), blockEndsAt: at('2026-12-01', '10:00') }];
    const slots = find({ settings, staff: [person(ids.priya)], busy, now: at('2026-12-01', '08:00'), to: at('2026-12-04', '00:00'), limit: 6, stepMin: 60 });
    expect(slots.map((slot) => wall(LONDON)(slot.startsAt))).toEqual(['2026-12-02 09:00', '2026-12-03 09:00']);
  });

  it('follows closed dates and special opening days', () => {
    const settings = shop(LONDON, everyDay('09:00', '10:00'), { closedDates: ['2026-12-02'], specialDays: [{ date: '2026-12-03', hours: [{ open: '11:00', close: '12:00' }] }] });
    const slots = find({ settings, staff: [person(ids.priya)], now: at('2026-12-01', '08:00'), to: at('2026-12-04', '00:00'), stepMin: 60 });
    expect(slots.map((slot) => wall(LONDON)(slot.startsAt))).toEqual(['2026-12-01 09:00', '2026-12-03 11:00']);
  });

  it('says who else could take a refused booking at exactly its time (the slot-taken alternatives)', () => {
    const settings = shop(LONDON, everyDay('09:00', '18:00'));
    const day = '2026-12-01';
    const start = at(day, '13:10');
    const staff = [person(ids.priya, splitShift), person(ids.sam), person(ids.jo), person('a0000000-0000-4000-8000-000000000009', null, { active: false })];
    const busy: BusyHolder[] = [{ id: 'j', staffId: ids.jo, startsAt: at(day, '13:30'), blockEndsAt: at(day, '14:00') }];
    const base = { service: service({ durationMin: 30 }), settings, timeOff: [], busy, now: at(day, '08:00') };
    // Priya is on her break, Jo's 13:30 booking meets 13:10–13:40, the inactive member never counts.
    expect(freeAt({ ...base, staff }, start)).toEqual([{ staffId: ids.sam, startsAt: start, endsAt: start + 30 * 60_000 }]);
    expect(freeAt({ ...base, staff, now: start + 60_000 }, start)).toEqual([]);
  });

  describe('across a DST change, at exact instants', () => {
    it('Europe/London, 29 March 2026: the short night offers only the hours it has, and Sunday morning is on summer time', () => {
      const settings = shop(LONDON, everyDay('00:00', '04:00'));
      const night = find({ settings, staff: [person(ids.priya)], now: Date.UTC(2026, 2, 28, 23, 0), to: Date.UTC(2026, 2, 29, 12, 0), stepMin: 60 });
      // 00:00 GMT to 04:00 BST is three real hours: 00:00Z, 01:00Z (02:00 BST), 02:00Z (03:00 BST).
      expect(night.map((slot) => new Date(slot.startsAt).toISOString())).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']);

      const open = shop(LONDON, everyDay('09:00', '18:00'));
      const staff = [person(ids.priya), person(ids.sam)];
      const next = find({ settings: open, staff, now: Date.UTC(2026, 2, 28, 17, 30), to: Date.UTC(2026, 3, 11), limit: 3, stepMin: 15 });
      expect(next.map((slot) => [slot.staffId, new Date(slot.startsAt).toISOString()])).toEqual([
        [ids.priya, '2026-03-29T08:00:00.000Z'],
        [ids.sam, '2026-03-29T08:00:00.000Z'],
        [ids.priya, '2026-03-29T08:15:00.000Z'],
      ]);
    });

    it('America/New_York, 8 March 2026: the short night offers only the hours it has, and Sunday morning is on daylight time', () => {
      const settings = shop(NEW_YORK, everyDay('00:00', '04:00'));
      const night = find({
        settings,
        staff: [person(ids.priya)],
        service: service({ durationMin: 30 }),
        now: Date.UTC(2026, 2, 8, 4, 0),
        to: Date.UTC(2026, 2, 8, 20, 0),
        stepMin: 30,
      });
      // 00:00 EST (05:00Z) to 04:00 EDT (08:00Z): six half hours, 02:00–03:00 local never exists.
      expect(night.map((slot) => new Date(slot.startsAt).toISOString())).toEqual([
        '2026-03-08T05:00:00.000Z',
        '2026-03-08T05:30:00.000Z',
        '2026-03-08T06:00:00.000Z',
        '2026-03-08T06:30:00.000Z',
        '2026-03-08T07:00:00.000Z',
        '2026-03-08T07:30:00.000Z',
      ]);

      const open = shop(NEW_YORK, everyDay('09:00', '18:00'));
      const colour = service({ performedBy: [{ staffId: ids.sam, durationMin: null, priceCents: null }] });
      const next = find({ settings: open, staff: [person(ids.priya), person(ids.sam)], service: colour, now: Date.UTC(2026, 2, 7, 22, 30), to: Date.UTC(2026, 2, 22), limit: 2, stepMin: 30 });
      // Saturday 17:30 EST is too late for an hour; Sunday 09:00 EDT is 13:00Z (it was 14:00Z the day before).
      expect(next.map((slot) => [slot.staffId, new Date(slot.startsAt).toISOString(), new Date(slot.endsAt).toISOString()])).toEqual([
        [ids.sam, '2026-03-08T13:00:00.000Z', '2026-03-08T14:00:00.000Z'],
        [ids.sam, '2026-03-08T13:30:00.000Z', '2026-03-08T14:30:00.000Z'],
      ]);
    });

    it('Europe/London, 25 October 2026: the long night offers its extra hour', () => {
      const settings = shop(LONDON, everyDay('00:00', '04:00'));
      const night = find({ settings, staff: [person(ids.priya)], now: Date.UTC(2026, 9, 24, 20, 0), to: Date.UTC(2026, 9, 25, 12, 0), stepMin: 60 });
      // 00:00 BST (24th 23:00Z) to 04:00 GMT (04:00Z): five real hours.
      expect(night.map((slot) => new Date(slot.startsAt).toISOString())).toEqual([
        '2026-10-24T23:00:00.000Z',
        '2026-10-25T00:00:00.000Z',
        '2026-10-25T01:00:00.000Z',
        '2026-10-25T02:00:00.000Z',
        '2026-10-25T03:00:00.000Z',
      ]);
    });
  });
});
