import { z } from 'zod';

/**
 * Which of the client's fields each column of an imported CSV fills (docs/architecture.md §29),
 * and the guess made from the header row. Other tools name their columns differently (Square's
 * "Phone Number", Fresha's "Mobile Number", Phorest's "Mobile", Vagaro's "Cell Phone"…), so a
 * header is compared with its letters and digits only, in lower case, without accents.
 */

export const importFields = ['name', 'firstName', 'lastName', 'phone', 'email', 'notes', 'allergies', 'patchTestOn', 'preferences'] as const;
export const importFieldSchema = z.enum(importFields);
export type ImportField = z.infer<typeof importFieldSchema>;

/** One entry per column, in the file's order: the field it fills, or null to leave it out. */
export const importMappingSchema = z.array(importFieldSchema.nullable()).max(500);
export type ImportMapping = z.infer<typeof importMappingSchema>;

const headerAliases: Record<ImportField, readonly string[]> = {
  name: ['name', 'fullname', 'clientname', 'customername', 'customer', 'client', 'displayname', 'contactname'],
  firstName: ['firstname', 'givenname', 'forename', 'first', 'clientfirstname', 'customerfirstname'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'clientlastname', 'customerlastname'],
  phone: [
    'phone',
    'mobile',
    'mobilenumber',
    'mobilephone',
    'phonenumber',
    'mobilephonenumber',
    'cellphone',
    'cell',
    'cellnumber',
    'telephone',
    'tel',
    'contactnumber',
    'primaryphone',
    'homephone',
  ],
  email: ['email', 'emailaddress', 'mail', 'clientemail', 'customeremail'],
  notes: ['notes', 'note', 'clientnotes', 'customernotes', 'comments', 'comment', 'memo'],
  allergies: ['allergies', 'allergy', 'allergyinformation', 'medicalnotes'],
  patchTestOn: ['patchtest', 'patchtestdate', 'patchtestedon', 'lastpatchtest', 'dateofpatchtest'],
  preferences: ['preferences', 'preference', 'clientpreferences'],
};

/** "E-mail Address" → "emailaddress". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The guessed field of each column: the first column whose header names a field takes it. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const key = headerKey(header);
    const field = importFields.find((candidate) => !taken.has(candidate) && headerAliases[candidate].includes(key));
    if (field === undefined) return null;
    taken.add(field);
    return field;
  });
}

/** A mapping that fills no name is no mapping: say so in words before any row is read. */
export function mappingProblem(mapping: ImportMapping): string | null {
  const fields = mapping.filter((field): field is ImportField => field !== null);
  if (new Set(fields).size !== fields.length) return 'Two columns fill the same field. Choose each field for one column only.';
  if (!fields.includes('name') && !fields.includes('firstName') && !fields.includes('lastName'))
    return 'Choose the column that holds the client’s name (or first and last name).';
  return null;
}
