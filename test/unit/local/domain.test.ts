import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandInputs } from '../../../src-shared/commandInputs';
import type { Command } from '../../../src-shared/commands';
import { DEFAULT_MESSAGE_SETTINGS, NO_CONSENT, type Appointment, type DomainEvent, type Service, type Settings, type Staff } from '../../../src-shared/entities';
import { validationError } from '../../../src-shared/errors';
import { foldEvents } from '../../../src-shared/fold';
import { planChange, withinOpeningHours } from '../../../src-shared/operations';
import { localDateOf, localDayRange, localTimeToInstant } from '../../../src-shared/time';
import { shopHoursOn } from '../../../src-shared/schedule';
import { foldForSearch } from '../../../src-shared/peopleSearch';
import { phoneDigits } from '../../../src-shared/phoneReading';
import { everyDay } from '../../support/local/shop';

/** Pure pieces the acceptance tests rest on: the planner, the fold, the time helper, search folding. */

const ids = {
  appointment: '11111111-1111-4111-8111-111111111111',
  client: '22222222-2222-4222-8222-222222222222',
  staff: '33333333-3333-4333-8333-333333333333',
  service: '44444444-4444-4444-8444-444444444444',
};
const t0 = Date.UTC(2026, 5, 2, 8, 0);
const service: Service = {
  id: ids.service,
  version: 1,
  createdAt: t0,
  updatedAt: t0,
  deletedAt: null,
  name: 'Cut',
  durationMin: 30,
  bufferAfterMin: 10,
  priceCents: null,
  archived: false,
  category: null,
  colour: null,
  bufferBeforeMin: 0,
  performedBy: null,
  needsPatchTest: false,
  products: [],
      formTemplateIds: [],
};
const staff: Staff = {
  id: ids.staff,
  version: 1,
  createdAt: t0,
  updatedAt: t0,
  deletedAt: null,
  name: 'Al',
  colour: '#000000',
  role: 'staff',
  pinHash: null,
  active: true,
  workingHours: null,
};
const settings: Settings = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 1,
  createdAt: t0,
  updatedAt: t0,
  deletedAt: null,
  shopName: 'S',
  timeZone: 'Europe/London',
  openingHours: everyDay('08:00', '20:00'),
  closedDates: ['2026-06-03'],
  specialDays: [],
  paperSize: 'A4',
  patchTestMaxAgeMonths: null,
  messages: DEFAULT_MESSAGE_SETTINGS,
  locale: DEFAULT_LOCALE,
};
const client = {
  id: ids.client,
  version: 1,
  createdAt: t0,
  updatedAt: t0,
  deletedAt: null,
  name: 'Zoë',
  phone: null,
  email: null,
  notes: '',
  allergies: '',
  patchTestOn: null,
  preferences: '', consent: NO_CONSENT, erasedAt: null,
};
const refs = { service, staff, client, settings };

let seq = 0;
function command(
  op: string,
  args: Record<string, unknown>,
  expectedVersion: number | null,
  reason: string | null = null,
): Command {
  seq += 1;
  return {
    entityType: 'appointment',
    op,
    entityId: ids.appointment,
    expectedVersion,
    idempotencyKey: `unit-key-${seq}`,
    reason,
    args,
  };
}

/** Apply ops through the planner the way executeCommand does, keeping the events. */
type Op = [op: string, args: Record<string, unknown>, reason?: string];
function run(ops: Op[]) {
  let row: Appointment | null = null;
  const events: DomainEvent[] = [];
  let now = t0 - 3_600_000;
  for (const [op, args, reason] of ops) {
    now += 60_000;
    const target = typeof args.eventId === 'string' ? events.find((event) => event.id === args.eventId) : undefined;
    const plan = planChange(
      command(op, args, row?.version ?? null, reason ?? null),
      row,
      {
        ...refs,
        targetEvent: target ?? null,
        targetUndone: target !== undefined && events.some((event) => event.undoesEventId === target.id),
      },
      now,
    );
    row = plan.row as Appointment;
    events.push({
      id: `00000000-0000-4000-8000-${String(events.length + 1).padStart(12, '0')}`,
      entityType: 'appointment',
      entityId: ids.appointment,
      type: plan.eventType,
      version: row.version,
      actorStaffId: null,
      deviceId: 'unit',
      at: now,
      reason: reason ?? null,
      before: plan.before,
      after: plan.after,
      undoesEventId: plan.undoesEventId,
    });
  }
  return { row: row!, events };
}

