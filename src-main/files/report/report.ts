import { statSync } from 'node:fs';
import { describeMessageProviders } from '../../agents/messages/providerConfig';
import { arch, platform, release } from 'node:os';
import { desc, sql } from 'drizzle-orm';
import { version as packageVersion } from '../../../package.json';
import { formatLocalDateTime } from '../../../src-shared/time';
import { getShopSettings } from '../../core/settings/queries';
import type { Store } from '../../core/store/open';
import { clients, eventColumns, events, outbox, staff } from '../../core/store/schema';
import { writeFileDurably } from '../../core/disk/files';
import { integrityCheck, type IntegrityResult, type RecentError, type SystemStatus } from '../../agents/status/deskStatus';

/**
 * The support report (docs/architecture.md §7): one plain-text file a shop can send to support. Client
 * names, phones and e-mails — and free text that may hold them (notes, reasons) — are redacted
 * unless the owner chooses to include them. Redaction is done twice: field by field while
 * building, then every known client name, phone and e-mail is scrubbed from the finished text,
 * so a value that slipped into an error message is caught too.
 */

export const appVersion: string = packageVersion;

export const outboxStates = ['pending', 'applied', 'conflict', 'rejected', 'failed', 'resolved'] as const;

export interface SupportReportInput {
  /** Defaults to package.json's version (Electron passes app.getVersion()). */
  appVersion?: string;
  /** The desk's system status (systemStatus(store, now), extended by the sync agent). */
  status: SystemStatus;
  recentErrors: readonly RecentError[];
  includeClientDetails: boolean;
  now: number;
  /** How many of the newest events to list. */
  eventLimit?: number;
  /** How many outbox problems (conflict / rejected / failed) to list. */
  problemLimit?: number;
  /** Overrides for the runtime lines (tests, Electron versions). */
  runtime?: Record<string, string>;
  integrity?: IntegrityResult;
}

export interface SupportReport {
  text: string;
  fileName: string;
  redacted: boolean;
  integrity: IntegrityResult;
  outboxCounts: Record<string, number>;
}

export const REDACTED = '[redacted]';
const clientFields = new Set(['name', 'phone', 'email', 'notes', 'searchName', 'searchPhone']);
const freeTextFields = new Set(['notes', 'cancelReason']);
/** A message's address and text (docs/architecture.md §17): the client's contact and words about them. */
const messageFields = new Set(['to', 'subject', 'body', 'lastError']);

function oneLine(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? 'null').replace(/\s+/g, ' ').slice(0, 200);
}

function redactValues(entityType: string, values: Record<string, unknown>, include: boolean): Record<string, unknown> {
  if (include) return values;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const sensitive =
      (entityType === 'client' && clientFields.has(key)) || (entityType === 'message' && messageFields.has(key)) || freeTextFields.has(key);
    out[key] = sensitive && value !== null && value !== '' ? REDACTED : value;
  }
  return out;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every name, phone and e-mail any client has had: current rows and the values in client events. */
function knownClientValues(store: Store): { names: Set<string>; phones: Set<string>; emails: Set<string> } {
  const names = new Set<string>();
  const phones = new Set<string>();
  const emails = new Set<string>();
  const add = (name: unknown, phone: unknown, email: unknown) => {
    if (typeof name === 'string' && name.trim() !== '') names.add(name.trim());
    if (typeof phone === 'string' && phone.trim() !== '') phones.add(phone.trim());
    if (typeof email === 'string' && email.trim() !== '') emails.add(email.trim());
  };
  for (const row of store.db.select({ name: clients.name, phone: clients.phone, email: clients.email }).from(clients).all()) {
    add(row.name, row.phone, row.email);
  }
  const history = store.sqlite
    .prepare(
      `SELECT json_extract(before, '$.name') AS n1, json_extract(before, '$.phone') AS p1, json_extract(before, '$.email') AS e1,
              json_extract(after, '$.name') AS n2, json_extract(after, '$.phone') AS p2, json_extract(after, '$.email') AS e2
         FROM events WHERE entity_type = 'client'`,
    )
    .all() as Record<'n1' | 'p1' | 'e1' | 'n2' | 'p2' | 'e2', unknown>[];
  for (const row of history) {
    add(row.n1, row.p1, row.e1);
    add(row.n2, row.p2, row.e2);
  }
  return { names, phones, emails };
}

const SEP = '[\\s().-]*';

/**
 * A phone matches on its last nine digits (the subscriber number) whatever the spacing, with any
 * prefix before them, so "+44 7700 900123" also catches "07700 900 123".
 */
