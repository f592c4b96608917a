import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionKinds, byPriority, type AttentionItem } from '../../../src-shared/attention/items';

const item = fc.record({
  kind: fc.constantFrom(...attentionKinds),
  key: fc.uuid(),
  title: fc.string(),
  detail: fc.string(),
  nextStep: fc.constant({ label: 'Open', screen: 'recovery' }),
  since: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined }),
}) as fc.Arbitrary<AttentionItem>;

describe('the attention order', () => {
  it('is by kind in the design order, then oldest first, whatever order the sources gave', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const sorted = byPriority(items);
        expect(sorted).toHaveLength(items.length);
        for (let i = 1; i < sorted.length; i += 1) {
          const [earlier, later] = [sorted[i - 1]!, sorted[i]!];
          const rank = attentionKinds.indexOf(earlier.kind) - attentionKinds.indexOf(later.kind);
          expect(rank).toBeLessThanOrEqual(0);
          if (rank === 0) expect(earlier.since ?? Infinity).toBeLessThanOrEqual(later.since ?? Infinity);
        }
      }),
    );
  });

  it('puts storage first and waitlist matches last', () => {
    expect(attentionKinds[0]).toBe('storage');
    expect(attentionKinds.at(-1)).toBe('waitlist-match');
  });
});
