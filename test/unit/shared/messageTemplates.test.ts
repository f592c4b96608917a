import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_SETTINGS, messageChannels, messageKinds } from '../../../src-shared/entities';
import { defaultTemplates, defaultTemplatesIn, renderMessage, smsLength, templateFor, templateProblem, templateValues } from '../../../src-shared/messages/templates';
import { sayIn } from '../../../src-shared/say';

const shop = { shopName: 'Studio Nine', timeZone: 'Europe/London', shopPhone: '020 7946 0018' };
const about = { clientName: 'Ana Silva', serviceName: 'Cut and finish', staffName: 'Priya', startsAt: Date.UTC(2026, 3, 5, 9, 0) };
/** A template's problem in the English the settings screen has always shown (the words are the catalogue's). */
const problemOf = (...args: Parameters<typeof templateProblem>) => {
  const problem = templateProblem(...args);
  return problem === null ? null : sayIn(problem, 'en');
};

describe('message templates (docs/architecture.md §17)', () => {
  it('renders a reminder with the date and time on the shop’s calendar and clock', () => {
    const values = templateValues(about, shop, null);
    const { subject, body } = renderMessage(templateFor(DEFAULT_MESSAGE_SETTINGS, 'reminder', 'sms'), values, 'sms');
    expect(subject).toBeNull();
    // 09:00 UTC is 10:00 in London in summer time.
    expect(body).toBe(
      'Hi Ana, this is a reminder of your Cut and finish with Priya on Sunday 5 April 2026 at 10:00. To change it call 020 7946 0018. Studio Nine',
    );
    const email = renderMessage(templateFor(DEFAULT_MESSAGE_SETTINGS, 'reminder', 'email'), values, 'email');
    expect(email.subject).toBe('Reminder: your Cut and finish on Sunday 5 April 2026 at 10:00');
    // An empty confirmation link (a standalone shop) leaves no hole of blank lines.
    expect(email.body).not.toMatch(/\n{3}/u);
  });

  it('the same instant reads in the shop’s own zone', () => {
    const values = templateValues(about, { ...shop, timeZone: 'America/New_York' }, 'https://shop.example/c/abc');
    expect(values.time).toBe('05:00');
    expect(values.confirmLink).toBe('https://shop.example/c/abc');
  });

  it('refuses an unknown placeholder, naming it and the ones there are', () => {
    expect(problemOf({ body: 'Hi {fristName}, see you {date}.' }, 'sms', shop)).toBe(
      '{fristName} is not a placeholder. Use one of: {firstName}, {service}, {staff}, {date}, {time}, {shopName}, {shopPhone}, {confirmLink}.',
    );
    expect(problemOf({ subject: 'About {when}', body: 'Hi {firstName}' }, 'email', shop)).toMatch(/^\{when\} is not a placeholder/u);
  });

  it('refuses an SMS longer than two segments, with the count; GSM-7 and UCS-2 counted apart', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
    expect(smsLength('€'.repeat(10)).units).toBe(20);
    expect(smsLength('ą'.repeat(134))).toEqual({ encoding: 'UCS-2', units: 134, segments: 2 });
    expect(smsLength('ą'.repeat(135)).segments).toBe(3);
    const long = problemOf({ body: 'x'.repeat(320) }, 'sms', shop);
    expect(long).toContain('about 320 characters');
    expect(long).toContain('more than 306');
    const emoji = problemOf({ body: `Hi {firstName} 💇 ${'y'.repeat(120)}` }, 'sms', shop);
    expect(emoji).toContain('more than 134');
    // The same length by e-mail is fine.
    expect(problemOf({ subject: 'Hello', body: 'x'.repeat(320) }, 'email', shop)).toBeNull();
  });

  it('every default template can be saved', () => {
    for (const kind of messageKinds)
      for (const channel of messageChannels) expect(problemOf(defaultTemplates[kind][channel], channel, shop), `${kind} ${channel}`).toBeNull();
  });
});

describe('messages in the shop’s language and formats', () => {
  const spanish = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' } as const;
  const madrid = { shopName: 'Estudio Sol', timeZone: 'Europe/Madrid', shopPhone: '+34 912 345 678', locale: spanish };
  const booking = { clientName: 'Lucía Gómez', serviceName: 'Corte', staffName: 'Marta', startsAt: Date.UTC(2026, 11, 4, 16, 30) };

  it('fills {date} and {time} in Spanish with the shop’s pattern and clock, in the Spanish default text', () => {
    const { body } = renderMessage(templateFor(DEFAULT_MESSAGE_SETTINGS, 'reminder', 'sms', 'es'), templateValues(booking, madrid, null), 'sms');
    expect(body).toBe('Hola Lucía, te recordamos tu cita de Corte con Marta el viernes 04/12/2026 a las 17:30. Para cambiarla llama al +34 912 345 678. Estudio Sol');
  });

  it('follows a 12-hour clock', () => {
    const values = templateValues(booking, { ...madrid, locale: { ...spanish, language: 'en', clock: '12h' } }, null);
    expect(values.time).toBe('5:30 pm'); // British English writes a 12-hour clock in lower case
    expect(values.date).toBe('Friday 04/12/2026');
  });

  it('every Spanish default can be saved', () => {
    for (const kind of messageKinds) for (const channel of messageChannels) expect(problemOf(defaultTemplatesIn('es')[kind][channel], channel, madrid), `${kind} ${channel}`).toBeNull();
  });
});