function phonePattern(phone: string): RegExp | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5) return null;
  const core = digits.slice(-9).split('').join(SEP);
  return new RegExp(`(?<!\\d)\\+?(?:\\d${SEP}){0,6}${core}(?!\\d)`, 'g');
}

/** Patterns for every client's name, phone and e-mail, past values and deleted clients included. */
function clientScrubbers(store: Store): { pattern: RegExp; label: string }[] {
  const known = knownClientValues(store);
  const scrubbers: { pattern: RegExp; label: string }[] = [];
  for (const name of known.names) {
    if (name.length < 2) continue;
    const words = name.split(/\s+/).map(escapeRegExp).join('\\s+');
    scrubbers.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu'), label: '[client name]' });
  }
  for (const phone of known.phones) {
    const pattern = phonePattern(phone);
    if (pattern) scrubbers.push({ pattern, label: '[client phone]' });
  }
  for (const email of known.emails) scrubbers.push({ pattern: new RegExp(escapeRegExp(email), 'gi'), label: '[client e-mail]' });
  // E-mails before names (a name can be part of an address), longest first within each kind.
  const rank = (label: string) => (label === '[client e-mail]' ? 0 : label === '[client phone]' ? 1 : 2);
  return scrubbers.sort((a, b) => rank(a.label) - rank(b.label) || b.pattern.source.length - a.pattern.source.length);
}

export function scrubClientDetails(store: Store, text: string): string {
  let out = text;
  for (const { pattern, label } of clientScrubbers(store)) out = out.replace(pattern, label);
  return out;
}

function outboxRequestId(row: { lastError: unknown; outcome: unknown }): string | null {
  const fromError = (row.lastError as { requestId?: unknown } | null)?.requestId;
  if (typeof fromError === 'string') return fromError;
  const outcome = row.outcome as { requestId?: unknown; error?: { requestId?: unknown } | null } | null;
  if (typeof outcome?.error?.requestId === 'string') return outcome.error.requestId;
  if (typeof outcome?.requestId === 'string') return outcome.requestId;
  return null;
}

