import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { newId } from '../src-shared/ids';
import { SETTINGS_ID } from '../src-shared/entities';
import { localTimeToInstant, addDays, MINUTE_MS } from '../src-shared/time';
import { openStore } from '../src-main/core/store/open';

/**
 * Builds (once, cached under .bench/) a realistic shop database with `appointments` booked
 * appointments and their creation events: 20 staff, 10 services, 20,000 clients, 16 half-hour
 * bookings per staff member per day, days going back from FIRST_DAY. Bulk-loaded with plain SQL
 * (the store's own command path is what the benchmark measures, not what it seeds with).
 */
export const BENCH_ZONE = 'Europe/London';
export const FIRST_DAY = '2026-11-23';
export const STAFF = 20;
const SERVICES = 10;
const CLIENTS = 20_000;
const PER_DAY = 16;

export interface Dataset {
  file: string;
  days: number;
  staffIds: string[];
  serviceIds: string[];
  clientIds: string[];
  ownerId: string;
}

export function datasetFile(dir: string, appointments: number): string {
  return `${dir}/shop-${appointments}.sqlite`;
}

export function buildDataset(dir: string, appointments: number): void {
  const file = datasetFile(dir, appointments);
  if (existsSync(file)) return;
  const building = `${file}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  openStore(building).close();
  const db = new Database(building);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = Date.UTC(2026, 10, 1);
  const device = newId();
  const insertEvent = db.prepare(
    `INSERT INTO events (id, entity_type, entity_id, type, version, actor_staff_id, device_id, at, reason, before, after, undoes_event_id)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, NULL, '{}', ?, NULL)`,
  );
  const hours = { open: '09:00', close: '18:00' };
  const week = { mon: [hours], tue: [hours], wed: [hours], thu: [hours], fri: [hours], sat: [hours], sun: [hours] };
  const settings = { shopName: 'Bench Cuts', timeZone: BENCH_ZONE, openingHours: week, closedDates: [], paperSize: 'A4' };
  const staffIds = Array.from({ length: STAFF }, () => newId());
  const serviceIds = Array.from({ length: SERVICES }, () => newId());
  const clientIds = Array.from({ length: CLIENTS }, () => newId());
  const ownerId = staffIds[0] as string;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO settings (id, version, created_at, updated_at, deleted_at, shop_name, time_zone, opening_hours, closed_dates, paper_size)
       VALUES (?, 1, ?, ?, NULL, ?, ?, ?, '[]', 'A4')`,
    ).run(SETTINGS_ID, now, now, settings.shopName, BENCH_ZONE, JSON.stringify(week));
    insertEvent.run(newId(), 'settings', SETTINGS_ID, 'settings.create', null, device, now, JSON.stringify(settings));
    const staffInsert = db.prepare(
      `INSERT INTO staff (id, version, created_at, updated_at, deleted_at, name, colour, role, pin_hash, active) VALUES (?, 1, ?, ?, NULL, ?, '#336699', ?, NULL, 1)`,
    );
    staffIds.forEach((id, index) => {
      const role = index === 0 ? 'owner' : 'staff';
      staffInsert.run(id, now, now, `Stylist ${index + 1}`, role);
      insertEvent.run(newId(), 'staff', id, 'staff.create', null, device, now, JSON.stringify({ name: `Stylist ${index + 1}`, colour: '#336699', role, pinHash: null, active: true, deletedAt: null }));
    });
    const serviceInsert = db.prepare(
      `INSERT INTO services (id, version, created_at, updated_at, deleted_at, name, duration_min, buffer_after_min, price_cents, archived) VALUES (?, 1, ?, ?, NULL, ?, 25, 5, 2500, 0)`,
    );
    serviceIds.forEach((id, index) => {
      serviceInsert.run(id, now, now, `Service ${index + 1}`);
      insertEvent.run(newId(), 'service', id, 'service.create', ownerId, device, now, JSON.stringify({ name: `Service ${index + 1}`, durationMin: 25, bufferAfterMin: 5, priceCents: 2500, archived: false, deletedAt: null }));
    });
    const clientInsert = db.prepare(
      `INSERT INTO clients (id, version, created_at, updated_at, deleted_at, name, phone, email, notes, search_name, search_phone) VALUES (?, 1, ?, ?, NULL, ?, ?, NULL, '', ?, ?)`,
    );
    clientIds.forEach((id, index) => {
      const name = `Client ${index + 1}`;
      const phone = `07700${String(index).padStart(6, '0')}`;
      clientInsert.run(id, now, now, name, phone, name.toLowerCase(), phone);
      insertEvent.run(newId(), 'client', id, 'client.create', ownerId, device, now, JSON.stringify({ name, phone, email: null, notes: '', deletedAt: null }));
    });
  })();
  const appointmentInsert = db.prepare(
    `INSERT INTO appointments (id, version, created_at, updated_at, deleted_at, client_id, staff_id, service_id, starts_at, ends_at, block_ends_at, status, notes, cancel_reason, outside_hours)
     VALUES (?, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 'booked', '', NULL, 0)`,
  );
  const perDay = STAFF * PER_DAY;
  const days = Math.ceil(appointments / perDay);
  let made = 0;
  const batch = db.transaction((dayIndex: number) => {
    const date = addDays(FIRST_DAY, -dayIndex);
    const opens = localTimeToInstant(date, '09:00', BENCH_ZONE);
    for (let s = 0; s < STAFF && made < appointments; s += 1) {
      for (let slot = 0; slot < PER_DAY && made < appointments; slot += 1) {
        const id = newId();
        const startsAt = opens + slot * 30 * MINUTE_MS;
        const clientId = clientIds[(made * 7919) % CLIENTS] as string;
        const serviceId = serviceIds[made % SERVICES] as string;
        const staffId = staffIds[s] as string;
        appointmentInsert.run(id, now, now, clientId, staffId, serviceId, startsAt, startsAt + 25 * MINUTE_MS, startsAt + 30 * MINUTE_MS);
        insertEvent.run(
          newId(), 'appointment', id, 'appointment.create', ownerId, device, now,
          JSON.stringify({ clientId, staffId, serviceId, startsAt, endsAt: startsAt + 25 * MINUTE_MS, blockEndsAt: startsAt + 30 * MINUTE_MS, status: 'booked', notes: '', cancelReason: null, outsideHours: false, deletedAt: null }),
        );
        made += 1;
      }
    }
  });
  for (let day = 0; day < days; day += 1) batch(day);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  renameSync(building, file);
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
}

export function describeDataset(file: string, appointments: number): Dataset {
  const db = new Database(file, { readonly: true });
  const staffIds = (db.prepare('SELECT id FROM staff ORDER BY name').all() as { id: string }[]).map((row) => row.id);
  const serviceIds = (db.prepare('SELECT id FROM services').all() as { id: string }[]).map((row) => row.id);
  const clientIds = (db.prepare('SELECT id FROM clients LIMIT 1000').all() as { id: string }[]).map((row) => row.id);
  const owner = db.prepare(`SELECT id FROM staff WHERE role = 'owner'`).get() as { id: string };
  db.close();
  return { file, days: Math.ceil(appointments / (STAFF * PER_DAY)), staffIds, serviceIds, clientIds, ownerId: owner.id };
}
