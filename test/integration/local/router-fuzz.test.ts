import { routerGroupOf } from '../../../src-shared/kinds';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, isAppError, type AppError } from '../../../src-shared/errors';
import { fieldNameOf } from '../../../src-shared/fieldNames';
import { commandInputs } from '../../../src-shared/commandInputs';
import { argsSchemaFor, creatingOps, reasonRequiredOps } from '../../../src-shared/commands';
import { entityTypes, SETTINGS_ID, type EntityType } from '../../../src-shared/entities';
import { formatErrorShape } from '../../../src-shared/trpcErrors';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { loadRow } from '../../../src-main/core/store/rows';
import { createBlock, createTimeOff } from '../../../src-main/core/staff/commands';
import { createWaitlistEntry } from '../../../src-main/core/waitlist/commands';
import { createWalkIn } from '../../../src-main/core/walkIns/commands';
import { createMessage } from '../../../src-main/core/messages/commands';
import { createProduct, recordStockMovement } from '../../../src-main/core/stock/commands';
import { createFormTemplate, fillForm } from '../../../src-main/core/forms/commands';
import { createImportBatch } from '../../../src-main/core/imports/commands';
import { bookSeries } from '../../../src-main/core/appointments/series';
import { bookVisit } from '../../../src-main/core/appointments/visits';
import { checkInvariants } from '../../support/local/invariants';
import { book, contentFingerprint, dumpDb, everyDay, key, makeShop, type Shop } from '../../support/local/shop';

/**
 * Acceptance 8: every router procedure gets at least 500 random and malformed inputs. A failure
 * is always a typed AppError (never INTERNAL_ERROR, never a crash); VALIDATION_ERROR names the
 * field and writes nothing.
 */

const CASES = Number(process.env.CAREDESK_FUZZ_CASES ?? 520);
/**
 * The same cases every run, so a run's verdict does not hang on the moment it starts (fast-check
 * seeds from the clock otherwise); another seed is a variable away, and a failure prints its seed.
 */
const SEED = Number(process.env.CAREDESK_FUZZ_SEED ?? 20_261_130);
type Input = Record<string, unknown> | undefined;

const createCaller = createCallerFactory(appRouter);
const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string; inputs: unknown[] } }
>;

let shop: Shop;
let appointmentId: string;
let appointmentEventId: string;
let clientEventId: string;
let timeOffTarget: { id: string; eventId: string };
let aliceSession: DeskSession;
let blockTarget: { id: string; eventId: string };
let waitlistTarget: { id: string; eventId: string };
let walkInTarget: { id: string; eventId: string };
let messageTarget: { id: string; eventId: string };
let productTarget: { id: string; eventId: string };
let movementTarget: { id: string; eventId: string };
let formTemplateTarget: { id: string; eventId: string };
let formResponseTarget: { id: string; eventId: string };
let formVisitId: string;
let importTarget: { id: string; eventId: string };
let visitTarget: string;
let seriesTarget: { seriesId: string; firstId: string };

/** A record a command made, and the event that made it: what the fuzzed undo and change calls aim at. */
const madeBy = (made: { row: { id: string }; event: { id: string } }) => ({ id: made.row.id, eventId: made.event.id });
let shell: Record<string, unknown>;


/**
 * Every command the registry declares, undo included (src-shared/registry/): a new op is in this
 * list, and so fuzzed, without a line here.
 */
const registryCommands = entityTypes.flatMap((entityType) =>
  Object.keys(commandInputs[entityType]).map((op) => ({ entityType, op, path: `${routerGroupOf[entityType]}.${op}` })),
);

const OWN_PIN = '2468';
/** A staff member's PIN once staff.changeOwnPin has set it (only Alice's ever is). */
const pinOf = (staffId: string) => (loadRow(shop.store, 'staff', staffId)?.pinHash == null ? null : OWN_PIN);

