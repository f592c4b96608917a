import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { isAppError, type AppError } from '../../../src-shared/errors';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory, type DeskContext } from '../../../src-main/api/trpc';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { loadRow } from '../../../src-main/core/store/rows';
import { book, dumpDb, key, makeShop, type Shop } from '../../support/local/shop';

/**
 * Issue 9, item 2 on the desk: text no store can keep and times outside the years 2000 to 2100
 * are refused at the router with VALIDATION_ERROR naming the field in a receptionist's words, and
 * nothing is written (before the fix some were stored here and wedged the sync queue later, and
 * the largest admitted start time crashed the time helper).
 */

const createCaller = createCallerFactory(appRouter);
const NUL = '\u0000';
const HIGH = '\uD83D';
const LOW = '\uDE00';

let shop: Shop;
let appointment: { id: string; version: number };

beforeAll(async () => {
  shop = await makeShop();
  appointment = book(shop, Date.UTC(2026, 5, 2, 9, 0)).row;
});
afterAll(() => shop.close());

async function refused(call: (caller: ReturnType<typeof createCaller>) => Promise<unknown>): Promise<AppError> {
  const session = new DeskSession();
  await session.signIn(shop.store, { staffId: shop.owner.id });
  const ctx: DeskContext = { store: shop.store, session, now: shop.clock.now, requestId: `req-${key('r')}` };
  const before = dumpDb(shop.store);
  const error = await call(createCaller(ctx)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(dumpDb(shop.store), 'nothing is written').toBe(before);
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  expect(isAppError(cause)).toBe(true);
  return cause as AppError;
}

const version = (id: string) => (loadRow(shop.store, 'appointment', id) ?? loadRow(shop.store, 'client', id))!.version;

describe('the desk router refuses what cannot be stored or computed', () => {
  it.each([
    ['the year 9999', Date.parse('9999-12-31T10:00:00Z')],
    ['the year 15', Date.parse('0015-06-02T10:00:00Z')],
    ['1999', Date.UTC(1999, 11, 31, 10, 0)],
    ['2101', Date.UTC(2101, 0, 1, 10, 0)],
    ['the largest instant the old schema admitted', 8_640_000_000_000_000 - 1],
  ])('a booking in %s: "Start time must be between 2000 and 2100"', async (_label, startsAt) => {
    const error = await refused((caller) =>
      caller.appointments.create({
        idempotencyKey: key('limits'),
        clientId: shop.clients[0]!,
        staffId: shop.staff[0].id,
        serviceId: shop.services.long,
        startsAt,
        allowOutsideHours: true,
      }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details).toMatchObject({ field: 'startsAt' });
    expect(error.message).toBe('Start time must be between 2000 and 2100.');
  });

  it('moving a booking to the year 9999 is refused the same way', async () => {
    const error = await refused((caller) =>
      caller.appointments.reschedule({
        idempotencyKey: key('limits'),
        id: appointment.id,
        expectedVersion: version(appointment.id),
        startsAt: Date.parse('9999-12-31T10:00:00Z'),
      }),
    );
    expect(error.message).toBe('Start time must be between 2000 and 2100.');
  });

  it.each([
    ['NUL', `Ann${NUL}e`],
    ['a lone high surrogate', `Zo${HIGH}`],
    ['a lone low surrogate', `${LOW}Smith`],
  ])('a client name with %s: "Name contains a character that cannot be stored"', async (_label, name) => {
    const error = await refused((caller) => caller.clients.create({ idempotencyKey: key('limits'), name }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details).toMatchObject({ field: 'name' });
    expect(error.message).toBe('Name contains a character that cannot be stored.');
  });

  it('notes, a cancel reason, a staff name and the shop name with NUL are refused in words', async () => {
    const client = shop.clients[1]!;
    expect(
      (
        await refused((caller) =>
          caller.clients.update({
            idempotencyKey: key('l'),
            id: client,
            expectedVersion: version(client),
            notes: `x${NUL}`,
          }),
        )
      ).message,
    ).toBe('Notes contains a character that cannot be stored.');
    expect(
      (
        await refused((caller) =>
          caller.appointments.cancel({
            idempotencyKey: key('l'),
            id: appointment.id,
            expectedVersion: version(appointment.id),
            reason: `ill${NUL}`,
          }),
        )
      ).message,
    ).toBe('Reason contains a character that cannot be stored.');
    expect(
      (
        await refused((caller) =>
          caller.staff.create({ idempotencyKey: key('l'), name: `Al${HIGH}`, colour: '#123456', role: 'staff' }),
        )
      ).message,
    ).toBe('Name contains a character that cannot be stored.');
    const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
    expect(
      (
        await refused((caller) =>
          caller.settings.update({
            idempotencyKey: key('l'),
            id: SETTINGS_ID,
            expectedVersion: settings.version,
            shopName: `Cuts${NUL}`,
          }),
        )
      ).message,
    ).toBe('Shop name contains a character that cannot be stored.');
  });

  it('the day view of 31 Dec 9999 and pairing as a machine named with NUL are refused before anything runs', async () => {
    const day = await refused((caller) => caller.appointments.day({ date: '9999-12-31' }));
    expect(day.message).toBe('Date must be between 2000 and 2100.');
    const pairing = await refused((caller) =>
      caller.sync.pair({ serverUrl: 'http://127.0.0.1:9', code: '123456', deviceName: `Desk${NUL}` }),
    );
    expect(pairing.message).toBe('Name of this machine contains a character that cannot be stored.');
  });

  it('the same values inside the limits go through', async () => {
    const session = new DeskSession();
    await session.signIn(shop.store, { staffId: shop.owner.id });
    const caller = createCaller({ store: shop.store, session, now: shop.clock.now, requestId: 'req-ok' });
    const created = await caller.clients.create({ idempotencyKey: key('ok'), name: 'Zoë 😀' });
    expect((created.row as { name: string }).name).toBe('Zoë 😀');
  });
});
