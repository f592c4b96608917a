import { describe, expect, it } from 'vitest';
import { readPhone } from '../../../src-shared/phoneReading';

/**
 * A number is read once for all it is asked (can it be a number, what finds it, where a text
 * goes): a whole number answers all three from that one reading, and text around a number is no
 * number, yet the number in it is still found and texted, as before the reading was shared.
 */
describe('a phone number read once', () => {
  it('a whole number: possible, found by each of its forms, texted in E.164', () => {
    expect(readPhone('07700 912466', 'GB')).toEqual({
      lengthProblem: undefined,
      forms: ['07700912466', '447700912466'],
      international: '+447700912466',
      significant: '7700912466',
    });
    expect(readPhone('+44 (0) 7700 912466', 'GB').forms).toEqual(['4407700912466', '07700912466', '447700912466']);
  });

  it('words around a number: no phone number, yet the number in it still finds the client', () => {
    expect(readPhone('mobile: 07700 912466', 'GB')).toEqual({
      lengthProblem: 'NOT_A_NUMBER',
      forms: ['07700912466', '447700912466'],
      international: '+447700912466',
      significant: '7700912466',
    });
  });

  it('too few digits, an unknown country code, no digits: each with the library’s reason, found by its digits alone', () => {
    expect(readPhone('07700', 'GB')).toEqual({ lengthProblem: 'TOO_SHORT', forms: ['07700'], international: null, significant: null });
    expect(readPhone('+999 123 456', 'GB')).toEqual({ lengthProblem: 'INVALID_COUNTRY', forms: ['999123456'], international: null, significant: null });
    expect(readPhone('n/a', 'GB')).toEqual({ lengthProblem: 'NOT_A_NUMBER', forms: [], international: null, significant: null });
  });

  it('read for the country asked', () => {
    expect(readPhone('(212) 555-0100', 'US').international).toBe('+12125550100');
    expect(readPhone('06 12 34 56 78', 'FR').international).toBe('+33612345678');
  });
});
