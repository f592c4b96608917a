import { describe, expect, it } from 'vitest';
import { tIn } from '../../../src-shared/i18n';
import { appointmentMappingProblem, guessAppointmentMapping, guessMapping, mappingProblem, mappingProblems } from '../../../src-shared/importMapping';

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

  it.each([
    ['a Spanish sheet', ['Nombre', 'Apellidos', 'Teléfono móvil', 'Correo electrónico', 'Observaciones', 'Alergias'], ['firstName', 'lastName', 'phone', 'email', 'notes', 'allergies']],
    ['a Spanish sheet with one name column', ['Nombre y apellidos', 'Teléfono', 'Email', 'Preferencias'], ['name', 'phone', 'email', 'preferences']],
    ['a bare Nombre is the whole name', ['Nombre', 'Móvil', 'Notas'], ['name', 'phone', 'notes']],
    ['an English Name beside a Surname', ['Name', 'Surname', 'Mobile'], ['firstName', 'lastName', 'phone']],
  ])('%s', (_sheet, headers, fields) => {
    expect(guessMapping(headers)).toEqual(fields);
  });

  it('reads a Spanish appointments export', () => {
    expect(guessAppointmentMapping(['Cliente', 'Teléfono', 'Servicio', 'Profesional', 'Fecha', 'Hora', 'Duración', 'Notas'])).toEqual([
      'name',
      'phone',
      'service',
      'staff',
      'date',
      'startTime',
      'duration',
      'notes',
    ]);
  });

  it('gives each field to the first column that names it and leaves unknown columns out', () => {
    expect(guessMapping(['Mobile', 'Home Phone', 'Loyalty points', ' Téléphone '])).toEqual(['phone', null, null, null]);
  });
});

/** What the import screen says of a mapping it cannot import: a key, said there in the shop's language. */
const said = (language: 'en' | 'es', problem: string | null) => (problem === null ? null : tIn(language, 'import')(`mappingProblems.${problem as (typeof mappingProblems)[number]}`));

describe('a mapping that cannot be imported', () => {
  it('names what a clients mapping lacks: a name, or one column per field', () => {
    expect(mappingProblem(['phone', 'email'])).toBe('noName');
    expect(mappingProblem(['name', 'phone', 'phone'])).toBe('sameField');
    expect(mappingProblem(['firstName', null])).toBeNull();
    expect(mappingProblem(['lastName', 'phone'])).toBeNull();
  });

  it('names what an appointments mapping lacks, one field after another', () => {
    expect(appointmentMappingProblem(['name', 'service', 'staff', 'date', 'startTime'])).toBeNull();
    expect(appointmentMappingProblem(['phone', 'service', 'staff', 'date', 'startTime'])).toBe('noName');
    expect(appointmentMappingProblem(['name', 'staff', 'date', 'startTime'])).toBe('noService');
    expect(appointmentMappingProblem(['name', 'service', 'date', 'startTime'])).toBe('noStaff');
    expect(appointmentMappingProblem(['name', 'service', 'staff', 'startTime'])).toBe('noDate');
    expect(appointmentMappingProblem(['name', 'service', 'staff', 'date'])).toBe('noStartTime');
    expect(appointmentMappingProblem(['name', 'service', 'staff', 'date', 'startTime', 'allergies'])).toBe('notForAppointments');
    expect(appointmentMappingProblem(['name', 'date', 'date'])).toBe('sameField');
  });

  it('is said in the shop’s language: Spanish for a Spanish shop, English for an English one', () => {
    expect(said('es', mappingProblem(['phone', 'email']))).toBe('Elige la columna que lleva el nombre del cliente (o el nombre de pila y los apellidos).');
    expect(said('es', mappingProblem(['name', 'phone', 'phone']))).toBe('Dos columnas rellenan el mismo campo. Elige cada campo para una sola columna.');
    expect(said('es', appointmentMappingProblem(['name', 'service', 'date', 'startTime']))).toBe('Elige la columna que lleva el profesional de la cita (miembro del equipo).');
    expect(said('es', appointmentMappingProblem(['name', 'service', 'staff', 'date']))).toBe('Elige la columna que lleva la hora de inicio de la cita.');
    expect(said('en', mappingProblem(['phone', 'email']))).toBe('Choose the column that holds the client’s name (or first and last name).');
    expect(said('en', appointmentMappingProblem(['name', 'staff', 'date', 'startTime']))).toBe('Choose the column that holds the appointment’s service.');
  });

  it('has a sentence of its own in each language for every problem (none falls back to English)', () => {
    for (const problem of mappingProblems) {
      const english = said('en', problem);
      const spanish = said('es', problem);
      expect(english, problem).toMatch(/^[A-Z].*\.$/u);
      expect(spanish, problem).toMatch(/^[A-ZÁÉÍÓÚ].*\.$/u);
      expect(spanish, problem).not.toBe(english);
    }
  });
});
