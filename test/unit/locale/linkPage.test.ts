import { describe, expect, it } from 'vitest';
import { askPage, notePage } from '../../../server/links/page';

const booking = {
  shopName: 'Estudio Sol',
  timeZone: 'Europe/Madrid',
  serviceName: 'Corte',
  staffName: 'Marta',
  startsAt: Date.UTC(2026, 11, 4, 16, 30),
  locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' },
} as const;

describe('the client’s link page in the shop’s language', () => {
  it('shows the booking in Spanish with the shop’s date pattern and clock', () => {
    const html = askPage(booking);
    expect(html).toContain('<html lang="es-ES">');
    for (const words of ['Tu cita en Estudio Sol', 'Servicio', 'viernes 04/12/2026', '17:30', '¿Vienes?', 'Confirmar', 'Cancelar la cita']) expect(html).toContain(words);
    for (const english of ['Your appointment', 'Service', 'Confirm<', 'Friday']) expect(html).not.toContain(english);
  });

  it('says what happened in Spanish, naming the shop', () => {
    expect(notePage('confirmed', booking)).toContain('Estudio Sol ya sabe que vienes');
    expect(notePage('refused', booking, { reason: 'La cita ya ha empezado.' })).toContain('La cita ya ha empezado. Llama al negocio.');
    // Before the shop is known the page speaks English.
    expect(notePage('invalid', null)).toContain('This link does not work');
  });
});
