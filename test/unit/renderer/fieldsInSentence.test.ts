import { afterEach, describe, expect, it } from 'vitest';
import { fieldInSentenceOf, recordFieldNamesIn } from '../../../src-shared/fieldNames';
import { languages } from '../../../src-shared/i18n';
import { showLocale } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';
import { showLanguage } from '../../../src-renderer/i18n';
import { recordLine } from '../../../src-renderer/recordHistoryWording';

/**
 * A history sentence names the field the way its language does inside a sentence: Spanish with
 * the article of the field's gender and number ("el teléfono", "la hora", "las notas"), and a verb
 * that agrees with a plural field when the field is the subject ("las notas vuelven a ser…").
 */

const lookup = { staff: new Map<string, string>(), services: new Map<string, string>(), zone: 'Europe/London' };
type Kind = 'client' | 'staff' | 'service' | 'settings';
const event = (type: `${Kind}.${string}`, before: Record<string, unknown>, after: Record<string, unknown>, undoesEventType: string | null = null) => ({
  type,
  entityType: type.split('.')[0] as Kind,
  undoesEventType,
  before,
  after,
  actorStaffId: 'sam',
  actorName: 'Sam Taylor',
});

function inSpanish() {
  showLocale({ ...DEFAULT_LOCALE, language: 'es' });
  showLanguage('es');
}

afterEach(() => {
  showLocale(DEFAULT_LOCALE);
  showLanguage('en');
});

describe('every field has one name for sentences, in every language', () => {
  it.each(languages)('%s names each record field once, singular or plural', (language) => {
    for (const field of Object.keys(recordFieldNamesIn(language))) {
      const named = fieldInSentenceOf(field, language);
      expect(named, `${language} ${field}`).toBeDefined();
      expect(named?.name.trim(), `${language} ${field}`).not.toBe('');
    }
  });

  it('gives Spanish names their article, of the right gender and number', () => {
    expect(fieldInSentenceOf('phone', 'es')).toEqual({ name: 'el teléfono', plural: false });
    expect(fieldInSentenceOf('startsAt', 'es')).toEqual({ name: 'la hora de inicio', plural: false });
    expect(fieldInSentenceOf('notes', 'es')).toEqual({ name: 'las notas', plural: true });
    expect(fieldInSentenceOf('attempts', 'es')).toEqual({ name: 'los intentos', plural: true });
    // A language's own number: English hours are plural, the Spanish "horario" is not.
    expect(fieldInSentenceOf('openingHours', 'en')).toEqual({ name: 'opening hours', plural: true });
    expect(fieldInSentenceOf('openingHours', 'es')).toEqual({ name: 'el horario de apertura', plural: false });
    expect(fieldInSentenceOf('noSuchField', 'es')).toBeUndefined();
  });
});

describe('a record history sentence in Spanish', () => {
  it('names a masculine, a feminine and a plural field with their article', () => {
    inSpanish();
    expect(recordLine(event('client.update', { phone: '07700 900001' }, { phone: '07700 900002' }), null, 'Zoë Smith', lookup).headline).toBe(
      'Sam Taylor cambió el teléfono de Zoë Smith de 07700 900001 a 07700 900002',
    );
    expect(recordLine(event('service.update', { durationMin: 30 }, { durationMin: 45 }), null, 'Corte', lookup).headline).toBe(
      'Sam Taylor cambió la duración de Corte de 30 min a 45 min',
    );
    expect(recordLine(event('client.update', { notes: 'rizos' }, { notes: 'liso' }), null, 'Zoë Smith', lookup).headline).toBe(
      'Sam Taylor cambió las notas de Zoë Smith de rizos a liso',
    );
    expect(recordLine(event('settings.update', { shopName: 'A' }, { shopName: 'B' }), null, 'los ajustes del salón', lookup).headline).toBe(
      'Sam Taylor cambió el nombre del salón de A a B',
    );
  });

  it('makes the verb agree with a plural field, and says "tú" to the person at the desk', () => {
    inSpanish();
    const undone = (field: string) =>
      recordLine(event('client.undo', { [field]: 'liso' }, { [field]: 'rizos' }, 'client.update'), 'sam', 'Zoë Smith', lookup).headline;
    expect(undone('notes')).toBe('Sam Taylor (tú) deshizo un cambio: las notas de Zoë Smith vuelven a ser rizos');
    expect(undone('phone')).toBe('Sam Taylor (tú) deshizo un cambio: el teléfono de Zoë Smith vuelve a ser rizos');
    expect(recordLine(event('client.update', { allergies: 'látex' }, { allergies: null }), null, 'Zoë Smith', lookup).headline).toBe(
      'Sam Taylor quitó las alergias de Zoë Smith (eran látex)',
    );
    const several = recordLine(event('client.update', { phone: '1', email: null }, { phone: '2', email: 'zoe@example.com' }), null, 'Zoë Smith', lookup);
    expect(several.details).toEqual(['Cambió el teléfono de Zoë Smith de 1 a 2', 'Añadió el correo electrónico de Zoë Smith: zoe@example.com']);
  });
});

describe('the same sentences in English', () => {
  it('keeps "Zoë Smith\'s phone" and makes the verb agree with a plural field', () => {
    expect(recordLine(event('client.update', { phone: '1' }, { phone: '2' }), null, 'Zoë Smith', lookup).headline).toBe(
      "Sam Taylor changed Zoë Smith's phone from 1 to 2",
    );
    expect(recordLine(event('client.update', { notes: 'curly' }, { notes: 'straight' }), null, 'Zoë Smith', lookup).headline).toBe(
      "Sam Taylor changed Zoë Smith's notes from curly to straight",
    );
    expect(recordLine(event('client.undo', { notes: 'straight' }, { notes: 'curly' }, 'client.update'), 'sam', 'Zoë Smith', lookup).headline).toBe(
      "You undid a change: Zoë Smith's notes are curly again",
    );
    expect(recordLine(event('client.undo', { phone: '2' }, { phone: '1' }, 'client.update'), 'sam', 'Zoë Smith', lookup).headline).toBe(
      "You undid a change: Zoë Smith's phone is 1 again",
    );
    expect(recordLine(event('client.update', { allergies: 'latex' }, { allergies: null }), null, 'Zoë Smith', lookup).headline).toBe(
      "Sam Taylor removed Zoë Smith's allergies (they were latex)",
    );
    expect(recordLine(event('settings.update', { openingHours: {} }, { openingHours: { mon: [] } }), null, 'the shop settings', lookup).headline).toBe(
      'Sam Taylor changed the opening hours',
    );
  });
});
