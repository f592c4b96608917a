import { readFileSync, writeFileSync, chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, updateClient } from '../../../src-main/core/clients/commands';
import { appVersion, buildSupportReport, saveSupportReport } from '../../../src-main/files/report/report';
import { RecentErrors, systemStatus, type SystemStatus } from '../../../src-main/agents/status/deskStatus';
import { AppError } from '../../../src-shared/errors';
import packageJson from '../../../package.json';
import { key, seedShop, tempDir, type Shop } from './fixtures';

/** Acceptance 2 of issue 6: the support report's content, its redaction, and its saving. */

const secret = {
  name: 'Zoë Quinterra-Vale',
  phone: '+44 7700 900123',
  phoneReformatted: '07700 900 123',
  email: 'zoe.quinterra@example.org',
  newEmail: 'zq.private@example.net',
  notes: 'Prefers Zoë Quinterra-Vale on the card; allergic to latex',
};

let shop: Shop;
let dir: string;
const now = Date.UTC(2026, 2, 10, 12, 0);
const errors = new RecentErrors(10);
// The shape the sync agent will report: the desk's SystemStatus with a degraded sync check.
const status: SystemStatus = {
  paired: false,
  mode: 'degraded',
  writesLocked: false,
  checkedAt: now,
  checks: [
    { name: 'storage', status: 'ok', message: 'The database is writing normally.' },
    { name: 'integrity', status: 'ok', message: 'The database integrity check passed.' },
    { name: 'sync', status: 'warning', message: 'No successful push for 6 minutes.' },
  ],
};

beforeAll(async () => {
  dir = tempDir();
  shop = await seedShop(join(dir, 'desk.sqlite'), { appointments: 8 });
  const created = createClient(shop.desk, {
    idempotencyKey: key('secret'),
    name: secret.name,
    phone: secret.phone,
    email: secret.email,
    notes: secret.notes,
  } as never);
  updateClient(shop.desk, {
    idempotencyKey: key('secret-upd'),
    id: created.row.id,
    expectedVersion: 1,
    email: secret.newEmail,
  } as never);
  // Outbox rows as the sync agent would leave them: one of each interesting state.
  const insert = shop.store.sqlite.prepare(
    `INSERT INTO outbox (mutation_id, event_id, idempotency_key, entity_type, entity_id, op, base_version, args, reason,
       actor_staff_id, client_time, state, outcome, attempts, last_error, updated_at)
     VALUES (?, ?, ?, 'client', ?, 'update', 1, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)`,
  );
  const rows: [number, string, unknown, unknown][] = [
    [1, 'applied', { status: 'applied', error: null }, null],
    [2, 'conflict', { status: 'conflict', error: { code: 'VERSION_CONFLICT', message: 'Changed elsewhere', requestId: 'req-conflict-0002' } }, null],
    [3, 'rejected', { status: 'rejected', error: { code: 'SLOT_TAKEN', message: 'Slot taken', requestId: 'req-rejected-0003' } }, null],
    [4, 'failed', null, { code: 'NETWORK_UNAVAILABLE', message: `Push failed for ${secret.name}`, requestId: 'req-failed-0004' }],
    [5, 'pending', null, null],
    [6, 'pending', null, null],
  ];
  for (const [id, state, outcome, lastError] of rows) {
    insert.run(
      id,
      `00000000-0000-4000-8000-00000000000${id}`,
      key('outbox'),
      created.row.id,
      JSON.stringify({ name: secret.name, phone: secret.phone }),
      now,
      state,
      outcome === null ? null : JSON.stringify(outcome),
      id,
      lastError === null ? null : JSON.stringify(lastError),
      now,
    );
  }
  errors.record({ at: now - 1000, code: 'SLOT_TAKEN', message: 'That time is taken.', requestId: 'req-err-1' });
  errors.record({
    at: now - 500,
    code: 'VALIDATION_ERROR',
    message: `Could not save ${secret.name} (${secret.phoneReformatted}, ${secret.email})`,
    requestId: 'req-err-2',
  });
});

afterAll(() => shop?.store.close());

function report(includeClientDetails: boolean) {
  return buildSupportReport(shop.store, {
    status,
    recentErrors: errors.list(),
    includeClientDetails,
    now,
    runtime: { electron: 'n/a (test)' },
  });
}

