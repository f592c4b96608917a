import { MAX_HOLD_MIN } from '../../../src-shared/registry/appointment';
import { asc, eq } from 'drizzle-orm';
import {
  DEFAULT_MESSAGE_SETTINGS,
  messageChannels,
  SETTINGS_ID,
  type AnyRow,
  type Appointment,
  type Block,
  type Client,
  type EntityType,
  type FormResponse,
  type FormTemplate,
  type Message,
  type Product,
  type Service,
  type Settings,
  type Staff,
  type StockMovement,
  type TimeOff,
  type WaitlistEntry,
  type WalkIn,
  type ImportBatch,
} from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { isActiveOwner } from '../../../src-shared/owners';
import type { Store } from '../../core/store/open';
import { loadRow } from '../../core/store/rows';
import { appointments, blocks, clients, events, formResponses, formTemplates, messages, outbox, products, serverRows, services, settings, staff, stockMovements, timeOff, waitlist, walkIns, importBatches } from '../../core/store/schema';
import { nextMutationId } from '../../core/outbox/outbox';
import { parseServerRow, sameContent } from '../../core/outbox/shadow';

/**
 * A machine that was used on its own pairs later (docs/architecture.md §5: "without losing anything it
 * holds"). Its rows are replayed to the server as create mutations — then cancel / no-show /
 * delete / deactivate / archive to reach the same state — in dependency order: shop settings,
 * staff (owners first), services, clients, appointments. Rows the server already has with the
 * same content are not sent; anything the shop refuses (a slot already taken, settings the shop
 * already has) ends in the Recovery Center with the local row kept.
 *
 * Who the server records as the actor: the staff member who created the row here, once that
 * member is on the server; for staff, services and settings the shop's owner (this machine's
 * first owner when the shop has none yet). The reason on every upload says where it came from.
 */

interface Step {
  entityType: EntityType;
  entityId: string;
  op: string;
  args: Record<string, unknown>;
  reason: string | null;
  actor: 'owner' | 'creator';
}

const ownerOnly = new Set<EntityType>(['settings', 'staff', 'service', 'timeOff', 'formTemplate']);

