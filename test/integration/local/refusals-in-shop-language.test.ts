import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../src-main/api/appRouter';
import type { DeskContext } from '../../../src-main/api/trpc';
import { getShopSettings } from '../../../src-main/core/settings/queries';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { errorEnvelopeSchema, type ErrorEnvelope } from '../../../src-shared/errors';
import type { LocaleSettings } from '../../../src-shared/locale/settings';
import { key, makeShop, type Shop } from '../../support/local/shop';

/**
 * Issue 15: a refusal reaches the screen in the shop's language. The calls go the way browser
 * mode makes them (HTTP through the desk router's errorFormatter, where the desk says the refusal
 * in the shop's language), against a real SQLite shop; an English shop reads exactly the English
 * the refusals have always said.
 */

const spanish: LocaleSettings = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '12h', weekStart: 1, currency: 'EUR' };

async function refusalOf(ctx: DeskContext, path: string, input: unknown): Promise<ErrorEnvelope> {
  const request = new Request(`http://127.0.0.1/trpc/${path}`, {
    method: 'POST',
    body: JSON.stringify(superjson.serialize(input)),
    headers: { 'content-type': 'application/json' },
  });
  const response = await fetchRequestHandler({ endpoint: '/trpc', req: request, router: appRouter, createContext: () => ctx });
  const body = (await response.json()) as { error?: { json: { message: string; data: { envelope: ErrorEnvelope } } } };
  expect(body.error, `${path} was not refused`).toBeDefined();
  const envelope = errorEnvelopeSchema.parse(body.error!.json.data.envelope);
  // tRPC's own message is the one the screen reads too.
  expect(body.error!.json.message).toBe(envelope.message);
  return envelope;
}

/** A refusal as each language says it; its code, details and catalogue words are the same in every language. */
type RefusalCase = { code: string; details?: object; say?: object; en: string; es: string };

/** The envelopes a shop in `language` reads: each case's code, details and words, with its message in that language. */
function readIn<Cases extends Record<string, RefusalCase>>(language: 'en' | 'es', cases: Cases) {
  return Object.fromEntries(
    Object.entries(cases).map(([name, { en, es, ...same }]) => [name, { ...same, message: language === 'en' ? en : es }]),
  ) as Record<keyof Cases, Partial<ErrorEnvelope>>;
}