describe('planner and fold', () => {
  const create: Op = ['create', { clientId: ids.client, staffId: ids.staff, serviceId: ids.service, startsAt: t0 }];

  it('folding the events of create → reschedule → cancel → undo gives the row', () => {
    const first = run([create, ['reschedule', { startsAt: t0 + 3_600_000 }], ['cancel', {}, 'ill']]);
    const withUndo = run([
      create,
      ['reschedule', { startsAt: t0 + 3_600_000 }],
      ['cancel', {}, 'ill'],
      ['undo', { eventId: first.events[2]!.id }],
    ]);
    expect(foldEvents('appointment', first.events)).toEqual(first.row);
    expect(foldEvents('appointment', withUndo.events)).toEqual(withUndo.row);
    expect(withUndo.row).toMatchObject({
      version: 4,
      status: 'booked',
      cancelReason: null,
      startsAt: t0 + 3_600_000,
      blockEndsAt: t0 + 3_600_000 + 40 * 60_000,
    });
  });

  it('an event that changed nothing has an empty diff, and undoing it changes nothing (it does not delete)', () => {
    const { row, events } = run([create, ['updateNotes', { notes: '' }]]);
    expect(events[1]!.before).toEqual({});
    const undone = run([create, ['updateNotes', { notes: '' }], ['undo', { eventId: events[1]!.id }]]);
    expect(undone.row.deletedAt).toBeNull();
    expect({ ...undone.row, version: row.version, updatedAt: row.updatedAt }).toEqual(row);
  });

  it('undoing the create soft-deletes; undoing that brings it back', () => {
    const once = run([create, ['undo', { eventId: '00000000-0000-4000-8000-000000000001' }]]);
    expect(once.row.deletedAt).not.toBeNull();
    const twice = run([
      create,
      ['undo', { eventId: '00000000-0000-4000-8000-000000000001' }],
      ['undo', { eventId: '00000000-0000-4000-8000-000000000002' }],
    ]);
    expect(twice.row.deletedAt).toBeNull();
    expect(foldEvents('appointment', twice.events)).toEqual(twice.row);
  });

  it('opening hours: inside, across closing, on a closed date', () => {
    const nine = localTimeToInstant('2026-06-02', '09:00', 'Europe/London');
    expect(withinOpeningHours(nine, nine + 30 * 60_000, settings)).toBe(true);
    const late = localTimeToInstant('2026-06-02', '19:45', 'Europe/London');
    expect(withinOpeningHours(late, late + 30 * 60_000, settings)).toBe(false);
    const closed = localTimeToInstant('2026-06-03', '09:00', 'Europe/London');
    expect(withinOpeningHours(closed, closed + 30 * 60_000, settings)).toBe(false);
  });

  it('opening hours: a special day opens its own hours instead of its weekday\'s, as the finder reads them', () => {
    const lateNight = { ...settings, specialDays: [{ date: '2026-06-04', hours: [{ open: '12:00', close: '22:00' }] }] };
    const at = (time: string) => localTimeToInstant('2026-06-04', time, 'Europe/London');
    expect(withinOpeningHours(at('21:00'), at('21:30'), lateNight)).toBe(true);
    expect(withinOpeningHours(at('09:00'), at('09:30'), lateNight)).toBe(false);
    expect(withinOpeningHours(at('21:00'), at('21:30'), settings)).toBe(false);
    const offered = shopHoursOn(lateNight, '2026-06-04');
    expect(offered).toEqual([{ start: at('12:00'), end: at('22:00') }]);
  });
});

describe('time helper across DST', () => {
  it.each([
    ['Europe/London', '2026-03-29', 23],
    ['Europe/London', '2026-10-25', 25],
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Australia/Lord_Howe', '2026-04-05', 24.5],
    ['UTC', '2026-03-29', 24],
  ])('%s %s lasts %d hours', (zone, date, hours) => {
    const range = localDayRange(date, zone);
    expect((range.end - range.start) / 3_600_000).toBe(hours);
    expect(localDateOf(range.start, zone)).toBe(date);
    expect(localDateOf(range.end - 1, zone)).toBe(date);
    expect(localDateOf(range.end, zone)).not.toBe(date);
  });

  it('a wall-clock time inside the spring gap moves forward past it', () => {
    const at = localTimeToInstant('2026-03-29', '01:30', 'Europe/London');
    expect(new Date(at).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
  });
});

describe('search folding and validation messages', () => {
  it('stored text must be well-formed Unicode (a lone surrogate would make the row differ from its history)', () => {
    const lone = commandInputs.client.create.safeParse({ idempotencyKey: 'unit-text-1', name: 'Zo\uD800' });
    expect(lone.success).toBe(false);
    expect(validationError(lone.error!).details).toMatchObject({ field: 'name' });
    const change = { id: ids.appointment, expectedVersion: 1 };
    expect(commandInputs.appointment.updateNotes.safeParse({ ...change, idempotencyKey: 'unit-text-2', notes: '\uDC00 tail' }).success).toBe(false);
    expect(commandInputs.appointment.cancel.safeParse({ ...change, idempotencyKey: 'unit-text-3', reason: 'ill \uD83D' }).success).toBe(false);
    // Proper pairs (emoji) and accents are fine.
    expect(commandInputs.client.create.safeParse({ idempotencyKey: 'unit-text-4', name: 'Zoë 😀' }).success).toBe(true);
  });

  it('folds case, accents and spacing', () => {
    expect(foldForSearch('  ZOË   Smith ')).toBe('zoe smith');
    expect(foldForSearch('Zoe\u0308')).toBe('zoe');
    expect(foldForSearch('Björn Ørsted')).toBe('bjorn ørsted');
    expect(phoneDigits('+44 (0) 7700-900 123')).toBe('4407700900123');
    expect(phoneDigits('n/a')).toBeNull();
  });

  it('VALIDATION_ERROR names an unknown field itself, and a nested field by its path', () => {
    const schema = z.strictObject({ a: z.string(), b: z.strictObject({ c: z.int() }) });
    const unknown = validationError(schema.safeParse({ a: 'x', b: { c: 1 }, extra: 1 }).error!);
    expect(unknown.details).toMatchObject({ field: 'extra' });
    expect(unknown.message).toContain('"extra"');
    const nested = validationError(schema.safeParse({ a: 'x', b: { c: 'no' } }).error!);
    expect(nested.details).toMatchObject({ field: 'b.c' });
    const whole = validationError(schema.safeParse(null).error!);
    expect(whole.details).toMatchObject({ field: '(input)' });
  });
});
