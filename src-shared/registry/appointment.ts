import { z } from 'zod';
import { clientConfirmationChannels, holdsTime, idSchema, MAX_AMOUNT_CENTS, MAX_RETAIL_LINES, retailLineSchema, type Appointment } from '../entities';
import { localDateOf, MINUTE_MS } from '../time';
import type { SayKey } from '../say';
import { text } from '../text';
import { defaultPriceCents } from '../visit';
import { refuse } from '../refuse';
import { changeOp, createOp, declareEntity } from './declare';
import { durationFor, outsideSchedule } from './bookingSchedule';
import { allowOutsideHours, allowOutsideSchedule, allowPast, allowShortage, newBookingFields, none, notes, startsAtSchema } from './fields';
import {
  invalid,
  newRecord,
  requireClient,
  requireService,
  requireStaff,
  withinOpeningHours,
  plainFieldError,
  type PlanContext,
  type Refs,
} from './planning';

/** Bookings: anyone signed in books, moves and cancels them; each keeps its staff member's time. */

/** The exceptions the person chose for a booking: outside the shop's hours, outside the person's schedule. */
interface BookAnyway {
  outsideHours: boolean | undefined;
  outsideSchedule: boolean | undefined;
}

/**
 * Times, staff and service of an appointment, re-derived and checked: the person does the service
 * (their own duration where they have one), the buffer before starts the held time, and the
 * booking lies inside the shop's hours and the person's working time unless the person chose
 * to book it anyway (docs/architecture.md §8).
 */
export function scheduleAppointment(draft: Appointment, refs: Refs, anyway: BookAnyway): Appointment {
  const service = requireService(refs, draft.serviceId);
  const staff = requireStaff(refs, draft.staffId);
  const endsAt = draft.startsAt + durationFor(service, staff) * MINUTE_MS;
  const blockStartsAt = draft.startsAt - service.bufferBeforeMin * MINUTE_MS;
  const blockEndsAt = endsAt + service.bufferAfterMin * MINUTE_MS;
  const settings = refs.settings ?? null;
  const inside = settings === null || withinOpeningHours(draft.startsAt, endsAt, settings);
  if (!inside && anyway.outsideHours !== true) {
    throw refuse('OUTSIDE_OPENING_HOURS', 'booking.outsideOpeningHours', undefined, { field: 'startsAt' });
  }
  const offSchedule =
    settings !== null &&
    outsideSchedule({ startsAt: draft.startsAt, endsAt }, staff, settings, refs.timeOff ?? [], anyway.outsideSchedule === true);
  return { ...draft, endsAt, blockStartsAt, blockEndsAt, outsideHours: !inside, outsideSchedule: offSchedule };
}

/** Checked in, in the chair or done: past the point where cancel, no-show and a new time make sense. */
const afterArrival = (row: Appointment): boolean => row.status === 'arrived' || row.status === 'in_service' || row.status === 'completed';

const movedRefusal: Partial<Record<Appointment['status'], SayKey>> = {
  in_service: 'appointment.moved.in_service',
  completed: 'appointment.moved.completed',
};
const checkInRefusal: Partial<Record<Appointment['status'], SayKey>> = {
  arrived: 'appointment.checkIn.arrived',
  in_service: 'appointment.checkIn.in_service',
  completed: 'appointment.checkIn.completed',
  cancelled: 'appointment.checkIn.cancelled',
  no_show: 'appointment.checkIn.no_show',
};
const confirmRefusal: Partial<Record<Appointment['status'], SayKey>> = {
  cancelled: 'appointment.confirm.cancelled',
  no_show: 'appointment.confirm.no_show',
  held: 'appointment.confirm.held',
};
const startRefusal: Partial<Record<Appointment['status'], SayKey>> = {
  in_service: 'appointment.start.in_service',
  completed: 'appointment.start.completed',
  cancelled: 'appointment.start.cancelled',
  no_show: 'appointment.start.no_show',
};
const checkOutRefusal: Partial<Record<Appointment['status'], SayKey>> = {
  completed: 'appointment.checkOut.completed',
  cancelled: 'appointment.checkOut.cancelled',
  no_show: 'appointment.checkOut.no_show',
};

/**
 * A booking brought back as it was (undeleted, its no-show cleared) keeps its times, but its
 * person must still work then — time off added meanwhile refuses it — unless it was booked
 * outside their schedule as an exception already.
 */
function stillInSchedule(row: Appointment, refs: Refs): Appointment {
  const staff = requireStaff(refs, row.staffId);
  if (refs.settings) outsideSchedule(row, staff, refs.settings, refs.timeOff ?? [], row.outsideSchedule);
  return row;
}