function stepsFor(entityType: EntityType, row: AnyRow, now: number): Step[] {
  const base = { entityType, entityId: row.id, reason: null, actor: ownerOnly.has(entityType) ? ('owner' as const) : ('creator' as const) };
  const steps: Step[] = [];
  switch (entityType) {
    case 'settings': {
      const s = row as Settings;
      steps.push({ ...base, op: 'create', args: { shopName: s.shopName, timeZone: s.timeZone, openingHours: s.openingHours, closedDates: s.closedDates, paperSize: s.paperSize, locale: s.locale } });
      if (s.specialDays.length > 0) steps.push({ ...base, op: 'update', args: { specialDays: s.specialDays } });
      if (JSON.stringify(s.messages) !== JSON.stringify(DEFAULT_MESSAGE_SETTINGS)) steps.push({ ...base, op: 'update', args: { messages: s.messages } });
      break;
    }
    case 'staff': {
      const s = row as Staff;
      steps.push({ ...base, op: 'create', args: { name: s.name, colour: s.colour, role: s.role, pinHash: s.pinHash } });
      if (s.workingHours !== null) steps.push({ ...base, op: 'setWorkingHours', args: { workingHours: s.workingHours } });
      if (!s.active) steps.push({ ...base, op: 'deactivate', args: {} });
      break;
    }
    case 'service': {
      const s = row as Service;
      steps.push({
        ...base,
        op: 'create',
        args: {
          name: s.name,
          category: s.category,
          colour: s.colour,
          durationMin: s.durationMin,
          bufferBeforeMin: s.bufferBeforeMin,
          bufferAfterMin: s.bufferAfterMin,
          priceCents: s.priceCents,
          ...(s.formTemplateIds.length > 0 ? { formTemplateIds: s.formTemplateIds } : {}),
        },
      });
      if (s.performedBy !== null) steps.push({ ...base, op: 'setSkills', args: { performedBy: s.performedBy } });
      if (s.products.length > 0) steps.push({ ...base, op: 'setProducts', args: { products: s.products } });
      if (s.archived) steps.push({ ...base, op: 'archive', args: {} });
      break;
    }
    case 'client': {
      const c = row as Client;
      steps.push({ ...base, op: 'create', args: { name: c.name, phone: c.phone, email: c.email, notes: c.notes } });
      // Consent joins as an answer recorded at the upload (who and when the desk kept stay in its history).
      for (const channel of messageChannels)
        if (c.consent[channel].at !== null) steps.push({ ...base, op: 'recordConsent', args: { channel, given: c.consent[channel].given } });
      if (c.deletedAt !== null) steps.push({ ...base, op: 'delete', args: {} });
      break;
    }
    case 'appointment': {
      const a = row as Appointment;
      // A time still pencilled in joins as a hold for what is left of it (the shop's clock counts it from now).
      const held = a.status === 'held' && a.deletedAt === null;
      const left = Math.ceil(((a.holdExpiresAt ?? now) - now) / 60_000);
      steps.push({
        ...base,
        op: 'create',
        // The booking was made here long ago: its hours and its start are facts now, not choices.
        args: {
          clientId: a.clientId,
          staffId: a.staffId,
          serviceId: a.serviceId,
          startsAt: a.startsAt,
          notes: a.notes,
          ...(a.seriesId === null ? {} : { seriesId: a.seriesId }),
          ...(a.visitId === null ? {} : { visitId: a.visitId }),
          allowOutsideHours: true,
          allowOutsideSchedule: true,
          allowPast: true,
          ...(held ? { holdMinutes: Math.min(MAX_HOLD_MIN, Math.max(15, left)) } : {}),
        },
      });
      // A confirmation by phone joins as one recorded at the upload (a standalone desk has no links, §20).
      if (a.clientConfirmedVia === 'phone' && !held) steps.push({ ...base, op: 'recordClientConfirmation', args: { via: 'phone' } });
      if (a.status === 'cancelled') steps.push({ ...base, op: 'cancel', args: {}, reason: a.cancelReason ?? 'Cancelled before this machine joined the shop' });
      if (a.status === 'no_show') steps.push({ ...base, op: 'markNoShow', args: {} });
      // A visit's stages replay in order; the shop records them at the time of the upload.
      if (a.status === 'arrived' || a.status === 'in_service' || a.status === 'completed') steps.push({ ...base, op: 'checkIn', args: {} });
      if (a.status === 'in_service' || (a.status === 'completed' && a.serviceStartedAt !== null))
        steps.push({ ...base, op: 'startService', args: {} });
      if (a.status === 'completed')
        steps.push({
          ...base,
          op: 'checkOut',
          args: {
            ...(a.priceCents === null ? {} : { priceCents: a.priceCents }),
            ...(a.discountCents === null ? {} : { discountCents: a.discountCents }),
            ...(a.checkoutNote === null ? {} : { checkoutNote: a.checkoutNote }),
            // The sale's movements join as the desk's own (below); the checkout only carries what it sold.
            ...(a.retail.length === 0 ? {} : { retail: a.retail }),
          },
        });
      if (a.deletedAt !== null) steps.push({ ...base, op: 'delete', args: {} });
      break;
    }
    case 'waitlist': {
      const w = row as WaitlistEntry;
      steps.push({
        ...base,
        op: 'create',
        args: { clientId: w.clientId, serviceId: w.serviceId, staffId: w.staffId, fromDate: w.fromDate, toDate: w.toDate, fromTime: w.fromTime, toTime: w.toTime, note: w.note },
      });
      if (w.status === 'booked' && w.appointmentId !== null) steps.push({ ...base, op: 'markBooked', args: { appointmentId: w.appointmentId } });
      if (w.deletedAt !== null) steps.push({ ...base, op: 'delete', args: {} });
      break;
    }
    case 'walkIn': {
      // The queue of a day that has passed is history: it joins as it ended.
      const w = row as WalkIn;
      steps.push({ ...base, op: 'create', args: { clientId: w.clientId, name: w.name, serviceId: w.serviceId, staffId: w.staffId, note: w.note } });
      if (w.status === 'seated' && w.appointmentId !== null && w.clientId !== null)
        steps.push({ ...base, op: 'seat', args: { appointmentId: w.appointmentId, clientId: w.clientId } });
      if (w.status === 'left') steps.push({ ...base, op: 'leave', args: {} });
      break;
    }
    case 'message':
      steps.push(...messageSteps(base, row as Message));
      break;
    case 'product': {
      const p = row as Product;
      steps.push({ ...base, op: 'create', args: { name: p.name, kind: p.kind, unit: p.unit, supplier: p.supplier, costCents: p.costCents, priceCents: p.priceCents, lowStockAt: p.lowStockAt } });
      if (p.deletedAt !== null) steps.push({ ...base, op: 'remove', args: {} });
      break;
    }
    case 'stockMovement': {
      // The ledger joins line by line (docs/architecture.md §25); a count keeps the difference it found here.
      const m = row as StockMovement;
      // A movement undone here moved nothing: it does not join.
      if (m.deletedAt !== null) break;
      const amount = m.kind === 'counted' ? m.quantity : Math.abs(m.quantity);
      steps.push({
        ...base,
        op: 'create',
        args: {
          productId: m.productId,
          kind: m.kind,
          quantity: amount,
          ...(m.counted === null ? {} : { counted: m.counted }),
          ...(m.appointmentId === null ? {} : { appointmentId: m.appointmentId }),
          ...(m.shortBy === 0 ? {} : { shortBy: m.shortBy }),
          ...(m.note === '' ? {} : { note: m.note }),
          ...(m.priceCents === null ? {} : { priceCents: m.priceCents }),
          ...(m.kind === 'sold' && m.quantity > 0 ? { undoesSale: true } : {}),
        },
      });
      break;
    }
    case 'formTemplate': {
      const f = row as FormTemplate;
      steps.push({ ...base, op: 'create', args: { name: f.name, fields: f.fields } });
      if (f.archived) steps.push({ ...base, op: 'archive', args: {} });
      break;
    }
    case 'formResponse': {
      // A signed form joins signed, with the answers and name it was signed with.
      const f = row as FormResponse;
      steps.push({
        ...base,
        op: 'create',
        args: { templateId: f.templateId, clientId: f.clientId, appointmentId: f.appointmentId, answers: f.answers, ...(f.signedName === null ? {} : { signedName: f.signedName }) },
      });
      break;
    }
    case 'importBatch': {
      // An import joins as its history entry; one undone here left its clients deleted, and nothing to join.
      const b = row as ImportBatch;
      if (b.deletedAt === null) steps.push({ ...base, op: 'create', args: { fileName: b.fileName, kind: b.kind, added: b.added, merged: b.merged, skipped: b.skipped } });
      break;
    }
    case 'timeOff':
    case 'block': {
      const t = row as TimeOff | Block;
      steps.push({ ...base, op: 'create', args: { staffId: t.staffId, kind: t.kind, startsAt: t.startsAt, endsAt: t.endsAt, note: t.note } });
      if (t.deletedAt !== null) steps.push({ ...base, op: 'delete', args: {} });
      break;
    }
  }
  return steps;
}

