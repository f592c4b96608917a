import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, type ErrorEnvelope } from '../../../src-shared/errors';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { openStore } from '../../../src-main/core/store/open';
import { checkInvariants } from '../../support/local/invariants';
import { dumpDb, everyDay, HOUR_MS, key, makeShop, tempDir, type Shop } from '../../support/local/shop';

/**
 * The desk router end to end: the error envelope (with a request id) as a client receives it,
 * the actor taken from the session (never from input), owner-only areas, first-run set-up, the
 * activity log's paging, and that PIN hashes never leave the main process.
 */

const createCaller = createCallerFactory(appRouter);
let requestCounter = 0;

function contextFor(
  shop: { store: DeskContext['store']; clock: { now: () => number } },
  session: DeskSession,
): DeskContext {
  requestCounter += 1;
  return { store: shop.store, session, now: shop.clock.now, requestId: `req-${requestCounter}` };
}

/** One call the way browser mode makes it: HTTP + superjson, through the errorFormatter. */
async function overHttp(ctx: DeskContext, path: string, type: 'query' | 'mutation', input: unknown) {
  const url = new URL(`http://127.0.0.1/trpc/${path}`);
  const payload = superjson.serialize(input);
  let request: Request;
  if (type === 'query') {
    url.searchParams.set('input', JSON.stringify(payload));
    request = new Request(url, { method: 'GET' });
  } else {
    request = new Request(url, {
      method: 'POST',
      body: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
  }
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    req: request,
    router: appRouter,
    createContext: () => ctx,
  });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { envelope: ErrorEnvelope } } };
  };
  return { status: response.status, body };
}