/** The record each kind's change samples act on, and an event to undo. */
function targetOf(entityType: EntityType): { id: string; eventId: string } {
  const s = shop;
  switch (entityType) {
    case 'appointment':
      return { id: appointmentId, eventId: appointmentEventId };
    case 'client':
      return { id: s.clients[0]!, eventId: clientEventId };
    case 'staff':
      return { id: s.staff[1].id, eventId: appointmentEventId };
    case 'service':
      return { id: s.services.long, eventId: appointmentEventId };
    case 'settings':
      return { id: SETTINGS_ID, eventId: appointmentEventId };
    case 'timeOff':
      return timeOffTarget;
    case 'block':
      return blockTarget;
    case 'waitlist':
      return waitlistTarget;
    case 'walkIn':
      return walkInTarget;
    case 'message':
      return messageTarget;
    case 'product':
      return productTarget;
    case 'stockMovement':
      return movementTarget;
    case 'formTemplate':
      return formTemplateTarget;
    case 'formResponse':
      return formResponseTarget;
    case 'importBatch':
      return importTarget;
  }
}

/**
 * Valid args of the ops that need more than their record (and a record other than the usual
 * target). An op whose args may be empty needs no line: its sample is its record.
 */
function argsSample(path: string): { id?: string; args: Record<string, unknown> } | undefined {
  const s = shop;
  const samples: Record<string, () => { id?: string; args: Record<string, unknown> }> = {
    'appointments.create': () => ({
      args: {
        clientId: s.clients[0],
        staffId: s.staff[1].id,
        serviceId: s.services.cut,
        startsAt: Date.UTC(2026, 6, 1, 9, 0),
        notes: 'hello',
        allowOutsideHours: false,
      },
    }),
    'appointments.reschedule': () => ({ args: { startsAt: Date.UTC(2026, 5, 2, 12, 0), staffId: s.staff[0].id } }),
    'appointments.changeService': () => ({ args: { serviceId: s.services.colour } }),
    'appointments.updateNotes': () => ({ args: { notes: 'new notes' } }),
    'appointments.restore': () => ({ args: { allowOutsideHours: true } }),
    'appointments.recordClientConfirmation': () => ({ args: { via: 'phone' } }),
    'clients.create': () => ({ args: { name: 'Fuzzy Client', phone: '0123 456 789', email: 'f@example.com', notes: 'n' } }),
    'clients.update': () => ({ id: s.clients[1]!, args: { name: 'Renamed', phone: null } }),
    'clients.recordConsent': () => ({ id: s.clients[1]!, args: { channel: 'sms', given: true } }),
    'clients.delete': () => ({ id: s.clients[2]!, args: {} }),
    'clients.restore': () => ({ id: s.clients[2]!, args: {} }),
    'staff.create': () => ({ args: { name: 'Fuzz Staff', colour: '#123456', role: 'staff' } }),
    'staff.update': () => ({ args: { name: 'Robert', colour: '#654321' } }),
    'services.create': () => ({ args: { name: 'Fuzz Service', durationMin: 45, bufferAfterMin: 5, priceCents: 2500 } }),
    'services.update': () => ({ id: s.services.colour, args: { durationMin: 50 } }),
    'settings.create': () => ({ args: { shopName: 'Again', timeZone: 'Europe/Paris', openingHours: everyDay('09:00', '17:00') } }),
    'settings.update': () => ({ args: { shopName: 'Renamed shop', closedDates: ['2026-12-25'], paperSize: 'Letter' } }),
    'staff.setWorkingHours': () => ({
      args: { workingHours: { weeks: [everyDay('09:00', '17:00')], weekAStartsOn: '2026-06-01' } },
    }),
    // Alice, signed in for this procedure only, keeps changing her PIN to the same one.
    'staff.changeOwnPin': () => ({ id: s.staff[0].id, args: { currentPin: pinOf(s.staff[0].id), pin: OWN_PIN } }),
    'services.setSkills': () => ({
      id: s.services.colour,
      args: { performedBy: [{ staffId: s.staff[0].id, durationMin: 45, priceCents: null }] },
    }),
    'timeOff.create': () => ({
      args: { staffId: s.staff[0].id, kind: 'holiday', startsAt: Date.UTC(2026, 7, 3, 0, 0), endsAt: Date.UTC(2026, 7, 8, 0, 0) },
    }),
    'timeOff.update': () => ({ args: { note: 'Back on Monday' } }),
    'blocks.create': () => ({
      args: { staffId: s.staff[1].id, kind: 'lunch', startsAt: Date.UTC(2026, 7, 3, 12, 0), endsAt: Date.UTC(2026, 7, 3, 13, 0) },
    }),
    'waitlist.create': () => ({
      args: { clientId: s.clients[1], serviceId: s.services.colour, fromDate: '2026-09-01', toDate: '2026-09-14', fromTime: '13:00', toTime: '17:00' },
    }),
    'walkIns.create': () => ({ args: { name: 'Will Walk', serviceId: s.services.colour } }),
    'products.create': () => ({ args: { name: 'Shampoo', kind: 'retail', unit: 'bottle' } }),
    'products.update': () => ({ args: { lowStockAt: 3 } }),
    'stock.create': () => ({ args: { productId: productTarget.id, kind: 'received', quantity: 4 } }),
    'services.setProducts': () => ({ args: { products: [{ productId: productTarget.id, quantity: 1 }] } }),
    'walkIns.seat': () => ({ args: { appointmentId, clientId: s.clients[0] } }),
    'waitlist.update': () => ({ args: { note: 'Prefers afternoons' } }),
    'waitlist.markBooked': () => ({ args: { appointmentId } }),
    // clients[1]: by this path clients[0] has been removed (clients.undo undoes its creation).
    'messages.create': () => ({ args: { clientId: s.clients[1], appointmentId: null, kind: 'test', channel: 'email', to: 'zoe@example.com' } }),
    'imports.create': () => ({ args: { fileName: 'clients.csv', added: 3, merged: 1, skipped: 2 } }),
    'messages.reschedule': () => ({ args: { dueAt: Date.UTC(2026, 8, 3, 9, 0) } }),
    'messages.startSending': () => ({ args: { provider: 'smtp', subject: 'Hello', body: 'Hi Zoe' } }),
    'messages.recordSent': () => ({ args: { provider: 'smtp', providerMessageId: 'abc@example.com' } }),
    'messages.recordFailure': () => ({ args: { provider: 'smtp', error: 'Mailbox full', final: true, retryAt: null } }),
    'messages.markUncertain': () => ({ args: { error: 'The sender stopped before the answer was recorded.' } }),
    'formTemplates.create': () => ({ args: { name: 'Health form', fields: [{ key: 'q1', label: 'Any allergies?', kind: 'yesNo', required: true, choices: [] }] } }),
    'formTemplates.update': () => ({ args: { name: 'Health questions' } }),
    'formResponses.create': () => ({ args: { templateId: formTemplateTarget.id, clientId: s.clients[1], appointmentId: formVisitId } }),
    'formResponses.answer': () => ({ args: { answers: { q1: false } } }),
    'formResponses.sign': () => ({ args: { answers: { q1: false }, signedName: 'Zoe Client' } }),
    'blocks.move': () => ({ args: { startsAt: Date.UTC(2026, 7, 4, 12, 0), endsAt: Date.UTC(2026, 7, 4, 12, 30) } }),
  };
  return samples[path]?.();
}

