import { describe, expect, it } from 'vitest';
import { formPage, formProblem } from '../../../server/links/formPage';
import { formNotePage } from '../../../server/links/page';
import type { FormField } from '../../../src-shared/entities';

/** The client's form link page (/f/<token>, docs/architecture.md §27) speaks the shop's language and formats. */

const booking = {
  shopName: 'Estudio Sol',
  timeZone: 'Europe/Madrid',
  serviceName: 'Color',
  staffName: 'Marta',
  startsAt: Date.UTC(2026, 11, 4, 16, 30),
  locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' },
} as const;
const english = { ...booking, shopName: 'Studio Sun', locale: { language: 'en', dateFormat: 'd MMM yyyy', clock: '12h', weekStart: 1, currency: 'GBP' } } as const;

const fields: FormField[] = [
  { key: 'reaction', label: '¿Has tenido reacción a un tinte?', kind: 'yesNo', required: true, choices: [] },
  { key: 'tested', label: 'Fecha de la prueba', kind: 'date', required: true, choices: [] },
];
const template = { name: 'Consentimiento de prueba', fields };

describe('the client’s form link page in the shop’s language', () => {
  it('asks in Spanish, with the booking in the shop’s date pattern and clock', () => {
    const html = formPage(template, booking);
    expect(html).toContain('<html lang="es-ES">');
    for (const words of ['Estudio Sol te pide que rellenes este formulario', 'Servicio', 'viernes 04/12/2026', '17:30', '> Sí</label>', '> No</label>', 'Tu nombre completo, como firma', 'Firmar y enviar']) {
      expect(html).toContain(words);
    }
    for (const word of ['asks you to fill in', 'Yes', 'Your full name', 'Sign and send', 'Friday']) expect(html).not.toContain(word);
  });

  it('says in Spanish what to correct: a missing answer, a blank signature; anything else in the rules’ words', () => {
    const given = { tested: '2026-11-20', signedName: '' };
    expect(formProblem(template, booking, 'answers.reaction', given, '“¿Has tenido…” needs an answer before the form is signed.')).toBe(
      '«¿Has tenido reacción a un tinte?» necesita una respuesta antes de firmar el formulario.',
    );
    expect(formProblem(template, booking, 'signedName', { ...given, reaction: 'no' }, 'Type the client’s full name to sign the form.')).toBe(
      'Escribe tu nombre completo para firmar el formulario.',
    );
    expect(formProblem(template, booking, 'answers.tested', given, '“Fecha de la prueba”: give a date.')).toBe('“Fecha de la prueba”: give a date.');
    expect(formPage(template, booking, given, 'Escribe tu nombre completo para firmar el formulario.')).toContain(
      '<p role="alert"><strong>Escribe tu nombre completo para firmar el formulario.</strong></p>',
    );
  });

  it('tells the client what happened in Spanish, naming the shop, the form and who signed', () => {
    expect(formNotePage('signed', booking, { form: template.name })).toContain('Estudio Sol ya tiene tu Consentimiento de prueba firmado.');
    expect(formNotePage('alreadySigned', booking, { name: 'Lucía Gómez' })).toContain('Gracias: Estudio Sol ya tiene este formulario, firmado por Lucía Gómez.');
    expect(formNotePage('tooLong', booking)).toContain('<h1>Demasiado largo</h1>');
  });

  it('keeps English for an English shop (12-hour clock) and before the link names a shop', () => {
    const html = formPage(template, english);
    expect(html).toContain('Studio Sun asks you to fill in this form before your appointment.');
    expect(html).toContain('5:30');
    expect(formNotePage('invalid', null)).toContain('This link does not work');
    expect(formNotePage('expired', null)).toContain('Form links work until the appointment starts.');
  });
});
