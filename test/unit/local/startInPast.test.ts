import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src-shared/commands';
import { NO_CONSENT, type Appointment, type DomainEvent, type Service, type Staff } from '../../../src-shared/entities';
import { AppError, httpStatusOf } from '../../../src-shared/errors';
import { foldEvents } from '../../../src-shared/fold';
import { planChange, type Plan } from '../../../src-shared/operations';
import { localTimeToInstant } from '../../../src-shared/time';
import { everyDay } from '../../support/local/shop';
import { settingsRow } from '../../support/settingsRow';

/**
 * The shared planner refuses to place a booking at a start that has already passed unless the
 * person chose "Record it anyway" (allowPast), and then the row says so. London, Tuesday 2 June
 * 2026; the clock is set explicitly in every case.
 */

const ids = {
  appointment: '11111111-1111-4111-8111-111111111111',
  client: '22222222-2222-4222-8222-222222222222',
  staff: '33333333-3333-4333-8333-333333333333',
  otherStaff: '55555555-5555-4555-8555-555555555555',
  service: '44444444-4444-4444-8444-444444444444',
};
const zone = 'Europe/London';
const at = (time: string, date = '2026-06-02') => localTimeToInstant(date, time, zone);
const meta = { version: 1, createdAt: 0, updatedAt: 0, deletedAt: null };
const service: Service = { id: ids.service, ...meta, name: 'Cut', durationMin: 30, bufferAfterMin: 0, priceCents: null, archived: false, category: null, colour: null, bufferBeforeMin: 0, performedBy: null, needsPatchTest: false, products: [], formTemplateIds: [] };
const staffOf = (id: string): Staff => ({ id, ...meta, name: 'Al', colour: '#000000', role: 'staff', pinHash: null, active: true, workingHours: null });
const settings = settingsRow(zone, everyDay('08:00', '20:00'));
const client = { id: ids.client, ...meta, name: 'Zoë', phone: null, email: null, notes: '', allergies: '', patchTestOn: null, preferences: '', consent: NO_CONSENT, erasedAt: null };

/** A tiny desk over the planner: it keeps the row and its events, and reads the time it is given. */
class Booking {
  row: Appointment | null = null;
  events: DomainEvent[] = [];
  private seq = 0;

  plan(op: string, args: Record<string, unknown>, now: number, options: { judgedAt?: number; reason?: string } = {}): Plan {
    this.seq += 1;
    const command: Command = {
      entityType: 'appointment',
      op,
      entityId: ids.appointment,
      expectedVersion: this.row?.version ?? null,
      idempotencyKey: `past-key-${this.seq}`,
      reason: options.reason ?? null,
      args,
    };
    const target = typeof args.eventId === 'string' ? this.events.find((event) => event.id === args.eventId) : undefined;
    const staffId = (args.staffId as string | undefined) ?? this.row?.staffId ?? ids.staff;
    const refs = { service, staff: staffOf(staffId), client, settings, targetEvent: target ?? null, targetUndone: false };
    return planChange(command, this.row, refs, now, options.judgedAt);
  }

  /** Plan and keep the result, as the store would. */
  apply(op: string, args: Record<string, unknown>, now: number, options: { judgedAt?: number; reason?: string } = {}): Plan {
    const plan = this.plan(op, args, now, options);
    this.row = plan.row as Appointment;
    this.events.push({
      id: `00000000-0000-4000-8000-${String(this.events.length + 1).padStart(12, '0')}`,
      entityType: 'appointment',
      entityId: ids.appointment,
      type: plan.eventType,
      version: this.row.version,
      actorStaffId: null,
      deviceId: 'unit',
      at: now,
      reason: options.reason ?? null,
      before: plan.before,
      after: plan.after,
      undoesEventId: plan.undoesEventId,
    });
    return plan;
  }