/** A valid input of a registry command, or null when its op needs args no sample gives. */
function commandSample(entityType: EntityType, op: string, path: string): Input | null {
  const target = targetOf(entityType);
  const given = argsSample(path);
  const args =
    op === 'undo'
      ? { eventId: target.eventId }
      : (given?.args ?? (argsSchemaFor(entityType, op)?.safeParse({}).success === true ? {} : null));
  if (args === null) return null;
  const reason = reasonRequiredOps.has(`${entityType}.${op}`) ? { reason: 'ill' } : {};
  if (creatingOps.has(op)) return { idempotencyKey: key('fuzz'), ...reason, ...args };
  // The current version, so that the valid sample (and mutations that keep it valid) goes through.
  const id = given?.id ?? target.id;
  const row = entityTypes.map((kind) => loadRow(shop.store, kind, id)).find((found) => found !== null);
  return { idempotencyKey: key('fuzz'), id, expectedVersion: row?.version ?? 1, ...reason, ...args };
}

/**
 * Fields checked against each other: a start moved past its end is refused by naming the end
 * ("End time must be after the start time"), as a person reads it on the form.
 */
const pairedFields: Record<string, string[]> = {
  startsAt: ['endsAt'],
  from: ['to'],
  fromDate: ['toDate'],
  fromTime: ['toTime'],
  // A message's failure is final or says when it is tried again: the refusal names the retry time.
  final: ['retryAt'],
};