function outboxProblem(row: { lastError: unknown; outcome: unknown }): string {
  const error =
    (row.lastError as { code?: unknown; message?: unknown } | null) ??
    (row.outcome as { error?: { code?: unknown; message?: unknown } | null } | null)?.error ??
    null;
  if (error === null || typeof error !== 'object') return '';
  return [typeof error.code === 'string' ? error.code : '', typeof error.message === 'string' ? oneLine(error.message) : '']
    .filter(Boolean)
    .join(' — ');
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Build the report text (nothing is written). */
export function buildSupportReport(store: Store, input: SupportReportInput): SupportReport {
  const include = input.includeClientDetails;
  const settings = getShopSettings(store);
  const zone = settings?.timeZone ?? 'UTC';
  const integrity = input.integrity ?? integrityCheck(store);
  const lines: string[] = [];
  const section = (title: string) => lines.push('', `== ${title} ==`);

  lines.push('CareDesk support report');
  lines.push(`Generated: ${iso(input.now)} (${formatLocalDateTime(input.now, zone)} ${zone})`);
  lines.push(
    `Client details: ${include ? 'INCLUDED at the owner’s request' : 'redacted (client names, phones, e-mails, notes and reasons are hidden)'}`,
  );

  section('App');
  lines.push(`App version: ${input.appVersion ?? appVersion}`);
  lines.push(`Schema version: ${store.schemaVersion} (database user_version ${String(store.sqlite.pragma('user_version', { simple: true }))})`);
  lines.push(`Device id: ${store.deviceId}`);
  lines.push(`Shop: ${settings?.shopName ?? '(not set up)'} · time zone ${zone} · paper ${settings?.paperSize ?? '-'}`);
  const runtime: Record<string, string> = {
    platform: `${platform()} ${release()} (${arch()})`,
    node: process.versions.node,
    ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}),
    ...input.runtime,
  };
  for (const [key, value] of Object.entries(runtime)) lines.push(`Runtime ${key}: ${value}`);
  let size = '?';
  try {
    size = `${statSync(store.file).size} bytes`;
  } catch {
    // in-memory or moved: leave '?'
  }
  lines.push(`Database: ${store.file} (${size}, journal ${String(store.sqlite.pragma('journal_mode', { simple: true }))})`);

  section('System status');
  const mode = input.status.mode;
  lines.push(
    `Status: ${mode.charAt(0).toUpperCase()}${mode.slice(1)} · booking changes ${input.status.writesLocked ? 'LOCKED' : 'allowed'} · checked ${iso(input.status.checkedAt)}`,
  );
  for (const check of input.status.checks) {
    lines.push(`  [${check.status.toUpperCase()}] ${check.name}: ${oneLine(check.message)}`);
  }
  if (input.status.checks.length === 0) lines.push('  (no checks reported)');

  section('Integrity check');
  lines.push(`Database integrity: ${integrity.ok ? 'ok' : 'FAILED'}`);
  if (!integrity.ok) for (const message of integrity.messages) lines.push(`  ${message}`);

  section('Outbox (sync queue)');
  const counted = store.db
    .select({ state: outbox.state, count: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.state)
    .all();
  const outboxCounts: Record<string, number> = Object.fromEntries(outboxStates.map((state) => [state, 0]));
  for (const row of counted) outboxCounts[row.state] = row.count;
  lines.push(Object.entries(outboxCounts).map(([state, count]) => `${state} ${count}`).join(' · '));
  const problemStates = ['conflict', 'rejected', 'failed'];
  const problems = store.db
    .select()
    .from(outbox)
    .where(sql`${outbox.state} IN ('conflict', 'rejected', 'failed')`)
    .orderBy(outbox.mutationId)
    .limit(input.problemLimit ?? 100)
    .all();
  const problemTotal = problemStates.reduce((sum, state) => sum + (outboxCounts[state] ?? 0), 0);
  lines.push(`Conflicts, rejections and failures needing a person: ${problemTotal}`);
  for (const row of problems) {
    const requestId = outboxRequestId(row);
    lines.push(
      `  #${row.mutationId} ${row.state} ${row.entityType}.${row.op} ${row.entityId} base v${row.baseVersion ?? '-'} attempts ${row.attempts} requestId ${requestId ?? '(none)'}${outboxProblem(row) ? ` — ${outboxProblem(row)}` : ''}`,
    );
  }
  if (problems.length < problemTotal) lines.push(`  … and ${problemTotal - problems.length} more`);

  section('Message providers');
  for (const line of describeMessageProviders(store)) lines.push(line);

  section('Recent errors');
  const errors = input.recentErrors.slice(-50);
  if (errors.length === 0) lines.push('(none)');
  for (const error of errors) lines.push(`  ${iso(error.at)} ${error.code} requestId ${error.requestId} — ${oneLine(error.message)}`);

  section(`Recent events (newest ${input.eventLimit ?? 50})`);
  const recent = store.db
    .select(eventColumns)
    .from(events)
    .orderBy(desc(events.seq))
    .limit(input.eventLimit ?? 50)
    .all();
  const staffNames = new Map(
    store.db
      .select({ id: staff.id, name: staff.name })
      .from(staff)
      .all()
      .map((row) => [row.id, row.name]),
  );
  if (recent.length === 0) lines.push('(none)');
  for (const event of recent) {
    const actor = event.actorStaffId === null ? 'set-up' : (staffNames.get(event.actorStaffId) ?? event.actorStaffId);
    const before = redactValues(event.entityType, event.before ?? {}, include);
    const after = redactValues(event.entityType, event.after ?? {}, include);
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => !['updatedAt', 'createdAt', 'version'].includes(key))
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => `${key}: ${oneLine(before[key] ?? null)} → ${oneLine(after[key] ?? null)}`);
    const reason = event.reason === null ? '' : ` reason: ${include ? oneLine(event.reason) : REDACTED}`;
    lines.push(
      `  #${event.seq} ${iso(event.at)} ${event.type} v${event.version} ${event.entityId} by ${actor} on ${event.deviceId === store.deviceId ? 'this device' : event.deviceId}${event.undoesEventId ? ` undoes ${event.undoesEventId}` : ''}${reason}`,
    );
    if (changed.length > 0) lines.push(`      ${changed.join('; ')}`);
  }
  lines.push('', '-- end of report --', '');

  const assembled = lines.join('\n');
  const text = include ? assembled : scrubClientDetails(store, assembled);
  const stamp = iso(input.now).replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  return { text, fileName: `caredesk-support-${stamp}.txt`, redacted: !include, integrity, outboxCounts };
}

/** Save the report as one file; resolves once it is on disk, rejects with an AppError otherwise. */
export async function saveSupportReport(report: SupportReport, path: string): Promise<{ path: string; bytes: number }> {
  return writeFileDurably(path, report.text, { what: 'the support report' });
}