describe('support report', () => {
  it('lists versions, device, status checks, integrity, outbox with request ids, errors and events', () => {
    const { text, outboxCounts, integrity } = report(false);
    expect(appVersion).toBe(packageJson.version);
    expect(text).toContain(`App version: ${packageJson.version}`);
    expect(text).toContain(`Schema version: ${shop.store.schemaVersion}`);
    expect(text).toContain(`Device id: ${shop.store.deviceId}`);
    expect(text).toContain('Status: Degraded · booking changes allowed');
    expect(text).toContain('[WARNING] sync: No successful push for 6 minutes.');
    expect(text).toContain('[OK] storage');
    expect(text).toContain('[OK] integrity');
    expect(integrity.ok).toBe(true);
    expect(text).toContain('Database integrity: ok');
    expect(outboxCounts).toEqual({ pending: 2, applied: 1, conflict: 1, rejected: 1, failed: 1, resolved: 0 });
    expect(text).toContain('pending 2 · applied 1 · conflict 1 · rejected 1 · failed 1 · resolved 0');
    expect(text).toContain('needing a person: 3');
    for (const id of ['req-conflict-0002', 'req-rejected-0003', 'req-failed-0004']) expect(text).toContain(id);
    expect(text).toContain('req-err-1');
    expect(text).toContain('req-err-2');
    expect(text).toMatch(/#\d+ \S+ client\.update v2 /);
    expect(text).toContain('appointment.cancel v');
    expect(text).toContain('by Ann Owner on this device');
    const eventLines = text.split('\n').filter((line) => /^ {2}#\d+ \d{4}-/.test(line));
    const total = (shop.store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    expect(eventLines).toHaveLength(Math.min(50, total));
    expect(buildSupportReport(shop.store, { status, recentErrors: [], includeClientDetails: false, now, eventLimit: 5 }).text).toMatch(/newest 5/);
  });

  it('redacts client names, phones, e-mails and notes by default', () => {
    const { text, redacted } = report(false);
    expect(redacted).toBe(true);
    const lower = text.toLowerCase();
    for (const value of [secret.name, secret.email, secret.newEmail, 'Quinterra', 'latex']) {
      expect(lower).not.toContain(value.toLowerCase());
    }
    expect(text.replace(/\D/g, '')).not.toContain('7700900123');
    for (const client of shop.clients) {
      expect(text).not.toContain(client.name);
      expect(text).not.toContain(client.email);
      expect(text).not.toContain(client.phone);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('[client name]');
    // Staff are not clients: their names stay, so support can follow who did what.
    expect(text).toContain('Ann Owner');
  });

  it('includes them when the owner chooses to', () => {
    const { text, redacted } = report(true);
    expect(redacted).toBe(false);
    expect(text).toContain('INCLUDED');
    expect(text).toContain(secret.newEmail);
    expect(text).toContain(secret.name);
    expect(text).toContain(secret.phoneReformatted);
  });

  it('prints the desk’s own status when no sync agent reports one', () => {
    shop.store.storageFailure = new AppError('DB_TRANSACTION_FAILED', 'disk I/O error');
    const text = buildSupportReport(shop.store, { status: systemStatus(shop.store, now), recentErrors: [], includeClientDetails: false, now }).text;
    shop.store.storageFailure = null;
    expect(text).toContain('Status: Unsafe · booking changes LOCKED');
    expect(text).toContain('[FAILED] storage');
    expect(text).toContain('[OK] integrity');
  });

  it('saves one file, awaited, with exactly the report text', async () => {
    const built = report(false);
    const target = join(dir, built.fileName);
    const saved = await saveSupportReport(built, target);
    expect(saved.path).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe(built.text);
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it('reports a failed save as an AppError and leaves nothing behind', async () => {
    const built = report(false);
    // Root ignores permission bits, so the failure must be real: a "folder" that is a file.
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const error = await saveSupportReport(built, join(blocker, built.fileName)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', details: { kind: 'FILE_WRITE_FAILED', errno: 'ENOTDIR' } });
    expect((error as AppError).message).toMatch(/could not save the support report/);

    const missing = await saveSupportReport(built, '/nonexistent-device/caredesk/report.txt').catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ details: { kind: 'FILE_WRITE_FAILED', errno: 'ENOENT' } });

    if (process.geteuid?.() !== 0) {
      const readOnly = join(dir, 'read-only');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o500);
      const denied = await saveSupportReport(built, join(readOnly, 'r.txt')).catch((caught: unknown) => caught);
      expect(denied).toMatchObject({ details: { kind: 'FILE_WRITE_FAILED', errno: 'EACCES' } });
    }
  });
});