  refusal(op: string, args: Record<string, unknown>, now: number, options: { judgedAt?: number } = {}): AppError {
    try {
      this.plan(op, args, now, options);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error(`${op} was accepted`);
  }
}

const book = (startsAt: number, extra: Record<string, unknown> = {}) => ({
  clientId: ids.client,
  staffId: ids.staff,
  serviceId: ids.service,
  startsAt,
  ...extra,
});

describe('a start that has already passed', () => {
  it('is refused on create at 11:34 for 10:00, in a receptionist\'s words, and nothing is planned', () => {
    const error = new Booking().refusal('create', book(at('10:00')), at('11:34'));
    expect(error.code).toBe('START_IN_PAST');
    expect(error.message).toBe('10:00 has already passed. To record a visit that already happened, choose “Record it anyway”.');
    expect(error.retryable).toBe(false);
    expect(httpStatusOf[error.code]).toBe(409);
  });

  it('names the day when the start is on an earlier day', () => {
    const error = new Booking().refusal('create', book(at('10:00', '2026-06-01')), at('09:00'));
    expect(error.code).toBe('START_IN_PAST');
    expect(error.message).toMatch(/^Mon 1 Jun 2026, 10:00 has already passed\./);
  });

  it('is judged to the minute: 11:34 can still be booked at 11:34:40, and is not marked', () => {
    const plan = new Booking().plan('create', book(at('11:34')), at('11:34') + 40_000);
    expect((plan.row as Appointment).recordedAfterStart).toBe(false);
  });

  it('with "Record it anyway" is accepted and audited on the row and in the event', () => {
    const booking = new Booking();
    const plan = booking.apply('create', book(at('10:00'), { allowPast: true }), at('11:34'));
    expect((plan.row as Appointment).recordedAfterStart).toBe(true);
    expect(plan.after.recordedAfterStart).toBe(true);
    expect(foldEvents('appointment', booking.events)).toEqual(booking.row);
  });

  it('a future booking is not marked', () => {
    const plan = new Booking().plan('create', book(at('12:00'), { allowPast: true }), at('11:34'));
    expect((plan.row as Appointment).recordedAfterStart).toBe(false);
  });

  it('is judged at the time the change was made (judgedAt), not when it is planned again', () => {
    // Booked 10:30 at 10:20 on a desk offline; the server plans it at 11:00.
    const plan = new Booking().plan('create', book(at('10:30')), at('11:00'), { judgedAt: at('10:20') });
    expect((plan.row as Appointment).recordedAfterStart).toBe(false);
    expect(new Booking().refusal('create', book(at('10:30')), at('11:00')).code).toBe('START_IN_PAST');
  });

  it('reschedule: moving into the past needs the override, also from a start that has passed; staff only does not', () => {
    const booking = new Booking();
    booking.apply('create', book(at('11:00')), at('09:00'));
    expect(booking.refusal('reschedule', { startsAt: at('10:00') }, at('11:34')).code).toBe('START_IN_PAST');
    // Under way since 11:00: a change of staff member is not a new start.
    const staffOnly = booking.apply('reschedule', { staffId: ids.otherStaff }, at('11:34'));
    expect((staffOnly.row as Appointment).recordedAfterStart).toBe(false);
    expect(booking.refusal('reschedule', { startsAt: at('10:30') }, at('11:40')).code).toBe('START_IN_PAST');
    const moved = booking.apply('reschedule', { startsAt: at('10:30'), allowPast: true }, at('11:40'));
    expect(moved.after).toMatchObject({ startsAt: at('10:30'), recordedAfterStart: true });
    const future = booking.apply('reschedule', { startsAt: at('15:00') }, at('11:45'));
    expect(future.after).toMatchObject({ startsAt: at('15:00'), recordedAfterStart: false });
    expect(foldEvents('appointment', booking.events)).toEqual(booking.row);
  });

  it('notes, no-show, clearing a no-show and cancelling an appointment whose start has passed are never blocked', () => {
    const booking = new Booking();
    booking.apply('create', book(at('10:00')), at('09:00'));
    booking.apply('updateNotes', { notes: 'came late' }, at('11:34'));
    booking.apply('markNoShow', {}, at('11:35'));
    booking.apply('clearNoShow', {}, at('11:36'));
    booking.apply('cancel', {}, at('11:37'), { reason: 'ill' });
    expect(booking.row?.status).toBe('cancelled');
  });

  it('restore (un-cancel) into the past is refused unless recorded anyway', () => {
    const booking = new Booking();
    booking.apply('create', book(at('10:00')), at('09:00'));
    booking.apply('cancel', {}, at('09:10'), { reason: 'ill' });
    expect(booking.refusal('restore', {}, at('11:34')).code).toBe('START_IN_PAST');
    const restored = booking.apply('restore', { allowPast: true }, at('11:34'));
    expect(restored.after).toMatchObject({ status: 'booked', recordedAfterStart: true });
    expect(foldEvents('appointment', booking.events)).toEqual(booking.row);
  });

  it('undo that brings a booking back into the past (un-cancel, or back to its old start) is refused unless recorded anyway', () => {
    const booking = new Booking();
    booking.apply('create', book(at('10:00')), at('09:00'));
    booking.apply('cancel', {}, at('09:10'), { reason: 'ill' });
    const cancelEvent = booking.events.at(-1)!;
    expect(booking.refusal('undo', { eventId: cancelEvent.id }, at('11:34')).code).toBe('START_IN_PAST');
    const undone = booking.apply('undo', { eventId: cancelEvent.id, allowPast: true }, at('11:34'));
    expect(undone.after).toMatchObject({ status: 'booked', recordedAfterStart: true });

    const moved = new Booking();
    moved.apply('create', book(at('10:00')), at('09:00'));
    moved.apply('reschedule', { startsAt: at('15:00') }, at('09:30'));
    const reschedule = moved.events.at(-1)!;
    expect(moved.refusal('undo', { eventId: reschedule.id }, at('11:34')).code).toBe('START_IN_PAST');
    // Before 10:00 the same undo is fine.
    expect((moved.plan('undo', { eventId: reschedule.id }, at('09:45')).row as Appointment).startsAt).toBe(at('10:00'));
    expect(foldEvents('appointment', booking.events)).toEqual(booking.row);
  });
});
