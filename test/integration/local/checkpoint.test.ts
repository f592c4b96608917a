import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect } from 'vitest';
import type { Appointment } from '../../../src-shared/entities';
import { cancelAppointment, createAppointment, rescheduleAppointment } from '../../../src-main/core/appointments/commands';
import { entityHistory } from '../../../src-main/core/history/entityHistory';
import { loadRow } from '../../../src-main/core/store/rows';
import { checkInvariants } from '../../support/local/invariants';
import { book, HOUR_MS, key } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

const it = shopTest();

describe('acceptance 1: the checkpoint sequence (create, reschedule, cancel)', () => {
  it('keeps the row and lists all three events, in order, with who/where/when/why and before → after', ({ shop }) => {
    const desk = shop.receptionDesk;
    const startsAt = Date.UTC(2026, 5, 2, 9, 0); // 10:00 London (BST)
    const created = createAppointment(desk, {
      idempotencyKey: key(),
      clientId: shop.clients[0]!,
      staffId: shop.staff[0].id,
      serviceId: shop.services.cut,
      startsAt,
    });
    const id = created.row.id;
    shop.clock.advance(60_000);
    const moved = rescheduleAppointment(desk, {
      idempotencyKey: key(),
      id,
      expectedVersion: 1,
      startsAt: startsAt + HOUR_MS,
    });
    shop.clock.advance(60_000);
    const cancelled = cancelAppointment(desk, {
      idempotencyKey: key(),
      id,
      expectedVersion: 2,
      reason: 'Client phoned: ill',
    });
    expect(cancelled.row).toMatchObject({ id, version: 3, status: 'cancelled', cancelReason: 'Client phoned: ill' });

    const row = loadRow(shop.store, 'appointment', id) as Appointment;
    expect(row).not.toBeNull();
    expect(row).toEqual(cancelled.row);

    const history = entityHistory(shop.store, { entityType: 'appointment', entityId: id });
    expect(history.map((event) => [event.type, event.version])).toEqual([
      ['appointment.create', 1],
      ['appointment.reschedule', 2],
      ['appointment.cancel', 3],
    ]);
    expect(history.map((event) => event.id)).toEqual([created.event.id, moved.event.id, cancelled.event.id]);
    for (const event of history) {
      expect(event.actorStaffId).toBe(shop.staff[0].id);
      expect(event.actorName).toBe('Alice');
      expect(event.deviceId).toBe(shop.store.deviceId);
    }
    expect(history[0]!.before).toEqual({});
    expect(history[1]!.before).toMatchObject({ startsAt, endsAt: startsAt + 30 * 60_000 });
    expect(history[1]!.after).toMatchObject({ startsAt: startsAt + HOUR_MS, endsAt: startsAt + HOUR_MS + 30 * 60_000 });
    expect(history[2]!.reason).toBe('Client phoned: ill');
    expect(history[2]!.before).toEqual({ status: 'booked', cancelReason: null });
    expect(history[2]!.after).toEqual({ status: 'cancelled', cancelReason: 'Client phoned: ill' });
    expect(history[1]!.at).toBeLessThan(history[2]!.at);
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it.for(['appointments', 'clients', 'staff', 'services', 'events'])(
    'the database refuses DELETE FROM %s',
    (table, { shop }) => {
      book(shop, Date.UTC(2026, 5, 2, 9, 0));
      const before = shop.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(before.n).toBeGreaterThan(0);
      expect(() => shop.store.sqlite.prepare(`DELETE FROM ${table}`).run()).toThrow(/never removed|append-only/);
      const after = shop.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(after.n).toBe(before.n);
    },
  );

  it('the database refuses UPDATE on events', ({ shop }) => {
    expect(() => shop.store.sqlite.prepare(`UPDATE events SET reason = 'tampered'`).run()).toThrow(/append-only/);
    expect(() => shop.store.sqlite.prepare(`UPDATE events SET after = '{}' WHERE seq = 1`).run()).toThrow(
      /append-only/,
    );
    const tampered = shop.store.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE reason = 'tampered'`).get() as {
      n: number;
    };
    expect(tampered.n).toBe(0);
  });

  it('no source file or migration (src-main, src-shared, server, drizzle) hard-deletes appointments, clients, staff, services or events', () => {
    // The entity tables and the history, locally and on the sync server (entity_rows). Caches such
    // as server_rows or local_meta may be cleared; records and events may not.
    const protectedTables = '(appointments|clients|staff|services|events|entity_rows|entityRows|serverEvents)';
    const patterns = [
      new RegExp(`DELETE\\s+FROM\\s+["'\`]?${protectedTables}\\b`, 'i'),
      new RegExp(`\\.delete\\(\\s*(schema\\.)?${protectedTables}\\b`),
      new RegExp(`TRUNCATE\\s+(TABLE\\s+)?["'\`]?${protectedTables}\\b`, 'i'),
      // A migration that drops (or rebuilds) a protected table or a trigger would lose the guards.
      new RegExp(`DROP\\s+TRIGGER\\b`, 'i'),
      new RegExp(`DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?["'\`]?${protectedTables}\\b`, 'i'),
    ];
    const offenders: string[] = [];
    const erasureFile = join('src-main', 'core', 'store', 'erasure.ts');
    expect(readFileSync(join(repoRoot, erasureFile), 'utf8')).toMatch(/sqlite\.exec\(trigger\.sql\)/);
    let scanned = 0;
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          walk(path);
        } else if (/\.(ts|tsx|js|mjs|cjs|sql)$/.test(name)) {
          scanned += 1;
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              const where = relative(repoRoot, path);
              // The one sanctioned rewrite of history: erasing a client (docs/architecture.md §28) lifts the
              // update guard inside its own transaction and puts the same trigger back (checked below).
              if (where === erasureFile && line.includes('DROP TRIGGER events_no_update')) return;
              if (patterns.some((pattern) => pattern.test(line))) offenders.push(`${where}:${index + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const dir of ['src-main', 'src-shared', 'server', 'drizzle']) walk(join(repoRoot, dir));
    expect(scanned).toBeGreaterThan(20);
    expect(offenders, `hard deletes found:\n${offenders.join('\n')}`).toEqual([]);
  });
});