describe('refusals in the shop language', () => {
  let shop: Shop;
  let owner: DeskSession;
  let reception: DeskSession;
  const ctxOf = (session: DeskSession): DeskContext => ({ store: shop.store, session, now: shop.clock.now, requestId: key('req') });
  // 10:00 and 21:00 in London on 2 June 2026 (the shop opens 08:00–20:00).
  const inHours = Date.UTC(2026, 5, 2, 9, 0);
  const afterHours = Date.UTC(2026, 5, 2, 20, 0);
  const booking = (startsAt: number) => ({
    idempotencyKey: key('book'),
    clientId: shop.clients[0]!,
    staffId: shop.staff[0].id,
    serviceId: shop.services.cut,
    startsAt,
  });

  beforeEach(async () => {
    shop = await makeShop();
    owner = new DeskSession();
    await owner.signIn(shop.store, { staffId: shop.owner.id });
    reception = new DeskSession();
    await reception.signIn(shop.store, { staffId: shop.staff[0].id });
  });
  afterEach(() => shop.close());
  const inSpanish = () => {
    const settings = getShopSettings(shop.store)!;
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key('es'), id: SETTINGS_ID, expectedVersion: settings.version, locale: spanish });
  };

  /** Four refusals a receptionist meets: a taken slot, after hours, a client with no name, an owner's change. */
  async function fourRefusals() {
    await appRouter.createCaller(ctxOf(reception)).appointments.create(booking(inHours));
    return {
      taken: await refusalOf(ctxOf(reception), 'appointments.create', booking(inHours)),
      afterHours: await refusalOf(ctxOf(reception), 'appointments.create', booking(afterHours)),
      noName: await refusalOf(ctxOf(reception), 'clients.create', { idempotencyKey: key('client'), name: '' }),
      notOwner: await refusalOf(ctxOf(reception), 'staff.create', { idempotencyKey: key('staff'), name: 'Newcomer', colour: '#123456', role: 'staff' }),
    };
  }

  // Each case's refusal as the English and the Spanish shop read it: the code and details are the same in both.
  const refusalCases = {
    taken: {
      code: 'SLOT_TAKEN',
      details: { field: 'startsAt' },
      en: 'That time is already booked for this staff member. Choose another time or another staff member.',
      es: 'Esa hora ya está reservada para esta persona. Elige otra hora u otra persona del equipo.',
    },
    afterHours: {
      code: 'OUTSIDE_OPENING_HOURS',
      en: "That time is outside the shop's opening hours. Choose another time, or book it anyway as an exception.",
      es: 'Esa hora está fuera del horario de apertura del salón. Elige otra hora o resérvala de todos modos como excepción.',
    },
    noName: {
      code: 'VALIDATION_ERROR',
      // What a form reads to mark the field.
      details: { field: 'name', issues: [{ field: 'name', problem: 'must not be empty' }] },
      en: 'Name must not be empty.',
      es: 'Nombre: no puede quedar en blanco.',
    },
    notOwner: {
      code: 'FORBIDDEN',
      en: 'Only the shop owner can change staff, services, time off and shop settings.',
      es: 'Solo el dueño del salón puede cambiar el equipo, los servicios, las ausencias y los ajustes del salón.',
    },
  } satisfies Record<keyof Awaited<ReturnType<typeof fourRefusals>>, RefusalCase>;

  it('an English shop reads the refusals exactly as they have always been worded', async () => {
    const refusals = await fourRefusals();
    expect(refusals).toMatchObject(readIn('en', refusalCases));
    // The words go with the envelope, so another reader can say them again.
    expect(refusals.taken.say).toEqual({ key: 'slots.taken' });
    expect(refusals.noName.say).toEqual({ key: 'validation.field', params: { name: { key: 'words:fields.name' }, problem: { key: 'problems.empty' } } });
  });

  it('a Spanish shop reads the same refusals in Spanish, their details unchanged', async () => {
    inSpanish();
    expect(await fourRefusals()).toMatchObject(readIn('es', refusalCases));
  });

  it("a refusal naming a person, a day and a time says them in the shop's language and formats", async () => {
    inSpanish();
    const caller = appRouter.createCaller(ctxOf(owner));
    // Alice is on holiday all of 2 June: a booking at 10:00 that day is outside her schedule.
    await caller.timeOff.create({
      idempotencyKey: key('off'),
      staffId: shop.staff[0].id,
      kind: 'holiday',
      startsAt: Date.UTC(2026, 5, 1, 23, 0),
      endsAt: Date.UTC(2026, 5, 2, 23, 0),
    });
    // The shop's own formats: its day/month/year and its 12-hour clock (Intl writes "a. m." with a narrow space).
    const away = await refusalOf(ctxOf(reception), 'appointments.create', booking(inHours));
    expect(away).toMatchObject({
      code: 'OUTSIDE_SCHEDULE',
      message:
        'Alice está de vacaciones en ese momento (martes 02/06/2026, 10:00 a.\u202fm.). Elige otra hora u otra persona del equipo, o resérvala de todos modos como excepción.',
    });
  });
  describe('the desk-side failures (Recovery Center, CSV import, backups)', () => {
    const client = () => ({ entityType: 'client', entityId: shop.clients[0]! });
    /** Four a receptionist can meet: a Recovery Center choice with nothing left to settle, a move of what is no booking, an empty CSV file, one too large. */
    async function fourFailures() {
      const { uploadId } = await appRouter.createCaller(ctxOf(reception)).imports.beginUpload({ fileName: 'clientes.csv', bytes: 0 });
      return {
        nothingLeft: await refusalOf(ctxOf(reception), 'recovery.keepServer', client()),
        notABooking: await refusalOf(ctxOf(reception), 'recovery.moveBooking', { ...client(), startsAt: inHours }),
        emptyFile: await refusalOf(ctxOf(reception), 'imports.preview', { uploadId }),
        tooLarge: await refusalOf(ctxOf(reception), 'imports.beginUpload', { fileName: 'clientes.csv', bytes: 25 * 1024 * 1024 }),
      };
    }

    const failureCases = () =>
      ({
        nothingLeft: {
          code: 'NOT_FOUND',
          details: client(),
          say: { key: 'recovery.nothingLeft' },
          en: 'There is nothing left to resolve for this record.',
          es: 'No queda nada por resolver en este registro.',
        },
        notABooking: { code: 'VALIDATION_ERROR', details: { field: 'entityType' }, en: 'Only bookings can be moved.', es: 'Solo se pueden mover citas.' },
        emptyFile: {
          code: 'VALIDATION_ERROR',
          details: { field: 'file' },
          en: 'This file is empty. Choose the CSV file your other program exported.',
          es: 'Este archivo está vacío. Elige el archivo CSV que exportó tu otro programa.',
        },
        tooLarge: {
          code: 'PAYLOAD_TOO_LARGE',
          details: { field: 'file', bytes: 25 * 1024 * 1024 },
          en: 'This file is 25 MB; the importer reads files up to 20 MB. Save the clients in smaller files and import each one.',
          es: 'Este archivo ocupa 25 MB; el importador lee archivos de hasta 20 MB. Guarda los clientes en archivos más pequeños e importa cada uno.',
        },
      }) satisfies Record<keyof Awaited<ReturnType<typeof fourFailures>>, RefusalCase>;

    it('an English shop reads them as they have always been worded', async () => {
      expect(await fourFailures()).toMatchObject(readIn('en', failureCases()));
    });

    it('a Spanish shop reads them in Spanish, their details unchanged', async () => {
      inSpanish();
      expect(await fourFailures()).toMatchObject(readIn('es', failureCases()));
    });
  });
});