/** The longest a time may be held for a client who will call back: a week. */
export const MAX_HOLD_MIN = 7 * 24 * 60;


/** A new booking (or a hold) of a client's service with a staff member, checked as every booking is. */
function newAppointment(
  args: { clientId: string; staffId: string; serviceId: string; startsAt: number; notes?: string | undefined; seriesId?: string | undefined; visitId?: string | undefined; allowOutsideHours?: boolean | undefined; allowOutsideSchedule?: boolean | undefined },
  context: PlanContext,
  stage: { status: 'booked' | 'held'; holdExpiresAt: number | null },
): Appointment {
  const { refs } = context;
  requireClient(refs, args.clientId);
  const draft: Appointment = newRecord(context, {
    clientId: args.clientId,
    staffId: args.staffId,
    serviceId: args.serviceId,
    startsAt: args.startsAt,
    endsAt: 0,
    blockEndsAt: 0,
    status: stage.status,
    holdExpiresAt: stage.holdExpiresAt,
    notes: args.notes ?? '',
    cancelReason: null,
    outsideHours: false,
    outsideSchedule: false,
    recordedAfterStart: false,
    seriesId: args.seriesId ?? null,
    visitId: args.visitId ?? null,
    arrivedAt: null,
    serviceStartedAt: null,
    completedAt: null,
    priceCents: null,
    discountCents: null,
    checkoutNote: null,
    retail: [],
    clientConfirmedAt: null,
    clientConfirmedVia: null,
  });
  return scheduleAppointment(draft, refs, { outsideHours: args.allowOutsideHours, outsideSchedule: args.allowOutsideSchedule });
}

