import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { inferRouterInputs } from '@trpc/server';
import type { z } from 'zod';
import type { AppRouter } from '../../../src-main/api/appRouter';
import type { commandInputs } from '../../../src-shared/commandInputs';
import type { ErrorEnvelope } from '../../../src-shared/errors';
import { commandOfFailure, commands, runStoredCommand } from '../../../src-renderer/api/commands';
import { envelopeOf, EnvelopeError, type Envelope } from '../../../src-renderer/api/errors';

/**
 * The renderer's command calls take their types from the shared schemas, and its one error
 * translator turns every failure into the shared envelope. The calls go to a stand-in for the
 * desk's HTTP endpoint that records what it was sent (the window's side is what is tested here).
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Commands = typeof commands;
type Inputs = typeof commandInputs;
type RouterInputs = inferRouterInputs<AppRouter>;
/** "entity.op" for every renderer command whose input is not exactly what its schema accepts. */
type HandWritten = {
  [E in keyof Commands]: {
    [O in keyof Commands[E]]: O extends keyof Inputs[E]
      ? Commands[E][O] extends (input: infer I) => unknown
        ? Same<I, z.input<Inputs[E][O]>> extends true
          ? never
          : `${E}.${O & string}`
        : `${E}.${O & string}`
      : `${E}.${O & string}`;
  }[keyof Commands[E]];
}[keyof Commands];

describe('the renderer calls the desk router with the shared types', () => {
  it('every command takes exactly the input its shared schema accepts (checked by tsc)', () => {
    expectTypeOf<HandWritten>().toBeNever();
    expectTypeOf<Envelope>().toEqualTypeOf<ErrorEnvelope>();
    expectTypeOf<RouterInputs['appointments']['create']>().toEqualTypeOf<z.input<Inputs['appointment']['create']>>();
    // The schemas' types are exact, not "any field": a field it does not have, or a missing
    // required one, is refused at the call site.
    const key = 'key-00000001';
    const calls = [
      () =>
        commands.appointment.create({
          idempotencyKey: key,
          clientId: 'c',
          staffId: 's',
          serviceId: 'v',
          startsAt: 0,
          // @ts-expect-error colourNote is not a field of appointment.create
          colourNote: 'x',
        }),
      // @ts-expect-error clientId is required
      () => commands.appointment.create({ idempotencyKey: key, staffId: 's', serviceId: 'v', startsAt: 0 }),
      // @ts-expect-error a cancellation needs its reason
      () => commands.appointment.cancel({ idempotencyKey: key, id: 'a', expectedVersion: 1 }),
    ];
    expect(calls).toHaveLength(3);
  });
});

describe('kept commands and failures', () => {
  const sent: { url: string; body: string }[] = [];
  beforeEach(() => {
    sent.length = 0;
    // Browser mode's tab: signed in, its session key in sessionStorage.
    vi.stubGlobal('sessionStorage', {
      getItem: () => 'session-key-1',
      setItem: () => undefined,
      removeItem: () => undefined,
    });
    vi.stubGlobal('fetch', async (url: string, init?: { body?: string }) => {
      sent.push({ url: String(url), body: String(init?.body ?? '') });
      return new Response('CareDesk is not running', { status: 503 });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a failed command remembers its procedure and input so it can be kept', async () => {
    const input = {
      idempotencyKey: 'key-00000002',
      clientId: 'c1',
      staffId: 's1',
      serviceId: 'v1',
      startsAt: 1_800_000_000_000,
    };
    const error: unknown = await commands.appointment.create(input).catch((caught: unknown) => caught);
    expect(sent.map((request) => request.url)).toEqual([expect.stringContaining('/trpc/appointments.create')]);
    expect(commandOfFailure(error)).toEqual({ procedure: 'appointments.create', input });
    expect(envelopeOf(error)).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true });
  });

  it('a kept command runs again by its path, with the input it was kept with', async () => {
    const input = { idempotencyKey: 'key-00000003', id: 'a1', expectedVersion: 2, reason: 'Client rang' };
    const error: unknown = await runStoredCommand({ procedure: 'appointments.cancel', input }).catch(
      (caught: unknown) => caught,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toContain('/trpc/appointments.cancel');
    expect(sent[0]?.body).toContain('key-00000003');
    expect(commandOfFailure(error)).toEqual({ procedure: 'appointments.cancel', input });
  });

  it('a kept command this version does not have is refused in plain words, without calling CareDesk', async () => {
    for (const procedure of [
      'appointments.frobnicate',
      'appointments.day',
      'appointments',
      'printer.create',
      'appointments.create.extra',
      'appointments.toString',
    ]) {
      const error: unknown = await runStoredCommand({ procedure, input: {} }).catch((caught: unknown) => caught);
      const envelope = envelopeOf(error);
      expect(envelope.code, procedure).toBe('NOT_FOUND');
      expect(envelope.retryable).toBe(false);
      expect(envelope.message).toMatch(/^This version of CareDesk no longer makes this kind of change/);
    }
    expect(sent).toEqual([]);
  });
});

describe('the one translator to the envelope', () => {
  const slotTaken: ErrorEnvelope = {
    code: 'SLOT_TAKEN',
    message: 'Ann is already booked then.',
    retryable: false,
    requestId: 'r1',
  };

  it('a failure already translated keeps its envelope', () => {
    expect(envelopeOf(new EnvelopeError(slotTaken))).toEqual(slotTaken);
  });

  it('an envelope handed over as data is used only when it is a real envelope', () => {
    expect(envelopeOf({ ...slotTaken })).toEqual(slotTaken);
    const made_up = envelopeOf({
      code: 'PRINT_FAILED',
      message: 'printer on fire',
      retryable: true,
      requestId: 'none',
    });
    expect(made_up.code).toBe('INTERNAL_ERROR');
    expect(made_up.message).toBe('CareDesk could not finish that. Nothing is known to be saved; please retry.');
  });

  it('anything else becomes a plain retryable failure', () => {
    expect(envelopeOf(new Error('SQLITE_BUSY: database is locked'))).toMatchObject({
      code: 'INTERNAL_ERROR',
      retryable: true,
    });
    expect(envelopeOf(undefined).message).not.toMatch(/SQLITE|undefined/);
  });
});
