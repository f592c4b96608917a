import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src-shared/ids';

describe('newId', () => {
  it('makes distinct version-7 UUIDs that sort in the order they were made, across refills of its random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