export const appointment = declareEntity({
  changedBy: 'anyone',
  check(current: Appointment | null, op) {
    if (current !== null && current.deletedAt !== null && op !== 'undelete')
      invalid('appointment.deleted');
  },
  ops: {
    create: createOp({
      args: z.strictObject({
        ...newBookingFields,
        /** Set by the desk when it books a repeating series (src-main/core/appointments/series.ts). */
        seriesId: idSchema.optional(),
        /** Set by the desk when it books several services as one visit (src-main/core/appointments/visits.ts). */
        visitId: idSchema.optional(),
        /**
         * Pencil the time in rather than book it: held for this many minutes for a client who will
         * call back, then confirmed (confirmHold), released, or run out by itself (expireHold).
         */
        holdMinutes: z
          .int()
          .min(15, { message: 'must be at least 15 minutes' })
          .max(MAX_HOLD_MIN, { message: 'must be at most a week' })
          .optional(),
        allowPast,
        allowShortage,
      }),
      wording: { label: 'Appointment booked', verb: 'booked', name: 'creation' },
      plan: (args, context): Appointment =>
        newAppointment(
          args,
          context,
          args.holdMinutes === undefined
            ? { status: 'booked', holdExpiresAt: null }
            : { status: 'held', holdExpiresAt: context.now + args.holdMinutes * MINUTE_MS },
        ),
    }),
    confirmHold: changeOp({
      args: none,
      wording: { label: 'Hold confirmed', verb: 'confirmed', name: 'confirmation', sentence: 'confirmed the hold on {record}' },
      plan: (row: Appointment) => {
        if (row.status !== 'held') invalid('appointment.notHeldToConfirm', undefined, { status: row.status });
        return { ...row, status: 'booked', holdExpiresAt: null };
      },
    }),
    releaseHold: changeOp({
      args: none,
      wording: { label: 'Hold released', verb: 'released', name: 'release', sentence: 'released the hold on {record}' },
      plan: (row: Appointment, _args, { command }) => {
        if (row.status !== 'held') invalid('appointment.notHeldToRelease', undefined, { status: row.status });
        return { ...row, status: 'cancelled', cancelReason: command.reason ?? 'Hold released' };
      },
    }),
    expireHold: changeOp({
      args: none,
      wording: { label: 'Hold ran out', verb: 'closed the run-out hold on', name: 'expiry', sentence: 'closed the hold on {record}: it ran out' },
      plan: (row: Appointment, _args, { now, refs }) => {
        if (row.status !== 'held') invalid('appointment.notHeld', undefined, { status: row.status });
        if (row.holdExpiresAt !== null && now < row.holdExpiresAt) {
          const zone = refs.settings?.timeZone ?? 'UTC';
          invalid('appointment.holdRunsUntil', { until: { at: row.holdExpiresAt, zone, as: 'dateTime' } }, { holdExpiresAt: row.holdExpiresAt });
        }
        return { ...row, status: 'cancelled', cancelReason: 'The hold ran out' };
      },
    }),
    reschedule: changeOp({
      args: z
        .strictObject({
          startsAt: startsAtSchema.optional(),
          staffId: idSchema.optional(),
          allowOutsideHours,
          allowOutsideSchedule,
          allowPast,
        })
        .refine((value) => value.startsAt !== undefined || value.staffId !== undefined, {
          message: 'is needed unless a new staff member is chosen',
          path: ['startsAt'],
        }),
      wording: { label: 'Appointment moved', verb: 'moved', name: 'move' },
      plan: (row: Appointment, args, { refs }) => {
        // As in Square and Fresha, a checked-in client may still be given to another staff member
        // (another chair) at the same time; only a booking not yet arrived moves in time.
        if (row.status === 'arrived') {
          if (args.startsAt !== undefined && args.startsAt !== row.startsAt)
            invalid('appointment.checkedInNotMoved', undefined, { status: row.status });
        } else if (row.status !== 'booked') invalid(movedRefusal[row.status] ?? 'appointment.moved.other', undefined, { status: row.status });
        const moved = { ...row, startsAt: args.startsAt ?? row.startsAt, staffId: args.staffId ?? row.staffId };
        return scheduleAppointment(moved, refs, {
          outsideHours: args.allowOutsideHours,
          outsideSchedule: args.allowOutsideSchedule,
        });
      },
    }),
    changeService: changeOp({
      args: z.strictObject({ serviceId: idSchema, allowOutsideHours, allowOutsideSchedule, allowShortage }),
      wording: { label: 'Service changed', verb: 'changed the service of', name: 'service change' },
      plan: (row: Appointment, args, { refs }) => {
        // A client who checked in may still change their mind at the desk; once in the chair it is set.
        if (row.status !== 'booked' && row.status !== 'arrived')
          invalid('appointment.serviceNotStarted', undefined, { status: row.status });
        return scheduleAppointment({ ...row, serviceId: args.serviceId }, refs, {
          outsideHours: args.allowOutsideHours,
          outsideSchedule: args.allowOutsideSchedule,
        });
      },
    }),
    updateNotes: changeOp({
      args: z.strictObject({ notes }),
      wording: { label: 'Notes edited', verb: 'edited the notes of', name: 'notes change' },
      plan: (row: Appointment, args) => ({ ...row, notes: args.notes }),
    }),
    cancel: changeOp({
      args: none,
      reasonRequired: true,
      // The client may cancel through their link (docs/architecture.md §20).
      byClient: true,
      wording: { label: 'Appointment cancelled', verb: 'cancelled', name: 'cancellation', alone: true },
      plan: (row: Appointment, _args, { command }) => {
        if (row.status !== 'booked')
          invalid(afterArrival(row) ? 'appointment.cancelAfterArrival' : 'appointment.cancelNotBooked', undefined, { status: row.status });
        return { ...row, status: 'cancelled', cancelReason: command.reason };
      },
    }),
    restore: changeOp({
      args: z.strictObject({ allowOutsideHours, allowOutsideSchedule, allowPast, allowShortage }),
      wording: { label: 'Appointment restored', verb: 'restored', name: 'restore', alone: true },
      plan: (row: Appointment, args, { refs }) => {
        if (row.status !== 'cancelled')
          invalid('appointment.restoreNotCancelled', undefined, { status: row.status });
        // A booking that was an exception to the opening hours or the schedule stays one unless the person says otherwise.
        return scheduleAppointment({ ...row, status: 'booked', cancelReason: null }, refs, {
          outsideHours: args.allowOutsideHours ?? row.outsideHours,
          outsideSchedule: args.allowOutsideSchedule ?? row.outsideSchedule,
        });
      },
    }),
    markNoShow: changeOp({
      args: none,
      wording: { label: 'Marked no-show', verb: 'marked as no-show', name: 'no-show', alone: true, sentence: 'marked {record} as a no-show' },
      plan: (row: Appointment, _args, { now }) => {
        if (row.status !== 'booked')
          invalid(afterArrival(row) ? 'appointment.noShowAfterArrival' : 'appointment.noShowNotBooked', undefined, { status: row.status });
        if (row.startsAt > now) invalid('appointment.noShowTooEarly');
        return { ...row, status: 'no_show' };
      },
    }),
    clearNoShow: changeOp({
      args: none,
      wording: { label: 'No-show cleared', verb: 'cleared the no-show of', name: 'cleared no-show' },
      plan: (row: Appointment, _args, { refs }) => {
        if (row.status !== 'no_show') invalid('appointment.notNoShow', undefined, { status: row.status });
        return stillInSchedule({ ...row, status: 'booked' }, refs);
      },
    }),
    /**
     * The client said they are coming: through the link in their reminder (the client acting,
     * docs/architecture.md §20), or by phone as the receptionist records it. Once per booking.
     */
    recordClientConfirmation: changeOp({
      args: z.strictObject({ via: z.enum(clientConfirmationChannels) }),
      byClient: true,
      wording: { label: 'Client confirmed', verb: 'confirmed', name: 'confirmation' },
      plan: (row: Appointment, args, { judgedAt }) => {
        if (row.clientConfirmedAt !== null)
          invalid('appointment.alreadyConfirmed', undefined, { status: row.status, clientConfirmedAt: row.clientConfirmedAt });
        if (row.status !== 'booked') invalid(confirmRefusal[row.status] ?? 'appointment.confirm.other', undefined, { status: row.status });
        return { ...row, clientConfirmedAt: judgedAt, clientConfirmedVia: args.via };
      },
    }),
    checkIn: changeOp({
      args: none,
      // Not "alone": "You checked in" would read as the receptionist arriving.
      wording: { label: 'Checked in', verb: 'checked in', name: 'check-in' },
      plan: (row: Appointment, _args, { refs, judgedAt }) => {
        if (row.status !== 'booked') invalid(checkInRefusal[row.status] ?? 'appointment.checkIn.other', undefined, { status: row.status });
        const zone = refs.settings?.timeZone ?? 'UTC';
        const bookedFor = localDateOf(row.startsAt, zone);
        if (localDateOf(judgedAt, zone) < bookedFor)
          invalid('appointment.checkInOnTheDay', { date: { date: bookedFor } }, { status: row.status, startsAt: row.startsAt });
        return { ...row, status: 'arrived', arrivedAt: judgedAt };
      },
    }),
    startService: changeOp({
      args: none,
      wording: { label: 'Service started', verb: 'started the service of', name: 'start of service' },
      plan: (row: Appointment, _args, { judgedAt }) => {
        if (row.status !== 'arrived')
          invalid(row.status === 'booked' ? 'appointment.checkInFirst' : (startRefusal[row.status] ?? 'appointment.start.other'), undefined, { status: row.status });
        return { ...row, status: 'in_service', serviceStartedAt: judgedAt };
      },
    }),
    checkOut: changeOp({
      args: z.strictObject({
        /** The price charged before the discount; omitted: the service's price for this staff member. */
        priceCents: z.int().min(0).max(MAX_AMOUNT_CENTS).optional(),
        discountCents: z.int().min(0).max(MAX_AMOUNT_CENTS).optional(),
        checkoutNote: text(2000).optional(),
        /** The retail sold with the visit: its `sold` movements are recorded in the same change (§25). */
        retail: z.array(retailLineSchema).max(MAX_RETAIL_LINES).optional(),
        /** Sell though there is not enough on the shelf: the shortage is recorded. */
        allowShortage,
      }),
      wording: { label: 'Checked out', verb: 'checked out', name: 'checkout' },
      plan: (row: Appointment, args, { refs, judgedAt }) => {
        // A quick service nobody pressed Start for still checks out straight from the waiting area.
        if (row.status !== 'in_service' && row.status !== 'arrived')
          invalid(row.status === 'booked' ? 'appointment.checkInFirst' : (checkOutRefusal[row.status] ?? 'appointment.checkOut.other'), undefined, { status: row.status });
        const service = requireService(refs, row.serviceId);
        const priceCents = args.priceCents ?? defaultPriceCents(service, row.staffId);
        if (priceCents === null) plainFieldError('priceCents', 'appointment.noPrice', { service: service.name });
        const discountCents = args.discountCents ?? 0;
        if (discountCents > priceCents) plainFieldError('discountCents', 'appointment.discountOverPrice');
        const note = args.checkoutNote ?? '';
        return {
          ...row,
          status: 'completed',
          completedAt: judgedAt,
          priceCents,
          discountCents,
          checkoutNote: note === '' ? null : note,
          retail: args.retail ?? [],
        };
      },
    }),
    delete: changeOp({
      args: none,
      wording: { label: 'Appointment deleted', verb: 'deleted', name: 'deletion' },
      plan: (row: Appointment, _args, { now }) => ({ ...row, deletedAt: now }),
    }),
    undelete: changeOp({
      args: none,
      wording: { label: 'Appointment brought back', verb: 'brought back', name: 'undelete' },
      plan: (row: Appointment, _args, { refs }) => {
        if (row.deletedAt === null) invalid('appointment.notDeleted');
        const back = { ...row, deletedAt: null };
        return holdsTime(back.status) ? stillInSchedule(back, refs) : back;
      },
    }),
  },
});