function creatorOf(store: Store, entityType: EntityType, entityId: string): string | null {
  const first = store.db
    .select({ actor: events.actorStaffId })
    .from(events)
    .where(eq(events.entityId, entityId))
    .orderBy(asc(events.seq))
    .limit(1)
    .get();
  void entityType;
  return first?.actor ?? null;
}

function isActiveMember(member: Staff): boolean {
  return member.active && member.deletedAt === null;
}

/**
 * Owners before staff, and among owners an active one first: the first owner uploaded to a shop
 * without one is created by nobody (set-up) and then acts for every row without a creator there.
 */
function ownersWhoCanActFirst(a: Staff, b: Staff): number {
  if (a.role !== b.role) return a.role === 'owner' ? -1 : 1;
  if (isActiveMember(a) !== isActiveMember(b)) return isActiveMember(a) ? -1 : 1;
  return a.createdAt - b.createdAt;
}

/** A message joins as it was made, then goes through the statuses it went through here (docs/architecture.md §17). */
function messageSteps(base: Omit<Step, 'op' | 'args'>, m: Message): Step[] {
  const steps: Step[] = [
    {
      ...base,
      op: 'create',
      args: {
        clientId: m.clientId,
        appointmentId: m.appointmentId,
        kind: m.kind,
        channel: m.channel,
        to: m.to,
        reminderOffsetMinutes: m.reminderOffsetMinutes,
        dueAt: m.dueAt,
        ...(m.status === 'skipped' ? { skippedBecause: m.lastError ?? 'Not sent.' } : {}),
      },
    },
  ];
  const provider = m.provider ?? 'unknown';
  const after = (op: string, args: Record<string, unknown>) => steps.push({ ...base, op, args });
  if (['sending', 'sent', 'delivered', 'failed', 'uncertain'].includes(m.status))
    after('startSending', { provider, subject: m.subject, body: m.body ?? '(the text was not kept)' });
  if (m.status === 'sent' || m.status === 'delivered') after('recordSent', { provider, providerMessageId: m.providerMessageId });
  if (m.status === 'delivered') after('recordDelivered', {});
  if (m.status === 'failed')
    after('recordFailure', { provider, error: m.lastError ?? 'It failed.', final: m.retryAt === null, retryAt: m.retryAt });
  if (m.status === 'uncertain') after('markUncertain', { error: m.lastError ?? 'Whether it went is not known.' });
  if (m.status === 'cancelled') after('cancel', {});
  if (m.status === 'missed') after('markMissed', {});
  return steps;
}