/** A valid input for each procedure (fresh idempotency key each time). */
function validInput(path: string): Input | null {
  const s = shop;
  const command = registryCommands.find((candidate) => candidate.path === path);
  if (command !== undefined) return commandSample(command.entityType, command.op, path);
  const samples: Record<string, () => Input> = {
    'appointments.day': () => ({ date: '2026-06-02', staffId: s.staff[0].id }),
    'appointments.freeSlots': () => ({
      date: '2026-06-02',
      staffId: s.staff[0].id,
      serviceId: s.services.cut,
      stepMin: 15,
    }),
    'appointments.nextAvailable': () => ({ serviceId: s.services.cut, date: '2026-06-02', days: 14, limit: 6 }),
    'appointments.history': () => ({ id: appointmentId }),
    'appointments.bookSeries': () => ({
      idempotencyKey: key('fuzz'),
      clientId: s.clients[0],
      staffId: s.staff[1].id,
      serviceId: s.services.cut,
      startsAt: Date.UTC(2026, 9, 6, 9, 0),
      repeat: { everyWeeks: 2, count: 3 },
    }),
    'appointments.cancelFollowing': () => ({ idempotencyKey: key('fuzz'), id: seriesTarget.firstId, reason: 'moving away' }),
    'appointments.moveFollowing': () => ({ idempotencyKey: key('fuzz'), id: seriesTarget.firstId, startsAt: Date.UTC(2026, 10, 10, 11, 0) }),
    'appointments.bookVisit': () => ({
      idempotencyKey: key('fuzz'),
      clientId: s.clients[1],
      segments: [
        { serviceId: s.services.cut, staffId: s.staff[1].id, startsAt: Date.UTC(2026, 9, 20, 8, 0) },
        { serviceId: s.services.colour, staffId: s.staff[1].id, startsAt: Date.UTC(2026, 9, 20, 8, 40) },
      ],
    }),
    'appointments.moveVisit': () => ({ idempotencyKey: key('fuzz'), visitId: visitTarget, startsAt: Date.UTC(2026, 9, 21, 8, 0) }),
    'appointments.cancelVisit': () => ({ idempotencyKey: key('fuzz'), visitId: visitTarget, reason: 'unwell' }),
    'appointments.undoVisit': () => ({ idempotencyKey: key('fuzz'), visitId: visitTarget }),
    'appointments.visit': () => ({ visitId: visitTarget }),
    'appointments.rebookOffer': () => ({ appointmentId, weeks: 6 }),
    'appointments.series': () => ({ seriesId: seriesTarget.seriesId }),
    'walkIns.seatNextFree': () => ({ idempotencyKey: key('fuzz'), id: walkInTarget.id }),
    'stock.history': () => ({ productId: productTarget.id }),
    'stock.count': () => ({ idempotencyKey: key('fuzz'), productId: productTarget.id, counted: 2, reason: 'Shelf count' }),
    'waitlist.fitting': () => ({ staffId: s.staff[0].id, from: Date.UTC(2026, 8, 2, 9, 0), to: Date.UTC(2026, 8, 2, 10, 0) }),
    'timeOff.list': () => ({ from: Date.UTC(2026, 7, 1), to: Date.UTC(2026, 9, 1), staffId: s.staff[0].id }),
    'blocks.list': () => ({ from: Date.UTC(2026, 7, 1), to: Date.UTC(2026, 9, 1) }),
    'clients.search': () => ({ query: 'zo', limit: 5, includeDeleted: false }),
    'clients.visits': () => ({ id: s.clients[0] }),
    'clients.alerts': () => ({ id: s.clients[0] }),
    'clients.futureBookings': () => ({ id: s.clients[0] }),
    'history.ofEntity': () => ({ entityType: 'appointment', entityId: appointmentId }),
    'history.deleted': () => ({ kind: 'appointment', limit: 20 }),
    'exports.appointments': () => ({ from: '2026-06-01', to: '2026-06-30' }),
    'exports.activity': () => ({ from: '2026-06-01', to: '2026-06-30' }),
    'reports.ownerNumbers': () => ({ from: '2026-06-01', to: '2026-06-30' }),
    'reports.pdf': () => ({ from: '2026-06-01', to: '2026-06-30' }),
    'reports.savePdf': () => ({ from: '2026-06-01', to: '2026-06-30' }),
    'reports.saveCsv': () => ({ from: '2026-06-01', to: '2026-06-30' }),
    'activity.list': () => ({
      limit: 10,
      entityType: 'appointment',
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2030, 0, 1),
    }),
    'session.signIn': () => ({ staffId: s.owner.id }),
    'support.report': () => ({ includeClientDetails: false }),
    'support.save': () => ({ includeClientDetails: true }),
    'backups.restore': () => ({ name: 'no-such-backup.sqlite' }),
    'print.dayHtml': () => ({ date: '2026-06-02', includeCancelled: true, paperSize: 'A4' }),
    'print.dayPdf': () => ({ date: '2026-06-02' }),
    'print.savePdf': () => ({ date: '2026-06-02' }),
    'print.printDay': () => ({ date: '2026-06-02', staffId: s.staff[0].id }),
  };
  const sample = samples[path];
  return sample === undefined ? null : sample();
}

