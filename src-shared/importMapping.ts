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

/**
 * The headers a Spanish export writes (Booksy, Treatwell, Fresha in Spanish, a shop's own sheet),
 * the desk's other language: "Teléfono móvil" → "telefonomovil".
 */
const spanishHeaders: Record<ImportField | AppointmentImportField, readonly string[]> = {
  name: ['nombre', 'nombrecompleto', 'nombreyapellidos', 'cliente', 'clienta', 'nombredelcliente', 'nombrecliente'],
  firstName: ['nombredepila', 'nombredelclientesinapellidos'],
  lastName: ['apellidos', 'apellido', 'primerapellido', 'apellidosdelcliente'],
  phone: ['telefono', 'movil', 'telefonomovil', 'celular', 'numerodetelefono', 'numerodemovil', 'tlf', 'telf', 'telefonodecontacto', 'telefonocliente'],
  email: ['correo', 'correoelectronico', 'direcciondecorreo', 'direcciondecorreoelectronico', 'emailcliente', 'correocliente'],
  notes: ['notas', 'nota', 'observaciones', 'comentarios', 'comentario'],
  allergies: ['alergias', 'alergia', 'informacionmedica'],
  patchTestOn: ['pruebadealergia', 'pruebadesensibilidad', 'fechapruebadealergia', 'testdealergia', 'fechadelapruebadealergia'],
  preferences: ['preferencias', 'preferencia'],
  service: ['servicio', 'servicios', 'tratamiento', 'nombredelservicio'],
  staff: ['profesional', 'empleado', 'empleada', 'estilista', 'personal', 'trabajador', 'atendidopor', 'con', 'equipo'],
  date: ['fecha', 'fechadelacita', 'dia', 'fechadeinicio'],
  startTime: ['hora', 'horadeinicio', 'inicio', 'horadelacita'],
  duration: ['duracion', 'duracionmin', 'duracionminutos', 'minutos'],
};

/** "E-mail Address" → "emailaddress". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The guessed field of each column: the first column whose header names a field, in English or
 * Spanish, takes it. A bare "Name" beside a surname column is the first name ("Nombre" beside
 * "Apellidos" is how Spanish sheets split a name).
 */
function guessFields<F extends ImportField | AppointmentImportField>(
  headers: readonly string[],
  fields: readonly F[],
  aliases: Record<F, readonly string[]>,
): (F | null)[] {
  const taken = new Set<F>();
  const keys = headers.map(headerKey);
  const guess = keys.map((key) => {
    const field = fields.find((candidate) => !taken.has(candidate) && (aliases[candidate].includes(key) || spanishHeaders[candidate].includes(key)));
    if (field === undefined) return null;
    taken.add(field);
    return field;
  });
  const bareName = guess.findIndex((field, column) => field === 'name' && ['name', 'nombre'].includes(keys[column] as string));
  if (bareName >= 0 && taken.has('lastName' as F) && !taken.has('firstName' as F)) guess[bareName] = 'firstName' as F;
  return guess;
}

/** The guessed field of each column of a clients file. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  return guessFields(headers, importFields, headerAliases);
}

/**
 * Why a mapping cannot be imported: a key of the `import` catalogue's `mappingProblems`, said in
 * the shop's language where it is shown (the import screen), like the screen's other words.
 */
export const mappingProblems = [
  'sameField',
  'noName',
  'notForClients',
  'notForAppointments',
  'noService',
  'noStaff',
  'noDate',
  'noStartTime',
  'columnsChanged',
] as const;
export type MappingProblem = (typeof mappingProblems)[number];

/** A mapping that fills no name is no mapping: say so in words before any row is read. */
export function mappingProblem(mapping: ImportMapping): MappingProblem | null {
  const fields = mapping.filter((field): field is ImportField => field !== null);
  if (new Set(fields).size !== fields.length) return 'sameField';
  if (!fields.includes('name') && !fields.includes('firstName') && !fields.includes('lastName')) return 'noName';
  return null;
}

/**
 * Future appointments from another tool (Fresha, Square, Booksy, Vagaro …): who the client is,
 * which service with whom, and when. The client is found by phone or e-mail (else by name) or
 * added; the service and the staff member are found by name.
 */
export const appointmentImportFields = ['name', 'firstName', 'lastName', 'phone', 'email', 'service', 'staff', 'date', 'startTime', 'duration', 'notes'] as const;
export type AppointmentImportField = (typeof appointmentImportFields)[number];

/** A column's field for either kind of import (which fields a kind takes is checked with the kind). */
export const anyImportFieldSchema = z.enum([...new Set([...importFields, ...appointmentImportFields])] as [ImportField | AppointmentImportField, ...(ImportField | AppointmentImportField)[]]);
export const anyImportMappingSchema = z.array(anyImportFieldSchema.nullable()).max(500);
export type AnyImportMapping = z.infer<typeof anyImportMappingSchema>;

const appointmentAliases: Record<AppointmentImportField, readonly string[]> = {
  name: ['client', 'clientname', 'customer', 'customername', 'name', 'fullname', 'guest', 'guestname'],
  firstName: ['clientfirstname', 'customerfirstname', 'firstname', 'givenname'],
  lastName: ['clientlastname', 'customerlastname', 'lastname', 'surname', 'familyname'],
  phone: [...headerAliases.phone, 'clientphone', 'clientmobile', 'customerphone', 'clientphonenumber', 'customerphonenumber', 'clientmobilenumber'],
  email: [...headerAliases.email, 'clientemailaddress', 'customeremailaddress'],
  service: ['service', 'servicename', 'services', 'treatment', 'treatmentname', 'item', 'appointmenttype'],
  staff: ['staff', 'staffmember', 'teammember', 'employee', 'provider', 'stylist', 'therapist', 'with', 'professional', 'staffname', 'resource'],
  date: ['date', 'appointmentdate', 'scheduleddate', 'bookingdate', 'day', 'startdate'],
  startTime: ['time', 'starttime', 'appointmenttime', 'start', 'from', 'scheduledtime', 'bookingtime'],
  duration: ['duration', 'durationmin', 'durationmins', 'durationminutes', 'length', 'minutes', 'mins'],
  notes: ['notes', 'note', 'appointmentnotes', 'bookingnotes', 'comments', 'comment', 'memo'],
};

/** The guessed field of each column of an appointments file. */
export function guessAppointmentMapping(headers: readonly string[]): AnyImportMapping {
  return guessFields(headers, appointmentImportFields, appointmentAliases);
}

/** What an appointments mapping lacks (a key of `mappingProblems`), or null. */
export function appointmentMappingProblem(mapping: AnyImportMapping): MappingProblem | null {
  const fields = mapping.filter((field): field is AppointmentImportField | ImportField => field !== null);
  if (new Set(fields).size !== fields.length) return 'sameField';
  if (fields.some((field) => !(appointmentImportFields as readonly string[]).includes(field))) return 'notForAppointments';
  if (!fields.includes('name') && !fields.includes('firstName') && !fields.includes('lastName')) return 'noName';
  for (const [field, problem] of [['service', 'noService'], ['staff', 'noStaff'], ['date', 'noDate'], ['startTime', 'noStartTime']] as const)
    if (!fields.includes(field)) return problem;
  return null;
}
