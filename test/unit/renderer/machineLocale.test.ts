import { describe, expect, it } from 'vitest';
import { machineLanguage, newShopLocale } from '../../../src-renderer/machineLocale';

describe('the language of a desk with no shop yet', () => {
  it('is the first of the browser’s languages that CareDesk speaks, whatever its region', () => {
    expect(machineLanguage(['es-ES', 'en-GB'], 'Europe/London')).toBe('es');
    expect(machineLanguage(['fr-FR', 'es-MX', 'en'], 'Europe/London')).toBe('es');
    expect(machineLanguage(['en-US', 'es'], 'Europe/Madrid')).toBe('en');
    expect(machineLanguage(['ES'], 'America/New_York')).toBe('es');
  });

  it('is the zone country’s language when the browser speaks none of CareDesk’s', () => {
    expect(machineLanguage(['fr-FR', 'de'], 'Europe/Madrid')).toBe('es');
    expect(machineLanguage([], 'America/Mexico_City')).toBe('es');
  });

  it('is English when neither the browser nor the zone says otherwise', () => {
    expect(machineLanguage(['fr-FR'], 'Europe/Paris')).toBe('en');
    expect(machineLanguage([], 'Not/AZone')).toBe('en');
  });
});

describe('a new shop’s locale', () => {
  it('speaks the chosen language with the formats of the zone’s country', () => {
    expect(newShopLocale('es', 'Europe/London')).toEqual({
      language: 'es',
      dateFormat: 'd MMM yyyy',
      clock: '24h',
      weekStart: 1,
      currency: 'GBP',
    });
    expect(newShopLocale('en', 'Europe/Madrid')).toEqual({
      language: 'en',
      dateFormat: 'dd/MM/yyyy',
      clock: '24h',
      weekStart: 1,
      currency: 'EUR',
    });
  });
});
