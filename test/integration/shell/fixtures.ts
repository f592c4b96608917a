import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../../src-shared/authorization';
import { localTimeToInstant, weekdays } from '../../../src-shared/time';
import { cancelAppointment, createAppointment } from '../../../src-main/core/appointments/commands';
import { createClient } from '../../../src-main/core/clients/commands';
import type { Desk } from '../../../src-main/core/commands/execute';
import { createService } from '../../../src-main/core/services/commands';
import { setUpShop } from '../../../src-main/core/settings/commands';
import { createStaffMember } from '../../../src-main/core/staff/commands';
import { openStore, type Store } from '../../../src-main/core/store/open';

export const DAY = '2026-03-10';
export const ZONE = 'Europe/London';
export const SHOP = 'Clipper & Co. Salon';

export function tempDir(prefix = 'caredesk-shell-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** 03:00 in London on DAY (GMT): the night the daily backup runs. */
export const NIGHT_OF_DAY = Date.UTC(2026, 2, 10, 3, 0);
/** A disk with room to spare, so no disk-space check gets in a test's way. */
export const plentyOfRoom = () => 10 * 1024 ** 3;

let keySeq = 0;
export const key = (label: string) => `key-${label}-${(keySeq += 1).toString().padStart(6, '0')}`;

export interface SeededAppointment {
  id: string;
  staffName: string;
  clientName: string;
  serviceName: string;
  startsAt: number;
  start: string;
  status: 'booked' | 'cancelled';
  notes: string;
  version: number;
}

export interface Shop {
  store: Store;
  desk: Desk;
  owner: Actor;
  staff: { id: string; name: string }[];
  clients: { id: string; name: string; phone: string; email: string }[];
  appointments: SeededAppointment[];
}

const staffNames = ['Ann Owner', 'Bea Lopez', 'Carl Jensen', 'Dev Patel', 'Eve Martin', 'Femi Adeyemi'];
const firsts = ['Ada', 'Ben', 'Cleo', 'Dara', 'Elif', 'Finn', 'Gita', 'Hugo', 'Ines', 'Jon'];
const lasts = ['Quist', 'Rowe', 'Sato', 'Tully'];
const serviceDefs = [
  { name: 'Haircut', durationMin: 30 },
  { name: 'Colour & Gloss', durationMin: 45 },
  { name: 'Beard Trim', durationMin: 15 },
  { name: 'Wash & Blow-dry', durationMin: 40 },
];

/**
 * A shop on DAY with 6 staff, 40 appointments (7/7/7/7/6/6), created in a shuffled order, of
 * which every fifth is then cancelled. Client names, phones and e-mails are known values.
 */
export async function seedShop(file: string, options: { appointments?: number } = {}): Promise<Shop> {
  const store = openStore(file);
  let clock = Date.UTC(2026, 2, 1, 8, 0);
  const desk: Desk = { store, actor: { staffId: null, role: null }, now: () => (clock += 1000) };
  const day = [{ open: '08:00', close: '20:00' }];
  setUpShop(desk, {
    idempotencyKey: key('settings'),
    shopName: SHOP,
    timeZone: ZONE,
    openingHours: Object.fromEntries(weekdays.map((d) => [d, day])) as never,
    paperSize: 'A4',
  } as never);
  const staff: Shop['staff'] = [];
  for (const [index, name] of staffNames.entries()) {
    const result = await createStaffMember(desk, {
      idempotencyKey: key('staff'),
      name,
      colour: ['#336699', '#993366', '#669933', '#cc6600', '#006666', '#663399'][index] ?? '#333333',
      role: index === 0 ? 'owner' : 'staff',
    } as never);
    staff.push({ id: result.row.id, name });
    if (index === 0) desk.actor = { staffId: result.row.id, role: 'owner' };
  }
  const owner = desk.actor;
  const services = serviceDefs.map((def) => ({
    ...def,
    id: createService(desk, { idempotencyKey: key('service'), name: def.name, durationMin: def.durationMin } as never).row.id,
  }));
  const clients: Shop['clients'] = [];
  const total = options.appointments ?? 40;
  for (let i = 0; i < total; i += 1) {
    const name = `${firsts[i % firsts.length]} ${lasts[Math.floor(i / firsts.length) % lasts.length]}`;
    const phone = `+44 7700 9${(1000 + i).toString().padStart(5, '0')}`;
    const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.org`;
    const created = createClient(desk, { idempotencyKey: key('client'), name, phone, email } as never);
    clients.push({ id: created.row.id, name, phone, email });
  }
  // Slots: staff s, k-th appointment at 09:00 + 70 min * k + 5 min * s (never overlapping).
  const plan: { staffIndex: number; k: number }[] = [];
  const perStaff = [7, 7, 7, 7, 6, 6];
  for (const [s, count] of perStaff.entries()) for (let k = 0; k < count; k += 1) plan.push({ staffIndex: s, k });
  const planned = plan.slice(0, total);
  // Deterministic shuffle so creation order is not time order.
  const order = planned.map((_, i) => i).sort((a, b) => ((a * 37 + 11) % 41) - ((b * 37 + 11) % 41));
  const appointments: SeededAppointment[] = [];
  for (const [n, index] of order.entries()) {
    const slot = planned[index];
    if (slot === undefined) continue;
    const minutes = 9 * 60 + 70 * slot.k + 5 * slot.staffIndex;
    const start = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const startsAt = localTimeToInstant(DAY, start, ZONE);
    const member = staff[slot.staffIndex]!;
    const client = clients[n]!;
    const service = services[n % services.length]!;
    const notes = n % 6 === 0 ? `Allergy note ${n}: patch test done` : '';
    const result = createAppointment(desk, {
      idempotencyKey: key('appt'),
      clientId: client.id,
      staffId: member.id,
      serviceId: service.id,
      startsAt,
      ...(notes === '' ? {} : { notes }),
    } as never);
    appointments.push({
      id: result.row.id,
      staffName: member.name,
      clientName: client.name,
      serviceName: service.name,
      startsAt,
      start,
      status: 'booked',
      notes,
      version: result.row.version,
    });
  }
  for (const [n, appointment] of appointments.entries()) {
    if (n % 5 !== 2) continue;
    const result = cancelAppointment(desk, {
      idempotencyKey: key('cancel'),
      id: appointment.id,
      expectedVersion: appointment.version,
      reason: 'Client called to cancel',
    } as never);
    appointment.status = 'cancelled';
    appointment.version = result.row.version;
  }
  return { store, desk, owner, staff, clients, appointments };
}

/** A seeded shop in a folder of its own: its file, and where its backups go (not yet made). */
export async function seedShopFolder(
  prefix: string,
  options: { appointments: number },
): Promise<{ shop: Shop; dir: string; file: string; backupDir: string }> {
  const dir = tempDir(prefix);
  const file = join(dir, 'desk.sqlite');
  return { shop: await seedShop(file, options), dir, file, backupDir: join(dir, 'backups') };
}
