import { describe, expect, it } from 'vitest';
import { commandInputs } from '../../../src-shared/commandInputs';
import { commandSchema, opSchemas } from '../../../src-shared/commands';
import { clientSchema, instantSchema, localDateSchema } from '../../../src-shared/entities';
import { isAppError, parseOrThrow, type AppError } from '../../../src-shared/errors';
import { pairInputSchema, pushInputSchema } from '../../../src-shared/sync';
import { text } from '../../../src-shared/text';
import { localDateOf, localWallClock } from '../../../src-shared/time';

/**
 * Issue 9, item 2: every value a schema admits can be stored (PostgreSQL and SQLite) and computed
 * (the time helper). Text without NUL or lone surrogates and with a length limit, field names
 * inside records too; instants in the years 2000 to 2100. Refusals name the field in words.
 */

const NUL = '\u0000';
const HIGH = '\uD83D'; // the first half of an emoji, alone
const LOW = '\uDE00'; // the second half, alone
const id = () => crypto.randomUUID();

function refusal(schema: Parameters<typeof parseOrThrow>[0], value: unknown): AppError {
  try {
    parseOrThrow(schema, value);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

const command = (overrides: Record<string, unknown> = {}) => ({
  entityType: 'client',
  op: 'create',
  entityId: id(),
  expectedVersion: null,
  idempotencyKey: 'key-12345678',
  reason: null,
  args: { name: 'Zoë' },
  ...overrides,
});
const mutation = (overrides: Record<string, unknown> = {}) => ({
  mutationId: 1,
  eventId: id(),
  command: command(),
  actorStaffId: null,
  clientTime: Date.UTC(2026, 5, 1, 9, 0),
  ...overrides,
});

describe('text every store can keep', () => {
  it.each([
    ['NUL', `Ann${NUL}e`],
    ['a lone high surrogate', `Zo${HIGH}`],
    ['a lone low surrogate', `${LOW}Smith`],
    ['NUL alone', NUL],
  ])('a name with %s is refused in words', (_label, name) => {
    const error = refusal(opSchemas.client.create, { name });
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details).toMatchObject({ field: 'name' });
    expect(error.message).toBe('Name contains a character that cannot be stored.');
  });

  it('a well-formed pair of surrogates (an emoji) and accents are kept', () => {
    expect(parseOrThrow(opSchemas.client.create, { name: 'Zoë 😀' })).toMatchObject({ name: 'Zoë 😀' });
  });

  it('notes, reasons and the shop name refuse NUL; over-long text is refused with its limit', () => {
    expect(refusal(opSchemas.appointment.updateNotes, { notes: `a${NUL}b` }).message).toBe(
      'Notes contains a character that cannot be stored.',
    );
    expect(refusal(opSchemas.settings.update, { shopName: `Cuts${NUL}` }).message).toBe(
      'Shop name contains a character that cannot be stored.',
    );
    const cancel = { idempotencyKey: 'key-12345678', id: id(), expectedVersion: 1 };
    expect(refusal(commandInputs.appointment.cancel, { ...cancel, reason: `ill${HIGH}` }).message).toBe(
      'Reason contains a character that cannot be stored.',
    );
    expect(refusal(commandInputs.appointment.cancel, { ...cancel, reason: '' }).message).toBe('Reason is required.');
    expect(refusal(opSchemas.client.create, { name: 'x'.repeat(201) }).message).toBe(
      'Name must be at most 200 characters.',
    );
    expect(refusal(opSchemas.client.update, { notes: 'x'.repeat(2001) }).message).toBe(
      'Notes must be at most 2000 characters.',
    );
    expect(parseOrThrow(opSchemas.client.create, { name: 'x'.repeat(200) }).name).toHaveLength(200);
  });

  it('one text builder with a limit and the same refusal everywhere', () => {
    const short = text(5, { min: 1 });
    expect(short.safeParse('  hi  ').data).toBe('hi');
    expect(short.safeParse('toolong').success).toBe(false);
    expect(short.safeParse('   ').success).toBe(false);
    expect(short.safeParse(`h${NUL}`).error?.issues[0]?.message).toBe('contains a character that cannot be stored');
    expect(text(5, { trim: false }).safeParse(' a ').data).toBe(' a ');
  });

  it('a stored row with NUL in its text does not parse (the fold refuses what the database could not keep)', () => {
    const at = Date.UTC(2026, 0, 1);
    const row = {
      id: id(),
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      name: 'A',
      phone: null,
      email: null,
      notes: '',
    };
    expect(clientSchema.safeParse(row).success).toBe(true);
    expect(clientSchema.safeParse({ ...row, notes: NUL }).success).toBe(false);
  });
});

describe('a change as the sync protocol carries it', () => {
  it('the op refuses NUL and lone surrogates', () => {
    for (const op of [`create${NUL}`, `cre${HIGH}ate`, `${LOW}`]) {
      const error = refusal(commandSchema, command({ op }));
      expect(error.details).toMatchObject({ field: 'op' });
      expect(error.message).toBe('Kind of change contains a character that cannot be stored.');
    }
  });

  it('a field name inside args with NUL or a lone surrogate is refused, and not echoed back', () => {
    for (const key of [`na${NUL}me`, `${HIGH}`, `name${LOW}`]) {
      const error = refusal(pushInputSchema, { mutations: [mutation({ command: command({ args: { [key]: 'x' } }) })] });
      expect(error.details).toMatchObject({ field: 'mutations.0.command.args' });
      expect(error.message).toBe(
        'Details of the change has a field name that contains a character that cannot be stored.',
      );
      expect(JSON.stringify(error.toEnvelope('r'))).not.toMatch(/\\u0000|\\ud8|\\udc|\\ude/i);
    }
    expect(refusal(commandSchema, command({ args: { ['k'.repeat(101)]: 1 } })).details).toMatchObject({
      field: 'args',
    });
  });

  it('a reason with NUL and a device name with NUL at pairing are refused', () => {
    expect(refusal(commandSchema, command({ reason: `why${NUL}` })).details).toMatchObject({ field: 'reason' });
    const pairing = refusal(pairInputSchema, { code: '123456', deviceName: `Front desk${NUL}` });
    expect(pairing.message).toBe('Name of this machine contains a character that cannot be stored.');
    expect(refusal(pairInputSchema, { code: '123456', deviceName: `Front desk${HIGH}` }).details).toMatchObject({
      field: 'deviceName',
    });
    expect(refusal(pairInputSchema, { code: '123456', deviceName: 'd'.repeat(101) }).details).toMatchObject({
      field: 'deviceName',
    });
  });

  it('a valid change still parses', () => {
    expect(pushInputSchema.safeParse({ mutations: [mutation()] }).success).toBe(true);
  });
});

describe('instants in the years 2000 to 2100', () => {
  it.each([
    ['31 Dec 1999', Date.UTC(1999, 11, 31, 23, 59, 59, 999)],
    ['1 Jan 2101', Date.UTC(2101, 0, 1)],
    ['the largest instant a Date holds', 8_640_000_000_000_000],
    ['just below it', 8_640_000_000_000_000 - 1],
    ['a negative instant', -1],
    ['the year 15', Date.parse('0015-06-02T09:00:00Z')],
    ['31 Dec 9999', Date.parse('9999-12-31T09:00:00Z')],
  ])('%s is refused', (_label, instant) => {
    expect(instantSchema.safeParse(instant).success).toBe(false);
    const base = { idempotencyKey: 'key-12345678', clientId: id(), staffId: id(), serviceId: id() };
    const error = refusal(commandInputs.appointment.create, { ...base, startsAt: instant });
    expect(error.details).toMatchObject({ field: 'startsAt' });
    expect(error.message).toBe('Start time must be between 2000 and 2100.');
  });

  it('the first and last instants are admitted, and a booking start leaves room for its end', () => {
    expect(instantSchema.safeParse(Date.UTC(2000, 0, 1)).success).toBe(true);
    expect(instantSchema.safeParse(Date.UTC(2100, 11, 31, 23, 59, 59, 999)).success).toBe(true);
    const base = { clientId: id(), staffId: id(), serviceId: id() };
    expect(opSchemas.appointment.create.safeParse({ ...base, startsAt: Date.UTC(2100, 11, 30, 12, 0) }).success).toBe(
      true,
    );
    // 12 hours of service and 4 of buffer would end in 2101.
    expect(opSchemas.appointment.create.safeParse({ ...base, startsAt: Date.UTC(2100, 11, 31, 23, 0) }).success).toBe(
      false,
    );
  });

  it('a time of a change from 1970 is refused on the wire', () => {
    expect(refusal(pushInputSchema, { mutations: [mutation({ clientTime: 0 })] }).message).toBe(
      'Time of the change must be between 2000 and 2100.',
    );
  });

  it('dates outside the years are refused, in words', () => {
    expect(localDateSchema.safeParse('2026-06-02').success).toBe(true);
    for (const date of ['1999-12-31', '2101-01-01', '0015-06-02', '9999-12-31']) {
      expect(localDateSchema.safeParse(date).error?.issues[0]?.message).toBe('must be between 2000 and 2100');
    }
    expect(localDateSchema.safeParse('2026-02-30').error?.issues[0]?.message).toBe('must be a date as YYYY-MM-DD');
  });

  it('the time helper computes every admitted instant and never throws a bare RangeError', () => {
    for (const instant of [Date.UTC(2000, 0, 1), Date.UTC(2100, 11, 31, 23, 59, 59, 999)]) {
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London']) {
        expect(localWallClock(instant, zone).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(localDateOf(instant, zone)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    let thrown: unknown;
    try {
      localWallClock(8_640_000_000_000_000 - 1, 'Pacific/Kiritimati');
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && thrown.code).toBe('VALIDATION_ERROR');
  });
});
