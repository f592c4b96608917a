import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, type WalkIn } from '../../../src-shared/entities';
import { refuse } from '../../../src-shared/refuse';
import { idempotencyKeySchema } from '../../../src-shared/registry/fields';
import { localDateOf, localDayRange, MINUTE_MS } from '../../../src-shared/time';
import { createAppointment } from '../appointments/commands';
import { searchFreeSlots } from '../appointments/freeSlots';
import { createClient } from '../clients/commands';
import type { Desk } from '../commands/execute';
import { requireShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { loadRow } from '../store/rows';
import { services, staff, walkIns } from '../store/schema';
import { stepKey } from '../commands/stepKey';
import { markWalkInSeated } from './commands';

/**
 * Today's walk-in queue with each one's estimated wait, and seating one. The wait is the one slot
 * finder's answer, taken in arrival order: each walk-in gets the earliest free time (with the person
 * they asked for, or anyone who does the service) that no one ahead of them in the queue has been
 * given. Seating books that time through the ordinary booking, so every rule a booking passes
 * applies, then marks the walk-in seated.
 */

interface Offer {
  staffId: string;
  staffName: string;
  startsAt: number;
  endsAt: number;
  /** The time the offer holds the person for: its service's buffers around it. */
  heldFrom: number;
  heldTo: number;
}

/** How far ahead a walk-in's next free time is looked for: the rest of today. */
function restOfToday(store: Store, now: number): { from: number; to: number } {
  const zone = requireShopSettings(store).timeZone;
  return { from: now, to: localDayRange(localDateOf(now, zone), zone).end };
}

function todaysWalkIns(store: Store, now: number) {
  const zone = requireShopSettings(store).timeZone;
  const day = localDayRange(localDateOf(now, zone), zone);
  return store.db
    .select({ walkIn: walkIns, serviceName: services.name, staffName: staff.name })
    .from(walkIns)
    .innerJoin(services, eq(services.id, walkIns.serviceId))
    .leftJoin(staff, eq(staff.id, walkIns.staffId))
    .where(and(gte(walkIns.arrivedAt, day.start), lt(walkIns.arrivedAt, day.end), isNull(walkIns.deletedAt)))
    .orderBy(asc(walkIns.arrivedAt))
    .all() as { walkIn: WalkIn; serviceName: string; staffName: string | null }[];
}

type FreeSlots = ReturnType<typeof searchFreeSlots>;

/**
 * One reading of the queue: the free times already searched for each service and person asked for
 * (the search does not depend on who is ahead), and the offers made so far by person. A long queue
 * asks the same question once, not once per walk-in.
 */
interface QueueReading {
  searched: Map<string, { limit: number; slots: FreeSlots }>;
  claimedBy: Map<string, Offer[]>;
  claimedCount: number;
}

const newReading = (): QueueReading => ({ searched: new Map(), claimedBy: new Map(), claimedCount: 0 });

function freeSlotsFor(store: Store, walkIn: WalkIn, reading: QueueReading, now: number): FreeSlots {
  const { from, to } = restOfToday(store, now);
  if (to <= from) return [];
  // Enough times that those ahead in the queue cannot all have taken them.
  const limit = 40 + reading.claimedCount * 20;
  const key = `${walkIn.serviceId}|${walkIn.staffId ?? ''}`;
  const known = reading.searched.get(key);
  // A search that found fewer than it asked for found every time there is today.
  if (known !== undefined && (known.limit >= limit || known.slots.length < known.limit)) return known.slots;
  const slots = searchFreeSlots(
    store,
    { serviceId: walkIn.serviceId, ...(walkIn.staffId === null ? {} : { staffId: walkIn.staffId }), from, to, stepMin: 5, limit },
    now,
  );
  reading.searched.set(key, { limit, slots });
  return slots;
}

/** The earliest free time for this walk-in that none of those ahead of it in the queue holds. */
function offerFor(store: Store, walkIn: WalkIn, reading: QueueReading, now: number): Offer | null {
  const slots = freeSlotsFor(store, walkIn, reading, now);
  const service = loadRow(store, 'service', walkIn.serviceId);
  const before = (service?.bufferBeforeMin ?? 0) * MINUTE_MS;
  const after = (service?.bufferAfterMin ?? 0) * MINUTE_MS;
  const free = slots.find((slot) =>
    !(reading.claimedBy.get(slot.staffId) ?? []).some((claim) => claim.heldFrom < slot.endsAt + after && slot.startsAt - before < claim.heldTo),
  );
  if (free === undefined) return null;
  return { staffId: free.staffId, staffName: free.staffName, startsAt: free.startsAt, endsAt: free.endsAt, heldFrom: free.startsAt - before, heldTo: free.endsAt + after };
}

/** Today's walk-ins in arrival order; those waiting with the time they would be seated at (null: nobody is free today). */
export function walkInQueue(store: Store, now: number) {
  const reading = newReading();
  return todaysWalkIns(store, now).map(({ walkIn, serviceName, staffName }) => {
    let offer: Offer | null = null;
    if (walkIn.status === 'waiting') {
      offer = offerFor(store, walkIn, reading, now);
      if (offer !== null) {
        const theirs = reading.claimedBy.get(offer.staffId);
        if (theirs === undefined) reading.claimedBy.set(offer.staffId, [offer]);
        else theirs.push(offer);
        reading.claimedCount += 1;
      }
    }
    return { ...walkIn, serviceName, staffName, offer };
  });
}

export const seatWalkInInputSchema = z.strictObject({ idempotencyKey: idempotencyKeySchema.max(100), id: idSchema });

/**
 * Seat a walk-in with the next free qualified person: a client record for a first-time walk-in,
 * the booking at the earliest free time, and the walk-in marked seated naming it. Each step's key
 * is derived from the request's, so a retry carries on where a failure stopped it.
 */
export function seatWalkIn(desk: Desk, input: z.output<typeof seatWalkInInputSchema>) {
  const walkIn = loadRow(desk.store, 'walkIn', input.id);
  if (walkIn === null || walkIn.deletedAt !== null) throw refuse('NOT_FOUND', 'walkIn.gone');
  if (walkIn.status !== 'waiting') throw refuse('INVALID_TRANSITION', 'walkIn.nameNotWaiting', { name: walkIn.name });
  const now = desk.now();
  const offer = offerFor(desk.store, walkIn, newReading(), now);
  if (offer === null) {
    throw refuse('SLOT_TAKEN', 'walkIn.nobodyFree', { name: walkIn.name });
  }
  const clientId =
    walkIn.clientId ?? createClient(desk, { idempotencyKey: stepKey(input.idempotencyKey, 'client'), name: walkIn.name }).row.id;
  const booked = createAppointment(desk, {
    idempotencyKey: stepKey(input.idempotencyKey, 'booking'),
    clientId,
    staffId: offer.staffId,
    serviceId: walkIn.serviceId,
    startsAt: offer.startsAt,
    ...(walkIn.note === '' ? {} : { notes: `Walk-in: ${walkIn.note}` }),
  });
  const seated = markWalkInSeated(desk, {
    idempotencyKey: stepKey(input.idempotencyKey, 'seat'),
    id: walkIn.id,
    expectedVersion: walkIn.version,
    appointmentId: booked.row.id,
    clientId,
  });
  return { walkIn: seated.row, appointment: booked.row, staffName: offer.staffName };
}