describe('the desk router', () => {
  let shop: Shop;
  let session: DeskSession;
  beforeEach(async () => {
    shop = await makeShop();
    session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.staff[0].id });
  });
  afterEach(() => shop.close());

  it('a failure reaches the client as the typed envelope with its request id and HTTP status', async () => {
    const ctx = contextFor(shop, session);
    const bad = await overHttp(ctx, 'appointments.create', 'mutation', { idempotencyKey: 'short', clientId: 'nope' });
    expect(bad.status).toBe(400);
    const envelope = bad.body.error!.json.data.envelope;
    expect(errorEnvelopeSchema.parse(envelope)).toEqual(envelope);
    expect(envelope).toMatchObject({ code: 'VALIDATION_ERROR', retryable: false, requestId: ctx.requestId });
    expect(envelope.details?.field).toBe('idempotencyKey');
    expect(bad.body.error!.json.message).toBe(envelope.message);
    expect(envelope.message).not.toMatch(/zod|stack|at Object/i);

    const ctx2 = contextFor(shop, session);
    const missing = await overHttp(ctx2, 'appointments.history', 'query', { id: crypto.randomUUID() });
    expect(missing.status).toBe(200); // an unknown id simply has no history
    const ctx3 = contextFor(shop, session);
    const notFound = await overHttp(ctx3, 'clients.visits', 'query', { id: crypto.randomUUID() });
    expect(notFound.status).toBe(404);
    expect(notFound.body.error!.json.data.envelope).toMatchObject({ code: 'NOT_FOUND', requestId: ctx3.requestId });
  });

  it('a booking over HTTP is idempotent and a conflict comes back as 409 VERSION_CONFLICT', async () => {
    const input = {
      idempotencyKey: key('http'),
      clientId: shop.clients[0],
      staffId: shop.staff[0].id,
      serviceId: shop.services.cut,
      startsAt: Date.UTC(2026, 5, 2, 9, 0),
    };
    const first = await overHttp(contextFor(shop, session), 'appointments.create', 'mutation', input);
    const again = await overHttp(contextFor(shop, session), 'appointments.create', 'mutation', input);
    expect(first.status).toBe(200);
    expect(again.body.result).toEqual(first.body.result);
    const row = (first.body.result!.data.json as { row: { id: string } }).row;
    const move = (startsAt: number) => ({ idempotencyKey: key('http'), id: row.id, expectedVersion: 1, startsAt });
    expect(
      (await overHttp(contextFor(shop, session), 'appointments.reschedule', 'mutation', move(input.startsAt + HOUR_MS)))
        .status,
    ).toBe(200);
    const conflict = await overHttp(
      contextFor(shop, session),
      'appointments.reschedule',
      'mutation',
      move(input.startsAt + 2 * HOUR_MS),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error!.json.data.envelope.code).toBe('VERSION_CONFLICT');
  });

  it('the actor comes from the session: events name who was signed in, whatever the input says', async () => {
    const caller = createCaller(contextFor(shop, session));
    const created = await caller.clients.create({ idempotencyKey: key(), name: 'Signed In' });
    expect(created.event.actorStaffId).toBe(shop.staff[0].id);
    await expect(
      caller.clients.create({ idempotencyKey: key(), name: 'Spoof', actorStaffId: shop.owner.id } as never),
    ).rejects.toMatchObject({ cause: { code: 'VALIDATION_ERROR', details: { field: 'actorStaffId' } } });
  });

  it('staff cannot change staff, services or settings; nobody signed in cannot change anything once there is an owner', async () => {
    const staffCaller = createCaller(contextFor(shop, session));
    const snapshot = dumpDb(shop.store);
    await expect(
      staffCaller.services.create({ idempotencyKey: key(), name: 'Nope', durationMin: 30 }),
    ).rejects.toMatchObject({
      cause: { code: 'FORBIDDEN' },
    });
    await expect(
      staffCaller.staff.update({ idempotencyKey: key(), id: shop.staff[0].id, expectedVersion: 1, role: 'owner' }),
    ).rejects.toMatchObject({ cause: { code: 'FORBIDDEN' } });
    const nobody = createCaller(contextFor(shop, new DeskSession()));
    await expect(nobody.clients.create({ idempotencyKey: key(), name: 'Anon' })).rejects.toMatchObject({
      cause: { code: 'AUTH_REQUIRED' },
    });
    await expect(
      nobody.staff.create({ idempotencyKey: key(), name: 'Second owner', colour: '#000000', role: 'owner' }),
    ).rejects.toMatchObject({ cause: { code: 'AUTH_REQUIRED' } });
    expect(dumpDb(shop.store)).toBe(snapshot);
  });

  it('a deactivated staff member loses access at once', async () => {
    const bobSession = new DeskSession();
    await bobSession.signIn(shop.store, { staffId: shop.staff[1].id });
    const owner = new DeskSession();
    await owner.signIn(shop.store, { staffId: shop.owner.id });
    await createCaller(contextFor(shop, owner)).staff.deactivate({
      idempotencyKey: key(),
      id: shop.staff[1].id,
      expectedVersion: 1,
    });
    await expect(
      createCaller(contextFor(shop, bobSession)).clients.create({ idempotencyKey: key(), name: 'Too late' }),
    ).rejects.toMatchObject({
      cause: { code: 'AUTH_REQUIRED' },
    });
    await expect(
      createCaller(contextFor(shop, bobSession)).session.signIn({ staffId: shop.staff[1].id }),
    ).rejects.toMatchObject({
      cause: { code: 'NOT_FOUND' },
    });
  });

  it('PINs: sign-in needs the right PIN, and no PIN hash leaves the main process', async () => {
    const owner = new DeskSession();
    await owner.signIn(shop.store, { staffId: shop.owner.id });
    const ownerCaller = createCaller(contextFor(shop, owner));
    const created = await ownerCaller.staff.create({
      idempotencyKey: key(),
      name: 'Pinned',
      colour: '#abcdef',
      role: 'staff',
      pin: '4321',
    });
    const updated = await ownerCaller.staff.update({
      idempotencyKey: key(),
      id: created.row.id,
      expectedVersion: 1,
      pin: '9876',
    });
    const stored = shop.store.sqlite.prepare('SELECT pin_hash FROM staff WHERE id = ?').get(created.row.id) as {
      pin_hash: string;
    };
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
    expect(stored.pin_hash).not.toContain('9876');

    const pinned = new DeskSession();
    await expect(
      createCaller(contextFor(shop, pinned)).session.signIn({ staffId: created.row.id }),
    ).rejects.toMatchObject({
      cause: { code: 'AUTH_REQUIRED', details: { field: 'pin' } },
    });
    await expect(
      createCaller(contextFor(shop, pinned)).session.signIn({ staffId: created.row.id, pin: '4321' }),
    ).rejects.toMatchObject({
      cause: { code: 'AUTH_TOKEN_INVALID' },
    });
    expect(
      await createCaller(contextFor(shop, pinned)).session.signIn({ staffId: created.row.id, pin: '9876' }),
    ).toEqual({
      staffId: created.row.id,
      role: 'staff',
    });

    // Anything a receptionist's screen can fetch must not carry the hash (a 4-digit PIN falls to an offline guess).
    const staffCaller = createCaller(contextFor(shop, session));
    const seen = JSON.stringify([
      created,
      updated,
      await staffCaller.staff.list(),
      await staffCaller.history.ofEntity({ entityType: 'staff', entityId: created.row.id }),
      await staffCaller.activity.list({ limit: 200 }),
      await staffCaller.activity.list({ entityType: 'staff', limit: 200 }),
    ]);
    expect(seen).not.toContain(stored.pin_hash);
    expect(seen).not.toContain('scrypt$');
  });

  it('the activity log pages newest first without gaps or repeats, and filters by actor, type, entity and time', async () => {
    const caller = createCaller(contextFor(shop, session));
    const start = shop.clock.now();
    for (let index = 0; index < 25; index += 1) {
      shop.clock.advance(60_000);
      await caller.clients.create({ idempotencyKey: key(), name: `Client ${index}` });
    }
    const everything = shop.store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    const seen: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = await caller.activity.list({ limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((item) => item.seq));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(everything.n);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);

    const mine = await caller.activity.list({ actorStaffId: shop.staff[0].id, type: 'client.create', limit: 200 });
    expect(mine.items.every((item) => item.actorStaffId === shop.staff[0].id && item.type === 'client.create')).toBe(
      true,
    );
    expect(mine.items[0]!.actorName).toBe('Alice');
    const window = await caller.activity.list({ from: start + 5 * 60_000, to: start + 10 * 60_000, limit: 200 });
    expect(window.items.map((item) => item.at)).toEqual(
      [10, 9, 8, 7, 6, 5].slice(1).map((minutes) => start + minutes * 60_000),
    );
    const one = await caller.activity.list({ entityType: 'client', entityId: shop.clients[0]!, limit: 200 });
    expect(one.items).toHaveLength(1);
  });

  it('the activity log carries what a row needs to read as a sentence: the record, the names it mentions, what an undo undid', async () => {
    const caller = createCaller(contextFor(shop, session));
    const [alice, bob] = shop.staff;
    const booked = await caller.appointments.create({
      idempotencyKey: key(),
      clientId: shop.clients[0]!,
      staffId: alice.id,
      serviceId: shop.services.cut,
      startsAt: Date.UTC(2026, 5, 2, 9, 0),
    });
    const moved = await caller.appointments.reschedule({
      idempotencyKey: key(),
      id: booked.row.id,
      expectedVersion: 1,
      startsAt: Date.UTC(2026, 5, 2, 11, 0),
      staffId: bob.id,
    });
    await caller.appointments.undo({ idempotencyKey: key(), id: booked.row.id, expectedVersion: 2, eventId: moved.event.id });
    const page = await caller.activity.list({ entityType: 'appointment', entityId: booked.row.id, limit: 10 });
    expect(page.items.map((item) => item.type)).toEqual(['appointment.undo', 'appointment.reschedule', 'appointment.create']);
    const [undo, reschedule] = page.items;
    expect(undo!.undoesEventType).toBe('appointment.reschedule');
    expect(reschedule!.undoesEventType).toBeNull();
    // The booking as it is now, and every name the page's rows mention (the move's old and new staff member too).
    expect(reschedule!.subject).toMatchObject({ clientId: shop.clients[0], serviceId: shop.services.cut, staffId: alice.id, startsAt: Date.UTC(2026, 5, 2, 9, 0) });
    expect(page.names).toMatchObject({ [shop.clients[0]!]: 'Zoë Smith', [shop.services.cut]: 'Cut', [alice.id]: 'Alice', [bob.id]: 'Bob' });
    const clientRow = await caller.activity.list({ entityType: 'client', entityId: shop.clients[0]!, limit: 10 });
    expect(clientRow.items[0]!.subject).toEqual({ name: 'Zoë Smith' });
  });
});

