import { describe, expect, it } from 'vitest';
import type { Appointment, Product, Service } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import { languages, resources } from '../../../src-shared/i18n';
import { sayIn } from '../../../src-shared/say';
import { stockFollowUps } from '../../../src-shared/stock/followUps';
import { knownUnitOf, unitsIn } from '../../../src-shared/stock/unitWords';

/**
 * A count of a product's unit follows its language's plural: the catalogue's units by the
 * catalogue's forms ("botella" → "botellas", "unidad" → "unidades"), a unit only the shop knows
 * exactly as typed, never pluralised by English rules ("unidads", "3 mls").
 */

describe('a count of a known unit', () => {
  it('is said by English plurals in English', () => {
    expect(unitsIn(1, 'tube', 'en')).toBe('1 tube');
    expect(unitsIn(3, 'tube', 'en')).toBe('3 tubes');
    expect(unitsIn(0, 'bottle', 'en')).toBe('0 bottles');
    expect(unitsIn(2, 'box', 'en')).toBe('2 boxes');
  });

  it('is said by Spanish plurals in Spanish, whichever language the shop typed it in', () => {
    expect(unitsIn(1, 'botella', 'es')).toBe('1 botella');
    expect(unitsIn(2, 'botella', 'es')).toBe('2 botellas');
    expect(unitsIn(3, 'tubo', 'es')).toBe('3 tubos');
    expect(unitsIn(4, 'unidad', 'es')).toBe('4 unidades');
    expect(unitsIn(0, 'par', 'es')).toBe('0 pares');
    expect(unitsIn(3, 'tube', 'es')).toBe('3 tubos');
    expect(unitsIn(3, 'Tubos', 'en')).toBe('3 tubes');
    // Spanish's third form: "un millón de tubos".
    expect(unitsIn(1_000_000, 'tubo', 'es')).toBe('1000000 de tubos');
  });

  it('knows each spelling as one unit only, in every language', () => {
    const seen = new Map<string, string>();
    for (const language of languages) {
      for (const [key, text] of Object.entries(resources[language].words.units as Record<string, string>)) {
        const form = /_(one|other)$/.exec(key);
        if (form === null) continue;
        const unit = key.slice(0, form.index);
        const spelling = text.replace('{{count}}', '').trim().toLowerCase();
        expect(seen.get(spelling) ?? unit, `${language} "${spelling}"`).toBe(unit);
        seen.set(spelling, unit);
        expect(knownUnitOf(spelling)).toBe(unit);
      }
    }
  });
});

describe('a unit only the shop knows', () => {
  it('stays as typed, in either language', () => {
    expect(knownUnitOf('caja grande')).toBeUndefined();
    expect(unitsIn(3, 'caja grande', 'es')).toBe('3 caja grande');
    expect(unitsIn(3, 'ml', 'en')).toBe('3 ml');
    expect(unitsIn(1, 'ml', 'es')).toBe('1 ml');
  });
});

describe('a refusal for too little stock', () => {
  const product = { id: 'p1', name: 'Colour 6N', unit: 'tube' } as unknown as Product;
  const service = { id: 's1', products: [{ productId: 'p1', quantity: 2 }] } as unknown as Service;
  const after = { id: 'a1', serviceId: 's1', status: 'booked', deletedAt: null, retail: [] } as unknown as Appointment;

  function refusalOf(level: number): AppError {
    try {
      stockFollowUps({ after, service, movements: [], stock: [{ product, level }], allowShortage: false });
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('not refused');
  }

  it('counts what is left in the language it is said in', () => {
    const refusal = refusalOf(1);
    expect(refusal.message).toMatch(/^Only 1 tube of Colour 6N left, and this visit uses 2\./);
    const say = refusal.say;
    if (say === undefined) throw new Error('the refusal has no words');
    expect(sayIn(say, 'es')).toMatch(/^Solo hay 1 tubo de Colour 6N y esta visita usa 2\./);
    expect(sayIn(refusalOf(0).say ?? say, 'es')).toMatch(/^Solo hay 0 tubos de Colour 6N/);
  });
});
