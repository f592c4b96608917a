import { describe, expect, it } from 'vitest';
import { appointmentSchema, visitTotalCents, type DomainEvent } from '../../../src-shared/entities';
import { foldEvents } from '../../../src-shared/fold';
import { placesAnew } from '../../../src-shared/operations';
import { defaultPriceCents, matchesVisitFilter, visitStage } from '../../../src-shared/visit';

const t = Date.UTC(2026, 5, 2, 9, 0);
/** An appointment row as the app wrote it before the visit lifecycle (none of its fields). */
const oldRow = {
  id: '10000000-0000-4000-8000-000000000004',
  version: 1,
  createdAt: t,
  updatedAt: t,
  deletedAt: null,
  clientId: '10000000-0000-4000-8000-000000000003',
  staffId: '10000000-0000-4000-8000-000000000001',
  serviceId: '10000000-0000-4000-8000-000000000002',
  startsAt: t,
  endsAt: t + 30 * 60_000,
  blockEndsAt: t + 40 * 60_000,
  status: 'booked',
  notes: '',
  cancelReason: null,
  outsideHours: false,
};

describe('the visit lifecycle in shared rules', () => {
  it('a row and events from before the lifecycle read with no visit yet', () => {
    const row = appointmentSchema.parse(oldRow);
    expect(row).toMatchObject({ arrivedAt: null, serviceStartedAt: null, completedAt: null, priceCents: null, discountCents: null, checkoutNote: null });
    const { id, version, createdAt, updatedAt, ...fields } = oldRow;
    const created = { id: '20000000-0000-4000-8000-000000000001', entityType: 'appointment', entityId: id, type: 'appointment.create', version, at: createdAt, before: {}, after: fields } as unknown as DomainEvent;
    expect(updatedAt).toBe(createdAt);
    expect(foldEvents('appointment', [created])).toMatchObject({ status: 'booked', arrivedAt: null, priceCents: null });
  });

  it('"Late" is a booked visit whose start has passed, read from the clock and never stored', () => {
    expect(visitStage({ status: 'booked', startsAt: t }, t - 1)).toBe('booked');
    expect(visitStage({ status: 'booked', startsAt: t }, t)).toBe('booked');
    expect(visitStage({ status: 'booked', startsAt: t }, t + 60_000)).toBe('late');
    // Once checked in a client is never late, nor a no-show or a cancelled booking.
    expect(visitStage({ status: 'arrived', startsAt: t }, t + 60_000)).toBe('arrived');
    expect(visitStage({ status: 'no_show', startsAt: t }, t + 60_000)).toBe('no_show');
  });

  it('the filter: Waiting is checked in, In the chair being served, Done checked out', () => {
    const statuses = ['booked', 'arrived', 'in_service', 'completed', 'cancelled', 'no_show'] as const;
    const shown = (filter: Parameters<typeof matchesVisitFilter>[1]) => statuses.filter((status) => matchesVisitFilter({ status }, filter));
    expect(shown('all')).toEqual(statuses);
    expect(shown('waiting')).toEqual(['arrived']);
    expect(shown('in_service')).toEqual(['in_service']);
    expect(shown('done')).toEqual(['completed']);
  });

  it('checkout starts from the staff member’s own price, else the service’s', () => {
    const service = { priceCents: 4500, performedBy: [{ staffId: 'sam', durationMin: null, priceCents: 5000 }, { staffId: 'lee', durationMin: 40, priceCents: null }] };
    expect(defaultPriceCents(service, 'sam')).toBe(5000);
    expect(defaultPriceCents(service, 'lee')).toBe(4500);
    expect(defaultPriceCents({ priceCents: null, performedBy: null }, 'sam')).toBeNull();
    expect(visitTotalCents({ priceCents: 4500, discountCents: 500 })).toBe(4000);
    expect(visitTotalCents({ priceCents: 4500, discountCents: null })).toBe(4500);
    expect(visitTotalCents({ priceCents: null, discountCents: null })).toBeNull();
  });

  it('undoing a visit’s step places nothing anew; undoing a cancellation or a move does', () => {
    expect(placesAnew({ status: 'booked', arrivedAt: null }, { status: 'arrived', arrivedAt: t })).toBe(false);
    expect(placesAnew({ status: 'in_service' }, { status: 'completed' })).toBe(false);
    expect(placesAnew({ status: 'booked' }, { status: 'cancelled' })).toBe(true);
    expect(placesAnew({ startsAt: t }, { startsAt: t + 60_000 })).toBe(true);
    expect(placesAnew({ notes: '' }, { notes: 'x' })).toBe(false);
  });
});