/** Values of the wrong kind, boundary numbers and hostile strings. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    '',
    ' ',
    -1,
    0,
    -0,
    1.5,
    -1e308,
    1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 63,
    true,
    false,
    [],
    {},
    [1, 2, 3],
    { nested: { deep: [null] } },
    new Date(Number.NaN),
    new Date(0),
    new Map([[1, 2]]),
    new Set([1]),
    10n ** 30n,
    'x'.repeat(200_000),
    '9'.repeat(5_000),
    '\u0000\uFFFF\uD800',
    // Text no store can keep (issue 9): NUL, lone high and low surrogates, longer than any field.
    'Ann\u0000e',
    'Zo\uD800',
    '\uDC00Smith',
    'x'.repeat(2_001),
    // Instants and dates outside the supported years, and the largest a Date holds.
    Date.UTC(1999, 11, 31, 23, 59),
    Date.UTC(2101, 0, 1),
    Date.UTC(2100, 11, 31, 23, 0),
    8_640_000_000_000_000,
    8_640_000_000_000_000 - 1,
    -8_640_000_000_000_000,
    -86_400_000,
    '0015-06-02',
    '9999-12-31',
    // Records whose field names cannot be stored.
    { 'na\u0000me': 'x' },
    { '\uD800': 1, name: 'y' },
    "'; DROP TABLE appointments; --",
    '%_\\',
    '__proto__',
    '2026-02-30',
    '25:61',
    '00000000-0000-0000-0000-000000000000',
    Object.create(null) as object,
    JSON.parse('{"__proto__": {"polluted": true}}') as object,
  ),
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

type Mutation = { label: string; input: unknown; field?: string; extra?: string; asIs?: boolean };

/** A random or malformed input derived from a valid one (or from nothing). */
function mutationArb(path: string): fc.Arbitrary<(valid: Input) => Mutation> {
  const anythingWhole = fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBoxedValues: true,
  });
  return fc.oneof(
    fc.constant((valid: Input) => ({ label: 'the valid input as is', input: valid, asIs: true })),
    anythingWhole.map((value) => () => ({ label: 'anything', input: value })),
    hostile.map((value) => () => ({ label: 'hostile whole input', input: value })),
    fc.tuple(fc.nat(), hostile).map(([index, value]) => (valid: Input) => {
      const keys = Object.keys(valid ?? {});
      if (keys.length === 0) return { label: `hostile whole input (${path} has no fields)`, input: value };
      const field = keys[index % keys.length]!;
      return { label: `field ${field} := hostile`, input: { ...valid, [field]: value }, field };
    }),
    fc.nat().map((index) => (valid: Input) => {
      const keys = Object.keys(valid ?? {});
      if (keys.length === 0) return { label: 'empty', input: {} };
      const field = keys[index % keys.length]!;
      const { [field]: _dropped, ...rest } = valid ?? {};
      return { label: `missing ${field}`, input: rest, field };
    }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostile).map(([name, value]) => (valid: Input) => ({
      label: `extra field ${JSON.stringify(name)}`,
      input: { ...valid, [name]: value },
      ...(valid !== undefined && !(name in valid) ? { extra: name } : {}),
    })),
    fc
      .tuple(fc.nat(), fc.constantFrom('string→number', 'number→string', 'negate', 'huge', 'array', 'null'))
      .map(([index, how]) => (valid: Input) => {
        const keys = Object.keys(valid ?? {});
        if (keys.length === 0) return { label: 'null input', input: null };
        const field = keys[index % keys.length]!;
        const value = (valid ?? {})[field];
        const mutated =
          how === 'string→number'
            ? typeof value === 'string'
              ? value.length
              : String(value)
            : how === 'number→string'
              ? typeof value === 'number'
                ? String(value)
                : 42
              : how === 'negate'
                ? typeof value === 'number'
                  ? -value - 1
                  : -1
                : how === 'huge'
                  ? typeof value === 'string'
                    ? value.repeat(Math.ceil(300_000 / Math.max(1, value.length)))
                    : Number.MAX_VALUE
                  : how === 'array'
                    ? [value]
                    : null;
        return { label: `field ${field}: ${how}`, input: { ...valid, [field]: mutated }, field };
      }),
  );
}

