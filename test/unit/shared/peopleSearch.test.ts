import { describe, expect, it } from 'vitest';
import { clientSearchText, nameWords, phoneForms, readClientQuery, shopCountry } from '../../../src-shared/peopleSearch';

/**
 * The one answer to "what finds this client" and "what does this typing look for": every way a
 * receptionist types a number or a name must lead to a word or a number form the stored client has.
 */

/** Whether typed text finds a client, judged on the keys and columns alone (as the store does). */
function finds(query: string, name: string, phone: string | null, country = shopCountry('Europe/London')): boolean {
  const stored = clientSearchText(name, phone, country);
  const read = readClientQuery(query, country);
  if (read.kind === 'everyone') return true;
  if (read.kind === 'nobody') return false;
  if (read.kind === 'name') return read.words.every((word) => stored.searchName.split(' ').some((held) => held.startsWith(word)));
  return read.runs.some((run) => (stored.searchPhone ?? '').split(' ').some((form) => form.includes(run)));
}

describe('people search', () => {
  it.each(['07700 912466', '07700912466', '2466', '912 466', '+44 7700 912466', '+447700912466', '0044 7700 912466', '+44 (0) 7700 912466', '7700-912-466'])(
    'a number stored as "07700 912466" is found by "%s"',
    (query) => {
      expect(finds(query, 'Zoë Smith', '07700 912466')).toBe(true);
      // Written the other way round, the same.
      expect(finds(query, 'Zoë Smith', '+44 7700 912466')).toBe(true);
    },
  );

  it('a number is not found by digits it does not hold, nor by fewer than three', () => {
    expect(finds('2467', 'Zoë Smith', '07700 912466')).toBe(false);
    expect(finds('+44 7700 912467', 'Zoë Smith', '07700 912466')).toBe(false);
    expect(finds('24', 'Zoë Smith', '07700 912466')).toBe(false);
    expect(finds('2466', 'Zoe Plain', null)).toBe(false);
  });

  it('a number the library cannot read still matches by its digits', () => {
    expect(phoneForms('ask at desk 12345', 'GB')).toEqual(['12345']);
    expect(finds('234', 'Ann Other', 'ask at desk 12345')).toBe(true);
    expect(phoneForms('n/a', 'GB')).toEqual([]);
  });

  it('numbers are read for the shop country: a New York shop finds its local number by its international form', () => {
    expect(shopCountry('America/New_York')).toBe('US');
    expect(shopCountry('Europe/Paris')).toBe('FR');
    expect(shopCountry('UTC')).toBe('GB');
    expect(shopCountry(null)).toBe('GB');
    expect(finds('+1 212 555 0100', 'Sam Lee', '(212) 555-0100', 'US')).toBe(true);
    expect(finds('555 01', 'Sam Lee', '(212) 555-0100', 'US')).toBe(true);
    expect(phoneForms('06 12 34 56 78', 'FR')).toContain('33612345678');
  });

  it.each([
    ['smith zoe', 'Zoë Smith'],
    ['zoe smith', 'Zoë Smith'],
    ['SMI Z', 'Zoë Smith'],
    ['zoe', 'Zoë Smith'],
    ['zoë', 'Zoe Smith'],
    ['obrien', "Siobhán O'Brien"],
    ["o'brien", 'Siobhan OBrien'],
    ['o’brien siob', "Siobhán O'Brien"],
    ['jane', 'Mary-Jane Smith-Jones'],
    ['maryjane', 'Mary-Jane Smith-Jones'],
    ['mary-jane jones', 'Mary-Jane Smith-Jones'],
    ['bjorn', 'Björn Ørsted'],
  ])('"%s" finds %s', (query, name) => {
    expect(finds(query, name, null)).toBe(true);
  });

  it.each([
    ['oe', 'Zoë Smith'], // words start, they are not searched inside
    ['zoe jones', 'Zoë Smith'], // every typed word must match
    ['brien', "O'Brien"],
  ])('"%s" does not find %s', (query, name) => {
    expect(finds(query, name, null)).toBe(false);
  });

  it('keeps the name in its order for the list, words whole after it', () => {
    expect(clientSearchText("Mary-Jane O'Brien", null, 'GB').searchName).toBe('mary jane obrien maryjane');
    expect(nameWords('  ZOË   Smith ')).toEqual(['zoe', 'smith']);
    expect(readClientQuery('   ', 'GB')).toEqual({ kind: 'everyone' });
    expect(readClientQuery('--', 'GB')).toEqual({ kind: 'nobody' });
  });
});
