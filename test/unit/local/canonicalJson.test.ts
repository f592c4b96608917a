import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, payloadHash } from '../../../src-shared/payloadHash';

/** The text the kept payload hashes were made from (databases hold them): it must never change. */
function referenceJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${referenceJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('canonicalJson and payloadHash', () => {
  it('write the same text as the reference for any payload', () => {
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.array(fc.option(fc.integer(), { nil: undefined })))),
    );
    fc.assert(
      fc.property(payload, (value) => {
        expect(canonicalJson(value)).toBe(referenceJson(value));
        expect(payloadHash(value)).toBe(createHash('sha256').update(referenceJson(value)).digest('hex'));
      }),
      { numRuns: 1000 },
    );
  });

  it('sort keys by code unit and leave out undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [undefined, { z: null, é: 'x', Z: undefined }], 'ä': true })).toBe(
      '{"a":[null,{"z":null,"é":"x"}],"b":1,"ä":true}',
    );
  });
});
