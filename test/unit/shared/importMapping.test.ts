import { describe, expect, it } from 'vitest';
import { guessMapping, mappingProblem } from '../../../src-shared/importMapping';

/** The importer's guess of each column from the header rows other tools write (issue 15). */

describe('guessing the columns of another tool’s export', () => {
  it.each([
    ['Square', ['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Notes'], ['firstName', 'lastName', 'email', 'phone', 'notes']],
    ['Fresha', ['First Name', 'Last Name', 'Mobile Number', 'Email', 'Client Notes'], ['firstName', 'lastName', 'phone', 'email', 'notes']],
    ['Phorest', ['Firstname', 'Surname', 'Mobile', 'E-mail', 'Notes'], ['firstName', 'lastName', 'phone', 'email', 'notes']],
    ['Vagaro', ['Customer First Name', 'Customer Last Name', 'Cell Phone', 'Email', 'Comments'], ['firstName', 'lastName', 'phone', 'email', 'notes']],
    ['CareDesk', ['Name', 'Phone', 'Email', 'Notes', 'Allergies', 'Patch test', 'Preferences'], ['name', 'phone', 'email', 'notes', 'allergies', 'patchTestOn', 'preferences']],
  ])('%s', (_tool, headers, fields) => {
    expect(guessMapping(headers)).toEqual(fields);
  });

  it('gives each field to the first column that names it and leaves unknown columns out', () => {
    expect(guessMapping(['Mobile', 'Home Phone', 'Loyalty points', ' Téléphone '])).toEqual(['phone', null, null, null]);
  });

  it('says in words when no column holds a name, or two columns fill one field', () => {
    expect(mappingProblem(['phone', 'email'])).toMatch(/name/);
    expect(mappingProblem(['name', 'phone', 'phone'])).toMatch(/same field/);
    expect(mappingProblem(['firstName', null])).toBeNull();
  });
});
