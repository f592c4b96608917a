import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { wireTransformer } from '../../../server/wire';

const { serialize } = wireTransformer.output;

describe('the server\'s answer transformer', () => {
  it('sends exactly what superjson sends, with or without its shortcut', () => {
    const answers: unknown[] = [
      { outcomes: [{ mutationId: 1, status: 'applied', row: { id: 'a', version: 1, notes: '', deletedAt: null, active: true }, changeId: 7, error: null }], lastMutationId: 1 },
      [1, 'two', null, [false, { deep: { deeper: [0.5] } }]],
      'text',
      null,
      { at: new Date(0) },
      { missing: undefined },
      { big: 10n },
      { specials: [Number.NaN, Number.POSITIVE_INFINITY, -0] },
      { set: new Set([1]), map: new Map([['k', 1]]) },
      Object.assign(Object.create(null) as object, { bare: 1 }),
    ];
    for (const answer of answers) {
      expect(serialize(answer)).toEqual(superjson.serialize(answer));
      expect(superjson.deserialize(serialize(answer) as Parameters<typeof superjson.deserialize>[0])).toEqual(answer);
    }
  });

  it('gives way to superjson beyond its depth instead of walking without end', () => {
    let nested: unknown = 'leaf';
    for (let i = 0; i < 200; i += 1) nested = { nested };
    expect(serialize(nested)).toEqual(superjson.serialize(nested));
  });
});
