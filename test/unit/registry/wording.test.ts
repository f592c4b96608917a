import { describe, expect, it } from 'vitest';
import { entityTypes } from '../../../src-shared/entities';
import { languages, resources } from '../../../src-shared/i18n';
import { declaredOps, eventLabelsIn, nounOf, wordingOf } from '../../../src-shared/registry';

/** The registry's words in the catalogue: English exactly as the ops declare it, Spanish for every op, each kind named in both. */
describe('registry wording', () => {
  it('the English catalogue says exactly what each op declares', () => {
    for (const { entityType, op, declaration } of declaredOps()) {
      const { alone: _alone, automatic: _automatic, ...words } = declaration.wording;
      expect({ type: `${entityType}.${op}`, words: resources.en.registry.ops[entityType][op as never] }).toEqual({ type: `${entityType}.${op}`, words });
    }
  });

  it('every kind of record is named in every language', () => {
    for (const language of languages) {
      for (const entityType of entityTypes) {
        const words: Partial<Record<string, string>> = resources[language].registry.kinds[entityType];
        for (const form of ['noun', 'aNoun', 'title', 'theNoun']) expect(words[form]?.trim(), `${language}: ${entityType} ${form}`).toBeTruthy();
      }
    }
  });

  it('reads in the language asked for, undo included', () => {
    expect(wordingOf('appointment.cancel', 'en')).toMatchObject({ label: 'Appointment cancelled', verb: 'cancelled', name: 'cancellation', alone: true });
    expect(wordingOf('appointment.cancel', 'es')).toMatchObject({ label: 'Cita cancelada', verb: 'canceló', name: 'la cancelación', alone: true });
    expect(wordingOf('client.undo', 'en')?.label).toBe('Client change undone');
    expect(wordingOf('client.undo', 'es')?.label).toBe('Cliente: cambio deshecho');
    expect(nounOf('staff', 'es')).toBe('miembro del equipo');
    expect(eventLabelsIn('es')['walkIn.seat']).toBe('Cliente sin cita atendido');
  });
});