function callProcedure(path: string, ctx: DeskContext, input: unknown): Promise<unknown> {
  let target: unknown = createCaller(ctx);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (value: unknown) => Promise<unknown>)(input);
}

/**
 * The shop's content fingerprint, read again only when the connection has changed a row since
 * (SQLite's total_changes counts every row written, triggers included): reading every table twice
 * a case made this file most of the unit run as successes filled the shop.
 */
let known: { store: Shop['store']; changes: number; fingerprint: string } | null = null;
const fingerprint = (s: Shop) => {
  const changes = (s.store.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  if (known === null || known.store !== s.store || known.changes !== changes)
    known = { store: s.store, changes, fingerprint: contentFingerprint(s.store) };
  return known.fingerprint;
};

describe('acceptance 8: the router under random and malformed input', () => {
  const tally: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    shop = await makeShop();
    const booked = book(shop, Date.UTC(2026, 5, 2, 9, 0));
    appointmentId = booked.row.id;
    appointmentEventId = booked.event.id;
    shell = { backupDir: join(shop.dir, 'backups'), outputDir: join(shop.dir, 'out'), appVersion: '0.0.0-test' };
    mkdirSync(shell.outputDir as string, { recursive: true });
    aliceSession = new DeskSession();
    await aliceSession.signIn(shop.store, { staffId: shop.staff[0].id });
    /** A stretch of a staff member's time on a day of September 2026, from and to a whole hour and minute. */
    const stretch = (staffId: string, day: number, from: [number, number], to: [number, number]) => ({
      staffId,
      startsAt: Date.UTC(2026, 8, day, ...from),
      endsAt: Date.UTC(2026, 8, day, ...to),
    });
    timeOffTarget = madeBy(createTimeOff(shop.ownerDesk, { idempotencyKey: key('fuzz-off'), kind: 'training', ...stretch(shop.staff[0].id, 1, [9, 0], [17, 0]) }));
    blockTarget = madeBy(createBlock(shop.receptionDesk, { idempotencyKey: key('fuzz-block'), kind: 'meeting', ...stretch(shop.staff[1].id, 2, [9, 0], [9, 30]) }));
    const waiting = createWaitlistEntry(shop.receptionDesk, {
      idempotencyKey: key('wait'),
      clientId: shop.clients[0]!,
      serviceId: shop.services.cut,
      fromDate: '2026-09-01',
      toDate: '2026-09-30',
      fromTime: '09:00',
      toTime: '12:00',
    });
    waitlistTarget = madeBy(waiting);
    const walkedIn = createWalkIn(shop.receptionDesk, { idempotencyKey: key('walk'), name: 'Wanda Walk', serviceId: shop.services.cut });
    walkInTarget = madeBy(walkedIn);
    const test = createMessage(shop.receptionDesk, { idempotencyKey: key('message'), clientId: shop.clients[0]!, appointmentId: null, kind: 'test', channel: 'sms', to: '+447700900123' });
    messageTarget = madeBy(test);
    const stocked = createProduct(shop.ownerDesk, { idempotencyKey: key('product'), name: 'Colour 6N', kind: 'backBar', unit: 'tube' });
    productTarget = madeBy(stocked);
    const received = recordStockMovement(shop.receptionDesk, { idempotencyKey: key('received'), productId: stocked.row.id, kind: 'received', quantity: 10 });
    movementTarget = madeBy(received);
    const form = createFormTemplate(shop.ownerDesk, {
      idempotencyKey: key('form'),
      name: 'Consent',
      fields: [{ key: 'q1', label: 'Any allergies?', kind: 'yesNo', required: true, choices: [] }],
    });
    formTemplateTarget = madeBy(form);
    formVisitId = book(shop, Date.UTC(2026, 5, 3, 9, 0), { clientId: shop.clients[1]! }).row.id;
    const filled = fillForm(shop.receptionDesk, { idempotencyKey: key('fill'), templateId: form.row.id, clientId: shop.clients[1]!, appointmentId: formVisitId });
    formResponseTarget = madeBy(filled);
    const imported = createImportBatch(shop.receptionDesk, { idempotencyKey: key('import'), fileName: 'clients.csv', added: 0, merged: 0, skipped: 0 });
    importTarget = madeBy(imported);
    const series = bookSeries(shop.receptionDesk, {
      idempotencyKey: key('series'),
      clientId: shop.clients[1]!,
      staffId: shop.staff[1].id,
      serviceId: shop.services.cut,
      startsAt: Date.UTC(2026, 10, 3, 10, 0),
      repeat: { everyWeeks: 1, count: 4 },
    });
    seriesTarget = { seriesId: series.seriesId, firstId: series.done[0]!.id };
    visitTarget = bookVisit(shop.receptionDesk, {
      idempotencyKey: key('visit'),
      clientId: shop.clients[2]!,
      segments: [
        { serviceId: shop.services.cut, staffId: shop.staff[1].id, startsAt: Date.UTC(2026, 10, 18, 10, 0) },
        { serviceId: shop.services.colour, staffId: shop.owner.id, startsAt: Date.UTC(2026, 10, 18, 10, 30) },
      ],
    }).visitId;
    clientEventId = (
      shop.store.sqlite.prepare(`SELECT id FROM events WHERE entity_id = ?`).get(shop.clients[0]) as { id: string }
    ).id;
  });
  afterAll(() => {
    const lines = Object.entries(tally).map(
      ([path, counts]) =>
        `  ${path.padEnd(28)} ${Object.entries(counts)
          .map(([code, n]) => `${code}=${n}`)
          .join(' ')}`,
    );
    console.log(`router fuzz outcomes per procedure:\n${lines.join('\n')}`);
    expect(checkInvariants(shop.store)).toEqual([]);
    shop.close();
  });

  const paths = Object.keys(procedures).sort();

  it('the router has the procedures the desk needs', () => {
    expect(paths.length).toBeGreaterThanOrEqual(40);
    // Every op the registry declares is a procedure, fuzzed from a valid sample (add its args above if it needs some).
    expect(registryCommands.map(({ path }) => path).filter((path) => !paths.includes(path))).toEqual([]);
    expect(registryCommands.filter(({ path }) => validInput(path) === null).map(({ path }) => path)).toEqual([]);
    const withoutSample = paths.filter((path) => procedures[path]!._def.inputs.length > 0 && validInput(path) === null);
    if (withoutSample.length > 0)
      console.warn(`fuzzing with random input only (no valid sample): ${withoutSample.join(', ')}`);
  });

  it.each(paths)(
    '%s: ≥ 500 random / malformed inputs → typed errors, VALIDATION_ERROR names the field and writes nothing',
    async (path) => {
      const counts: Record<string, number> = {};
      tally[path] = counts;
      const problems: string[] = [];
      const contentBefore = dumpDb(shop.store);
      let successes = 0;
      await fc.assert(
        fc.asyncProperty(mutationArb(path), async (mutate) => {
          const valid = validInput(path) ?? undefined;
          const mutation = mutate(valid);
          // changeOwnPin is Alice's own, and signing in again after she has a PIN would cost a slow hash per call.
          const session = path === 'staff.changeOwnPin' ? aliceSession : new DeskSession();
          if (session !== aliceSession) await session.signIn(shop.store, { staffId: shop.owner.id });
          // The shell services of issue 6 (backups, saving files) point at a temp dir; the ones that
          // need Chromium, a print dialog or a store swap are left out (they answer SHELL_SERVICE_MISSING).
          const ctx = {
            store: shop.store,
            session,
            now: shop.clock.now,
            requestId: `req-${key('r')}`,
            shell,
          } as DeskContext;
          const before = fingerprint(shop);
          try {
            await callProcedure(path, ctx, mutation.input);
            successes += 1;
            counts.ok = (counts.ok ?? 0) + 1;
            return;
          } catch (error) {
            if (!(error instanceof TRPCError) || !isAppError(error.cause)) {
              problems.push(`${mutation.label}: not a typed error: ${String(error)}`);
              return;
            }
            const app: AppError = error.cause;
            counts[app.code] = (counts[app.code] ?? 0) + 1;
            const envelope = formatErrorShape({ message: error.message, data: {} }, error, ctx.requestId).data.envelope;
            const parsed = errorEnvelopeSchema.safeParse(envelope);
            if (!parsed.success || envelope.requestId !== ctx.requestId)
              problems.push(`${mutation.label}: bad envelope ${JSON.stringify(envelope)}`);
            const shellMissing = (app.details as { kind?: unknown } | undefined)?.kind === 'SHELL_SERVICE_MISSING';
            if (shellMissing) counts['(shell service missing)'] = (counts['(shell service missing)'] ?? 0) + 1;
            if (app.code === 'INTERNAL_ERROR' && !shellMissing) {
              problems.push(
                `${mutation.label}: INTERNAL_ERROR (${String((app.cause as Error | undefined)?.stack ?? app.cause)})`,
              );
              return;
            }
            if (fingerprint(shop) !== before) problems.push(`${mutation.label}: ${app.code} but something was written`);
            if (
              app.code === 'VALIDATION_ERROR' &&
              mutation.asIs === true &&
              valid !== undefined &&
              !/^(id|eventId|staffId|serviceId|clientId)$/.test(String((app.details as { field?: unknown }).field))
            ) {
              problems.push(`the sample input of ${path} is not valid: ${app.message}`);
            }
            if (app.code === 'VALIDATION_ERROR') {
              const field = (app.details as { field?: unknown } | undefined)?.field;
              if (typeof field !== 'string' || field.length === 0)
                problems.push(`${mutation.label}: VALIDATION_ERROR without details.field`);
              else if (
                mutation.field !== undefined &&
                field !== '(input)' &&
                !field.startsWith(mutation.field) &&
                !(pairedFields[mutation.field] ?? []).includes(field) &&
                valid !== undefined
              ) {
                // The one changed field should be the one named (a refinement over the whole input may say "(input)").
                problems.push(`${mutation.label}: VALIDATION_ERROR names "${field}", expected "${mutation.field}"`);
              }
              if (mutation.extra !== undefined && field !== mutation.extra) {
                problems.push(`${mutation.label}: VALIDATION_ERROR names "${String(field)}", not the unknown field`);
              }
              // The field in a receptionist's words where it has a plain name, never zod's own terms.
              // (An unknown field has no plain name and is quoted as sent; the whole input is "this request".)
              const words =
                field === '(input)' ? 'This request' : (fieldNameOf(String(field).split('.')) ?? String(field));
              // Case aside: inside a sentence a name reads in lower case ("Monday's opening hours, first interval: closing time …").
              if (!app.message.toLowerCase().includes(words.toLowerCase()) && !app.message.includes(`"${String(field)}"`))
                problems.push(`${mutation.label}: message does not name the field "${words}": ${app.message}`);
              if (/Too small|Too big|Invalid input|expected \w+ to/.test(app.message))
                problems.push(`${mutation.label}: message is not in plain words: ${app.message}`);
            }
          }
        }),
        { numRuns: CASES, seed: SEED },
      );
      expect(problems.slice(0, 20), `${problems.length} problems for ${path}`).toEqual([]);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(500);
      if (successes === 0) expect(dumpDb(shop.store), 'nothing succeeded, yet the content changed').toBe(contentBefore);
      // Whatever got through must still fold back from its history (this caught lone surrogates in names).
      expect(checkInvariants(shop.store)).toEqual([]);
    },
    // The paths share one shop that every success fills; a support report reads all of it 520 times.
    180_000,
  );
});
