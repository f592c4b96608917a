import { describe, expect, it } from 'vitest';
import { opSchemas } from '../../../src-shared/commands';
import { parseOrThrow } from '../../../src-shared/errors';
import { resources } from '../../../src-shared/i18n';
import { formatterOf } from '../../../src-shared/locale/format';
import { fieldError } from '../../../src-shared/registry/planning';
import { hasSayKey, sayIn } from '../../../src-shared/say';
import { refusal } from '../../support/refusal';

/**
 * Issue 15: a refusal carries its words (`say`), so the same refusal reads in English as it always
 * has and in Spanish as a Spanish receptionist would write it, with the shop's formats.
 */

const spanish = formatterOf({ language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' });
const day = [{ open: '09:00', close: '17:00' }];
const week = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };

describe("a refusal's words", () => {
  it('say a validation error of a day of opening hours in Spanish, naming the day, the interval and the field', () => {
    const error = refusal(() =>
      parseOrThrow(opSchemas.settings.update, { openingHours: { ...week, mon: [{ open: '09:00', close: '12:00' }, { open: '18:00', close: '17:00' }] } }),
    );
    expect(error.message).toBe("Monday's opening hours, second interval: closing time must be after the opening time.");
    expect(sayIn(error.say!, 'es', spanish)).toBe('Horario de apertura del lunes, segundo intervalo, hora de cierre: debe ser posterior a la hora de apertura.');
  });

  it("say a day's missing hours, and a schema's own problem with its number", () => {
    const { tue: _tue, ...withoutTuesday } = week;
    const missing = refusal(() => parseOrThrow(opSchemas.settings.update, { openingHours: withoutTuesday }));
    expect(missing.message).toBe("Tuesday's opening hours are missing.");
    expect(sayIn(missing.say!, 'es', spanish)).toBe('Horario de apertura del martes: falta.');
    const long = refusal(() => parseOrThrow(opSchemas.client.create, { idempotencyKey: 'a-key-long-enough', name: 'x'.repeat(500) }));
    expect(long.message).toMatch(/^Name must be at most \d+ characters\.$/);
    expect(sayIn(long.say!, 'es', spanish)).toMatch(/^Nombre: debe tener como máximo \d+ caracteres\.$/);
  });

  it("say a planner's field problem with the field's name and a person's name", () => {
    const error = refusal(() => fieldError('staffId', 'planning.staffInactive', { name: 'Priya' }));
    expect(error.message).toBe('Staff: Priya is not active.');
    expect(sayIn(error.say!, 'es', spanish)).toBe('Profesional: Priya no está en activo.');
    expect(error.details).toEqual({ field: 'staffId', issues: [{ field: 'staffId', problem: 'Priya is not active' }] });
  });

  it('every problem that says "is" has its "are" form, so a day\'s hours read as many', () => {
    const problems = resources.en.errors.problems as Record<string, string>;
    for (const [key, english] of Object.entries(problems)) {
      if (!english.startsWith('is ') || key.endsWith('Many')) continue;
      expect(hasSayKey(`problems.${key}Many`), key).toBe(true);
      expect(problems[`${key}Many`]).toBe(english.replace(/^is /, 'are '));
    }
  });
});
