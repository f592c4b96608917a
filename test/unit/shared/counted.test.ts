import { describe, expect, it } from 'vitest';
import { agreeing, counted } from '../../../src-shared/counted';

describe('counted words', () => {
  it('says one change, two changes — never change(s)', () => {
    expect(counted(1, 'change')).toBe('1 change');
    expect(counted(0, 'change')).toBe('0 changes');
    expect(counted(4, 'change')).toBe('4 changes');
    expect(counted(2, 'person', 'people')).toBe('2 people');
    expect(`${counted(1, 'change')} ${agreeing(1, 'has', 'have')} waited`).toBe('1 change has waited');
    expect(`${counted(3, 'change')} ${agreeing(3, 'has', 'have')} waited`).toBe('3 changes have waited');
  });
});