/** Queues the upload inside the pairing transaction. Returns how many mutations were queued. */
export function queueUpload(store: Store, now: number, deviceName: string): number {
  const serverStaff = store.db.select().from(serverRows).where(eq(serverRows.entityType, 'staff')).all();
  const serverMembers = serverStaff.map((row) => parseServerRow('staff', row.row) as Staff);
  // The server refuses a change made in the name of someone who is not an active member there.
  const canAct = new Set(serverMembers.filter(isActiveMember).map((member) => member.id));
  const serverOwner = serverMembers.find(isActiveOwner);
  let owner: string | null = serverOwner?.id ?? null;
  const shopHasOwner = owner !== null;

  const ordered: [EntityType, AnyRow[]][] = [
    ['settings', store.db.select().from(settings).all() as AnyRow[]],
    ['staff', (store.db.select().from(staff).all() as Staff[]).sort(ownersWhoCanActFirst)],
    ['product', store.db.select().from(products).all() as AnyRow[]],
    ['formTemplate', store.db.select().from(formTemplates).all() as AnyRow[]],
    ['service', store.db.select().from(services).all() as AnyRow[]],
    ['client', store.db.select({ id: clients.id }).from(clients).all().map((c) => loadRow(store, 'client', c.id) as AnyRow)],
    ['timeOff', store.db.select().from(timeOff).all() as AnyRow[]],
    ['appointment', store.db.select().from(appointments).orderBy(asc(appointments.startsAt)).all() as AnyRow[]],
    // After the bookings: a block never lies on a live booking here, and each is checked against them.
    ['block', store.db.select().from(blocks).all() as AnyRow[]],
    // After the bookings an entry may name.
    ['waitlist', store.db.select().from(waitlist).all() as AnyRow[]],
    ['walkIn', store.db.select().from(walkIns).all() as AnyRow[]],
    // After the bookings they are about.
    ['message', store.db.select().from(messages).orderBy(asc(messages.createdAt)).all() as AnyRow[]],
    ['stockMovement', store.db.select().from(stockMovements).orderBy(asc(stockMovements.createdAt)).all() as AnyRow[]],
    ['formResponse', store.db.select().from(formResponses).all() as AnyRow[]],
    ['importBatch', store.db.select().from(importBatches).all() as AnyRow[]],
  ];

  let mutationId = nextMutationId(store);
  let queued = 0;
  const reason = `Uploaded from ${deviceName} when it joined the shop`;
  for (const [entityType, rows] of ordered) {
    for (const row of rows) {
      if (entityType === 'settings' && row.id !== SETTINGS_ID) continue;
      const server = store.db.select().from(serverRows).where(eq(serverRows.entityId, row.id)).get();
      if (server !== undefined && server.entityType === entityType && sameContent(row, parseServerRow(entityType, server.row))) continue;
      const steps = stepsFor(entityType, row, now);
      let baseEventId: string | null = null;
      for (const step of steps) {
        let actor: string | null;
        if (step.actor === 'owner') {
          actor = owner;
        } else {
          const creator = creatorOf(store, entityType, row.id);
          actor = creator !== null && canAct.has(creator) ? creator : owner;
        }
        const eventId = newId();
        store.db
          .insert(outbox)
          .values({
            mutationId,
            eventId,
            idempotencyKey: `upload-${eventId}`,
            entityType,
            entityId: row.id,
            op: step.op,
            baseVersion: null,
            baseEventId,
            args: step.args,
            reason: step.reason ?? reason,
            actorStaffId: actor,
            clientTime: now,
            state: 'pending',
            updatedAt: now,
          })
          .run();
        mutationId += 1;
        queued += 1;
        baseEventId = eventId;
      }
      if (entityType === 'staff') {
        const member = row as Staff;
        if (isActiveMember(member)) canAct.add(member.id);
        if (!shopHasOwner && owner === null && isActiveOwner(member)) owner = member.id;
      }
    }
  }
  return queued;
}