describe('first run through the router', () => {
  it('settings, owner and services can be set up before anyone signs in; bookings cannot', async () => {
    const dir = tempDir();
    const store = openStore(`${dir.dir}/first.sqlite`);
    const clock = { now: () => Date.UTC(2026, 5, 1, 9, 0) };
    try {
      const session = new DeskSession();
      const caller = createCaller(contextFor({ store, clock }, session));
      expect((await caller.session.current()).needsSetup).toBe(true);
      await caller.settings.create({
        idempotencyKey: key(),
        shopName: 'Fresh',
        timeZone: 'Europe/Berlin',
        openingHours: everyDay('09:00', '18:00'),
      });
      await expect(caller.clients.create({ idempotencyKey: key(), name: 'Too early' })).rejects.toMatchObject({
        cause: { code: 'AUTH_REQUIRED' },
      });
      const owner = await caller.staff.create({
        idempotencyKey: key(),
        name: 'Owner',
        colour: '#000000',
        role: 'owner',
      });
      // The shop has an owner now: set-up without signing in is over.
      await expect(
        caller.services.create({ idempotencyKey: key(), name: 'Late', durationMin: 30 }),
      ).rejects.toMatchObject({
        cause: { code: 'AUTH_REQUIRED' },
      });
      await caller.session.signIn({ staffId: owner.row.id });
      await caller.services.create({ idempotencyKey: key(), name: 'Cut', durationMin: 30 });
      expect((await caller.session.current()).needsSetup).toBe(false);
      expect(checkInvariants(store)).toEqual([]);
    } finally {
      store.close();
      dir.cleanup();
    }
  });
});
